import {
  Arn,
  ArnFormat,
  aws_ecr as ecr,
  aws_events as events,
  aws_iam as iam,
  aws_imagebuilder as imagebuilder,
  aws_kms as kms,
  aws_logs as logs,
  Duration,
  Fn,
  IResource,
  Lazy,
  Names,
  RemovalPolicy,
  Resource,
  Stack,
  Token,
  Validations,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { IContainerRecipe } from './container-recipe';
import { IDistributionConfiguration } from './distribution-configuration';
import { IInfrastructureConfiguration, InfrastructureConfiguration } from './infrastructure-configuration';
import { ImageRetentionOptions, LifecyclePolicy } from './lifecycle-policy';
import { PipelineSchedule } from './pipeline-schedule';
import { acknowledgeLibraryFindings } from './private/acknowledge';
import { LIMITS, PATTERNS } from './private/api-constraints';
import { arnPathPart, imageBuilderArn } from './private/arns';
import { throwValidationError } from './private/errors';
import { grantOnResource } from './private/grants';
import { createImageRetention } from './private/image-retention';
import { OwnedPolicyGrantee } from './private/owned-policy';
import { acknowledgeWildcardResources, DEFAULT_SCANNING_REPOSITORY_NAME, executionRoleStatements } from './private/pipeline-execution-role';
import {
  IMAGE_BUILDER_LOG_GROUP_PREFIX,
  knownLogGroupName,
  logGroupNameUnderPrefix,
  logsServicePrincipal,
} from './private/pipeline-logging';
import { stackRepositoryImport, stackUuidPart } from './private/stack-singletons';
import { isToken, renderTagMap, Validator } from './private/validation';
import { IRecipe, RecipeType } from './recipe';
import { Workflow, WorkflowConfiguration, WorkflowType } from './workflow';

/** The `detail-type` of the events Image Builder sends to EventBridge. */
const EVENT_DETAIL_TYPES = {
  imageStateChange: 'EC2 Image Builder Image State Change',
  cveDetected: 'EC2 Image Builder CVE Detected',
  pipelineAutoDisabled: 'EC2 Image Builder Image Pipeline Automatically Disabled',
} as const;

/**
 * An Image Builder image pipeline: builds, tests and distributes images from a recipe, on a
 * schedule or on demand.
 */
export interface IImagePipeline extends IResource {
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
}

/** Shared behaviour of owned and imported image pipelines. */
abstract class ImagePipelineBase extends Resource implements IImagePipeline {
  public abstract readonly imagePipelineArn: string;
  public abstract readonly imagePipelineName: string;

  /** The permissions on this pipeline. */
  public readonly grants: ImagePipelineGrants = ImagePipelineGrants.fromImagePipeline(this);

  /** The recipe the pipeline builds, when known. */
  protected abstract readonly builtRecipe?: IRecipe;

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
    const recipe = this.builtRecipe;
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

/** Vulnerability scanning of the images a pipeline builds, by Amazon Inspector. */
export interface ImageScanningOptions {
  /**
   * Whether Image Builder keeps the Amazon Inspector findings of each image. Scans run during
   * the test phase, so image tests must be enabled. Inspector must be activated in the account
   * (EC2 scanning for AMIs, ECR enhanced scanning for container images) for findings to exist.
   *
   * @default - true when image tests are enabled
   */
  readonly enabled?: boolean;

  /**
   * Container pipelines only: the repository Image Builder pushes the image to for Inspector to
   * scan. It must exist in the pipeline's Region.
   *
   * @default - Image Builder's own `image-builder-image-scanning-repository`, which Image Builder
   * creates on the first scan. The recipe's target repository is not used, so scan copies never
   * mix with the images you publish.
   */
  readonly repository?: ecr.IRepository;

  /**
   * Container pipelines only: the tags Image Builder gives the image it pushes for scanning (each
   * 1 to 1024 characters).
   *
   * @default - no tags
   */
  readonly containerTags?: string[];
}

/** Properties of an `ImagePipeline`. */
export interface ImagePipelineProps {
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
   * The instances that build and test the images.
   *
   * @default - an `InfrastructureConfiguration` with its secure defaults (IMDSv2 required, an
   * instance role with only the managed policies Image Builder needs). For a container recipe,
   * the instance role of an `InfrastructureConfiguration` (given or created) may push to exactly
   * the recipe's target repository and the scanning repository, and pull from the parent
   * image's repository, when they are known.
   */
  readonly infrastructureConfiguration?: IInfrastructureConfiguration;

  /**
   * Where the images are distributed.
   *
   * @default - no distribution configuration: AMIs stay in the pipeline's Region and account;
   * container images are pushed to the recipe's target repository
   */
  readonly distributionConfiguration?: IDistributionConfiguration;

  /**
   * Whether the recipe's test components run after each build.
   *
   * @default true
   */
  readonly imageTestsEnabled?: boolean;

  /**
   * How long the tests may run: a whole number of minutes, between 60 and 1440. A token must be
   * given in minutes (`Duration.minutes(parameter)`). Image Builder documents that it does not
   * enforce this value yet.
   *
   * @default - not sent: Image Builder stores 720 minutes
   */
  readonly imageTestsTimeout?: Duration;

  /**
   * Whether Image Builder collects the image's OS version and package list (through a Systems
   * Manager inventory of the build instance).
   *
   * @default true
   */
  readonly enhancedImageMetadataEnabled?: boolean;

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
   * Vulnerability scanning of the images by Amazon Inspector.
   *
   * @default - scanning is enabled when image tests are enabled; container scans use Image
   * Builder's default repository
   */
  readonly imageScanning?: ImageScanningOptions;

  /**
   * The build, test and distribution workflows the pipeline runs, instead of the AWS-managed
   * ones: at most one build workflow, up to ten test workflows and at most one distribution
   * workflow. Workflows run with an execution role (see `executionRole`).
   *
   * @default - Image Builder runs its managed workflows for the recipe's type
   */
  readonly workflows?: WorkflowConfiguration[];

  /**
   * The role Image Builder assumes to build the images, instead of its service-linked role. It
   * must trust `imagebuilder.amazonaws.com`. It is given write access to the pipeline's log
   * groups; any other permission is yours to give (the AWS managed policy
   * `service-role/EC2ImageBuilderExecutionPolicy` covers Image Builder's own needs).
   *
   * @default - a role is created when the pipeline needs one (it has workflows, or a log group
   * outside `/aws/imagebuilder/` or whose name is not known at synth), with only the permissions
   * this pipeline uses; otherwise Image Builder uses its service-linked role
   */
  readonly executionRole?: iam.IRole;

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
   * The log group of the image builds (the build and test logs of each image).
   *
   * @default - a log group is created, named `/aws/imagebuilder/image/<unique id>-<stack id part>`
   * (see `pipelineLogGroup`)
   */
  readonly imageLogGroup?: logs.ILogGroup;

  /**
   * How long the log groups the pipeline creates keep their events.
   *
   * @default logs.RetentionDays.ONE_YEAR - long enough to investigate a year of builds and to
   * meet common one-year audit retention rules, without keeping logs forever
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * What happens to the log groups the pipeline creates when they leave the stack.
   *
   * @default RemovalPolicy.RETAIN - build logs outlive the pipeline; the names of later stacks
   * differ, so a retained group never blocks a new deployment
   */
  readonly logRemovalPolicy?: RemovalPolicy;

  /**
   * The KMS key that encrypts the log groups the pipeline creates. For a key of this app, the key
   * policy is extended to let CloudWatch Logs use it for these groups; for an imported key, the
   * key policy must already allow it.
   *
   * @default - CloudWatch Logs' default encryption
   */
  readonly logEncryptionKey?: kms.IKey;

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
   * Imports a pipeline by its ARN or name, and optionally the recipe it builds (which the image
   * build event methods need).
   */
  public static fromImagePipelineAttributes(scope: Construct, id: string, attrs: ImagePipelineAttributes): IImagePipeline {
    const v = new Validator(scope);
    if (attrs.imagePipelineArn === undefined && attrs.imagePipelineName === undefined) {
      v.fail('imagePipelineArn', undefined, 'must be given, or imagePipelineName');
    }
    v.arn('imagePipelineArn', attrs.imagePipelineArn, 'imagePipeline');
    v.arnResourceName('imagePipelineName', attrs.imagePipelineName);
    v.throwIfInvalid();

    const arn = attrs.imagePipelineArn ?? imageBuilderArn(scope, 'image-pipeline', attrs.imagePipelineName!);
    const name = attrs.imagePipelineName ?? Arn.split(arn, ArnFormat.SLASH_RESOURCE_NAME).resourceName!;
    return new ImportedImagePipeline(scope, id, arn, name, attrs.recipe, attrs.imagePipelineArn !== undefined);
  }

  public readonly imagePipelineArn: string;
  public readonly imagePipelineName: string;

  /** The recipe the pipeline builds. */
  public readonly recipe: IRecipe;

  /** The infrastructure configuration the images are built on (given or created). */
  public readonly infrastructureConfiguration: IInfrastructureConfiguration;

  /** The log group of the pipeline's runs (given or created). */
  public readonly pipelineLogGroup: logs.ILogGroup;

  /** The log group of the image builds (given or created). */
  public readonly imageLogGroup: logs.ILogGroup;

  /**
   * The role Image Builder assumes to build the images: the role given or created. Undefined
   * when the pipeline needs none: Image Builder then uses its service-linked role.
   */
  public readonly executionRole?: iam.IRole;

  protected readonly builtRecipe?: IRecipe;

  constructor(scope: Construct, id: string, props: ImagePipelineProps) {
    super(scope, id, {
      physicalName: props.imagePipelineName ?? Lazy.string({
        produce: () => Names.uniqueResourceName(this, { maxLength: LIMITS.resourceName.max, separator: '-' }).toLowerCase(),
      }),
    });
    this.recipe = props.recipe;
    this.builtRecipe = props.recipe;

    const v = new Validator(this);
    const containerRecipe = props.recipe.recipeType === RecipeType.CONTAINER ? props.recipe as IContainerRecipe : undefined;
    v.resourceName('imagePipelineName', props.imagePipelineName);
    v.description('description', props.description);
    v.arn('recipe', props.recipe.recipeArn, containerRecipe ? 'containerRecipe' : 'imageRecipe');
    v.tags('tags', props.tags);
    v.tags('imageTags', props.imageTags);
    if (props.executionRole) {
      v.arn('executionRole', props.executionRole.roleArn, 'role');
    }
    const testsEnabled = props.imageTestsEnabled ?? true;
    const timeoutMinutes = validateTestsTimeout(v, props.imageTestsTimeout);
    validateSchedule(v, props.schedule);
    const scanning = resolveScanning(v, props.imageScanning, testsEnabled, containerRecipe !== undefined);
    const workflows = renderWorkflows(v, props.workflows ?? []);
    validateLogging(v, props);
    v.throwIfInvalid();

    // Infrastructure: the instances' role may push to the repositories the pipeline writes to.
    this.infrastructureConfiguration = props.infrastructureConfiguration
      ?? new InfrastructureConfiguration(this, 'InfrastructureConfiguration');
    const infra = this.infrastructureConfiguration instanceof InfrastructureConfiguration
      ? this.infrastructureConfiguration : undefined;
    const scanningRepository = containerRecipe && scanning.enabled
      ? (scanning.repository ?? stackRepositoryImport(this, DEFAULT_SCANNING_REPOSITORY_NAME))
      : undefined;
    if (infra?.role && containerRecipe) {
      if (containerRecipe.targetRepository) {
        infra.grantContainerPush(containerRecipe.targetRepository);
      }
      if (scanningRepository) {
        infra.grantContainerPush(scanningRepository);
      }
      if (containerRecipe.parentImageRepository) {
        infra.grantContainerPull(containerRecipe.parentImageRepository);
      }
    }

    // Logging.
    const createdNames = this.createdLogGroupNames();
    this.pipelineLogGroup = props.pipelineLogGroup ?? this.createLogGroup('PipelineLogGroup', createdNames.pipeline, props);
    this.imageLogGroup = props.imageLogGroup ?? this.createLogGroup('ImageLogGroup', createdNames.image, props);
    if (props.logEncryptionKey && !(props.pipelineLogGroup && props.imageLogGroup)) {
      props.logEncryptionKey.addToResourcePolicy(new iam.PolicyStatement({
        sid: `AllowCloudWatchLogsFor${Names.uniqueId(this)}`.slice(0, 100),
        principals: [logsServicePrincipal(this)],
        actions: [
          'kms:Decrypt',
          'kms:DescribeKey',
          'kms:Encrypt',
          'kms:GenerateDataKey',
          'kms:GenerateDataKeyWithoutPlaintext',
          'kms:ReEncryptFrom',
          'kms:ReEncryptTo',
        ],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': createdNames.arnPatterns(),
          },
        },
      }));
    }

    // Execution role: only when the pipeline needs one, with what this pipeline uses.
    const givenGroupsOutsidePrefix = [props.pipelineLogGroup, props.imageLogGroup]
      .filter((group): group is logs.ILogGroup => group !== undefined)
      .filter(group => !logGroupNameUnderPrefix(knownLogGroupName(group)));
    let executionRole = props.executionRole;
    if (!executionRole && (workflows.length > 0 || givenGroupsOutsidePrefix.length > 0)) {
      const role = new iam.Role(this, 'ExecutionRole', {
        assumedBy: new iam.ServicePrincipal('imagebuilder.amazonaws.com'),
        description: 'Role EC2 Image Builder assumes to build, test and distribute the images of this pipeline',
      });
      const logBucket = s3LogBucket(this.infrastructureConfiguration);
      const statements = executionRoleStatements(this, {
        containerBuild: containerRecipe !== undefined,
        amiDistribution: containerRecipe === undefined && props.distributionConfiguration !== undefined,
        scanning: scanning.enabled,
        enhancedImageMetadata: props.enhancedImageMetadataEnabled ?? true,
        instanceRoleArn: infra?.role?.roleArn,
        logBucketName: logBucket.bucketName,
        logBucketUnknown: !logBucket.known,
        scanningRepository: scanningRepository ? {
          arn: scanningRepository.repositoryArn,
          createdByImageBuilder: scanning.repository === undefined,
        } : undefined,
      });
      for (const statement of statements) {
        role.addToPrincipalPolicy(statement);
      }
      acknowledgeWildcardResources(role, statements);
      Validations.of(role).acknowledge({
        id: 'NIST.800.53.R5-IAMNoInlinePolicy',
        reason: 'The execution role is created for this pipeline alone and holds only the permissions the pipeline uses, ' +
          'scoped to its resources. Its policy is inline by design: AWS recommends inline policies to keep a strict ' +
          'one-to-one relationship between a policy and its identity, so these permissions can never be attached to ' +
          'another principal, and they are removed with the pipeline.',
      });
      executionRole = role;
    }
    if (executionRole) {
      // A given role gets the log permissions in a policy of this pipeline, reviewed as the library's.
      const logWriter = props.executionRole ? this.ownedExecutionRolePolicy(props.executionRole) : executionRole;
      const grants = [this.pipelineLogGroup.grantWrite(logWriter), this.imageLogGroup.grantWrite(logWriter)];
      acknowledgeWildcardResources(logWriter instanceof OwnedPolicyGrantee ? logWriter.policy : executionRole,
        grants.flatMap(g => g.principalStatements),
        'the log streams of the pipeline\'s log group (the :* suffix of the group\'s ARN), which Image Builder creates at build time');
      grantAuthoredWorkflowNeeds(logWriter, props.workflows ?? []);
    }
    this.executionRole = executionRole;

    const resource = new imagebuilder.CfnImagePipeline(this, 'Resource', {
      name: this.physicalName,
      description: props.description,
      imageRecipeArn: containerRecipe ? undefined : props.recipe.recipeArn,
      containerRecipeArn: containerRecipe ? props.recipe.recipeArn : undefined,
      infrastructureConfigurationArn: this.infrastructureConfiguration.infrastructureConfigurationArn,
      distributionConfigurationArn: props.distributionConfiguration?.distributionConfigurationArn,
      imageTestsConfiguration: { imageTestsEnabled: testsEnabled, timeoutMinutes },
      enhancedImageMetadataEnabled: props.enhancedImageMetadataEnabled ?? true,
      schedule: renderSchedule(props.schedule),
      status: (props.enabled ?? true) ? 'ENABLED' : 'DISABLED',
      tags: renderTagMap(props.tags),
      imageTags: renderTagMap(props.imageTags),
      imageScanningConfiguration: {
        imageScanningEnabled: scanning.enabled,
        ecrConfiguration: containerRecipe && scanning.enabled && (scanning.repository || scanning.containerTags) ? {
          repositoryName: scanning.repository?.repositoryName,
          containerTags: scanning.containerTags,
        } : undefined,
      },
      workflows: workflows.length > 0 ? workflows : undefined,
      executionRole: executionRole?.roleArn,
      loggingConfiguration: {
        pipelineLogGroupName: this.pipelineLogGroup.logGroupName,
        imageLogGroupName: this.imageLogGroup.logGroupName,
      },
    });
    if (executionRole && !props.executionRole) {
      // The role's policy must exist before Image Builder checks the role.
      resource.node.addDependency(executionRole);
    }

    this.imagePipelineArn = this.getResourceArnAttribute(resource.attrArn, {
      service: 'imagebuilder',
      resource: 'image-pipeline',
      resourceName: this.physicalName,
    });
    this.imagePipelineName = this.getResourceNameAttribute(resource.attrName);
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
    return createImageRetention(this, this.recipe, options, c => c instanceof ImagePipeline ? c.recipe : undefined);
  }

  /** A policy of this pipeline attached to the given execution role, for the permissions the pipeline gives it. */
  private ownedExecutionRolePolicy(role: iam.IRole): OwnedPolicyGrantee {
    const policy = new iam.Policy(this, 'ExecutionRoleLogPolicy', { roles: [role] });
    Validations.of(policy).acknowledge({
      id: 'NIST.800.53.R5-IAMNoInlinePolicy',
      reason: 'The policy holds only the permission to write to this pipeline\'s two log groups, scoped to their ARNs, ' +
        'for the execution role given to this pipeline. It is inline by design: AWS recommends inline policies to keep a ' +
        'strict one-to-one relationship between a policy and its identity, and it is removed with the pipeline.',
    });
    return new OwnedPolicyGrantee(role, policy);
  }

  /**
   * Adds a statement to the execution role's policy, for what a custom workflow does (for
   * example `states:StartExecution` for an `ExecuteStateMachine` step).
   *
   * Has no effect when the pipeline has no execution role (Image Builder then uses its
   * service-linked role): `statementAdded` is false.
   */
  public addToExecutionRolePolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    return this.executionRole?.addToPrincipalPolicy(statement) ?? { statementAdded: false };
  }

  /**
   * The names of the log groups the pipeline creates: under `/aws/imagebuilder/`, made unique by
   * the construct path and the first part of the stack's UUID, which changes when the stack is
   * created again. `*ArnPattern` match them whatever the stack (for the KMS key policy, which may
   * live in another stack).
   */
  private createdLogGroupNames() {
    const uniqueId = Names.uniqueResourceName(this, { maxLength: 100, separator: '-' });
    const uuidPart = stackUuidPart(this);
    const stack = Stack.of(this);
    const arnPattern = (kind: string) => stack.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: `${IMAGE_BUILDER_LOG_GROUP_PREFIX}${kind}/${uniqueId}-*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    return {
      pipeline: Fn.join('', [`${IMAGE_BUILDER_LOG_GROUP_PREFIX}pipeline/${uniqueId}-`, uuidPart]),
      image: Fn.join('', [`${IMAGE_BUILDER_LOG_GROUP_PREFIX}image/${uniqueId}-`, uuidPart]),
      /** ARN patterns of the two groups, built only when a key policy needs them. */
      arnPatterns: () => [arnPattern('pipeline'), arnPattern('image')],
    };
  }

  private createLogGroup(id: string, logGroupName: string, props: ImagePipelineProps): logs.ILogGroup {
    const group = new logs.LogGroup(this, id, {
      logGroupName,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
      encryptionKey: props.logEncryptionKey,
    });
    if (!props.logEncryptionKey) {
      acknowledgeLibraryFindings(group, {
        id: 'NIST.800.53.R5-CloudWatchLogGroupEncrypted',
        reason: 'CloudWatch Logs encrypts every log group at rest with keys it manages. A customer managed key means a ' +
          'key (and its cost and key policy) per pipeline, so it is opt-in: pass logEncryptionKey to encrypt these ' +
          'build logs with your own KMS key.',
      });
    }
    return group;
  }
}

/** A pipeline defined outside this app. */
class ImportedImagePipeline extends ImagePipelineBase {
  public readonly imagePipelineArn: string;
  public readonly imagePipelineName: string;
  protected readonly builtRecipe?: IRecipe;

  constructor(scope: Construct, id: string, arn: string, name: string, recipe: IRecipe | undefined, environmentFromArn: boolean) {
    super(scope, id, environmentFromArn ? { environmentFromArn: arn } : {});
    this.imagePipelineArn = arn;
    this.imagePipelineName = name;
    this.builtRecipe = recipe;
  }
}

/** The test timeout in whole minutes, within the API's range; undefined when not given. */
function validateTestsTimeout(v: Validator, timeout: Duration | undefined): number | undefined {
  if (timeout === undefined) {
    return undefined;
  }
  if (timeout.isUnresolved()) {
    // A token converts only to its own unit (aws-cdk-lib's Duration): minutes pass through.
    if (timeout.unitLabel() !== 'minutes') {
      v.fail('imageTestsTimeout', timeout.toHumanString(), 'must be given in minutes when it is a token');
      return undefined;
    }
    return timeout.toMinutes();
  }
  const minutes = timeout.toMinutes({ integral: false });
  if (!Number.isInteger(minutes)) {
    v.fail('imageTestsTimeout', timeout.toHumanString(), 'must be a whole number of minutes');
    return undefined;
  }
  v.integer('imageTestsTimeout', minutes, LIMITS.imageTestsTimeoutMinutes, 'minutes');
  return minutes;
}

function validateSchedule(v: Validator, schedule: PipelineSchedule | undefined): void {
  if (schedule === undefined) {
    return;
  }
  v.scheduleExpression('schedule.expression', schedule.expressionString);
  if (schedule._tokenRateInUnsupportedUnit !== undefined) {
    v.fail('schedule.expression', schedule._tokenRateInUnsupportedUnit,
      'must be given in minutes, hours or days when the rate is a token (Image Builder takes no seconds)');
  }
  v.timeZone('schedule.timeZone', schedule.timeZone?.timezoneName);
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

interface ResolvedScanning {
  readonly enabled: boolean;
  readonly repository?: ecr.IRepository;
  readonly containerTags?: string[];
}

function resolveScanning(
  v: Validator,
  options: ImageScanningOptions | undefined,
  testsEnabled: boolean,
  containerPipeline: boolean,
): ResolvedScanning {
  const enabled = options?.enabled ?? testsEnabled;
  if (options?.enabled === true && !testsEnabled) {
    v.fail('imageScanning.enabled', true,
      'must not be true when imageTestsEnabled is false (Image Builder scans images during the test phase: enable image tests, or disable scanning)');
  }
  const repository = options?.repository;
  const containerTags = options?.containerTags;
  const givenEcrSettings: Array<[string, unknown]> = [];
  if (repository) givenEcrSettings.push(['imageScanning.repository', repository.repositoryName]);
  if (containerTags) givenEcrSettings.push(['imageScanning.containerTags', containerTags]);
  for (const [property, value] of givenEcrSettings) {
    if (!containerPipeline) {
      v.fail(property, value, 'must only be given for a container pipeline (this pipeline builds AMIs from an image recipe)');
    } else if (!enabled) {
      v.fail(property, value, 'must only be given when image scanning is enabled');
    }
  }
  v.nonEmptyString('imageScanning.repository', repository?.repositoryName);
  containerTags?.forEach((tag, i) => v.length(`imageScanning.containerTags[${i}]`, tag, LIMITS.scanningContainerTag));
  return {
    enabled,
    repository,
    containerTags: containerTags && containerTags.length > 0 ? containerTags : undefined,
  };
}

function renderWorkflows(v: Validator, workflows: WorkflowConfiguration[]): imagebuilder.CfnImagePipeline.WorkflowConfigurationProperty[] {
  const ofType = (type: WorkflowType) => workflows.filter(w => w.workflow.workflowType === type).map(w => w.workflow.workflowArn);
  const builds = ofType(WorkflowType.BUILD);
  if (builds.length > LIMITS.pipelineBuildWorkflows.max) {
    v.fail('workflows', builds, `must have at most ${LIMITS.pipelineBuildWorkflows.max} build workflow (got ${builds.length})`);
  }
  const tests = ofType(WorkflowType.TEST);
  if (tests.length > LIMITS.pipelineTestWorkflows.max) {
    v.fail('workflows', tests, `must have at most ${LIMITS.pipelineTestWorkflows.max} test workflows (got ${tests.length})`);
  }
  const distributions = ofType(WorkflowType.DISTRIBUTION);
  if (distributions.length > LIMITS.pipelineDistributionWorkflows.max) {
    v.fail('workflows', distributions,
      `must have at most ${LIMITS.pipelineDistributionWorkflows.max} distribution workflow (got ${distributions.length})`);
  }

  return workflows.map((w, i) => {
    const path = `workflows[${i}]`;
    const type = w.workflow.workflowType;
    v.arn(`${path}.workflow`, w.workflow.workflowArn, 'workflow');
    const parameters = Object.entries(w.parameters ?? {}).map(([name, value]) => {
      if (!isToken(name) && v.length(`${path}.parameters name`, name, LIMITS.workflowParameterName)) {
        v.pattern(`${path}.parameters name`, name, PATTERNS.noNul);
      }
      value.values.forEach((item, j) => v.pattern(`${path}.parameters['${name}'][${j}]`, item, PATTERNS.noNulOrEmpty));
      return { name, value: value.values };
    });
    if (w.parallelGroup !== undefined) {
      if (v.length(`${path}.parallelGroup`, w.parallelGroup, LIMITS.parallelGroup)) {
        v.pattern(`${path}.parallelGroup`, w.parallelGroup, PATTERNS.parallelGroup);
      }
      if (type !== WorkflowType.TEST) {
        v.fail(`${path}.parallelGroup`, w.parallelGroup, `must only be set on a test workflow (this is a ${type} workflow)`);
      }
    }
    return {
      workflowArn: w.workflow.workflowArn,
      parameters: parameters.length > 0 ? parameters : undefined,
      parallelGroup: w.parallelGroup,
      onFailure: w.onFailure,
    };
  });
}

function validateLogging(v: Validator, props: ImagePipelineProps): void {
  const given: Array<[string, logs.ILogGroup | undefined]> = [
    ['pipelineLogGroup', props.pipelineLogGroup],
    ['imageLogGroup', props.imageLogGroup],
  ];
  for (const [property, group] of given) {
    const name = group ? knownLogGroupName(group) : undefined;
    if (v.length(property, name, LIMITS.logGroupName)) {
      v.pattern(property, name, PATTERNS.logGroupName);
    }
  }
  if (props.pipelineLogGroup && props.imageLogGroup) {
    const onlyForCreated: Array<[string, unknown]> = [
      ['logRetention', props.logRetention],
      ['logRemovalPolicy', props.logRemovalPolicy],
      ['logEncryptionKey', props.logEncryptionKey?.keyArn],
    ];
    for (const [property, value] of onlyForCreated) {
      if (value !== undefined) {
        v.fail(property, value,
          'must not be given when both pipelineLogGroup and imageLogGroup are given (it applies only to the log groups the pipeline creates)');
      }
    }
  }
}

/**
 * The bucket an infrastructure configuration writes its logs to: known (a bucket, or none) for an
 * `InfrastructureConfiguration` of this library whose logging settings are readable; unknown for
 * an imported one, which may log to any bucket.
 */
function s3LogBucket(infrastructure: IInfrastructureConfiguration): { known: boolean; bucketName?: string } {
  const unknown = { known: false };
  // `InfrastructureConfiguration` does not expose its log bucket: read it from its L1.
  const resource = infrastructure instanceof InfrastructureConfiguration ? infrastructure.node.defaultChild : undefined;
  if (!(resource instanceof imagebuilder.CfnInfrastructureConfiguration)) {
    return unknown;
  }
  const logging = resource.logging;
  if (logging === undefined) {
    return { known: true };
  }
  if (Token.isUnresolved(logging)) {
    return unknown;
  }
  const s3Logs = (logging as imagebuilder.CfnInfrastructureConfiguration.LoggingProperty).s3Logs;
  if (s3Logs === undefined) {
    return { known: true };
  }
  if (Token.isUnresolved(s3Logs)) {
    return unknown;
  }
  return { known: true, bucketName: (s3Logs as imagebuilder.CfnInfrastructureConfiguration.S3LogsProperty).s3BucketName };
}


/**
 * Gives the execution role what the steps of the pipeline's authored workflows need, as each
 * `Workflow` derives it from its document (for example `sns:Publish` for a `WaitForAction` topic).
 * Imported workflows are unknown: their needs go through `addToExecutionRolePolicy`.
 */
function grantAuthoredWorkflowNeeds(grantee: iam.IPrincipal, workflows: WorkflowConfiguration[]): void {
  const statements = workflows.flatMap(w => w.workflow instanceof Workflow ? w.workflow._executionRoleStatements() : []);
  for (const statement of statements) {
    grantee.addToPrincipalPolicy(statement);
  }
  const holder = grantee instanceof OwnedPolicyGrantee ? grantee.policy : grantee;
  if (statements.length > 0 && holder instanceof Construct) {
    acknowledgeWildcardResources(holder, statements, 'the executions of the state machine an ExecuteStateMachine step starts, named at build time');
  }
}
