import {
  aws_ecr as ecr,
  aws_iam as iam,
  aws_imagebuilder as imagebuilder,
  aws_kms as kms,
  RemovalPolicy,
  Resource,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BlockDeviceMapping } from './block-device';
import { ComponentConfiguration, ComponentPlatform } from './component';
import { ContainerInstanceImage } from './container-instance-image';
import { ContainerParentImage } from './container-parent-image';
import { DockerfileTemplate } from './dockerfile-template';
import { renderBlockDevices } from './private/compose/block-devices';
import { checkComponentPlatforms, renderComponents } from './private/compose/components';
import { checkRecipeVersion, descriptionWithContentFingerprint, MAX_FINGERPRINTED_DESCRIPTION, RecipeAttributes } from './private/compose/recipe-content';
import type * as RecipeRepositoryModule from './private/compose/recipe-repository';
import { ResourceSharing } from './private/compose/sharing';
import { LIMITS } from './private/core/api-constraints';
import { ANY_VERSION, arnPathPart, DEFAULT_RECIPE_VERSION, iamResourceForVersionedArn, imageBuilderArn, ownResourceName } from './private/core/arns';
import { brand, hasBrand } from './private/core/brands';
import { DUMMY_PARENT_IMAGE, exactDummyVersion, lookupResource } from './private/core/lookup';
import { platformOfParentImage } from './private/core/platforms';
import { isToken, renderTagMap, Validator } from './private/core/validation';
import { grantOnResource } from './private/iam/grants';
import { IRecipe, RecipeType } from './recipe';
import { SharePrincipal, ShareOptions } from './sharing';

/**
 * An Image Builder container recipe: how a container image is built and where it is pushed.
 */
export interface IContainerRecipe extends IRecipe, imagebuilder.IContainerRecipeRef {
  /**
   * The container recipe's ARN.
   *
   * @attribute
   */
  readonly containerRecipeArn: string;

  /**
   * The container recipe's name.
   *
   * @attribute
   */
  readonly containerRecipeName: string;

  /**
   * The container recipe's version.
   *
   * @attribute
   */
  readonly containerRecipeVersion: string;

  /**
   * The ECR repository the built images are pushed to, when known (undefined for recipes imported
   * by ARN only).
   *
   * The build instances push to it with their instance role: that role needs pull and push
   * access to exactly this repository (`InfrastructureConfiguration.grantContainerPush`, which an
   * `ImagePipeline` calls for the recipe it builds).
   */
  readonly targetRepository?: ecr.IRepository;

  /**
   * The ECR repository the parent image is pulled from, when the parent image was given as one
   * (`ContainerParentImage.fromEcrRepository`). The build instances pull it with their instance
   * role, which needs pull access to it (`repository.grantPull(role)`).
   *
   * @default - the parent image is not in a known ECR repository
   */
  readonly parentImageRepository?: ecr.IRepository;

  /**
   * Grants permission to read this recipe (`imagebuilder:GetContainerRecipe`).
   *
   * @param grantee the principal to grant to
   */
  grantRead(grantee: iam.IGrantable): iam.Grant;

  /**
   * Grants the given Image Builder actions on this recipe.
   *
   * @param grantee the principal to grant to
   * @param actions the actions, such as `imagebuilder:DeleteContainerRecipe`
   */
  grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant;
}

/** The number of images the repository created for a recipe keeps, by default. */
const DEFAULT_REPOSITORY_MAX_IMAGE_COUNT = 50;

/** The only container type Image Builder builds. */
const CONTAINER_TYPE_DOCKER = 'DOCKER';

/** The only registry Image Builder pushes container images to. */
const REPOSITORY_SERVICE_ECR = 'ECR';

/** The operating system platform of a container image, when the parent image does not tell it. */
export enum ContainerPlatform {
  /** Linux containers. */
  LINUX = 'Linux',
  /** Windows containers. */
  WINDOWS = 'Windows',
}

/**
 * The EC2 instance that builds and tests the container image.
 */
export interface ContainerInstanceConfiguration {
  /**
   * The AMI of the build and test instance.
   *
   * @default - Image Builder picks the Amazon ECS-optimized AMI for the platform
   */
  readonly image?: ContainerInstanceImage;

  /**
   * The block devices of the build and test instance.
   *
   * @default - the AMI's block devices
   */
  readonly blockDevices?: BlockDeviceMapping[];
}

