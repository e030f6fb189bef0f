import { aws_events as events, aws_iam as iam, aws_imagebuilder as imagebuilder, IResource } from 'aws-cdk-lib';
import { IDistributionConfiguration } from './distribution-configuration';
import { IInfrastructureConfiguration } from './infrastructure-configuration';
import { IRecipe } from './recipe';
import { WorkflowConfiguration } from './workflow';

// The interface of an image pipeline, apart from the class: an `Image` built from a pipeline
// knows the pipeline by it, and the pipeline creates such images (`buildOnDeploy`).

/**
 * An Image Builder image pipeline: builds, tests and distributes images from a recipe, on a
 * schedule or on demand.
 */
export interface IImagePipeline extends IResource, imagebuilder.IImagePipelineRef {
  /**
   * The pipeline's ARN (`arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/my-pipeline`).
   *
   * @attribute
   */
  readonly imagePipelineArn: string;

  /**
   * The pipeline's name.
   *
   * @attribute
   */
  readonly imagePipelineName: string;

  /**
   * The pipeline's deployment ID (its `DeploymentId` attribute), which changes whenever a
   * deployment changes the pipeline: an `Image` built from the pipeline with
   * `rebuildOnPipelineUpdate` builds again when it changes. Undefined for a pipeline imported
   * without it.
   *
   * @attribute
   */
  readonly deploymentId?: string;

  /**
   * The recipe the pipeline builds, when known: a pipeline of this app, or one imported with
   * its recipe; undefined otherwise.
   */
  readonly recipe?: IRecipe;

  /**
   * The infrastructure configuration the images are built on, when known (a pipeline of this
   * app: given or created); undefined for an imported pipeline.
   */
  readonly infrastructureConfiguration?: IInfrastructureConfiguration;

  /**
   * The distribution configuration of the images; undefined when the pipeline distributes
   * nothing, or when not known (an imported pipeline, see `ImagePipeline.isImagePipeline`).
   */
  readonly distributionConfiguration?: IDistributionConfiguration;

  /**
   * The workflows the pipeline runs, which an image built on deploy from it runs too, when
   * known (a pipeline of this app: an empty list when it gives none); undefined for an imported
   * pipeline.
   */
  readonly workflows?: WorkflowConfiguration[];

  /**
   * Grants permission to start a build of this pipeline (`imagebuilder:StartImagePipelineExecution`).
   */
  grantStartExecution(grantee: iam.IGrantable): iam.Grant;

  /**
   * Grants permission to read this pipeline and list the images it built.
   */
  grantRead(grantee: iam.IGrantable): iam.Grant;

  /**
   * Grants the given Image Builder actions on this pipeline.
   */
  grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant;

  /**
   * An EventBridge rule for the Image Builder events that name this pipeline in their
   * `resources`: `EC2 Image Builder CVE Detected` and
   * `EC2 Image Builder Image Pipeline Automatically Disabled`.
   */
  onEvent(id: string, options?: events.OnEventOptions): events.Rule;

  /**
   * An EventBridge rule for the state changes of the images this pipeline builds
   * (`EC2 Image Builder Image State Change`).
   */
  onImageBuildStateChange(id: string, options?: events.OnEventOptions): events.Rule;

  /** An EventBridge rule for the images of this pipeline that become `AVAILABLE`. */
  onImageBuildSucceeded(id: string, options?: events.OnEventOptions): events.Rule;

  /** An EventBridge rule for the images of this pipeline that fail (`FAILED`). */
  onImageBuildFailed(id: string, options?: events.OnEventOptions): events.Rule;

  /**
   * An EventBridge rule for the automatic disabling of this pipeline after consecutive failed
   * scheduled runs (`EC2 Image Builder Image Pipeline Automatically Disabled`).
   */
  onPipelineAutoDisabled(id: string, options?: events.OnEventOptions): events.Rule;

  /**
   * An EventBridge rule for the scan results of this pipeline's images
   * (`EC2 Image Builder CVE Detected`).
   */
  onCveDetected(id: string, options?: events.OnEventOptions): events.Rule;
}
