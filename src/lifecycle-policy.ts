import {
  Annotations,
  Arn,
  ArnFormat,
  aws_ecr as ecr,
  aws_iam as iam,
  aws_imagebuilder as imagebuilder,
  Duration,
  IResource,
  Resource,
  Tags,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { IContainerRecipe } from './container-recipe';
import { IImageRecipe } from './image-recipe';
import { LIMITS, PATTERNS } from './private/core/api-constraints';
import { ANY_VERSION, arnPathPart, imageBuilderArn, ownResourceName } from './private/core/arns';
import { brand, hasBrand } from './private/core/brands';
import { isToken, renderTagMap, Validator } from './private/core/validation';
import { grantOnResource } from './private/iam/grants';
import { LibraryPolicy } from './private/iam/library-policy';
import { LIFECYCLE_EXECUTION_ACCESS, lifecycleRoleStatements, LifecycleRoleNeeds, RenderedRule, RenderedSelection } from './private/iam/lifecycle-role';
import { OwnedPolicy } from './private/iam/owned-policy';
import { IRecipe, RecipeType } from './recipe';

/** The images a lifecycle policy manages. */
export enum LifecyclePolicyResourceType {
  /** AMI images: the Image Builder images of image recipes, with their AMIs and snapshots. */
  AMI_IMAGE = 'AMI_IMAGE',
  /** Container images: the Image Builder images of container recipes, with their ECR images. */
  CONTAINER_IMAGE = 'CONTAINER_IMAGE',
}

/** What a lifecycle rule does to the images it matches (the API's action type). */
export enum LifecycleActionType {
  /** Deprecate the image, and optionally its AMIs (AMI images only). */
  DEPRECATE = 'DEPRECATE',
  /** Disable the image, and optionally its AMIs (AMI images only). */
  DISABLE = 'DISABLE',
  /** Delete the image, and optionally its AMIs and snapshots, or its container images. */
  DELETE = 'DELETE',
}

/** Images and AMIs a lifecycle rule leaves alone, although they match its age or count. */
export interface LifecycleExclusions {
  /**
   * Skip the Image Builder images that carry any of these tags (tags on the Image Builder image
   * resource, not on the AMI or container image), with all their output resources.
   *
   * @default - no image is excluded by its tags
   */
  readonly tags?: { [key: string]: string };

  /**
   * AMI images only: skip the AMIs that carry any of these EC2 tags (for example tags given by a
   * distribution configuration).
   *
   * @default - no AMI is excluded by its tags
   */
  readonly amiTags?: { [key: string]: string };

  /**
   * AMI images only: skip the AMIs that are public.
   *
   * @default false
   */
  readonly publicAmis?: boolean;

  /**
   * AMI images only: skip the AMIs in these Regions (for example `us-east-1`).
   *
   * @default - no AMI is excluded by its Region
   */
  readonly amiRegions?: string[];

  /**
   * AMI images only: skip the AMIs shared with any of these accounts (12-digit IDs, 1 to 1536).
   *
   * @default - no AMI is excluded by the accounts it is shared with
   */
  readonly amiSharedAccounts?: string[];

  /**
   * AMI images only: skip the AMIs that launched an instance within this time: whole days up to
   * 365 days, or whole weeks up to 365 weeks. EC2 reports launches with up to 24 hours of delay.
   * A token must be given in days (`Duration.days(parameter)`).
   *
   * @default - no AMI is excluded by its last launch
   */
  readonly amisLaunchedWithin?: Duration;
}

/** Options of every lifecycle rule. */
export interface LifecycleRuleOptions {
  /**
   * The images and AMIs the rule skips.
   *
   * @default - no exclusion
   */
  readonly exclusions?: LifecycleExclusions;
}

/** Options of a deprecate or disable rule (AMI images only). */
export interface LifecycleAmiStateRuleOptions extends LifecycleRuleOptions {
  /**
   * Whether the AMIs of the images are deprecated or disabled too, not only the Image Builder
   * images.
   *
   * @default true
   */
  readonly includeAmis?: boolean;
}

/** Options of a deprecate or disable rule by age. */
export interface LifecycleAmiStateAfterOptions extends LifecycleAmiStateRuleOptions {
  /**
   * The number of newest images (1 to 10) the rule never acts on, however old they are. Image
   * Builder counts them per recipe version.
   *
   * @default - every image older than the age is acted on
   */
  readonly retainAtLeast?: number;
}

/** Options of a delete rule. */
export interface LifecycleDeleteRuleOptions extends LifecycleRuleOptions {
  /**
   * AMI images only: whether the AMIs of the deleted images are deregistered.
   *
   * @default true - the AMIs, which are what costs money, go with their images
   */
  readonly includeAmis?: boolean;

  /**
   * AMI images only: whether the snapshots of the deregistered AMIs are deleted.
   *
   * @default true - unless `includeAmis` is false (EC2 keeps the snapshots of registered AMIs)
   */
  readonly includeSnapshots?: boolean;

  /**
   * Container images only: whether the container images are deleted from their ECR
   * repositories. Image Builder can only delete them from repositories tagged
   * `LifecycleExecutionAccess: EC2 Image Builder`: the policy tags the target repositories of
   * the container recipes of this app it selects; tag other repositories yourself.
   *
   * @default true
   */
  readonly includeContainers?: boolean;
}

/** Options of a delete rule by age. */
export interface LifecycleDeleteAfterOptions extends LifecycleDeleteRuleOptions {
  /**
   * The number of newest images (1 to 10) that are never deleted, however old they are. Image
   * Builder counts them per recipe version. Without it, a pipeline that stops building loses all
   * its images once they are old enough: a warning is shown.
   *
   * @default - every image older than the age is deleted
   */
  readonly retainAtLeast?: number;
}

/** How a rule picks the images it acts on. */
interface RuleFilter {
  readonly type: 'AGE' | 'COUNT';
  readonly age?: Duration;
  readonly count?: number;
  readonly retainAtLeast?: number;
}

/**
 * One rule of a lifecycle policy: an action (deprecate, disable or delete) on the images older
 * than an age or beyond a count of newest images, with exclusions.
 *
 * Image Builder counts images (`keepLast`, `retainAtLeast`) per recipe version, and dates them by
 * the creation of the Image Builder image. It evaluates the deprecate, then the disable, then the
 * delete rule, and applies at most one action to an image per run.
 */
export class LifecycleRule {
  /**
   * Deletes the images created more than `age` ago (whole days up to 1000 days, or whole weeks up
   * to 1000 weeks), with their AMIs and snapshots or container images.
   *
   * @example imagebuilder.LifecycleRule.deleteAfter(Duration.days(90), { retainAtLeast: 3 });
   */
  public static deleteAfter(age: Duration, options: LifecycleDeleteAfterOptions = {}): LifecycleRule {
    return new LifecycleRule(LifecycleActionType.DELETE, { type: 'AGE', age, retainAtLeast: options.retainAtLeast }, options);
  }

  /**
   * Keeps the `count` newest images (1 to 1000) of each recipe version and deletes the others,
   * with their AMIs and snapshots or container images.
   */
  public static keepLast(count: number, options: LifecycleDeleteRuleOptions = {}): LifecycleRule {
    return new LifecycleRule(LifecycleActionType.DELETE, { type: 'COUNT', count }, options);
  }

  /** Deprecates the AMI images created more than `age` ago, and their AMIs. */
  public static deprecateAfter(age: Duration, options: LifecycleAmiStateAfterOptions = {}): LifecycleRule {
    return new LifecycleRule(LifecycleActionType.DEPRECATE, { type: 'AGE', age, retainAtLeast: options.retainAtLeast }, options);
  }

  /** Deprecates the AMI images beyond the `count` newest of each recipe version, and their AMIs. */
  public static deprecateAllButLast(count: number, options: LifecycleAmiStateRuleOptions = {}): LifecycleRule {
    return new LifecycleRule(LifecycleActionType.DEPRECATE, { type: 'COUNT', count }, options);
  }

  /** Disables the AMI images created more than `age` ago, and their AMIs (which become private). */
  public static disableAfter(age: Duration, options: LifecycleAmiStateAfterOptions = {}): LifecycleRule {
    return new LifecycleRule(LifecycleActionType.DISABLE, { type: 'AGE', age, retainAtLeast: options.retainAtLeast }, options);
  }

  /** Disables the AMI images beyond the `count` newest of each recipe version, and their AMIs. */
  public static disableAllButLast(count: number, options: LifecycleAmiStateRuleOptions = {}): LifecycleRule {
    return new LifecycleRule(LifecycleActionType.DISABLE, { type: 'COUNT', count }, options);
  }

  /** The action of the rule. */
  public readonly action: LifecycleActionType;

  private constructor(
    action: LifecycleActionType,
    private readonly filter: RuleFilter,
    private readonly options: LifecycleDeleteRuleOptions & LifecycleAmiStateRuleOptions,
  ) {
    this.action = action;
  }

  /**
   * Validates the rule for a policy of the given resource type and renders it as the API's policy
   * detail. Problems go to `v`, under `property`.
   *
   * @internal
   */
  public _render(v: Validator, property: string, resourceType: LifecyclePolicyResourceType): RenderedRule {
    const containers = resourceType === LifecyclePolicyResourceType.CONTAINER_IMAGE;
    if (containers && this.action !== LifecycleActionType.DELETE) {
      v.fail(`${property}.action`, this.action, 'must be DELETE for container images (Image Builder deprecates and disables AMI images only)');
    }
    const filter = this.renderFilter(v, property);
    const includeResources = this.renderIncludeResources(v, property, containers);
    const exclusionRules = renderExclusions(v, `${property}.exclusions`, this.options.exclusions, containers);
    return {
      action: this.action,
      detail: { action: { type: this.action, includeResources }, filter, exclusionRules },
      includeResources,
      amiExclusions: exclusionRules?.amis !== undefined,
      ageWithoutRetainAtLeast: this.filter.type === 'AGE' && this.filter.retainAtLeast === undefined,
    };
  }

  private renderFilter(v: Validator, property: string): imagebuilder.CfnLifecyclePolicy.FilterProperty {
    if (this.filter.type === 'COUNT') {
      v.integer(`${property}.count`, this.filter.count, LIMITS.lifecycleFilterValue);
      return { type: 'COUNT', value: this.filter.count! };
    }
    v.integer(`${property}.retainAtLeast`, this.filter.retainAtLeast, LIMITS.lifecycleRetainAtLeast);
    const age = renderTimeSpan(v, `${property}.age`, this.filter.age!, LIMITS.lifecycleFilterValue);
    return { type: 'AGE', value: age.value, unit: age.unit, retainAtLeast: this.filter.retainAtLeast };
  }

  private renderIncludeResources(v: Validator, property: string, containers: boolean): imagebuilder.CfnLifecyclePolicy.IncludeResourcesProperty {
    const o = this.options;
    if (containers) {
      if (o.includeAmis !== undefined) v.fail(`${property}.includeAmis`, o.includeAmis, 'must only be given for AMI images');
      if (o.includeSnapshots !== undefined) v.fail(`${property}.includeSnapshots`, o.includeSnapshots, 'must only be given for AMI images');
      return { containers: o.includeContainers ?? true };
    }
    if (o.includeContainers !== undefined) {
      v.fail(`${property}.includeContainers`, o.includeContainers, 'must only be given for container images');
    }
    const amis = o.includeAmis ?? true;
    if (this.action !== LifecycleActionType.DELETE) {
      return { amis };
    }
    if (o.includeSnapshots === true && !amis) {
      // EC2 DeleteSnapshot fails for the snapshot of a registered AMI.
      v.fail(`${property}.includeSnapshots`, true, 'must not be true when includeAmis is false (EC2 keeps the snapshots of registered AMIs)');
    }
    return { amis, snapshots: o.includeSnapshots ?? amis };
  }
}

/** A recipe a lifecycle policy selects by name, for recipes defined outside this app. */
export interface LifecycleRecipeReference {
  /** The recipe's name, as it was created (3 to 128 letters, digits, hyphens, underscores and spaces). */
  readonly name: string;

  /**
   * The recipe versions: `x` nodes select every matching version.
   *
   * @default 'x.x.x' - every version
   */
  readonly semanticVersion?: string;
}

/** One recipe of a selection, with what the role may touch. */
interface SelectedRecipe {
  readonly name: string;
  readonly semanticVersion: string;
  /** The recipe's name as its ARN (and its images' ARNs) hold it, when known. */
  readonly arnName?: string;
  readonly type?: RecipeType;
  /** The target repository of a container recipe, when known. */
  readonly targetRepository?: ecr.IRepository;
}

/**
 * The images a lifecycle policy applies to: those of some recipes (all their versions by
 * default), or the Image Builder images that carry some tags.
 */
export class LifecycleSelection {
  /**
   * The images built from these recipes (1 to 50), whatever pipeline built them.
   *
   * @param recipes the recipes, all image recipes or all container recipes
   * @param semanticVersion the recipe versions; `x` nodes select every matching version. Default: `x.x.x`, every version
   */
  public static recipes(recipes: IRecipe[], semanticVersion?: string): LifecycleSelection {
    return new LifecycleSelection(recipes.map(recipe => ({
      name: recipeName(recipe),
      semanticVersion: semanticVersion ?? ANY_VERSION,
      arnName: arnPathPart(recipe.recipeArn, 1),
      type: recipe.recipeType,
      targetRepository: recipe.recipeType === RecipeType.CONTAINER ? (recipe as IContainerRecipe).targetRepository : undefined,
    })), undefined);
  }

  /** The images built from the recipes of these names and versions (1 to 50). */
  public static recipeNames(recipes: LifecycleRecipeReference[]): LifecycleSelection {
    return new LifecycleSelection(recipes.map(r => ({ name: r.name, semanticVersion: r.semanticVersion ?? ANY_VERSION })), undefined);
  }

  /**
   * The Image Builder images that carry any of these tags (1 to 50; tags of the Image Builder
   * image resource, such as a pipeline's `imageTags`, not of the AMI or container image).
   */
  public static tags(tags: { [key: string]: string }): LifecycleSelection {
    return new LifecycleSelection(undefined, tags);
  }

  private constructor(
    private readonly selectedRecipes: SelectedRecipe[] | undefined,
    private readonly selectedTags: { [key: string]: string } | undefined,
  ) {}

  /**
   * The resource type of the selected recipes, when they are known and of one type.
   *
   * @internal
   */
  public _recipeResourceType(): LifecyclePolicyResourceType | undefined {
    const types = new Set((this.selectedRecipes ?? []).map(r => r.type).filter(t => t !== undefined));
    if (types.size !== 1) return undefined;
    return [...types][0] === RecipeType.CONTAINER ? LifecyclePolicyResourceType.CONTAINER_IMAGE : LifecyclePolicyResourceType.AMI_IMAGE;
  }

  /**
   * The target repositories of the selected container recipes, when known.
   *
   * @internal
   */
  public _targetRepositories(): ecr.IRepository[] {
    return (this.selectedRecipes ?? []).flatMap(r => r.targetRepository ? [r.targetRepository] : []);
  }

  /** @internal */
  public _render(v: Validator, resourceType: LifecyclePolicyResourceType): RenderedSelection {
    if (this.selectedTags !== undefined) {
      if (!isToken(this.selectedTags) && Object.keys(this.selectedTags).length === 0) {
        v.fail('selection.tags', this.selectedTags, 'must have at least one entry');
      }
      v.tags('selection.tags', this.selectedTags);
      return { resourceSelection: { tagMap: renderTagMap(this.selectedTags) }, byTags: true };
    }
    const recipes = this.selectedRecipes!;
    v.count('selection.recipes', recipes, LIMITS.lifecycleRecipes);
    const wanted = resourceType === LifecyclePolicyResourceType.CONTAINER_IMAGE ? RecipeType.CONTAINER : RecipeType.IMAGE;
    recipes.forEach((r, i) => {
      v.resourceName(`selection.recipes[${i}].name`, r.name);
      v.semanticVersion(`selection.recipes[${i}].semanticVersion`, r.semanticVersion, { wildcards: true });
      if (r.type !== undefined && r.type !== wanted) {
        v.fail(`selection.recipes[${i}]`, r.name, `must be ${wanted === RecipeType.IMAGE ? 'an image' : 'a container'} recipe for resource type ${resourceType}`);
      }
    });
    return {
      resourceSelection: { recipes: recipes.map(r => ({ name: r.name, semanticVersion: r.semanticVersion })) },
      byTags: false,
      recipeArnNames: recipes.every(r => r.arnName !== undefined) ? recipes.map(r => r.arnName!) : undefined,
    };
  }
}

/** The name of a recipe as it was created (what a lifecycle selection takes). */
function recipeName(recipe: IRecipe): string {
  const named = recipe as Partial<IImageRecipe & IContainerRecipe>;
  return (recipe.recipeType === RecipeType.CONTAINER ? named.containerRecipeName : named.imageRecipeName)
    ?? arnPathPart(recipe.recipeArn, 1);
}

/** An Image Builder lifecycle policy. */
export interface ILifecyclePolicy extends IResource, imagebuilder.ILifecyclePolicyRef {
  /**
   * The policy's ARN (`arn:aws:imagebuilder:us-east-1:123456789012:lifecycle-policy/my-policy`).
   *
   * @attribute
   */
  readonly lifecyclePolicyArn: string;

  /**
   * The policy's name.
   *
   * @attribute
   */
  readonly lifecyclePolicyName: string;

  /** Grants permission to read this policy (`imagebuilder:GetLifecyclePolicy`). */
  grantRead(grantee: iam.IGrantable): iam.Grant;

  /** Grants the given Image Builder actions on this policy. */
  grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant;
}

/** The permissions on a lifecycle policy, scoped to its ARN. */
export class LifecyclePolicyGrants {
  /** The grants of the given policy. */
  public static fromLifecyclePolicy(policy: ILifecyclePolicy): LifecyclePolicyGrants {
    return new LifecyclePolicyGrants(policy);
  }

  private constructor(private readonly policy: ILifecyclePolicy) {}

  /** Grants the given Image Builder actions (for example `imagebuilder:UpdateLifecyclePolicy`) on this policy. */
  public actions(grantee: iam.IGrantable, ...actions: string[]): iam.Grant {
    return grantOnResource(grantee, this.policy.lifecyclePolicyArn, actions);
  }

  /** Grants permission to read this policy (`imagebuilder:GetLifecyclePolicy`). */
  public read(grantee: iam.IGrantable): iam.Grant {
    return this.actions(grantee, 'imagebuilder:GetLifecyclePolicy');
  }
}

/** Shared behaviour of owned and imported lifecycle policies. */
abstract class LifecyclePolicyBase extends Resource implements ILifecyclePolicy {
  public abstract readonly lifecyclePolicyArn: string;

  /** A reference to this lifecycle policy, where aws-cdk-lib expects one (`ILifecyclePolicyRef`). */
  public get lifecyclePolicyRef(): imagebuilder.LifecyclePolicyReference {
    return { lifecyclePolicyArn: this.lifecyclePolicyArn };
  }
  public abstract readonly lifecyclePolicyName: string;

  /** The permissions on this policy. */
  public readonly grants: LifecyclePolicyGrants = LifecyclePolicyGrants.fromLifecyclePolicy(this);

  /**
   * Grants permission to read this policy.
   * [disable-awslint:no-grants]
   */
  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return this.grants.read(grantee);
  }

  /**
   * Grants the given Image Builder actions on this policy.
   * [disable-awslint:no-grants]
   */
  public grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant {
    return this.grants.actions(grantee, ...actions);
  }
}

