import {
  Annotations,
  Arn,
  ArnFormat,
  CfnResource,
  aws_events as events,
  aws_iam as iam,
  aws_imagebuilder as imagebuilder,
  aws_logs as logs,
  Resource,
  Stack,
} from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { ContainerRecipe } from './container-recipe';
import { IDistributionConfiguration } from './distribution-configuration';
import { BuildOnDeployOptions, Image, ImageSource } from './image';
import { ImageBuildOptions } from './image-build';
import { IImagePipeline } from './image-pipeline-interface';
import { ImageRecipe } from './image-recipe';
import { IInfrastructureConfiguration, InfrastructureConfiguration } from './infrastructure-configuration';
import { ImageRetentionOptions, LifecyclePolicy, LifecycleRule, LifecycleSelection } from './lifecycle-policy';
import { PipelineExecutionStartCondition, PipelineSchedule } from './pipeline-schedule';
import { BuildSettings } from './private/compose/build-settings';
import { LIMITS } from './private/core/api-constraints';
import { arnPathPart, imageBuilderArn, ownResourceName } from './private/core/arns';
import { brand, hasBrand } from './private/core/brands';
import { throwValidationError } from './private/core/errors';
import { lookupResource } from './private/core/lookup';
import { renderTagMap, Validator } from './private/core/validation';
import { grantOnResource } from './private/iam/grants';
import { IRecipe, RecipeType } from './recipe';
import { WorkflowConfiguration } from './workflow';

/** The `detail-type` of the events Image Builder sends to EventBridge. */
const EVENT_DETAIL_TYPES = {
  imageStateChange: 'EC2 Image Builder Image State Change',
  cveDetected: 'EC2 Image Builder CVE Detected',
  pipelineAutoDisabled: 'EC2 Image Builder Image Pipeline Automatically Disabled',
} as const;

/**
 * The permissions on an image pipeline, scoped to its ARN.
 */
export class ImagePipelineGrants {
  /** The grants of the given pipeline. */
  public static fromImagePipeline(pipeline: IImagePipeline): ImagePipelineGrants {
    return new ImagePipelineGrants(pipeline);
  }

  private constructor(private readonly pipeline: IImagePipeline) {}

  /**
   * Grants the given Image Builder actions (for example `imagebuilder:UpdateImagePipeline`) on
   * this pipeline.
   */
  public actions(grantee: iam.IGrantable, ...actions: string[]): iam.Grant {
    return grantOnResource(grantee, this.pipeline.imagePipelineArn, actions);
  }

  /** Grants permission to start a build of this pipeline. */
  public startExecution(grantee: iam.IGrantable): iam.Grant {
    return this.actions(grantee, 'imagebuilder:StartImagePipelineExecution');
  }

  /**
   * Grants permission to read this pipeline (`imagebuilder:GetImagePipeline`) and list the
   * images it built (`imagebuilder:ListImagePipelineImages`).
   */
  public read(grantee: iam.IGrantable): iam.Grant {
    return this.actions(grantee, 'imagebuilder:GetImagePipeline', 'imagebuilder:ListImagePipelineImages');
  }
}

/** Attributes of an image pipeline defined outside this app. */
export interface ImagePipelineAttributes {
  /**
   * The pipeline's ARN. Give this or `imagePipelineName`.
   *
   * @default - built from `imagePipelineName`, in the stack's account and region
   */
  readonly imagePipelineArn?: string;

  /**
   * The pipeline's name as its ARN holds it (lowercase). Give this or `imagePipelineArn`.
   *
   * @default - read from `imagePipelineArn`
   */
  readonly imagePipelineName?: string;

  /**
   * The recipe the pipeline builds. Image state change events name the image, which takes the
   * recipe's name, not the pipeline: `onImageBuildStateChange` and its variants need it.
   *
   * @default - unknown: the image build event methods throw
   */
  readonly recipe?: IRecipe;

  /**
   * The pipeline's deployment ID (the `DeploymentId` attribute of its CloudFormation resource,
   * for example from another stack's output), needed to build an `Image` from the imported
   * pipeline.
   *
   * @default - unknown: an `Image` can't be built from the imported pipeline
   */
  readonly deploymentId?: string;
}

/** What `ImagePipeline.fromLookup` searches for. */
export interface ImagePipelineLookupOptions {
  /** The pipeline's name, as its ARN holds it (lowercase: `[a-z0-9-_]+`). */
  readonly imagePipelineName: string;