/** Properties of a `ContainerRecipe`. */
export interface ContainerRecipeProps {
  /**
   * The name of the container recipe (3 to 128 letters, digits, hyphens, underscores and
   * spaces). The recipe's ARN holds it lowercased.
   *
   * @default - a unique lowercase name is generated from the construct path
   */
  readonly containerRecipeName?: string;

  /**
   * The version of the container recipe: `major.minor.patch`, where nodes may be `x` from the
   * left (`1.0.x`, `1.x.x`); each number at most 1073741823.
   *
   * A recipe can't be changed: CloudFormation replaces the recipe when almost any property
   * changes, and a name and version can exist only once, so a fixed version makes every change
   * fail with "already exists" until the version is raised. With an `x` node, Image Builder
   * fills in the next free number from the latest existing version (`1.0.0`, then `1.0.1`...),
   * so changes deploy as they are. `containerRecipeVersion` is then the version Image Builder
   * assigned. (The API accepts `x` here; the numbering is how the AWS CDK describes it, not an
   * AWS guarantee.)
   *
   * @default '1.0.x'
   */
  readonly containerRecipeVersion?: string;

  /**
   * The description of the container recipe, 1 to 1024 characters.
   *
   * @default - no description
   */
  readonly description?: string;

  /** The image the container image is built on. */
  readonly parentImage: ContainerParentImage;

  /**
   * The build and test components the recipe runs, in order: at least one, each component at
   * most once. More can be added with `addComponent`.
   */
  readonly components: ComponentConfiguration[];

  /**
   * The Dockerfile template the image is built from.
   *
   * @default DockerfileTemplate.defaultTemplate() - the parent image, then the components
   */
  readonly dockerfileTemplate?: DockerfileTemplate;

  /**
   * The ECR repository the images are pushed to. It must exist in the build Region. The build
   * instances' role needs pull and push access to it (an `ImagePipeline` grants it to the
   * instance role of an `InfrastructureConfiguration` it knows).
   *
   * @default - a repository is created (`Repository` child): scan on push, a lifecycle rule
   * that keeps the last `repositoryMaxImageCount` images, and `repositoryRemovalPolicy`
   */
  readonly targetRepository?: ecr.IRepository;

  /**
   * What happens to the created repository (and its images) when it leaves the stack. With
   * `RemovalPolicy.DESTROY`, its images are deleted with it. Only without `targetRepository`.
   *
   * @default RemovalPolicy.RETAIN - the images outlive the stack
   */
  readonly repositoryRemovalPolicy?: RemovalPolicy;

  /**
   * How many images the created repository keeps: older ones expire. Only without
   * `targetRepository`.
   *
   * @default 50
   */
  readonly repositoryMaxImageCount?: number;

  /**
   * The operating system platform, when the parent image is not an Image Builder image (which
   * has its own platform).
   *
   * @default - Image Builder detects the platform of the parent image
   */
  readonly platformOverride?: ContainerPlatform;

  /**
   * The operating system version of the parent image, such as `Microsoft Windows Server 2022`.
   * Required with `platformOverride` `ContainerPlatform.WINDOWS` when the parent image is not an
   * Image Builder image.
   *
   * @default - Image Builder detects the version of the parent image
   */
  readonly imageOsVersionOverride?: string;

  /**
   * The working directory of the build and test components.
   *
   * @default - `/tmp` on Linux, `C:/` on Windows
   */
  readonly workingDirectory?: string;

  /**
   * The KMS key Image Builder uses to encrypt the container image for distribution to the target
   * Region (`KmsKeyId`, rendered as the key's ARN).
   *
   * @default - no key is given: Image Builder's default encryption applies
   */
  readonly kmsKey?: kms.IKey;

  /**
   * The EC2 instance that builds and tests the image.
   *
   * @default - the Amazon ECS-optimized AMI with its block devices
   */
  readonly instanceConfiguration?: ContainerInstanceConfiguration;

  /**
   * Tags of the container recipe itself (1 to 50).
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}

/** What `ContainerRecipe.fromLookup` searches for. */
export interface ContainerRecipeLookupOptions {
  /** The recipe's name, as its ARN holds it (lowercase: `[a-z0-9-_]+`). */
  readonly containerRecipeName: string;

