import {
  Annotations,
  aws_ec2 as ec2,
  aws_iam as iam,
  aws_imagebuilder as imagebuilder,
  IResource,
  RemovalPolicy,
  Resource,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ComponentPlatform } from './component';
import { IContainerRecipe } from './container-recipe';
import { ImageBuildOptions } from './image-build';
import { IImagePipeline } from './image-pipeline-interface';
import { IInfrastructureConfiguration, InfrastructureConfiguration } from './infrastructure-configuration';
import { BuildSettings } from './private/compose/build-settings';
import { ResourceSharing } from './private/compose/sharing';
import { arnPathPart } from './private/core/arns';
import { brand, hasBrand } from './private/core/brands';
import { throwValidationError } from './private/core/errors';
import { renderTagMap, Validator } from './private/core/validation';
import { grantOnResource } from './private/iam/grants';
import { deletionRoleStatements } from './private/iam/image-deletion-role';
import { LibraryPolicy } from './private/iam/library-policy';
import { OwnedPolicy } from './private/iam/owned-policy';
import { IRecipe, RecipeType } from './recipe';
import { SharePrincipal, ShareOptions } from './sharing';
import { WorkflowConfiguration } from './workflow';

/** An Image Builder image: one build of a recipe, with its AMI or container image. */
export interface IImage extends IResource, imagebuilder.IImageRef {
  /**
   * The image's ARN (`arn:aws:imagebuilder:us-east-1:123456789012:image/my-recipe/1.0.0/1`).
   *
   * @attribute
   */
  readonly imageArn: string;

  /** Grants permission to read this image (`imagebuilder:GetImage`). */
  grantRead(grantee: iam.IGrantable): iam.Grant;

  /** Grants the given Image Builder actions on this image. */
  grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant;
}

/** Removal of what an image built when its resource is replaced or deleted. */
export interface ImageDeletionSettings {
  /**
   * The role Image Builder assumes to delete the image's AMIs, snapshots or container images.
   * It must trust `imagebuilder.amazonaws.com`.
   *
   * @default - a role is created with only the deletions this image needs: AMIs and snapshots
   * tagged `CreatedBy: EC2 Image Builder` in the build and distribution Regions, or the images
   * of the recipe's target repository
   */
  readonly executionRole?: iam.IRole;
}

/** Settings of an `Image` whatever it is built from: tags and what happens to what it built. */
export interface ImageOptions {
  /**
   * Tags of the image resource.
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };

  /**
   * Removal of the built AMIs, snapshots or container images when the image resource is
   * replaced or deleted.
   *
   * @default - nothing is deleted: the image resource is retained and so are its AMIs,
   * snapshots and container images
   */
  readonly deletionSettings?: ImageDeletionSettings;

  /**
   * What happens to the image resource when it is replaced (a new build) or removed from the
   * stack. With `RemovalPolicy.RETAIN`, the Image Builder image resource, its AMIs and
   * snapshots (or container images) are all kept. With `RemovalPolicy.DESTROY`, the image
   * resource is deleted, and what it built too when `deletionSettings` is given (otherwise the
   * AMIs, snapshots and container images are kept).
   *
   * @default - RemovalPolicy.DESTROY with `deletionSettings`, otherwise RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** Properties of an `Image`: what it is built from (`source`), and its own settings. */
export interface ImageProps extends ImageOptions {
  /**
   * What the image is built from: a pipeline (`ImageSource.fromPipeline`) or a recipe with its
   * build settings (`ImageSource.fromRecipe`).
   */
  readonly source: ImageSource;
}

/** How an image built from a pipeline follows the pipeline. */
export interface ImageFromPipelineOptions {
  /**
   * Whether a deployment that changes the pipeline (its `DeploymentId`: a new recipe version, a
   * component or setting change) builds a new image. A deployment that changes nothing does not.
   *
   * @default true
   */
  readonly rebuildOnPipelineUpdate?: boolean;
}

/** How an image built on deploy from a pipeline follows it (`ImagePipeline.buildOnDeploy`). */
export interface BuildOnDeployOptions extends ImageOptions, ImageFromPipelineOptions {}

/** What an `ImageSource` gives the image: a pipeline, or a recipe and its build settings. */
export interface ImageSourceConfig {
  /**
   * The pipeline to run (`ImagePipelineExecutionSettings`, with its `DeploymentId`).
   *
   * @default - none: the image is built from `recipe`
   */
  readonly imagePipeline?: IImagePipeline;

