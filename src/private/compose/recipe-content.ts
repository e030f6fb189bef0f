import { createHash } from 'crypto';
import { Annotations, CfnParameter, Fn, Lazy, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { isToken, Validator } from '../core/validation';

/**
 * The attributes an `AWS::ImageBuilder::ImageRecipe` and an `AWS::ImageBuilder::ContainerRecipe`
 * share, which the recipes' attribute getters read.
 */
export interface RecipeResource {
  readonly attrArn: string;
  readonly attrName: string;
  readonly attrLatestVersionArn: string;
  readonly attrLatestVersionMajor: string;
  readonly attrLatestVersionMinor: string;
  readonly attrLatestVersionPatch: string;
}

/**
 * What an image recipe and a container recipe share: their name, version and latest-version
 * ARNs, read from the L1 on first use (most apps never read them, and each costs intrinsics and
 * tokens).
 */
export class RecipeAttributes {
  private name?: string;
  private assignedVersion?: string;

  /**
   * @param resource the recipe's L1
   * @param version the version as given (`x` nodes are assigned by Image Builder)
   * @param nameAttribute the recipe's `getResourceNameAttribute` (cross-environment references)
   */
  constructor(
    private readonly resource: RecipeResource,
    private readonly version: string,
    private readonly nameAttribute: (attrName: string) => string,
  ) {}

  /** The recipe's name. */
  public get recipeName(): string {
    this.name ??= this.nameAttribute(this.resource.attrName);
    return this.name;
  }

  /** The recipe's version: as given, or as Image Builder assigned it (read from the ARN) when it has `x` nodes. */
  public get recipeVersion(): string {
    this.assignedVersion ??= isToken(this.version) || this.version.includes('x')
      ? Fn.select(2, Fn.split('/', this.resource.attrArn))
      : this.version;
    return this.assignedVersion;
  }

  /** The ARN of the latest version of the recipe's name. */
  public get latestVersionArn(): string {
    return this.resource.attrLatestVersionArn;
  }

  /** The ARN of the latest version of the recipe's name with the same major version. */
  public get latestMajorVersionArn(): string {
    return this.resource.attrLatestVersionMajor;
  }

  /** The ARN of the latest version of the recipe's name with the same major and minor version. */
  public get latestMinorVersionArn(): string {
    return this.resource.attrLatestVersionMinor;
  }

  /** The ARN of the latest version of the recipe's name with the same major, minor and patch version. */
  public get latestPatchVersionArn(): string {
    return this.resource.attrLatestVersionPatch;
  }
}

/** `[content 0123456789abcdef]`: what a content fingerprint adds to a description. */
const FINGERPRINT_LENGTH = ' [content 0123456789abcdef]'.length;

/** The longest description a recipe with a content fingerprint can take (the API's 1024, less the fingerprint). */
export const MAX_FINGERPRINTED_DESCRIPTION = 1024 - FINGERPRINT_LENGTH;

/**
 * The description of a recipe whose content includes properties CloudFormation updates in place.
 *
 * Image Builder has no update call for recipes, yet some recipe properties are not create-only in
 * CloudFormation (`AWS::ImageBuilder::ImageRecipe` `AdditionalInstanceConfiguration` and `AmiTags`):
 * a change of them would "update" the recipe and leave the deployed one as it was. The description
 * is create-only, so it carries a fingerprint of that content (`[content <16 hex digits>]`, after the
 * given description): every change of the content changes the description, which replaces the recipe.
 *
 * @param content the properties that are not create-only, as rendered for the L1 (tokens allowed;
 * they are resolved at synthesis, so lazily rendered user data is included)
 * @returns the description as given when there is no such content
 */
export function descriptionWithContentFingerprint(
  scope: IConstruct,
  description: string | undefined,
  content: () => { [property: string]: unknown },
): string | undefined {
  return Lazy.string({
    produce: () => {
      const resolved = Stack.of(scope).resolve(content());
      const present = Object.entries(resolved).filter(([, value]) => value !== undefined);
      if (present.length === 0) {
        return description;
      }
      const fingerprint = createHash('sha256').update(JSON.stringify(present)).digest('hex').slice(0, 16);
      return description === undefined ? `[content ${fingerprint}]` : `${description} [content ${fingerprint}]`;
    },
  });
}

/**
 * True when a rendered value is resolved by CloudFormation at each deployment: an SSM dynamic
 * reference (`{{resolve:ssm:...}}`) or a parameter of an SSM parameter type (what
 * `ec2.MachineImage.latestAmazonLinux2023()` and similar lookups render).
 */
function resolvedAtDeployment(scope: IConstruct, value: string | undefined): boolean {
  if (value === undefined || !Token.isUnresolved(value)) {
    return false;
  }
  const stack = Stack.of(scope);
  const text = JSON.stringify(stack.resolve(value));
  if (text.includes('{{resolve:ssm')) {
    return true;
  }
  // `instanceof CfnParameter`: aws-cdk-lib's own class, which offers no public guard (not one of
  // this library's constructs, which know each other by brands).
  return [...text.matchAll(/\{"Ref":"([^"]+)"\}/g)].some(([, logicalId]) => {
    const parameter = stack.node.findAll().find(c => c instanceof CfnParameter && stack.resolve((c as CfnParameter).logicalId) === logicalId);
    return parameter instanceof CfnParameter && /^AWS::SSM::Parameter::Value</.test(parameter.type);
  });
}

/**
 * The version rules of a recipe:
 * - an exact version (no `x`) draws a warning: every change of the recipe's content replaces the
 *   recipe, and CloudFormation then fails with "already exists" unless the version is bumped too;
 * - it is an error when the content changes by construction without an edit, because an image the
 *   recipe builds on is resolved at each deployment.
 *
 * @param images the rendered images the recipe builds on, by property: only looked at (resolved)
 * for an exact version
 */
export function checkRecipeVersion(
  scope: IConstruct,
  v: Validator,
  property: string,
  version: string,
  images: { [property: string]: string | undefined },
): void {
  if (Token.isUnresolved(version) || version.includes('x')) {
    return;
  }
  const deployResolved = Object.entries(images)
    .filter(([, image]) => resolvedAtDeployment(scope, image))
    .map(([imageProperty]) => imageProperty);
  if (deployResolved.length > 0) {
    v.fail(property, version,
      `must have an x node (for example '1.0.x') when ${deployResolved.join(' and ')} is resolved at deployment ` +
      '(an SSM parameter read by CloudFormation): a new value replaces the recipe, and an exact version then already exists');
    return;
  }
  Annotations.of(scope).addWarningV2('cdk-imagebuilder:exactRecipeVersion',
    `${property} '${version}' is exact: every change of the recipe's content replaces the recipe, and the deployment then ` +
    `fails with "already exists" unless ${property} is bumped in the same change. Use a version with x nodes (for example ` +
    "'1.0.x') to let Image Builder number the versions.");
}