  /**
   * The recipe's version; `x` nodes select the latest matching version, which the lookup
   * resolves to an exact one.
   *
   * @default 'x.x.x' - the latest version
   */
  readonly containerRecipeVersion?: string;
}

/** The name and version of an existing container recipe. */
export interface ContainerRecipeAttributes {
  /** The container recipe's name, as its ARN holds it (lowercase: `[a-z0-9-_]+`). */
  readonly containerRecipeName: string;

  /**
   * The container recipe's version; `x` nodes select the latest matching version.
   *
   * @default 'x.x.x' - the latest version
   */
  readonly containerRecipeVersion?: string;

  /**
   * The ECR repository the recipe pushes images to, so that pipelines can grant their build
   * instances access to it.
   *
   * @default - unknown: grant the build instances access to the repository yourself
   */
  readonly targetRepository?: ecr.IRepository;
}

/**
 * The permissions on a container recipe, scoped to its ARN.
 */
export class ContainerRecipeGrants {
  /** The grants of the given container recipe (owned or imported). */
  public static fromContainerRecipe(recipe: IContainerRecipe): ContainerRecipeGrants {
    return new ContainerRecipeGrants(recipe);
  }

  private constructor(private readonly recipe: IContainerRecipe) {}

  /**
   * Grants the given Image Builder actions (for example `imagebuilder:DeleteContainerRecipe`) on this recipe.
   * A version with `x` nodes (`1.0.x`) is granted with `*` in their place (`1.0.*`), IAM's
   * wildcard, so the grant covers every version it selects.
   */
  public actions(grantee: iam.IGrantable, ...actions: string[]): iam.Grant {
    return grantOnResource(grantee, iamResourceForVersionedArn(this.recipe.containerRecipeArn), actions);
  }

  /** Grants permission to read this recipe (`imagebuilder:GetContainerRecipe`). */
  public read(grantee: iam.IGrantable): iam.Grant {
    return this.actions(grantee, 'imagebuilder:GetContainerRecipe');
  }
}

/** Shared behaviour of owned and imported container recipes. */
abstract class ContainerRecipeBase extends Resource implements IContainerRecipe {
  public abstract readonly containerRecipeArn: string;

  /** A reference to this container recipe, where aws-cdk-lib expects one (`IContainerRecipeRef`). */
  public get containerRecipeRef(): imagebuilder.ContainerRecipeReference {
    return { containerRecipeArn: this.containerRecipeArn };
  }
  public abstract readonly containerRecipeName: string;
  public abstract readonly containerRecipeVersion: string;
  public abstract readonly targetRepository?: ecr.IRepository;
  public abstract readonly parentImageRepository?: ecr.IRepository;
  public abstract readonly platform?: ComponentPlatform;
  public abstract readonly components?: ComponentConfiguration[];
  public abstract readonly parentImage?: string;

  /** Always `RecipeType.CONTAINER`. */
  public readonly recipeType: RecipeType = RecipeType.CONTAINER;

  /** The permissions on this recipe. */
  public readonly grants: ContainerRecipeGrants = ContainerRecipeGrants.fromContainerRecipe(this);

  /** The container recipe's ARN. */
  public get recipeArn(): string {
    return this.containerRecipeArn;
  }

  /**
   * Grants permission to read this recipe (`imagebuilder:GetContainerRecipe`).
   * [disable-awslint:no-grants]
   */
  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return this.grants.read(grantee);
  }

  /**
   * Grants the given Image Builder actions on this recipe.
   * [disable-awslint:no-grants]
   */
  public grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant {
    return this.grants.actions(grantee, ...actions);
  }
}

/**
 * An Image Builder container recipe (`AWS::ImageBuilder::ContainerRecipe`): the parent image,
 * the Dockerfile template and the components of a Docker image build, and the ECR repository
 * the image is pushed to.
 *
 * Without `targetRepository`, it creates the repository. Without a version, Image Builder
 * numbers the versions (`1.0.x`), so that changed recipes deploy without a version bump.
 *
 * @resource AWS::ImageBuilder::ContainerRecipe
 */
export class ContainerRecipe extends ContainerRecipeBase {
  /**
   * Whether `x` is a `ContainerRecipe` of this library (authored in an app, not imported),
   * whichever copy of the library made it.
   */
  public static isContainerRecipe(x: any): x is ContainerRecipe {
    return hasBrand(x, 'ContainerRecipe');
  }