  /**
   * With `imagePipeline`: whether a change of the pipeline builds a new image (`OnUpdate`).
   *
   * @default true
   */
  readonly rebuildOnPipelineUpdate?: boolean;

  /**
   * The recipe to build. Exactly one of `ImageRecipeArn` and `ContainerRecipeArn` is rendered,
   * by the recipe's type.
   *
   * @default - none: the image is built from `imagePipeline`
   */
  readonly recipe?: IRecipe;

  /**
   * With `recipe`: where and how the image is built, tested, scanned, distributed and logged.
   *
   * @default - the defaults of each build setting
   */
  readonly buildOptions?: ImageBuildOptions;
}

/**
 * What an `Image` is built from: a pipeline, with the pipeline's recipe and settings, or a
 * recipe with its own build settings, like a pipeline's.
 */
export abstract class ImageSource {
  /**
   * Builds the image with a pipeline's recipe and settings: a deployment that changes the
   * pipeline builds a new image, one that changes nothing does not. An imported pipeline needs
   * its `deploymentId` (`ImagePipeline.fromImagePipelineAttributes`).
   *
   * @param imagePipeline the pipeline to run
   * @param options how the image follows the pipeline
   */
  public static fromPipeline(imagePipeline: IImagePipeline, options: ImageFromPipelineOptions = {}): ImageSource {
    return new (class extends ImageSource {
      public bind(): ImageSourceConfig {
        return { imagePipeline, rebuildOnPipelineUpdate: options.rebuildOnPipelineUpdate };
      }
    })();
  }

  /**
   * Builds the image from a recipe, with the same build settings as a pipeline. Every part is
   * create-only: changing one builds a new image.
   *
   * @param recipe the image or container recipe to build
   * @param options where and how the image is built, tested, scanned, distributed and logged
   */
  public static fromRecipe(recipe: IRecipe, options: ImageBuildOptions = {}): ImageSource {
    return new (class extends ImageSource {
      public bind(): ImageSourceConfig {
        return { recipe, buildOptions: options };
      }
    })();
  }

  /**
   * What the image is built from.
   *
   * @param scope the image
   */
  public abstract bind(scope: Construct): ImageSourceConfig;
}

/** How the AMI of an image is launched (`image.toMachineImage()`). */
export interface ImageMachineImageOptions {
  /**
   * The operating system of the AMI.
   *
   * @default - WINDOWS when the image's recipe builds Windows images (its `platform`), else LINUX
   */
  readonly osType?: ec2.OperatingSystemType;

  /**
   * The user data of the instances launched from the AMI.
   *
   * @default - empty user data for the operating system
   */
  readonly userData?: ec2.UserData;
}

/** Shared behaviour of built and imported images. */
abstract class ImageBase extends Resource implements IImage {
  public abstract readonly imageArn: string;

  /** A reference to this image, where aws-cdk-lib expects one (`IImageRef`). */
  public get imageRef(): imagebuilder.ImageReference {
    return { imageArn: this.imageArn };
  }

  /** Grants permission to read this image (`imagebuilder:GetImage`). */
  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return this.grant(grantee, 'imagebuilder:GetImage');
  }

  /** Grants the given Image Builder actions on this image. */
  public grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant {
    return grantOnResource(grantee, this.imageArn, actions);
  }
}

/**
 * An image built during `cdk deploy` (`AWS::ImageBuilder::Image`): CloudFormation waits for the
 * build, and the AMI (`imageId`, `toMachineImage()`) or container image (`imageUri`) can be used
 * in the same app.
 *
 * Build it from a pipeline (`ImageSource.fromPipeline`, or `pipeline.buildOnDeploy()`): a
 * deployment that changes the pipeline builds a new image, one that changes nothing does not. Or
 * build it from a recipe with the build settings of a pipeline (`ImageSource.fromRecipe`): a
 * change of any of them builds a new image (they are create-only).
 *
 * A failed build fails the resource, and CloudFormation rolls the stack back. By default the
 * image resource and what it built are retained when the resource is replaced or deleted; give
 * `deletionSettings` to delete them.
 *
 * @resource AWS::ImageBuilder::Image
 */