/** Properties of a `LifecyclePolicy`. */
export interface LifecyclePolicyProps {
  /** The images the policy applies to. */
  readonly selection: LifecycleSelection;

  /**
   * The rules (1 to 3), for example `LifecycleRule.keepLast(5)`. Image Builder evaluates the
   * deprecate, then the disable, then the delete rule, and applies at most one action to an image
   * per run (once a day).
   */
  readonly rules: LifecycleRule[];

  /**
   * Whether the policy applies to AMI images or container images.
   *
   * @default - the type of the selected recipes; `AMI_IMAGE` for a selection by tags or by
   * recipe names
   */
  readonly resourceType?: LifecyclePolicyResourceType;

  /**
   * The policy's name: 3 to 128 letters, digits, hyphens, underscores and spaces. Changing it
   * replaces the policy.
   *
   * @default - a unique lowercase name is generated from the construct path
   */
  readonly lifecyclePolicyName?: string;

  /**
   * The policy's description, 1 to 1024 characters.
   *
   * @default - no description
   */
  readonly description?: string;

  /**
   * Whether the policy runs (`Status` `ENABLED`).
   *
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * The role Image Builder assumes to run the policy. It must trust `imagebuilder.amazonaws.com`
   * and allow what the rules do (the AWS managed policy
   * `service-role/EC2ImageBuilderLifecycleExecutionPolicy` covers every action); nothing is added
   * to it.
   *
   * @default - a role is created with only the permissions the rules use, on the images Image
   * Builder created (tagged `CreatedBy: EC2 Image Builder`) and, for a selection of recipes of
   * this app, on their images only
   */
  readonly executionRole?: iam.IRole;