  /**
   * Imports a container recipe by its ARN
   * (`arn:aws:imagebuilder:us-east-1:123456789012:container-recipe/my-recipe/1.0.0`; the version
   * may have `x` wildcards). Its target repository is unknown.
   */
  public static fromContainerRecipeArn(scope: Construct, id: string, containerRecipeArn: string): IContainerRecipe {
    const v = Validator.forImport(scope, id);
    v.arn('containerRecipeArn', containerRecipeArn, 'containerRecipe');
    v.throwIfInvalid();
    return new ImportedContainerRecipe(scope, id, {
      arn: containerRecipeArn,
      name: arnPathPart(containerRecipeArn, 1),
      version: arnPathPart(containerRecipeArn, 2),
      environmentFromArn: true,
    });
  }

  /**
   * Imports a container recipe of the stack's account and Region by name and version, and
   * optionally the repository it pushes to.
   */
  public static fromContainerRecipeAttributes(scope: Construct, id: string, attrs: ContainerRecipeAttributes): IContainerRecipe {
    const v = Validator.forImport(scope, id);
    v.arnResourceName('containerRecipeName', attrs.containerRecipeName);
    v.semanticVersion('containerRecipeVersion', attrs.containerRecipeVersion, { wildcards: true });
    v.throwIfInvalid();
    const version = attrs.containerRecipeVersion ?? ANY_VERSION;
    const arn = imageBuilderArn(scope, 'container-recipe', `${attrs.containerRecipeName}/${version}`);
    return new ImportedContainerRecipe(scope, id, {
      arn,
      name: attrs.containerRecipeName,
      version,
      targetRepository: attrs.targetRepository,
      environmentFromArn: false,
    });
  }
  /**
   * Looks up a container recipe of the stack's account and Region at synth, through the CDK CLI's
   * Cloud Control context provider (`AWS::ImageBuilder::ContainerRecipe`, read by its ARN), and
   * imports it with the exact ARN (a version with `x` nodes resolved), its parent image and the
   * ECR repository it pushes to. Its platform is known only when the parent image is an
   * AWS-managed image: `PlatformOverride` is write-only in CloudFormation.
   *
   * The stack needs a concrete account and Region. Until the CDK CLI has answered, the lookup
   * returns a dummy in account 123456789012, which can never deploy; the answer is cached in
   * `cdk.context.json`. Needs CDK CLI 2.1001.0 or later (the Cloud Control context provider).
   */
  public static fromLookup(scope: Construct, id: string, options: ContainerRecipeLookupOptions): IContainerRecipe {
    const v = Validator.forImport(scope, id);
    v.arnResourceName('containerRecipeName', options.containerRecipeName);
    v.semanticVersion('containerRecipeVersion', options.containerRecipeVersion, { wildcards: true });
    v.throwIfInvalid();
    // AWS::ImageBuilder::ContainerRecipe schema: primaryIdentifier /properties/Arn; writeOnly
    // DockerfileTemplateData, DockerfileTemplateUri, ImageOsVersionOverride and PlatformOverride
    // (never returned). TargetRepository and ParentImage are required by CreateContainerRecipe
    // (service model), so every recipe has them. GetContainerRecipe's containerRecipeArn takes `x` nodes.
    const answer = lookupResource(scope, id, 'containerRecipeName', {
      typeName: 'AWS::ImageBuilder::ContainerRecipe',
      resource: 'container-recipe',
      resourceName: `${options.containerRecipeName}/${options.containerRecipeVersion ?? ANY_VERSION}`,
      propertiesToReturn: ['Arn', 'ParentImage', 'TargetRepository.RepositoryName'],
      dummy: arn => ({ 'Arn': exactDummyVersion(arn), 'ParentImage': DUMMY_PARENT_IMAGE, 'TargetRepository.RepositoryName': 'dummy-repository' }),
    });
    const arn: string = answer.properties.Arn;
    return new ImportedContainerRecipe(scope, id, {
      arn,
      name: arnPathPart(arn, 1),
      version: arnPathPart(arn, 2),
      targetRepository: answer.answered
        ? ecr.Repository.fromRepositoryName(scope, `${id}TargetRepository`, answer.properties['TargetRepository.RepositoryName'])
        : undefined,
      // The dummy's parent image is no fact.
      parentImage: answer.answered ? answer.properties.ParentImage : undefined,
      environmentFromArn: true,
    });
  }