export class Image extends ImageBase {
  /**
   * Whether `x` is an `Image` of this library (built in an app, not imported), whichever copy of
   * the library made it.
   */
  public static isImage(x: any): x is Image {
    return hasBrand(x, 'Image');
  }

  /**
   * Imports an image by its ARN
   * (`arn:aws:imagebuilder:us-east-1:123456789012:image/my-recipe/1.0.0/1`).
   */
  public static fromImageArn(scope: Construct, id: string, imageArn: string): IImage {
    const v = Validator.forImport(scope, id);
    v.arn('imageArn', imageArn, 'image');
    v.throwIfInvalid();
    return new ImportedImage(scope, id, imageArn);
  }

  /**
   * The image's ARN (`.../image/<recipe name>/<version>/<build>`).
   *
   * @attribute
   */
  public readonly imageArn: string;

  /**
   * The image's name (its recipe's name).
   *
   * @attribute
   */
  public readonly imageName: string;

  /** The recipe built, when known (from a recipe, or from a pipeline of this app or imported with its recipe). */
  public readonly recipe?: IRecipe;

  /** The infrastructure configuration the image is built on, when built from a recipe. */
  public readonly infrastructureConfiguration?: IInfrastructureConfiguration;

  /** The execution role, when built from a recipe with one (given or created). */
  public readonly executionRole?: iam.IRole;

  /** The role Image Builder uses to delete what the image built, with `deletionSettings`. */
  public readonly deletionRole?: iam.IRole;

  private readonly resource: imagebuilder.CfnImage;
  private readonly sharing: ResourceSharing;

  constructor(scope: Construct, id: string, props: ImageProps) {
    super(scope, id);
    const v = new Validator(this);
    const source = props.source.bind(this);
    const pipeline = source.imagePipeline;
    const options = source.buildOptions ?? {};
    this.recipe = pipeline ? pipeline.recipe : source.recipe;
    validateSource(v, source);
    v.tags('tags', props.tags);
    const removalPolicy = validateRemoval(v, props);
    const build = !pipeline && source.recipe ? BuildSettings.validate(v, options, {
      noun: 'image',
      recipe: source.recipe,
      defaultInfrastructure: (owner, childId) => new InfrastructureConfiguration(owner, childId),
      logGroups: [{ id: 'ImageLogGroup', kind: 'image', property: 'imageLogGroup', given: options.imageLogGroup }],
    }) : undefined;
    v.throwIfInvalid();

    const built = build?.create(this);
    this.infrastructureConfiguration = built?.infrastructureConfiguration;
    this.executionRole = built?.executionRole;
    const deletion = props.deletionSettings ? this.createDeletionRole(props, source) : undefined;
    this.deletionRole = deletion?.role;

    this.resource = new imagebuilder.CfnImage(this, 'Resource', {
      ...build?.render(),
      loggingConfiguration: built ? { logGroupName: built.logGroups.image.logGroupName } : undefined,
      imagePipelineExecutionSettings: pipeline ? {
        deploymentId: pipeline.deploymentId,
        onUpdate: source.rebuildOnPipelineUpdate ?? true,
      } : undefined,
      deletionSettings: deletion ? { executionRole: deletion.role.roleArn } : undefined,
      tags: renderTagMap(props.tags),
    });
    build?.finish(this.resource);
    // The build starts when the image is created, and nothing in the template makes it wait for
    // the instances' permissions (the instance policy, and statements added to the instance
    // role): the image depends on the whole infrastructure configuration.
    const infrastructure = this.infrastructureConfiguration ?? pipeline?.infrastructureConfiguration;
    if (infrastructure) {
      this.resource.node.addDependency(infrastructure);
    }
    if (deletion?.policy) {
      // The deletion role must keep its permissions until the image is deleted.
      this.resource.node.addDependency(deletion.role, deletion.policy);
    }
    this.resource.applyRemovalPolicy(removalPolicy);
    warnOfWaitForAction(this, (pipeline ? pipeline.workflows : options.workflows) ?? []);

    this.imageArn = this.resource.attrArn;
    this.imageName = this.resource.attrName;
    this.sharing = new ResourceSharing(this, this.resource.attrArn);
  }