  /**
   * Tags of the policy itself (1 to 50; keys without the `aws:` prefix).
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}

/**
 * An EC2 Image Builder lifecycle policy (`AWS::ImageBuilder::LifecyclePolicy`): deprecates,
 * disables and deletes old images, with their AMIs and snapshots or container images, by age
 * or by count, once a day.
 *
 * @resource AWS::ImageBuilder::LifecyclePolicy
 */
export class LifecyclePolicy extends LifecyclePolicyBase {
  /** Whether `x` is a `LifecyclePolicy` of this library (whichever copy of it made `x`). */
  public static isLifecyclePolicy(x: any): x is LifecyclePolicy {
    return hasBrand(x, 'LifecyclePolicy');
  }

  /**
   * Imports a policy by its ARN
   * (`arn:aws:imagebuilder:us-east-1:123456789012:lifecycle-policy/my-policy`).
   */
  public static fromLifecyclePolicyArn(scope: Construct, id: string, lifecyclePolicyArn: string): ILifecyclePolicy {
    const v = Validator.forImport(scope, id);
    v.arn('lifecyclePolicyArn', lifecyclePolicyArn, 'lifecyclePolicy');
    v.throwIfInvalid();
    const name = Arn.split(lifecyclePolicyArn, ArnFormat.SLASH_RESOURCE_NAME).resourceName!;
    return new ImportedLifecyclePolicy(scope, id, lifecyclePolicyArn, name, true);
  }