  public readonly containerRecipeArn: string;
  public get containerRecipeName(): string {
    return this.attributes.recipeName;
  }

  /**
   * The container recipe's version. When the version has `x` nodes, this is the version Image
   * Builder assigned, read from the recipe's ARN.
   */
  public get containerRecipeVersion(): string {
    return this.attributes.recipeVersion;
  }

  /**
   * The ECR repository the images are pushed to: the one given, or the one created. Always set
   * on a `ContainerRecipe` (optional only because imported recipes may not know it).
   */
  public readonly targetRepository?: ecr.IRepository;

  /**
   * The ECR repository the parent image is pulled from, when it was given as one
   * (`ContainerParentImage.fromEcrRepository`).
   */
  public readonly parentImageRepository?: ecr.IRepository;

  /**
   * The ARN of the latest version of this recipe's name (`.../container-recipe/<name>/<version>`),
   * as CloudFormation reads it when the recipe is created.
   *
   * @attribute
   */
  public get containerRecipeLatestVersionArn(): string {
    return this.attributes.latestVersionArn;
  }

  /**
   * The ARN of the latest version of this recipe's name with the same major version.
   *
   * @attribute
   */
  public get containerRecipeLatestMajorVersionArn(): string {
    return this.attributes.latestMajorVersionArn;
  }

  /**
   * The ARN of the latest version of this recipe's name with the same major and minor version.
   *
   * @attribute
   */
  public get containerRecipeLatestMinorVersionArn(): string {
    return this.attributes.latestMinorVersionArn;
  }

  /**
   * The ARN of the latest version of this recipe's name with the same major, minor and patch
   * version.
   *
   * @attribute
   */
  public get containerRecipeLatestPatchVersionArn(): string {
    return this.attributes.latestPatchVersionArn;
  }

  private readonly sharing: ResourceSharing;
  /** The L1, whose attributes the getters read when they are first used. */
  private readonly resource: imagebuilder.CfnContainerRecipe;
  /** The name, version and latest-version ARNs, read from the L1 on first use. */
  private readonly attributes: RecipeAttributes;
  private readonly componentConfigurations: ComponentConfiguration[];

  /**
   * The operating system platform of the container images, when known: from `platformOverride`,
   * or from an AWS-managed parent image's name; undefined otherwise.
   */
  public readonly platform?: ComponentPlatform;

  /** The parent image, as the recipe gives it to Image Builder (`ParentImage`). */
  public readonly parentImage?: string;