  /**
   * The kind of recipe the pipeline builds: the lookup asks for its `ImageRecipeArn` or its
   * `ContainerRecipeArn`, and the CLI fails a lookup whose pipeline lacks the property asked for.
   *
   * @default RecipeType.IMAGE
   */
  readonly recipeType?: RecipeType;
}

/** Shared behaviour of owned and imported image pipelines. */
abstract class ImagePipelineBase extends Resource implements IImagePipeline {
  public abstract readonly imagePipelineArn: string;

  /** A reference to this image pipeline, where aws-cdk-lib expects one (`IImagePipelineRef`). */
  public get imagePipelineRef(): imagebuilder.ImagePipelineReference {
    return { imagePipelineArn: this.imagePipelineArn };
  }
  public abstract readonly imagePipelineName: string;
  public abstract readonly deploymentId?: string;
  public abstract readonly recipe?: IRecipe;
  public abstract readonly infrastructureConfiguration?: IInfrastructureConfiguration;
  public abstract readonly distributionConfiguration?: IDistributionConfiguration;
  public abstract readonly workflows?: WorkflowConfiguration[];

  /** The permissions on this pipeline. */
  public readonly grants: ImagePipelineGrants = ImagePipelineGrants.fromImagePipeline(this);


  /**
   * Grants permission to start a build of this pipeline.
   * [disable-awslint:no-grants]
   */
  public grantStartExecution(grantee: iam.IGrantable): iam.Grant {
    return this.grants.startExecution(grantee);
  }