  /**
   * Imports a policy of the stack's account and region by the name its ARN holds (lowercase:
   * `[a-z0-9-_]+`).
   */
  public static fromLifecyclePolicyName(scope: Construct, id: string, lifecyclePolicyName: string): ILifecyclePolicy {
    const v = Validator.forImport(scope, id);
    v.arnResourceName('lifecyclePolicyName', lifecyclePolicyName);
    v.throwIfInvalid();
    const arn = imageBuilderArn(scope, 'lifecycle-policy', lifecyclePolicyName);
    return new ImportedLifecyclePolicy(scope, id, arn, lifecyclePolicyName, false);
  }

  public readonly lifecyclePolicyArn: string;
  public readonly lifecyclePolicyName: string;

  /** Whether the policy applies to AMI images or container images. */
  public readonly resourceType: LifecyclePolicyResourceType;

  /** The role Image Builder assumes to run the policy (given or created). */
  public readonly executionRole: iam.IRole;

  /**
   * The recipes the policy selects, by name and versions; undefined for a selection by tags.
   * A pipeline's retention reads it to report other policies that select its recipe.
   */
  public readonly selectedRecipes?: LifecycleRecipeReference[];

  constructor(scope: Construct, id: string, props: LifecyclePolicyProps) {
    super(scope, id, {
      physicalName: props.lifecyclePolicyName,
    });
    const name = ownResourceName(this, props.lifecyclePolicyName);

    // Validate.
    const v = new Validator(this);
    this.resourceType = props.resourceType ?? props.selection._recipeResourceType() ?? LifecyclePolicyResourceType.AMI_IMAGE;
    v.enumValue('resourceType', this.resourceType, LifecyclePolicyResourceType);
    v.resourceName('lifecyclePolicyName', props.lifecyclePolicyName);
    v.description('description', props.description);
    v.tags('tags', props.tags);
    if (props.executionRole) {
      v.arn('executionRole', props.executionRole.roleArn, 'role');
    }
    v.count('rules', props.rules, LIMITS.lifecyclePolicyDetails);
    const rules = props.rules.map((rule, i) => rule._render(v, `rules[${i}]`, this.resourceType));
    const selection = props.selection._render(v, this.resourceType);
    v.throwIfInvalid();
    this.warnAboutUnboundedDeletes(rules);
    this.selectedRecipes = selection.byTags ? undefined : selection.resourceSelection.recipes as LifecycleRecipeReference[];

    // Children.
    const created = props.executionRole ? undefined : this.createExecutionRole(this.roleNeeds(rules, selection));
    this.executionRole = props.executionRole ?? created!.role;
    if (this.deletesContainers(rules)) {
      this.tagTargetRepositories(props.selection);
    }

    // Render.
    const resource = new imagebuilder.CfnLifecyclePolicy(this, 'Resource', {
      name,
      description: props.description,
      status: (props.enabled ?? true) ? 'ENABLED' : 'DISABLED',
      executionRole: this.executionRole.roleArn,
      resourceType: this.resourceType,
      policyDetails: rules.map(r => r.detail),
      resourceSelection: selection.resourceSelection,
      tags: renderTagMap(props.tags),
    });
    if (created) {
      // Image Builder checks the role when the policy is created: its policy must exist by then.
      resource.node.addDependency(created.role, created.policy);
    }

    this.lifecyclePolicyArn = props.lifecyclePolicyName === undefined
      ? resource.attrArn
      : this.getResourceArnAttribute(resource.attrArn, {
        service: 'imagebuilder',
        resource: 'lifecycle-policy',
        resourceName: name,
      });
    this.lifecyclePolicyName = name;
  }