  constructor(scope: Construct, id: string, props: ContainerRecipeProps) {
    super(scope, id, {
      physicalName: props.containerRecipeName,
    });
    const name = ownResourceName(this, props.containerRecipeName);

    const version = props.containerRecipeVersion ?? DEFAULT_RECIPE_VERSION;
    const v = new Validator(this);
    v.resourceName('containerRecipeName', props.containerRecipeName);
    v.semanticVersion('containerRecipeVersion', version, { wildcards: true });
    const descriptionValid = v.description('description', props.description);
    v.kmsKey('kmsKey', props.kmsKey);
    v.nonEmptyString('workingDirectory', props.workingDirectory);
    v.nonEmptyString('imageOsVersionOverride', props.imageOsVersionOverride);
    v.enumValue('platformOverride', props.platformOverride, ContainerPlatform);
    v.enumValue('repositoryRemovalPolicy', props.repositoryRemovalPolicy, RemovalPolicy);
    v.tags('tags', props.tags);

    const parentImage = props.parentImage._render(this, v);
    this.validatePlatform(v, props);
    this.validateRepositoryOptions(v, props);
    v.ecrRepositoryName('targetRepository', props.targetRepository?.repositoryName);
    this.componentConfigurations = [...props.components];
    const components = renderComponents(v, 'components', this.componentConfigurations);
    const platform = platformOfContainer(props.platformOverride) ?? props.parentImage._platform as ComponentPlatform | undefined;
    checkComponentPlatforms(v, platform, props.components);
    const template = props.dockerfileTemplate ?? DockerfileTemplate.defaultTemplate();
    const dockerfile = template._bind(this, v);
    const objectVersion = template._objectVersion;
    if (objectVersion !== undefined && descriptionValid) {
      // Room for the content fingerprint of the template's object version.
      v.length('description', props.description, { min: 1, max: MAX_FINGERPRINTED_DESCRIPTION });
    }
    const instanceConfiguration = this.renderInstanceConfiguration(v, props.instanceConfiguration);
    checkRecipeVersion(this, v, 'containerRecipeVersion', version, {
      'parentImage': parentImage,
      'instanceConfiguration.image': instanceConfiguration?.image,
    });
    v.throwIfInvalid();

    const targetRepository = props.targetRepository ?? this.createRepository(props);
    this.targetRepository = targetRepository;
    this.parentImageRepository = props.parentImage.repository;
    this.parentImage = parentImage;
    this.platform = platform;

    const resource = this.resource = new imagebuilder.CfnContainerRecipe(this, 'Resource', {
      name,
      version,
      // Image Builder reads a template in S3 only when the recipe is created: a new object
      // version, in the (create-only) description's fingerprint, replaces the recipe.
      description: objectVersion !== undefined
        ? descriptionWithContentFingerprint(this, props.description, () => ({ dockerfileTemplateObjectVersion: objectVersion }))
        : props.description,
      containerType: CONTAINER_TYPE_DOCKER,
      parentImage,
      targetRepository: {
        service: REPOSITORY_SERVICE_ECR,
        repositoryName: targetRepository.repositoryName,
      },
      components,
      dockerfileTemplateData: dockerfile.dockerfileTemplateData,
      dockerfileTemplateUri: dockerfile.dockerfileTemplateUri,
      platformOverride: props.platformOverride,
      imageOsVersionOverride: props.imageOsVersionOverride,
      workingDirectory: props.workingDirectory,
      kmsKeyId: props.kmsKey?.keyArn,
      instanceConfiguration,
      tags: renderTagMap(props.tags),
    });

    this.containerRecipeArn = props.containerRecipeName === undefined
      ? resource.attrArn
      : this.getResourceArnAttribute(resource.attrArn, {
        service: 'imagebuilder',
        resource: 'container-recipe',
        resourceName: `${name}/${version}`,
      });
    this.attributes = new RecipeAttributes(resource, version, attrName => this.getResourceNameAttribute(attrName));
    this.sharing = new ResourceSharing(this, resource.attrArn, props.kmsKey);
  }

  /**
   * Shares this recipe version with other accounts, organizations or organizational units
   * through AWS RAM (`imagebuilder:ContainerRecipe`). The recipe has one resource share (child
   * `Share`): calling this again adds principals to it.
   *
   * With `grantKeyDecrypt`, the principals are allowed `kms:Decrypt` and `kms:DescribeKey` on the
   * recipe's `kmsKey` (a key of this app). The recipe's target repository is not shared: the
   * accounts that build from the recipe push to a repository of that name in their own account.
   *
   * @param principals the accounts, organizations and organizational units to share with
   * @param options how the recipe is shared
   */
  public shareWith(principals: SharePrincipal[], options: ShareOptions = {}): void {
    this.sharing.share(principals, options);
  }

  /** The components the recipe runs, in order (a copy: add one with `addComponent`). */
  public get components(): ComponentConfiguration[] | undefined {
    return [...this.componentConfigurations];
  }

  /**
   * Adds a component to the end of the recipe's components. Throws when it is not valid, or
   * when the recipe already runs it.
   */
  public addComponent(component: ComponentConfiguration): void {
    const all = [...this.componentConfigurations, component];
    const v = new Validator(this);
    const rendered = renderComponents(v, 'components', all);
    v.throwIfInvalid();
    this.componentConfigurations.push(component);
    this.resource.components = rendered;
  }

  private validatePlatform(v: Validator, props: ContainerRecipeProps): void {
    const platform = props.platformOverride;
    if (platform === undefined || isToken(platform)) {
      return;
    }
    if (props.parentImage._isImageBuilderImage) {
      v.fail('platformOverride', platform, 'must not be given when parentImage is an Image Builder image (the image has its own platform)');
    } else if (platform === ContainerPlatform.WINDOWS && props.imageOsVersionOverride === undefined) {
      v.fail('imageOsVersionOverride', undefined, `must be given when platformOverride is ${ContainerPlatform.WINDOWS} and parentImage is not an Image Builder image`);
    }
  }