  /**
   * Grants permission to read this pipeline and list the images it built.
   * [disable-awslint:no-grants]
   */
  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return this.grants.read(grantee);
  }

  /**
   * Grants the given Image Builder actions on this pipeline.
   * [disable-awslint:no-grants]
   */
  public grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant {
    return this.grants.actions(grantee, ...actions);
  }

  /**
   * An EventBridge rule for the Image Builder events that name this pipeline in their
   * `resources` (the pattern's `resources` is always this pipeline's ARN): `EC2 Image Builder
   * CVE Detected` and `EC2 Image Builder Image Pipeline Automatically Disabled`. Narrow it with
   * `eventPattern.detailType` and `eventPattern.detail`.
   *
   * Image state change events name the image, not the pipeline: use `onImageBuildStateChange`.
   *
   * @see https://docs.aws.amazon.com/imagebuilder/latest/userguide/integ-eventbridge.html
   */
  public onEvent(id: string, options: events.OnEventOptions = {}): events.Rule {
    return this.ruleFor(id, options, [this.imagePipelineArn]);
  }

  /**
   * An EventBridge rule for the state changes of this pipeline's images
   * (`EC2 Image Builder Image State Change`; `detail.state.status` is the new status).
   *
   * The event names only the image, whose ARN is `.../image/<recipe name>/<version>/<build>`:
   * the rule matches the images of this pipeline's recipe (`resources` prefix). Images built from
   * the same recipe by another pipeline, or by `CreateImage`, match too: give each pipeline its
   * own recipe to tell them apart.
   */
  public onImageBuildStateChange(id: string, options: events.OnEventOptions = {}): events.Rule {
    return this.ruleFor(id, {
      ...options,
      eventPattern: { ...options.eventPattern, detailType: [EVENT_DETAIL_TYPES.imageStateChange] },
    }, events.Match.prefix(this.imageArnPrefix('onImageBuildStateChange')));
  }

  /**
   * An EventBridge rule for this pipeline's images that become `AVAILABLE` (see
   * `onImageBuildStateChange` for how images are matched).
   */
  public onImageBuildSucceeded(id: string, options: events.OnEventOptions = {}): events.Rule {
    return this.onImageBuildStateChange(id, withStatus(options, 'AVAILABLE'));
  }

  /**
   * An EventBridge rule for this pipeline's images that fail (`FAILED`; see
   * `onImageBuildStateChange` for how images are matched).
   */
  public onImageBuildFailed(id: string, options: events.OnEventOptions = {}): events.Rule {
    return this.onImageBuildStateChange(id, withStatus(options, 'FAILED'));
  }

  /**
   * An EventBridge rule for the automatic disabling of this pipeline
   * (`EC2 Image Builder Image Pipeline Automatically Disabled`; `detail.consecutive-failures`
   * holds the failure count). Sent only for pipelines with `autoDisableAfterFailures`.
   */
  public onPipelineAutoDisabled(id: string, options: events.OnEventOptions = {}): events.Rule {
    return this.onEvent(id, {
      ...options,
      eventPattern: { ...options.eventPattern, detailType: [EVENT_DETAIL_TYPES.pipelineAutoDisabled] },
    });
  }

  /**
   * An EventBridge rule for the scan results of this pipeline's images
   * (`EC2 Image Builder CVE Detected`; `detail.finding-severity-counts` holds the `critical`,
   * `high`, `medium` and `all` counts). Sent only when image scanning is enabled.
   */
  public onCveDetected(id: string, options: events.OnEventOptions = {}): events.Rule {
    return this.onEvent(id, {
      ...options,
      eventPattern: { ...options.eventPattern, detailType: [EVENT_DETAIL_TYPES.cveDetected] },
    });
  }

  private ruleFor(id: string, options: events.OnEventOptions, resources: string[]): events.Rule {
    const rule = new events.Rule(this, id, {
      description: options.description,
      ruleName: options.ruleName,
      crossStackScope: options.crossStackScope,
      eventPattern: { ...options.eventPattern, source: ['aws.imagebuilder'], resources },
    });
    if (options.target) {
      rule.addTarget(options.target);
    }
    return rule;
  }

  /** `arn:...:image/<recipe name>/`: the start of the ARNs of the images of this pipeline. */
  private imageArnPrefix(method: string): string {
    const recipe = this.recipe;
    if (recipe === undefined) {
      return throwValidationError(this, method, this.imagePipelineArn,
        'needs the recipe of the pipeline (image events name the image, which takes the recipe\'s name): import the pipeline with ImagePipeline.fromImagePipelineAttributes and give recipe');
    }
    const recipeName = arnPathPart(recipe.recipeArn, 1);
    return Stack.of(this).formatArn({
      service: 'imagebuilder',
      region: this.env.region,
      account: this.env.account,
      resource: 'image',
      resourceName: `${recipeName}/`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  }
}

/** The options with `detail.state.status` narrowed to one status. */
function withStatus(options: events.OnEventOptions, status: string): events.OnEventOptions {
  return {
    ...options,
    eventPattern: {
      ...options.eventPattern,
      detail: { ...options.eventPattern?.detail, state: { status: [status] } },
    },
  };
}

/** Properties of an `ImagePipeline`. */
export interface ImagePipelineProps extends ImageBuildOptions {
  /**
   * The recipe the pipeline builds: an image recipe (AMIs) or a container recipe (container
   * images). Exactly one of `ImageRecipeArn` and `ContainerRecipeArn` is rendered, by the
   * recipe's type.
   */
  readonly recipe: IRecipe;

  /**
   * The pipeline's name: 3 to 128 letters, digits, hyphens, underscores and spaces. Its ARN holds
   * it lowercased.
   *
   * @default - a unique lowercase name is generated from the construct path
   */
  readonly imagePipelineName?: string;

  /**
   * The pipeline's description, 1 to 1024 characters.
   *
   * @default - no description
   */
  readonly description?: string;

  /**
   * When the pipeline runs on its own.
   *
   * @default - no schedule: the pipeline runs only when started (console, API, or a principal
   * given `grantStartExecution`)
   */
  readonly schedule?: PipelineSchedule;

  /**
   * Whether the pipeline is enabled (`Status` `ENABLED`). A disabled pipeline does not run on its
   * schedule.
   *
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * Tags of the pipeline itself (1 to 50; keys without the `aws:` prefix).
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };

  /**
   * Tags Image Builder puts on the image resources of the pipeline's scheduled runs (not on the
   * AMI or the container image; for those, see the recipe and distribution configuration).
   * Runs started by hand take the tags of the `StartImagePipelineExecution` request instead.
   *
   * @default - no image tags
   */
  readonly imageTags?: { [key: string]: string };

  /**
   * The log group of the pipeline's runs (why a scheduled run started or was skipped).
   *
   * @default - a log group is created, named
   * `/aws/imagebuilder/pipeline/<unique id>-<stack id part>`: under `/aws/imagebuilder/`, where
   * the service-linked role may write, yet distinct from the group Image Builder would create
   * and from the groups of earlier stacks, so deploying never fails on an existing name
   */
  readonly pipelineLogGroup?: logs.ILogGroup;

  /**
   * Deletes the pipeline's old images with a lifecycle policy, for example `{ keepLast: 5 }`
   * (see `addRetention`).
   *
   * @default - no lifecycle policy: every image, AMI and snapshot is kept
   */
  readonly retention?: ImageRetentionOptions;
}

/**
 * An EC2 Image Builder image pipeline (`AWS::ImageBuilder::ImagePipeline`).
 *
 * It builds images from a recipe on an infrastructure configuration, tests them, scans them,
 * and distributes them, on a schedule or on demand. Defaults: tests, scanning and enhanced
 * metadata on; an infrastructure configuration with secure defaults; two log groups with a
 * finite retention; no execution role unless the pipeline needs one.
 *
 * @resource AWS::ImageBuilder::ImagePipeline
 */
export class ImagePipeline extends ImagePipelineBase {
  /**
   * Whether `x` is an `ImagePipeline` of this library (defined in an app, not imported),
   * whichever copy of the library made it: its recipe, infrastructure configuration,
   * distribution configuration and workflows are known.
   */
  public static isImagePipeline(x: any): x is ImagePipeline {
    return hasBrand(x, 'ImagePipeline');
  }

  /**
   * Imports a pipeline by its ARN
   * (`arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/my-pipeline`).
   */
  public static fromImagePipelineArn(scope: Construct, id: string, imagePipelineArn: string): IImagePipeline {
    return ImagePipeline.fromImagePipelineAttributes(scope, id, { imagePipelineArn });
  }

  /**
   * Imports a pipeline of the stack's account and region by the name its ARN holds (lowercase:
   * `[a-z0-9-_]+`).
   */
  public static fromImagePipelineName(scope: Construct, id: string, imagePipelineName: string): IImagePipeline {
    return ImagePipeline.fromImagePipelineAttributes(scope, id, { imagePipelineName });
  }

  /**
   * Looks up a pipeline of the stack's account and Region at synth, through the CDK CLI's Cloud
   * Control context provider (`AWS::ImageBuilder::ImagePipeline`, read by its ARN), and imports it
   * with the recipe it builds, its infrastructure configuration and its deployment ID, so that
   * grants, the image build event methods and an `Image` built on deploy from it
   * (`ImageSource.fromPipeline`) work on it. Once the pipeline is answered, its recipe is looked up
   * too (`ImageRecipe.fromLookup` or `ContainerRecipe.fromLookup` of the exact version the
   * pipeline builds), so that the recipe's parent image and platform are known: the CLI answers
   * that second query in the same `cdk synth`.
   *
   * The stack needs a concrete account and Region. Until the CDK CLI has answered, the lookup
   * returns a dummy in account 123456789012, which can never deploy; the answer is cached in
   * `cdk.context.json`. Needs CDK CLI 2.1001.0 or later (the Cloud Control context provider).
   */
  public static fromLookup(scope: Construct, id: string, options: ImagePipelineLookupOptions): IImagePipeline {
    const v = Validator.forImport(scope, id);
    v.arnResourceName('imagePipelineName', options.imagePipelineName);
    v.enumValue('recipeType', options.recipeType, RecipeType);
    v.throwIfInvalid();
    const recipeType = options.recipeType ?? RecipeType.IMAGE;
    const recipeProperty = recipeType === RecipeType.IMAGE ? 'ImageRecipeArn' : 'ContainerRecipeArn';
    // AWS::ImageBuilder::ImagePipeline schema: primaryIdentifier /properties/Arn
    // (`image-pipeline/<name>`); no `required` list, but CreateImagePipeline requires
    // infrastructureConfigurationArn and one of imageRecipeArn / containerRecipeArn (service
    // model). DeploymentId is in the schema's readOnlyProperties, which the read handler returns
    // for every pipeline: an image built on deploy from the looked-up pipeline names it.
    // DistributionConfigurationArn, Workflows and ExecutionRole are optional: not asked for.
    const answer = lookupResource(scope, id, 'imagePipelineName', {
      typeName: 'AWS::ImageBuilder::ImagePipeline',
      resource: 'image-pipeline',
      resourceName: options.imagePipelineName,
      propertiesToReturn: ['Arn', recipeProperty, 'InfrastructureConfigurationArn', 'DeploymentId'],
      dummy: arn => {
        const prefix = arn.slice(0, arn.indexOf(':image-pipeline/'));
        return {
          Arn: arn,
          [recipeProperty]: `${prefix}:${recipeType === RecipeType.IMAGE ? 'image-recipe' : 'container-recipe'}/dummy/1.0.0`,
          InfrastructureConfigurationArn: `${prefix}:infrastructure-configuration/dummy`,
          DeploymentId: 'dummy-deployment-id',
        };
      },
    });
    const recipeArn: string = answer.properties[recipeProperty];
    const recipe = answer.answered
      ? lookupRecipe(scope, `${id}Recipe`, recipeType, recipeArn)
      // The dummy's recipe is no resource to look up.
      : recipeType === RecipeType.IMAGE
        ? ImageRecipe.fromImageRecipeArn(scope, `${id}Recipe`, recipeArn)
        : ContainerRecipe.fromContainerRecipeArn(scope, `${id}Recipe`, recipeArn);
    const infrastructureConfiguration = InfrastructureConfiguration.fromInfrastructureConfigurationArn(
      scope, `${id}InfrastructureConfiguration`, answer.properties.InfrastructureConfigurationArn);
    const arn: string = answer.properties.Arn;
    return new ImportedImagePipeline(scope, id, {
      arn,
      name: Arn.split(arn, ArnFormat.SLASH_RESOURCE_NAME).resourceName!,
      deploymentId: answer.properties.DeploymentId,
      recipe,
      infrastructureConfiguration,
    }, true);
  }

  /**
   * Imports a pipeline by its ARN or name, and optionally the recipe it builds (which the image
   * build event methods need).
   */
  public static fromImagePipelineAttributes(scope: Construct, id: string, attrs: ImagePipelineAttributes): IImagePipeline {
    const v = Validator.forImport(scope, id);
    if (attrs.imagePipelineArn === undefined && attrs.imagePipelineName === undefined) {
      v.fail('imagePipelineArn', undefined, 'must be given, or imagePipelineName');
    }
    v.arn('imagePipelineArn', attrs.imagePipelineArn, 'imagePipeline');
    v.arnResourceName('imagePipelineName', attrs.imagePipelineName);
    v.throwIfInvalid();

    const arn = attrs.imagePipelineArn ?? imageBuilderArn(scope, 'image-pipeline', attrs.imagePipelineName!);
    const name = attrs.imagePipelineName ?? Arn.split(arn, ArnFormat.SLASH_RESOURCE_NAME).resourceName!;
    return new ImportedImagePipeline(scope, id, { arn, name, recipe: attrs.recipe, deploymentId: attrs.deploymentId },
      attrs.imagePipelineArn !== undefined);
  }

  public readonly imagePipelineArn: string;
  public get imagePipelineName(): string {
    // Made on first use, like the recipe's attributes: most apps never read it.
    this.resourceName ??= this.getResourceNameAttribute(this.resource.attrName);
    return this.resourceName;
  }
  /** The L1, whose attributes the getters read when they are first used. */
  private readonly resource: imagebuilder.CfnImagePipeline;
  private resourceName?: string;

  /**
   * The pipeline's deployment ID (`DeploymentId`), which changes whenever a deployment changes
   * the pipeline (always defined for a pipeline of this app).
   *
   * @attribute
   */
  public get deploymentId(): string | undefined {
    return this.resource.attrDeploymentId;
  }

  /** The recipe the pipeline builds (always known for a pipeline of this app). */
  public readonly recipe?: IRecipe;

  /** The distribution configuration of the images, if any. */
  public readonly distributionConfiguration?: IDistributionConfiguration;

  /** The infrastructure configuration the images are built on (given or created; always known for a pipeline of this app). */
  public readonly infrastructureConfiguration?: IInfrastructureConfiguration;

  /** The log group of the pipeline's runs (given or created). */
  public readonly pipelineLogGroup: logs.ILogGroup;

  /** The log group of the image builds (given or created). */
  public readonly imageLogGroup: logs.ILogGroup;

  /**
   * The role Image Builder assumes to build the images: the role given or created. Undefined
   * when the pipeline needs none: Image Builder then uses its service-linked role.
   */
  public readonly executionRole?: iam.IRole;

  /** The workflows the pipeline runs, which an image built on deploy from it runs too (an empty list when none). */
  public readonly workflows?: WorkflowConfiguration[];

  /** The recipe built, as given. */
  private readonly builtRecipe: IRecipe;

  constructor(scope: Construct, id: string, props: ImagePipelineProps) {
    super(scope, id, {
      physicalName: props.imagePipelineName,
    });
    const name = ownResourceName(this, props.imagePipelineName);
    this.recipe = props.recipe;
    this.builtRecipe = props.recipe;
    this.distributionConfiguration = props.distributionConfiguration;
    this.workflows = props.workflows ?? [];

    const v = new Validator(this);
    v.resourceName('imagePipelineName', props.imagePipelineName);
    v.description('description', props.description);
    v.tags('tags', props.tags);
    v.tags('imageTags', props.imageTags);
    validateSchedule(v, props.schedule);
    const build = BuildSettings.validate(v, props, {
      noun: 'pipeline',
      recipe: props.recipe,
      defaultInfrastructure: (owner, childId) => new InfrastructureConfiguration(owner, childId),
      logGroups: [
        { id: 'PipelineLogGroup', kind: 'pipeline', property: 'pipelineLogGroup', given: props.pipelineLogGroup },
        { id: 'ImageLogGroup', kind: 'image', property: 'imageLogGroup', given: props.imageLogGroup },
      ],
    });
    v.throwIfInvalid();

    const built = build.create(this);
    this.infrastructureConfiguration = built.infrastructureConfiguration;
    this.pipelineLogGroup = built.logGroups.pipeline;
    this.imageLogGroup = built.logGroups.image;
    this.executionRole = built.executionRole;

    const resource = this.resource = new imagebuilder.CfnImagePipeline(this, 'Resource', {
      name,
      description: props.description,
      ...build.render(),
      schedule: renderSchedule(props.schedule),
      // Written either way, unlike the other defaults the service documents: the service model
      // names no default for `status`, so an update that dropped it could leave a pipeline
      // disabled.
      status: props.enabled === false ? 'DISABLED' : 'ENABLED',
      tags: renderTagMap(props.tags),
      imageTags: renderTagMap(props.imageTags),
      loggingConfiguration: {
        pipelineLogGroupName: this.pipelineLogGroup.logGroupName,
        imageLogGroupName: this.imageLogGroup.logGroupName,
      },
    });
    build.finish(resource);

    this.imagePipelineArn = props.imagePipelineName === undefined
      ? resource.attrArn
      : this.getResourceArnAttribute(resource.attrArn, {
        service: 'imagebuilder',
        resource: 'image-pipeline',
        resourceName: name,
      });
    if (props.retention) {
      this.addRetention(props.retention);
    }
  }

  /**
   * Deletes the pipeline's old images, with their AMIs and snapshots or container images, with a
   * lifecycle policy (`Retention`) that selects the pipeline's recipe at every version (`x.x.x`):
   * the images of scheduled and manual runs, across recipe updates. Image Builder counts
   * `keepLast` per recipe version. Synth fails when another pipeline of the app builds the same
   * recipe, since its images would be selected too.
   */
  public addRetention(options: ImageRetentionOptions): LifecyclePolicy {
    return createImageRetention(this, this.builtRecipe, options, c => ImagePipeline.isImagePipeline(c) ? c.recipe : undefined);
  }

  /**
   * Adds a statement to the execution role, for what a custom workflow does (for example
   * `states:StartExecution` for an `ExecuteStateMachine` step). It goes to the role's own
   * policy, not to the library's: cdk-nag judges it as yours.
   *
   * Has no effect when the pipeline has no execution role (Image Builder then uses its
   * service-linked role): `statementAdded` is false.
   */
  public addToExecutionRolePolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    return this.executionRole?.addToPrincipalPolicy(statement) ?? { statementAdded: false };
  }

  /**
   * An image built from this pipeline during `cdk deploy` (`AWS::ImageBuilder::Image` with the
   * pipeline's execution settings): its AMI or container image can be used in the same app.
   *
   * @param id the construct ID of the image, in the pipeline's scope
   * @param options how the image follows the pipeline
   */
  public buildOnDeploy(id: string, options: BuildOnDeployOptions = {}): Image {
    const { rebuildOnPipelineUpdate, ...imageOptions } = options;
    return new Image(this, id, { ...imageOptions, source: ImageSource.fromPipeline(this, { rebuildOnPipelineUpdate }) });
  }
}