  private warnAboutUnboundedDeletes(rules: RenderedRule[]): void {
    if (rules.some(r => r.action === LifecycleActionType.DELETE && r.ageWithoutRetainAtLeast)) {
      Annotations.of(this).addWarningV2('cdk-imagebuilder:lifecycleDeleteWithoutRetainAtLeast',
        'A delete rule by age has no retainAtLeast: when no image is built for that long, every selected image is deleted, ' +
        'the newest included. Set retainAtLeast to keep the newest images of each recipe version.');
    }
  }

  private roleNeeds(rules: RenderedRule[], selection: RenderedSelection): LifecycleRoleNeeds {
    const amiRules = this.resourceType === LifecyclePolicyResourceType.AMI_IMAGE ? rules : [];
    const withAmis = (action: LifecycleActionType) => amiRules.some(r => r.action === action && r.includeResources.amis === true);
    return {
      deleteImages: rules.some(r => r.action === LifecycleActionType.DELETE),
      imageNames: selection.recipeArnNames,
      selectByTags: selection.byTags,
      deprecateAmis: withAmis(LifecycleActionType.DEPRECATE),
      disableAmis: withAmis(LifecycleActionType.DISABLE),
      deregisterAmis: withAmis(LifecycleActionType.DELETE),
      deleteSnapshots: amiRules.some(r => r.action === LifecycleActionType.DELETE && r.includeResources.snapshots === true),
      readAmis: amiRules.some(r => r.includeResources.amis === true || r.amiExclusions),
      deleteContainers: this.deletesContainers(rules),
    };
  }