  /**
   * Shares this image build with other accounts, organizations or organizational units through
   * AWS RAM (`imagebuilder:Image`), so their recipes can use it as a parent image. The image has
   * one resource share (child `Share`): calling this again adds principals to it.
   *
   * The image has no KMS key of its own, so `grantKeyDecrypt` is not accepted: the keys of an
   * encrypted AMI are those of its distribution and block devices (allow the principals in their
   * key policies, for example with `DistributionConfiguration.grantKeyUsage`).
   *
   * @param principals the accounts, organizations and organizational units to share with
   * @param options how the image is shared
   */
  public shareWith(principals: SharePrincipal[], options: ShareOptions = {}): void {
    this.sharing.share(principals, options);
  }

  /**
   * Adds a statement to the execution role (built from a recipe, with workflows), for what a custom
   * workflow does. It goes to the role's own policy, not to the library's: cdk-nag judges it as
   * yours. Has no effect without an execution role: `statementAdded` is false.
   */
  public addToExecutionRolePolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    return this.executionRole?.addToPrincipalPolicy(statement) ?? { statementAdded: false };
  }

  /**
   * The AMI ID of the image in the build's Region (`ImageId`). Throws for a container image.
   *
   * @attribute
   */
  public get imageId(): string {
    this.checkOutput('imageId', RecipeType.IMAGE);
    return this.resource.attrImageId;
  }

  /**
   * The URI of the container image in the build's Region (`ImageUri`). Throws for an AMI.
   *
   * @attribute
   */
  public get imageUri(): string {
    this.checkOutput('imageUri', RecipeType.CONTAINER);
    return this.resource.attrImageUri;
  }

  /**
   * The image's version and build number as its ARN holds them (`1.0.0/1`).
   *
   * @attribute
   */
  public get imageVersion(): string {
    const arn = this.imageArn;
    return `${arnPathPart(arn, 2)}/${arnPathPart(arn, 3)}`;
  }

  /**
   * The built AMI as a machine image, for an instance, launch template or Auto Scaling group of
   * this app: they launch the AMI this deployment built. Throws for a container image.
   */
  public toMachineImage(options: ImageMachineImageOptions = {}): ec2.IMachineImage {
    const imageId = this.imageId;
    const osType = options.osType
      ?? (this.recipe?.platform === ComponentPlatform.WINDOWS ? ec2.OperatingSystemType.WINDOWS : ec2.OperatingSystemType.LINUX);
    return {
      getImage: () => ({
        imageId,
        osType,
        userData: options.userData ?? ec2.UserData.forOperatingSystem(osType),
      }),
    };
  }

  /** Throws when the image is known to build the other kind of output. */
  private checkOutput(attribute: string, kind: RecipeType): void {
    const type = this.recipe?.recipeType;
    if (type !== undefined && type !== kind) {
      const [builds, use] = type === RecipeType.CONTAINER
        ? ['a container image (container recipe)', 'imageUri']
        : ['an AMI (image recipe)', 'imageId or toMachineImage()'];
      throwValidationError(this, attribute, this.recipe?.recipeArn, `is not available: this image builds ${builds}; use ${use}`);
    }
  }

  /** The deletion role: given, or created with exactly the deletions this image needs, in a policy of the library. */
  private createDeletionRole(props: ImageProps, source: ImageSourceConfig): { role: iam.IRole; policy?: OwnedPolicy } {
    const given = props.deletionSettings?.executionRole;
    if (given) {
      return { role: given };
    }
    const role = new iam.Role(this, 'DeletionRole', {
      assumedBy: new iam.ServicePrincipal('imagebuilder.amazonaws.com'),
      description: 'Role EC2 Image Builder assumes to delete the AMIs, snapshots or container images of this image',
    });
    const policy = new LibraryPolicy(this, 'DeletionRolePolicy', {
      role,
      roleCreatedInStack: true,
      holder: 'Deletion role of an Image Builder image',
      purpose: 'the deletions of the AMIs, snapshots or container images this image built',
    });
    const recipe = this.recipe;
    const pipeline = source.imagePipeline;
    const distribution = pipeline ? pipeline.distributionConfiguration : source.buildOptions?.distributionConfiguration;
    policy.add(...deletionRoleStatements(this, {
      amis: recipe === undefined || recipe.recipeType === RecipeType.IMAGE,
      containers: recipe === undefined || recipe.recipeType === RecipeType.CONTAINER,
      // An imported pipeline's distribution is not known.
      distributed: distribution !== undefined || (pipeline !== undefined && !hasBrand(pipeline, 'ImagePipeline')),
      distributionRegions: distribution?.distributionRegions !== undefined ? () => distribution.distributionRegions ?? [] : undefined,
      targetRepositoryArn: recipe?.recipeType === RecipeType.CONTAINER ? (recipe as IContainerRecipe).targetRepository?.repositoryArn : undefined,
    }));
    return { role, policy: policy.policy };
  }
}