brand(ImagePipeline, 'ImagePipeline');

/**
 * Looks up the recipe a looked-up pipeline builds, by its exact ARN from the pipeline's answer
 * (`.../image-recipe/<name>/<version>`), for its facts (parent image, platform, repository).
 */
function lookupRecipe(scope: Construct, id: string, recipeType: RecipeType, recipeArn: string): IRecipe {
  const name = arnPathPart(recipeArn, 1);
  const version = arnPathPart(recipeArn, 2);
  return recipeType === RecipeType.IMAGE
    ? ImageRecipe.fromLookup(scope, id, { imageRecipeName: name, imageRecipeVersion: version })
    : ContainerRecipe.fromLookup(scope, id, { containerRecipeName: name, containerRecipeVersion: version });
}

/** A pipeline defined outside this app. */
class ImportedImagePipeline extends ImagePipelineBase {
  public readonly imagePipelineArn: string;
  public readonly imagePipelineName: string;
  public readonly deploymentId?: string;
  public readonly recipe?: IRecipe;
  public readonly infrastructureConfiguration?: IInfrastructureConfiguration;
  public readonly distributionConfiguration?: IDistributionConfiguration = undefined;
  public readonly workflows?: WorkflowConfiguration[] = undefined;

  constructor(
    scope: Construct,
    id: string,
    attrs: {
      arn: string;
      name: string;
      recipe?: IRecipe;
      deploymentId?: string;
      infrastructureConfiguration?: IInfrastructureConfiguration;
    },
    environmentFromArn: boolean,
  ) {
    super(scope, id, environmentFromArn ? { environmentFromArn: attrs.arn } : {});
    this.imagePipelineArn = attrs.arn;
    this.imagePipelineName = attrs.name;
    this.recipe = attrs.recipe;
    this.deploymentId = attrs.deploymentId;
    this.infrastructureConfiguration = attrs.infrastructureConfiguration;
  }
}