  private deletesContainers(rules: RenderedRule[]): boolean {
    return this.resourceType === LifecyclePolicyResourceType.CONTAINER_IMAGE && rules.some(r => r.includeResources.containers === true);
  }

  /**
   * Tags the target repositories of the selected container recipes of this app
   * `LifecycleExecutionAccess: EC2 Image Builder`: Image Builder deletes container images only
   * from repositories with that tag (user guide "Lifecycle management prerequisites"). Imported
   * repositories are not changed (`Tags.of` reaches only resources of the app).
   */
  private tagTargetRepositories(selection: LifecycleSelection): void {
    for (const repository of selection._targetRepositories()) {
      Tags.of(repository).add(LIFECYCLE_EXECUTION_ACCESS.key, LIFECYCLE_EXECUTION_ACCESS.value);
    }
  }

  private createExecutionRole(needs: LifecycleRoleNeeds): { role: iam.Role; policy: OwnedPolicy } {
    const role = new iam.Role(this, 'ExecutionRole', {
      assumedBy: new iam.ServicePrincipal('imagebuilder.amazonaws.com'),
      description: 'Role EC2 Image Builder assumes to run the rules of this lifecycle policy',
    });
    // The library's statements go to a policy of the library, which alone carries the acknowledgements:
    // statements a user adds to the role go to its default policy, judged by cdk-nag.
    const policy = new LibraryPolicy(this, 'ExecutionRolePolicy', {
      role,
      roleCreatedInStack: true,
      holder: 'Execution role of an Image Builder lifecycle policy',
      purpose: 'the permissions this lifecycle policy\'s rules use, created for it alone',
    });
    policy.add(...lifecycleRoleStatements(this, needs));
    return { role, policy: policy.policy };
  }
}

brand(LifecyclePolicy, 'LifecyclePolicy');

/** A policy defined outside this app. */
class ImportedLifecyclePolicy extends LifecyclePolicyBase {
  public readonly lifecyclePolicyArn: string;
  public readonly lifecyclePolicyName: string;

