import { IResource } from 'aws-cdk-lib';

/**
 * An Image Builder component: a build or test document that recipes run.
 */
export interface IComponent extends IResource {
  /**
   * The component's ARN, with a version (`1.0.0`, `x.x.x` wildcards, or a build `1.0.0/1`).
   *
   * @attribute
   */
  readonly componentArn: string;
}