function validateSchedule(v: Validator, schedule: PipelineSchedule | undefined): void {
  if (schedule === undefined) {
    return;
  }
  v.scheduleExpression('schedule.expression', schedule.expressionString);
  v.timeZone('schedule.timeZone', schedule.timeZone?.timezoneName);
  v.enumValue('schedule.startCondition', schedule.startCondition, PipelineExecutionStartCondition);
  v.integer('schedule.autoDisableAfterFailures', schedule.autoDisableAfterFailures, LIMITS.autoDisableFailureCount);
}

function renderSchedule(schedule: PipelineSchedule | undefined): imagebuilder.CfnImagePipeline.ScheduleProperty | undefined {
  if (schedule === undefined) {
    return undefined;
  }
  return {
    scheduleExpression: schedule.expressionString,
    timezone: schedule.timeZone?.timezoneName,
    pipelineExecutionStartCondition: schedule.startCondition,
    autoDisablePolicy: schedule.autoDisableAfterFailures === undefined
      ? undefined
      : { failureCount: schedule.autoDisableAfterFailures },
  };
}

/**
 * The lifecycle policy that keeps the images `builder` builds from `recipe` (construct ID
 * `Retention` under `builder`).
 *
 * It selects the recipe by name at every version (`x.x.x`): every image built from the recipe,
 * by scheduled and manual runs alike, and after every recipe update. An image's tags would miss
 * the manual runs, which do not take the pipeline's `imageTags`. The recipe is this builder's
 * only if no other construct builds it: synth fails when another construct of the app does. The
 * policy tags a container recipe's target repository of this app for Image Builder's deletions.
 *
 * @param builtRecipeOf the recipe a construct of the app builds, or undefined when it builds none
 */