  constructor(scope: Construct, id: string, arn: string, name: string, environmentFromArn: boolean) {
    super(scope, id, environmentFromArn ? { environmentFromArn: arn } : {});
    this.lifecyclePolicyArn = arn;
    this.lifecyclePolicyName = name;
  }
}

/** An API time unit and a value in it. */
interface TimeSpan {
  readonly value: number;
  readonly unit: string;
}

/**
 * A duration in the API's units: whole days when they fit the range, otherwise whole weeks. A
 * token must be in days (a token Duration converts only to its own unit). Months and years are
 * not produced: a Duration has no calendar months.
 */
function renderTimeSpan(v: Validator, property: string, duration: Duration, range: { min: number; max: number }): TimeSpan {
  if (duration.isUnresolved()) {
    if (duration.unitLabel() !== 'days') {
      v.fail(property, duration.toHumanString(), 'must be given in days when it is a token');
      return { value: 0, unit: 'DAYS' };
    }
    return { value: duration.toDays(), unit: 'DAYS' };
  }
  const days = duration.toDays({ integral: false });
  const rule = `must be a whole number of days between ${range.min} and ${range.max}, or of weeks up to ${range.max} weeks`;
  if (!Number.isInteger(days) || days < range.min) {
    v.fail(property, duration.toHumanString(), rule);
    return { value: 0, unit: 'DAYS' };
  }
  if (days <= range.max) {
    return { value: days, unit: 'DAYS' };
  }
  if (days % 7 === 0 && days / 7 <= range.max) {
    return { value: days / 7, unit: 'WEEKS' };
  }
  v.fail(property, duration.toHumanString(), rule);
  return { value: 0, unit: 'DAYS' };
}

function renderExclusions(
  v: Validator,
  property: string,
  exclusions: LifecycleExclusions | undefined,
  containers: boolean,
): imagebuilder.CfnLifecyclePolicy.ExclusionRulesProperty | undefined {
  if (exclusions === undefined) {
    return undefined;
  }
  v.tags(`${property}.tags`, exclusions.tags);
  v.tags(`${property}.amiTags`, exclusions.amiTags);
  const listed = (list: string[] | undefined) => (list === undefined || isToken(list) ? [] : list);
  listed(exclusions.amiRegions).forEach((region, i) => {
    // The API takes any non-empty string; a misspelt Region would silently protect nothing.
    if (v.nonEmptyString(`${property}.amiRegions[${i}]`, region)) {
      v.pattern(`${property}.amiRegions[${i}]`, region, PATTERNS.regionName);
    }
  });
  v.count(`${property}.amiSharedAccounts`, exclusions.amiSharedAccounts, LIMITS.lifecycleSharedAccounts);
  listed(exclusions.amiSharedAccounts).forEach((account, i) => v.accountId(`${property}.amiSharedAccounts[${i}]`, account));
  const lastLaunched = exclusions.amisLaunchedWithin === undefined
    ? undefined
    : renderTimeSpan(v, `${property}.amisLaunchedWithin`, exclusions.amisLaunchedWithin, LIMITS.lifecycleLastLaunchedValue);

  const amis: imagebuilder.CfnLifecyclePolicy.AmiExclusionRulesProperty = {
    isPublic: exclusions.publicAmis,
    regions: exclusions.amiRegions !== undefined && exclusions.amiRegions.length > 0 ? exclusions.amiRegions : undefined,
    sharedAccounts: exclusions.amiSharedAccounts,
    lastLaunched,
    tagMap: renderTagMap(exclusions.amiTags),
  };
  const amiGiven = Object.values(amis).some(value => value !== undefined);
  if (containers) {
    const amiProps: Array<keyof LifecycleExclusions> = ['publicAmis', 'amiRegions', 'amiSharedAccounts', 'amisLaunchedWithin', 'amiTags'];
    for (const prop of amiProps.filter(name => exclusions[name] !== undefined)) {
      v.fail(`${property}.${prop}`, exclusions[prop], 'must only be given for AMI images (the exclusion applies to AMIs)');
    }
  }
  const tagMap = renderTagMap(exclusions.tags);
  if (tagMap === undefined && !amiGiven) {
    return undefined;
  }
  return { tagMap, amis: amiGiven && !containers ? amis : undefined };
}

/** Options of the retention of a pipeline's images. */
export interface ImageRetentionOptions {
  /**
   * Keep this many newest images of each recipe version (1 to 1000) and delete the others, with
   * their AMIs and snapshots or container images.
   *
   * @default - no count rule; give this or `rules`
   */
  readonly keepLast?: number;

  /**
   * More rules (with `keepLast`, at most 3 in all), for example
   * `LifecycleRule.deprecateAfter(Duration.days(30))`.
   *
   * @default - only the `keepLast` rule
   */
  readonly rules?: LifecycleRule[];

  /**
   * The role Image Builder assumes to run the policy (see `LifecyclePolicyProps.executionRole`).
   *
   * @default - a role with only the permissions the rules use, on the images of this recipe
   */
  readonly executionRole?: iam.IRole;
}