  private validateRepositoryOptions(v: Validator, props: ContainerRecipeProps): void {
    if (props.targetRepository !== undefined) {
      if (props.repositoryRemovalPolicy !== undefined) {
        v.fail('repositoryRemovalPolicy', props.repositoryRemovalPolicy,
          'must not be given with targetRepository (it applies only to the repository the recipe creates)');
      }
      if (props.repositoryMaxImageCount !== undefined) {
        v.fail('repositoryMaxImageCount', props.repositoryMaxImageCount,
          'must not be given with targetRepository (it applies only to the repository the recipe creates)');
      }
    }
    v.integer('repositoryMaxImageCount', props.repositoryMaxImageCount, LIMITS.ecrLifecycleImageCount);
  }

  private createRepository(props: ContainerRecipeProps): ecr.IRepository {
    const removalPolicy = props.repositoryRemovalPolicy ?? RemovalPolicy.RETAIN;
    const maxImageCount = props.repositoryMaxImageCount ?? DEFAULT_REPOSITORY_MAX_IMAGE_COUNT;
    return new (recipeRepositoryModule().RecipeRepository)(this, 'Repository', { maxImageCount, removalPolicy });
  }

  private renderInstanceConfiguration(
    v: Validator,
    configuration: ContainerInstanceConfiguration | undefined,
  ): imagebuilder.CfnContainerRecipe.InstanceConfigurationProperty | undefined {
    if (configuration === undefined) {
      return undefined;
    }
    const image = configuration.image?._render(this, v);
    const blockDeviceMappings = configuration.blockDevices !== undefined && configuration.blockDevices.length > 0
      ? renderBlockDevices(v, 'instanceConfiguration.blockDevices', configuration.blockDevices)
      : undefined;
    if (image === undefined && blockDeviceMappings === undefined) {
      return undefined;
    }
    return { image, blockDeviceMappings };
  }
}

/** How a container recipe defined outside this app is known. */
interface ImportedContainerRecipeProps {
  readonly arn: string;
  readonly name: string;
  readonly version: string;
  readonly targetRepository?: ecr.IRepository;
  /** The parent image, when a lookup learned it. */
  readonly parentImage?: string;
  readonly environmentFromArn: boolean;
}

brand(ContainerRecipe, 'ContainerRecipe');

/** The component platform of a container platform given as a literal; undefined otherwise. */
function platformOfContainer(platform: ContainerPlatform | undefined): ComponentPlatform | undefined {
  switch (platform) {
    case ContainerPlatform.LINUX: return ComponentPlatform.LINUX;
    case ContainerPlatform.WINDOWS: return ComponentPlatform.WINDOWS;
    default: return undefined;
  }
}

/** A container recipe defined outside this app. */
class ImportedContainerRecipe extends ContainerRecipeBase {
  public readonly platform?: ComponentPlatform;
  public readonly parentImage?: string;
  public readonly components?: ComponentConfiguration[] = undefined;
  public readonly containerRecipeArn: string;
  public readonly containerRecipeName: string;
  public readonly containerRecipeVersion: string;
  public readonly targetRepository?: ecr.IRepository;
  public readonly parentImageRepository?: ecr.IRepository = undefined;

  constructor(scope: Construct, id: string, props: ImportedContainerRecipeProps) {
    super(scope, id, props.environmentFromArn ? { environmentFromArn: props.arn } : {});
    this.containerRecipeArn = props.arn;
    this.containerRecipeName = props.name;
    this.containerRecipeVersion = props.version;
    this.targetRepository = props.targetRepository;
    this.parentImage = props.parentImage;
    this.platform = props.parentImage !== undefined ? platformOfParentImage(props.parentImage) as ComponentPlatform | undefined : undefined;
  }
}

let loadedRecipeRepositoryModule: typeof RecipeRepositoryModule | undefined;

/**
 * The created repository's module, loaded on first use: its class extends `ecr.RepositoryBase`,
 * which loads aws-cdk-lib's ECR module, a fifth of the CPU time of `require('cdk-imagebuilder')`
 * for apps that build only AMIs.
 */
function recipeRepositoryModule(): typeof RecipeRepositoryModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loadedRecipeRepositoryModule ??= require('./private/compose/recipe-repository') as typeof RecipeRepositoryModule;
  return loadedRecipeRepositoryModule;
}