function createImageRetention(
  builder: Construct,
  recipe: IRecipe,
  options: ImageRetentionOptions,
  builtRecipeOf: (construct: IConstruct) => IRecipe | undefined,
): LifecyclePolicy {
  const rules = [
    ...(options.keepLast !== undefined ? [LifecycleRule.keepLast(options.keepLast)] : []),
    ...(options.rules ?? []),
  ];
  if (rules.length === 0) {
    const v = new Validator(builder);
    v.fail('retention', options, 'must give keepLast or rules');
    v.throwIfInvalid();
  }
  const policy = new LifecyclePolicy(builder, 'Retention', {
    description: `Retention of the images of ${builder.node.path}`.slice(0, LIMITS.description.max),
    selection: LifecycleSelection.recipes([recipe]),
    rules,
    executionRole: options.executionRole,
  });
  builder.node.addValidation({ validate: () => otherBuilders(builder, recipe, builtRecipeOf) });
  builder.node.addValidation({ validate: () => warnOfOtherSelections(builder, policy, recipe) });
  return policy;
}

/**
 * Warnings (not errors: each can be meant, and the README shows how to keep the images) for what
 * else of the app the retention's selection reaches:
 * - an `Image` built from the same recipe: its image is one of the recipe's images, so the
 *   retention deletes it (with its AMI) once newer builds of its recipe version outnumber
 *   `keepLast`; doubly so when its AMI feeds a launch template, launch configuration or instance
 *   of the app, which would then launch a deleted AMI;
 * - another `LifecyclePolicy` that selects the recipe: both act on the same images, and the one
 *   that deletes first wins, whatever the other keeps.
 */
