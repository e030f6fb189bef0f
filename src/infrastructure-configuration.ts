import { IResource } from 'aws-cdk-lib';

/**
 * An Image Builder infrastructure configuration: the instances that build and test images.
 */
export interface IInfrastructureConfiguration extends IResource {
  /**
   * The infrastructure configuration's ARN.
   *
   * @attribute
   */
  readonly infrastructureConfigurationArn: string;

  /**
   * The infrastructure configuration's name.
   *
   * @attribute
   */
  readonly infrastructureConfigurationName: string;
}