brand(Image, 'Image');

/**
 * Exactly one source: a pipeline (with its deployment ID), or a recipe and build settings. The
 * library's factories cannot give both; a source of your own could.
 */
function validateSource(v: Validator, source: ImageSourceConfig): void {
  const pipeline = source.imagePipeline;
  if (pipeline) {
    if (source.recipe !== undefined || source.buildOptions !== undefined) {
      v.fail('source', source.recipe?.node.path ?? 'buildOptions',
        'must not give a recipe or build options with a pipeline (the image is built with the pipeline\'s recipe and settings: change them on the pipeline)');
    }
    if (pipeline.deploymentId === undefined) {
      v.fail('source.imagePipeline', pipeline.imagePipelineArn,
        'must have a known deploymentId to be built on deploy: import it with ImagePipeline.fromImagePipelineAttributes({ imagePipelineArn, deploymentId }) ' +
        '(the DeploymentId attribute of its AWS::ImageBuilder::ImagePipeline, for example from its stack\'s output)');
    }
    return;
  }
  if (source.recipe === undefined) {
    v.fail('source', undefined, 'must give a pipeline or a recipe (ImageSource.fromPipeline or ImageSource.fromRecipe)');
  }
  if (source.rebuildOnPipelineUpdate !== undefined) {
    v.fail('source.rebuildOnPipelineUpdate', source.rebuildOnPipelineUpdate,
      'must only be given with a pipeline (an image built from a recipe is rebuilt whenever a part changes)');
  }
}

/**
 * The removal policy of the image resource: RETAIN by default (nothing is deleted), DESTROY by
 * default with `deletionSettings`, which only act when the resource is not retained.
 */
function validateRemoval(v: Validator, props: ImageProps): RemovalPolicy {
  const given = props.removalPolicy;
  v.enumValue('removalPolicy', given, RemovalPolicy);
  if (props.deletionSettings && given !== undefined && given !== RemovalPolicy.DESTROY) {
    v.fail('removalPolicy', given,
      'must be RemovalPolicy.DESTROY when deletionSettings is given (Image Builder deletes nothing when the image resource is retained)');
  }
  if (props.deletionSettings?.executionRole) {
    v.arn('deletionSettings.executionRole', props.deletionSettings.executionRole.roleArn, 'role');
  }
  return given ?? (props.deletionSettings ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN);
}


/**
 * Warns when the build waits for someone: CloudFormation waits for the image, so a `WaitForAction`
 * step holds the deployment until it is answered or times out.
 */
function warnOfWaitForAction(image: Image, workflows: WorkflowConfiguration[]): void {
  const waits = workflows.flatMap(w => (w.workflow.waitForActionSteps ?? []).map(step => `${w.workflow.node.path} (step ${step})`));
  if (waits.length > 0) {
    Annotations.of(image).addWarningV2('cdk-imagebuilder:buildOnDeployWaitsForAction',
      `This image is built during the deployment, and its workflow ${waits.join(', ')} waits for an action ` +
      '(WaitForAction): the deployment waits until someone calls SendWorkflowStepAction or the step times out, ' +
      'and fails if the build outlasts the resource\'s time limit. Build with the pipeline instead of on deploy, ' +
      'or acknowledge this warning if the deployment is meant to wait.');
  }
}

/** An image built outside this app. */
class ImportedImage extends ImageBase {
  public readonly imageArn: string;

  constructor(scope: Construct, id: string, imageArn: string) {
    super(scope, id, { environmentFromArn: imageArn });
    this.imageArn = imageArn;
  }
}