function warnOfOtherSelections(builder: Construct, retention: LifecyclePolicy, recipe: IRecipe): string[] {
  const names = (retention.selectedRecipes ?? []).map(r => r.name);
  const all = builder.node.root.node.findAll();
  for (const other of all) {
    if (hasBrand(other, 'Image')) {
      const image = other as Image;
      if (image.recipe === undefined || (image.recipe !== recipe && image.recipe.recipeArn !== recipe.recipeArn)) continue;
      const users = amiUsers(all, image);
      if (users.length > 0) {
        Annotations.of(builder).addWarningV2('cdk-imagebuilder:retentionMayDeleteAmiInUse',
          `retention selects the image ${image.node.path}, built on deploy from the same recipe, whose AMI ${users.join(', ')} launches: ` +
          'once newer builds of its recipe version outnumber keepLast, the retention deletes that AMI while it is in use. ' +
          'Keep it with an exclusion, for example rules: [LifecycleRule.deleteAfter(Duration.days(90), { retainAtLeast: 3, ' +
          'exclusions: { amisLaunchedWithin: Duration.days(30) } })], or give each recipe version few builds between deployments.');
      } else {
        Annotations.of(builder).addWarningV2('cdk-imagebuilder:retentionSelectsImage',
          `retention selects the image ${image.node.path}, built from the same recipe: the policy selects images by recipe, so it ` +
          'deletes that image and its AMI once newer builds of its recipe version outnumber keepLast. Exclude it (exclusions) ' +
          'or build it from a recipe of its own.');
      }
    } else if (hasBrand(other, 'LifecyclePolicy') && other !== retention) {
      const selected = ((other as LifecyclePolicy).selectedRecipes ?? []).map(r => r.name);
      if (selected.some(name => names.includes(name))) {
        Annotations.of(builder).addWarningV2('cdk-imagebuilder:retentionOverlapsLifecyclePolicy',
          `retention selects the same recipe as the lifecycle policy ${other.node.path}: both act on the same images, and ` +
          'whichever deletes first wins, whatever the other keeps. Put the rules in one policy (retention.rules), or select other recipes.');
      }
    }
  }
  return [];
}

