import {
  aws_ec2 as ec2,
  aws_iam as iam,
  aws_imagebuilder as imagebuilder,
  aws_ssm as ssm,
  Fn,
  Lazy,
  Resource,
  Stack,
  Token,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { BlockDeviceMapping } from './block-device';
import { ComponentConfiguration, ComponentPlatform } from './component';
import { renderBlockDevices } from './private/compose/block-devices';
import { checkComponentPlatforms, renderComponents } from './private/compose/components';
import { checkRecipeVersion, descriptionWithContentFingerprint, MAX_FINGERPRINTED_DESCRIPTION, RecipeAttributes } from './private/compose/recipe-content';
import { ResourceSharing } from './private/compose/sharing';
import { LIMITS, PATTERNS } from './private/core/api-constraints';
import { ANY_VERSION, arnPathPart, DEFAULT_RECIPE_VERSION, iamResourceForVersionedArn, imageBuilderArn, ownResourceName } from './private/core/arns';
import { brand, hasBrand } from './private/core/brands';
import { DUMMY_PARENT_IMAGE, exactDummyVersion, lookupResource } from './private/core/lookup';
import { platformOfAwsManagedImage, platformOfParentImage, platformOfSsmParameter } from './private/core/platforms';
import { renderTagMap, Validator } from './private/core/validation';
import { grantOnResource } from './private/iam/grants';
import { IRecipe, RecipeType } from './recipe';
import { SharePrincipal, ShareOptions } from './sharing';

/**
 * An Image Builder image recipe: how an AMI is built.
 */
export interface IImageRecipe extends IRecipe, imagebuilder.IImageRecipeRef {
  /**
   * The image recipe's ARN.
   *
   * @attribute
   */
  readonly imageRecipeArn: string;

  /**
   * The image recipe's name.
   *
   * @attribute
   */
  readonly imageRecipeName: string;

  /**
   * The image recipe's version.
   *
   * @attribute
   */
  readonly imageRecipeVersion: string;

  /**
   * Grants permission to read this recipe (`imagebuilder:GetImageRecipe`).
   *
   * @param grantee the principal to grant to
   */
  grantRead(grantee: iam.IGrantable): iam.Grant;

  /**
   * Grants the given Image Builder actions on this recipe.
   *
   * @param grantee the principal to grant to
   * @param actions the actions, such as `imagebuilder:DeleteImageRecipe`
   */
  grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant;
}

/**
 * The image an image recipe starts from: an AMI, an Image Builder image, an SSM parameter that
 * holds an AMI ID, or an AWS Marketplace product.
 */
export class ParentImage {
  /** An AMI, by its ID (`ami-0123456789abcdef0`). */
  public static fromAmiId(amiId: string): ParentImage {
    return new ParentImage((_scope, v) => {
      v.pattern('parentImage', amiId, PATTERNS.amiId);
      return amiId;
    });
  }

  /**
   * The AMI of an EC2 machine image, such as `ec2.MachineImage.latestAmazonLinux2023()`. Images
   * looked up from SSM parameters are resolved by CloudFormation at deployment.
   */
  public static fromMachineImage(machineImage: ec2.IMachineImage): ParentImage {
    return new ParentImage(scope => machineImage.getImage(scope).imageId, scope => {
      const osType = machineImage.getImage(scope).osType;
      return osType === ec2.OperatingSystemType.WINDOWS ? ComponentPlatform.WINDOWS
        : osType === ec2.OperatingSystemType.LINUX ? ComponentPlatform.LINUX : undefined;
    });
  }

  /**
   * The AMI whose ID an SSM parameter holds, by the parameter's name (for example
   * `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64`). Image Builder reads
   * the parameter at build time, so each build starts from the current AMI.
   */
  public static fromSsmParameterName(parameterName: string): ParentImage {
    return new ParentImage((_scope, v) => {
      if (v.length('parentImage', parameterName, LIMITS.ssmParameterName)) {
        v.pattern('parentImage', parameterName, PATTERNS.ssmParameterName);
      }
      return `ssm:${parameterName}`;
    }, () => Token.isUnresolved(parameterName) ? undefined : platformOfSsmParameter(parameterName) as ComponentPlatform | undefined);
  }

  /**
   * The AMI whose ID an SSM parameter holds. Image Builder reads the parameter (by its ARN) at
   * build time, so each build starts from the current AMI.
   */
  public static fromSsmParameter(parameter: ssm.IParameter): ParentImage {
    return new ParentImage(() => `ssm:${parameter.parameterArn}`);
  }

  /**
   * An Image Builder image, by its ARN: an exact build (`.../image/my-image/1.0.0/1`) or a
   * version with wildcards (`.../image/my-image/1.x.x`) for the latest matching build.
   */
  public static fromImageArn(imageArn: string): ParentImage {
    return new ParentImage((_scope, v) => {
      v.arn('parentImage', imageArn, 'image');
      return imageArn;
    }, () => platformOfParentImage(imageArn) as ComponentPlatform | undefined);
  }

  /**
   * An image AWS owns, in the stack's partition and region, by name, for example
   * `amazon-linux-2023-x86` or `windows-server-2022-english-full-base-x86`.
   *
   * @param imageName the image's name, lowercase as in its ARN
   * @param version the version: exact, or with wildcards. Default: `x.x.x`, the latest
   */
  public static fromAwsManagedImage(imageName: string, version?: string): ParentImage {
    return new ParentImage((scope, v) => {
      v.pattern('parentImage', imageName, PATTERNS.arnResourceName);
      v.semanticVersion('parentImage', version, { wildcards: true });
      return Stack.of(scope).formatArn({
        service: 'imagebuilder',
        account: 'aws',
        resource: 'image',
        resourceName: `${imageName}/${version ?? ANY_VERSION}`,
      });
    }, () => Token.isUnresolved(imageName) ? undefined : platformOfAwsManagedImage(imageName) as ComponentPlatform | undefined);
  }

  /** An AWS Marketplace product, by its product ID. */
  public static fromMarketplaceProductId(productId: string): ParentImage {
    return new ParentImage(() => productId);
  }

  /**
   * Any value the API accepts as a parent image (an AMI ID, an image ARN, `ssm:<parameter>`
   * or a Marketplace product ID), passed as it is.
   */
  public static fromString(parentImage: string): ParentImage {
    return new ParentImage(() => parentImage, () => platformOfParentImage(parentImage) as ComponentPlatform | undefined);
  }

  private constructor(
    private readonly produce: (scope: Construct, v: Validator) => string,
    private readonly platformOf: (scope: Construct) => ComponentPlatform | undefined = () => undefined,
  ) {}

  /**
   * The platform of the parent image, when its source says it: an AWS-managed image's name or
   * ARN, a public SSM parameter of AWS AMIs, or an `ec2.IMachineImage`'s `osType`.
   *
   * @internal
   */
  public _platform(scope: Construct): ComponentPlatform | undefined {
    return this.platformOf(scope);
  }

  /**
   * The `ParentImage` value of the recipe, checked with the recipe's validator.
   *
   * @internal
   */
  public _render(scope: Construct, v: Validator): string {
    const parentImage = this.produce(scope, v);
    v.nonEmptyString('parentImage', parentImage);
    return parentImage;
  }
}

/** Properties of an `ImageRecipe`. */
export interface ImageRecipeProps {
  /**
   * The name of the image recipe (3 to 128 letters, digits, hyphens, underscores and spaces).
   *
   * @default - a unique lowercase name is generated
   */
  readonly imageRecipeName?: string;

  /**
   * The version of the image recipe: `major.minor.patch`, where nodes may be `x` from the left
   * (`1.0.x`, `1.x.x`).
   *
   * Recipes can't be changed: CloudFormation replaces the recipe when any property changes, and
   * a name and version can exist only once. A version with `x` lets Image Builder pick the next
   * free version, so changes deploy without editing the version. (The API accepts `x` here; this
   * numbering is how the AWS CDK describes it, not an AWS guarantee.)
   *
   * @default '1.0.x'
   */
  readonly imageRecipeVersion?: string;

  /**
   * The description of the image recipe.
   *
   * @default - no description
   */
  readonly description?: string;

  /** The image the recipe starts from. */
  readonly parentImage: ParentImage;

  /**
   * The operating system platform of the parent image. A component of another platform is
   * refused at synth (a Linux component on a Windows recipe, or the reverse).
   *
   * @default - inferred from the parent image where its source says it (an AWS-managed image's
   * name, a public SSM parameter of AWS AMIs, an `ec2.IMachineImage`'s `osType`); otherwise unknown,
   * and components are not checked against it
   */
  readonly platform?: ComponentPlatform;

  /**
   * The build and test components the recipe runs, in order. Each component at most once.
   *
   * @default - no components: the image is the parent image, rebuilt
   */
  readonly components?: ComponentConfiguration[];

  /**
   * The block devices of the build instance, and of the AMI.
   *
   * @default - the parent image's block devices
   */
  readonly blockDevices?: BlockDeviceMapping[];

  /**
   * The working directory of the build and test components.
   *
   * @default - `/tmp` on Linux and macOS, `C:/` on Windows
   */
  readonly workingDirectory?: string;

  /**
   * Whether the Systems Manager agent is removed from the image after the build (when Image
   * Builder installed it for the build).
   *
   * @default false
   */
  readonly uninstallSsmAgentAfterBuild?: boolean;

  /**
   * User data that replaces Image Builder's own user data of the build instance. It must leave
   * the Systems Manager agent installed and running: Image Builder drives the build through it.
   * Rendered at synthesis, so commands added to it later are included, and base64-encoded for
   * the API (at most 21847 characters encoded).
   *
   * @default - Image Builder's user data, which installs the Systems Manager agent when needed
   */
  readonly userDataOverride?: ec2.UserData;

  /**
   * Tags of the AMIs built from this recipe.
   *
   * @default - no AMI tags
   */
  readonly amiTags?: { [key: string]: string };

  /**
   * The AMI watermarks attached to the AMIs built from this recipe (1 to 5 names, each 3 to 128
   * letters, digits, spaces and `()[]./'@_-`). Watermarks are lineage markers that EC2 carries
   * over to the AMIs copied or derived from a watermarked AMI. An AMI with watermarks can't be
   * made public.
   *
   * @default - no watermarks
   */
  readonly amiWatermarks?: string[];

  /**
   * Tags of the image recipe itself.
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}

/** What `ImageRecipe.fromLookup` searches for. */
export interface ImageRecipeLookupOptions {
  /** The recipe's name, as its ARN holds it (lowercase: `[a-z0-9-_]+`). */
  readonly imageRecipeName: string;

  /**
   * The recipe's version; `x` nodes select the latest matching version, which the lookup
   * resolves to an exact one.
   *
   * @default 'x.x.x' - the latest version
   */
  readonly imageRecipeVersion?: string;
}

/** The name and version of an existing image recipe. */
export interface ImageRecipeAttributes {
  /** The image recipe's name, as its ARN holds it (lowercase: `[a-z0-9-_]+`). */
  readonly imageRecipeName: string;

  /**
   * The image recipe's version; `x` nodes select the latest matching version.
   *
   * @default 'x.x.x' - the latest version
   */
  readonly imageRecipeVersion?: string;
}

/**
 * The permissions on an image recipe, scoped to its ARN.
 */
export class ImageRecipeGrants {
  /** The grants of the given image recipe (owned or imported). */
  public static fromImageRecipe(recipe: IImageRecipe): ImageRecipeGrants {
    return new ImageRecipeGrants(recipe);
  }

  private constructor(private readonly recipe: IImageRecipe) {}

  /**
   * Grants the given Image Builder actions (for example `imagebuilder:DeleteImageRecipe`) on this recipe.
   * A version with `x` nodes (`1.0.x`) is granted with `*` in their place (`1.0.*`), IAM's
   * wildcard, so the grant covers every version it selects.
   */
  public actions(grantee: iam.IGrantable, ...actions: string[]): iam.Grant {
    return grantOnResource(grantee, iamResourceForVersionedArn(this.recipe.imageRecipeArn), actions);
  }

  /** Grants permission to read this recipe (`imagebuilder:GetImageRecipe`). */
  public read(grantee: iam.IGrantable): iam.Grant {
    return this.actions(grantee, 'imagebuilder:GetImageRecipe');
  }
}

/** Shared behaviour of owned and imported image recipes. */
abstract class ImageRecipeBase extends Resource implements IImageRecipe {
  public abstract readonly imageRecipeArn: string;

  /** A reference to this image recipe, where aws-cdk-lib expects one (`IImageRecipeRef`). */
  public get imageRecipeRef(): imagebuilder.ImageRecipeReference {
    return { imageRecipeArn: this.imageRecipeArn };
  }
  public abstract readonly imageRecipeName: string;
  public abstract readonly imageRecipeVersion: string;

  /** Always `RecipeType.IMAGE`. */
  public readonly recipeType: RecipeType = RecipeType.IMAGE;

  public abstract readonly platform?: ComponentPlatform;
  public abstract readonly components?: ComponentConfiguration[];
  public abstract readonly parentImage?: string;

  /** The permissions on this recipe. */
  public readonly grants: ImageRecipeGrants = ImageRecipeGrants.fromImageRecipe(this);

  /** The image recipe's ARN. */
  public get recipeArn(): string {
    return this.imageRecipeArn;
  }

  /**
   * Grants permission to read this recipe (`imagebuilder:GetImageRecipe`).
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
 * An Image Builder image recipe (`AWS::ImageBuilder::ImageRecipe`): the parent image, the
 * components and the block devices of an AMI build.
 */
export class ImageRecipe extends ImageRecipeBase {
  /**
   * Whether `x` is an `ImageRecipe` of this library (authored in an app, not imported),
   * whichever copy of the library made it.
   */
  public static isImageRecipe(x: any): x is ImageRecipe {
    return hasBrand(x, 'ImageRecipe');
  }

  /**
   * Imports an image recipe by its ARN
   * (`arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/my-recipe/1.0.0`; the version may
   * have `x` wildcards).
   */
  public static fromImageRecipeArn(scope: Construct, id: string, imageRecipeArn: string): IImageRecipe {
    const v = Validator.forImport(scope, id);
    v.arn('imageRecipeArn', imageRecipeArn, 'imageRecipe');
    v.throwIfInvalid();
    return new ImportedImageRecipe(scope, id, imageRecipeArn, arnPathPart(imageRecipeArn, 1), arnPathPart(imageRecipeArn, 2), true);
  }

  /** Imports an image recipe of the stack's account and region by name and version. */
  public static fromImageRecipeAttributes(scope: Construct, id: string, attrs: ImageRecipeAttributes): IImageRecipe {
    const v = Validator.forImport(scope, id);
    v.arnResourceName('imageRecipeName', attrs.imageRecipeName);
    v.semanticVersion('imageRecipeVersion', attrs.imageRecipeVersion, { wildcards: true });
    v.throwIfInvalid();
    const version = attrs.imageRecipeVersion ?? ANY_VERSION;
    const arn = imageBuilderArn(scope, 'image-recipe', `${attrs.imageRecipeName}/${version}`);
    return new ImportedImageRecipe(scope, id, arn, attrs.imageRecipeName, version, false);
  }
  /**
   * Looks up an image recipe of the stack's account and Region at synth, through the CDK CLI's
   * Cloud Control context provider (`AWS::ImageBuilder::ImageRecipe`, read by its ARN), and imports
   * it with the exact ARN (a version with `x` nodes resolved) and its parent image. Its platform
   * is known when the parent image says it (an AWS-managed image, or a public SSM parameter of AWS
   * AMIs): CloudFormation's image recipe has no platform property.
   *
   * The stack needs a concrete account and Region. Until the CDK CLI has answered, the lookup
   * returns a dummy in account 123456789012, which can never deploy; the answer is cached in
   * `cdk.context.json`. Needs CDK CLI 2.1001.0 or later (the Cloud Control context provider).
   */
  public static fromLookup(scope: Construct, id: string, options: ImageRecipeLookupOptions): IImageRecipe {
    const v = Validator.forImport(scope, id);
    v.arnResourceName('imageRecipeName', options.imageRecipeName);
    v.semanticVersion('imageRecipeVersion', options.imageRecipeVersion, { wildcards: true });
    v.throwIfInvalid();
    // AWS::ImageBuilder::ImageRecipe schema: primaryIdentifier /properties/Arn; Name, Version and
    // ParentImage are `required`, so every answer has them; Components is optional (the CLI fails a
    // lookup whose resource lacks a property asked for); no Platform property (GetImageRecipe has
    // one, CloudFormation does not carry it). GetImageRecipe's imageRecipeArn takes `x` nodes
    // (service model ImageRecipeArn).
    const answer = lookupResource(scope, id, 'imageRecipeName', {
      typeName: 'AWS::ImageBuilder::ImageRecipe',
      resource: 'image-recipe',
      resourceName: `${options.imageRecipeName}/${options.imageRecipeVersion ?? ANY_VERSION}`,
      propertiesToReturn: ['Arn', 'ParentImage'],
      dummy: arn => ({ Arn: exactDummyVersion(arn), ParentImage: DUMMY_PARENT_IMAGE }),
    });
    const arn: string = answer.properties.Arn;
    v.arn('imageRecipeArn', arn, 'imageRecipe');
    v.throwIfInvalid();
    // The dummy's parent image is no fact: a recipe's platform would be checked against it.
    const parentImage: string | undefined = answer.answered ? answer.properties.ParentImage : undefined;
    return new ImportedImageRecipe(scope, id, arn, arnPathPart(arn, 1), arnPathPart(arn, 2), true, parentImage);
  }


  public readonly imageRecipeArn: string;
  public get imageRecipeName(): string {
    return this.attributes.recipeName;
  }

  /**
   * The image recipe's version. When the version has `x` nodes, this is the version Image
   * Builder assigned, read from the recipe's ARN.
   */
  public get imageRecipeVersion(): string {
    return this.attributes.recipeVersion;
  }

  /**
   * The ARN of the latest version of this recipe's name (`.../image-recipe/<name>/<version>`), as
   * CloudFormation reads it when the recipe is created.
   *
   * @attribute
   */
  public get imageRecipeLatestVersionArn(): string {
    return this.attributes.latestVersionArn;
  }

  /**
   * The ARN of the latest version of this recipe's name with the same major version.
   *
   * @attribute
   */
  public get imageRecipeLatestMajorVersionArn(): string {
    return this.attributes.latestMajorVersionArn;
  }

  /**
   * The ARN of the latest version of this recipe's name with the same major and minor version.
   *
   * @attribute
   */
  public get imageRecipeLatestMinorVersionArn(): string {
    return this.attributes.latestMinorVersionArn;
  }

  /**
   * The ARN of the latest version of this recipe's name with the same major, minor and patch
   * version.
   *
   * @attribute
   */
  public get imageRecipeLatestPatchVersionArn(): string {
    return this.attributes.latestPatchVersionArn;
  }

  /**
   * The operating system platform of the AMIs the recipe builds, when known; undefined when not
   * known.
   */
  public readonly platform?: ComponentPlatform;

  /** The components the recipe runs, in order (an empty list when it runs none). */
  public readonly components?: ComponentConfiguration[];

  /** The parent image, as the recipe gives it to Image Builder (`ParentImage`). */
  public readonly parentImage?: string;

  private readonly sharing: ResourceSharing;
  /** The name, version and latest-version ARNs, read from the L1 on first use. */
  private readonly attributes: RecipeAttributes;

  constructor(scope: Construct, id: string, props: ImageRecipeProps) {
    super(scope, id, {
      physicalName: props.imageRecipeName,
    });
    const name = ownResourceName(this, props.imageRecipeName);

    const version = props.imageRecipeVersion ?? DEFAULT_RECIPE_VERSION;
    const v = new Validator(this);
    v.resourceName('imageRecipeName', props.imageRecipeName);
    v.semanticVersion('imageRecipeVersion', version, { wildcards: true });
    const descriptionValid = v.description('description', props.description);
    const updatedInPlace = props.amiTags !== undefined || props.amiWatermarks !== undefined
      || props.userDataOverride !== undefined || props.uninstallSsmAgentAfterBuild !== undefined;
    if (updatedInPlace && descriptionValid) {
      // Room for the content fingerprint (see descriptionWithContentFingerprint).
      v.length('description', props.description, { min: 1, max: MAX_FINGERPRINTED_DESCRIPTION });
    }
    v.nonEmptyString('workingDirectory', props.workingDirectory);
    v.tags('amiTags', props.amiTags);
    v.tags('tags', props.tags);
    const amiWatermarks = this.renderAmiWatermarks(v, props.amiWatermarks);
    const parentImage = props.parentImage._render(this, v);
    this.parentImage = parentImage;
    this.platform = props.platform ?? props.parentImage._platform(this);
    checkComponentPlatforms(v, this.platform, props.components ?? []);
    checkRecipeVersion(this, v, 'imageRecipeVersion', version, { parentImage });
    const components = props.components !== undefined ? renderComponents(v, 'components', props.components) : undefined;
    const blockDeviceMappings = props.blockDevices !== undefined && props.blockDevices.length > 0
      ? renderBlockDevices(v, 'blockDevices', props.blockDevices)
      : undefined;
    v.throwIfInvalid();
    const userDataOverride = this.renderUserData(props.userDataOverride);

    const additionalInstanceConfiguration = props.uninstallSsmAgentAfterBuild !== undefined || userDataOverride !== undefined
      ? {
        systemsManagerAgent: props.uninstallSsmAgentAfterBuild !== undefined
          ? { uninstallAfterBuild: props.uninstallSsmAgentAfterBuild }
          : undefined,
        userDataOverride,
      }
      : undefined;

    const amiTags = renderTagMap(props.amiTags);
    const resource = new imagebuilder.CfnImageRecipe(this, 'Resource', {
      name,
      version,
      // AMI tags and the additional instance configuration are not create-only: their fingerprint
      // in the (create-only) description makes every change of them replace the recipe. AMI
      // watermarks are fingerprinted too: the schema of our reference predates them, so whether
      // CloudFormation replaces the recipe for them is not known.
      description: updatedInPlace
        ? descriptionWithContentFingerprint(this, props.description, () => ({ additionalInstanceConfiguration, amiTags, amiWatermarks }))
        : props.description,
      parentImage,
      components,
      blockDeviceMappings,
      workingDirectory: props.workingDirectory,
      additionalInstanceConfiguration,
      amiTags,
      amiWatermarks,
      tags: renderTagMap(props.tags),
    });

    this.imageRecipeArn = props.imageRecipeName === undefined
      ? resource.attrArn
      : this.getResourceArnAttribute(resource.attrArn, {
        service: 'imagebuilder',
        resource: 'image-recipe',
        resourceName: `${name}/${version}`,
      });
    this.attributes = new RecipeAttributes(resource, version, attrName => this.getResourceNameAttribute(attrName));
    this.components = [...props.components ?? []];
    this.sharing = new ResourceSharing(this, resource.attrArn);
  }

  /**
   * Shares this recipe version with other accounts, organizations or organizational units
   * through AWS RAM (`imagebuilder:ImageRecipe`). The recipe has one resource share (child
   * `Share`): calling this again adds principals to it.
   *
   * An image recipe has no KMS key of its own, so `grantKeyDecrypt` is not accepted. The keys of
   * its block devices are used by EC2 in the account that builds from the recipe: allow that
   * account in their key policies (`key.grantEncryptDecrypt`, `kms:CreateGrant`) yourself.
   *
   * @param principals the accounts, organizations and organizational units to share with
   * @param options how the recipe is shared
   */
  public shareWith(principals: SharePrincipal[], options: ShareOptions = {}): void {
    this.sharing.share(principals, options);
  }

  /** Validates the AMI watermarks; an empty list is treated as not given. */
  private renderAmiWatermarks(v: Validator, watermarks: string[] | undefined): string[] | undefined {
    if (watermarks === undefined || Token.isUnresolved(watermarks)) {
      return watermarks;
    }
    if (watermarks.length === 0) {
      return undefined;
    }
    v.count('amiWatermarks', watermarks, LIMITS.amiWatermarks);
    watermarks.forEach((watermark, i) => v.pattern(`amiWatermarks[${i}]`, watermark, PATTERNS.amiWatermark));
    return watermarks;
  }

  /**
   * The user data, rendered and base64-encoded at synthesis, so that commands added after the
   * recipe was created are included. Its encoded length is checked at synthesis too.
   */
  private renderUserData(userData: ec2.UserData | undefined): string | undefined {
    if (userData === undefined) {
      return undefined;
    }
    const encode = (): string => {
      const script = userData.render();
      return Token.isUnresolved(script) ? Fn.base64(script) : Buffer.from(script, 'utf-8').toString('base64');
    };
    this.node.addValidation({
      validate: () => {
        const v = new Validator(this);
        v.length('userDataOverride (base64)', encode(), LIMITS.userData);
        return v.messages;
      },
    });
    return Lazy.string({ produce: encode });
  }
}

brand(ImageRecipe, 'ImageRecipe');

/** An image recipe defined outside this app. */
class ImportedImageRecipe extends ImageRecipeBase {
  public readonly components?: ComponentConfiguration[] = undefined;
  public readonly imageRecipeArn: string;
  public readonly imageRecipeName: string;
  public readonly imageRecipeVersion: string;

  /** The platform, when the parent image says it. */
  public readonly platform?: ComponentPlatform;

  /** @param parentImage the recipe's parent image, when a lookup learned it */
  constructor(scope: Construct, id: string, arn: string, name: string, version: string, environmentFromArn: boolean,
    public readonly parentImage?: string) {
    super(scope, id, environmentFromArn ? { environmentFromArn: arn } : {});
    this.imageRecipeArn = arn;
    this.imageRecipeName = name;
    this.imageRecipeVersion = version;
    this.platform = parentImage !== undefined ? platformOfParentImage(parentImage) as ComponentPlatform | undefined : undefined;
  }
}
