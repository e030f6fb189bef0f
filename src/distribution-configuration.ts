import { IResource } from 'aws-cdk-lib';

/**
 * An Image Builder distribution configuration: where built images are copied and shared.
 */
export interface IDistributionConfiguration extends IResource {
  /**
   * The distribution configuration's ARN.
   *
   * @attribute
   */
  readonly distributionConfigurationArn: string;

  /**
   * The distribution configuration's name.
   *
   * @attribute
   */
  readonly distributionConfigurationName: string;
}