/**
 * The launch templates, launch configurations and instances of the image's stack whose AMI is the
 * image's (by the image's `imageId` attribute), by construct path.
 */
function amiUsers(all: IConstruct[], image: Image): string[] {
  const stack = Stack.of(image);
  const imageId = JSON.stringify(stack.resolve(image.imageId));
  const amiProperty: { [type: string]: string } = {
    'AWS::EC2::LaunchTemplate': 'launchTemplateData',
    'AWS::AutoScaling::LaunchConfiguration': 'imageId',
    'AWS::EC2::Instance': 'imageId',
  };
  return all
    .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && amiProperty[c.cfnResourceType] !== undefined && Stack.of(c) === stack)
    .filter(c => {
      const value = (c as unknown as { [key: string]: unknown })[amiProperty[c.cfnResourceType]];
      return JSON.stringify(stack.resolve(value) ?? null).includes(imageId);
    })
    .map(c => (c.node.scope?.node.defaultChild === c ? c.node.scope : c).node.path);
}

/** The error lines for the other constructs of the app that build the same recipe. */
function otherBuilders(builder: Construct, recipe: IRecipe, builtRecipeOf: (construct: IConstruct) => IRecipe | undefined): string[] {
  const v = new Validator(builder);
  for (const other of builder.node.root.node.findAll()) {
    const built = other === builder ? undefined : builtRecipeOf(other);
    if (built !== undefined && (built === recipe || built.recipeArn === recipe.recipeArn)) {
      v.fail('retention', other.node.path,
        'must not be set when another construct builds the same recipe (the policy selects images by recipe, so it would delete that construct\'s images too): give each pipeline its own recipe');
    }
  }
  return v.messages;
}
