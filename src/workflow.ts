import { IResource } from 'aws-cdk-lib';

/** The kind of an Image Builder workflow. */
export enum WorkflowType {
  /** Builds the image. */
  BUILD = 'BUILD',
  /** Tests the image. */
  TEST = 'TEST',
  /** Distributes the image. */
  DISTRIBUTION = 'DISTRIBUTION',
}

/**
 * An Image Builder workflow: the build, test or distribution steps of an image build.
 */
export interface IWorkflow extends IResource {
  /**
   * The workflow's ARN, with a version (`1.0.0`, `x.x.x` wildcards, or a build `1.0.0/1`).
   *
   * @attribute
   */
  readonly workflowArn: string;

  /** Whether this is a build, test or distribution workflow. */
  readonly workflowType: WorkflowType;
}
