import {
  Arn,
  ArnFormat,
  Annotations,
  aws_iam as iam,
  aws_imagebuilder as imagebuilder,
  IResource,
  Resource,
  Stack,
  Token,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AmiDistributionFeatures, AmiDistributionOptions, ContainerDistributionOptions } from './distribution-options';
import {
  KMS_DISTRIBUTION_ACTIONS,
  amiFeaturesOf,
  DistributionFacts,
  distributionFactsOf,
  KMS_LAUNCH_ACTIONS,
  PUBLIC_USER_GROUP,
  RenderedAmiDistribution,
  renderAmiDistribution,
  renderContainerDistribution,
  SettingsContext,
} from './private/compose/distribution-settings';
import { PATTERNS } from './private/core/api-constraints';
import { arnPathPart, imageBuilderArn, ownResourceName } from './private/core/arns';
import { brand, hasBrand } from './private/core/brands';
import { formatProblemAtConstruct } from './private/core/errors';
import { lookupResource } from './private/core/lookup';
import { organizationPrincipal, organizationalUnitPrincipal } from './private/core/org-principals';
import { isToken, renderTagMap, Validator } from './private/core/validation';
import { grantOnResource } from './private/iam/grants';
import { RecipeType } from './recipe';

/**
 * An Image Builder distribution configuration: where built images are copied and shared.
 */
export interface IDistributionConfiguration extends IResource, imagebuilder.IDistributionConfigurationRef {
  /**
   * The distribution configuration's ARN.
   *
   * @attribute
   */
  readonly distributionConfigurationArn: string;

  /**
   * The distribution configuration's name.
   *
   * @attribute
   */
  readonly distributionConfigurationName: string;

  /**
   * The kinds of image this configuration distributes, when known at synth:
   * `RecipeType.IMAGE` when it has an AMI distribution, `RecipeType.CONTAINER` when it has a
   * container distribution. A pipeline or image checks that it distributes what its recipe
   * builds.
   *
   * @default - undefined: not known (an imported configuration)
   */
  readonly distributedImageTypes?: RecipeType[];

  /**
   * The Regions the configuration distributes to, by the distributions added so far, when known
   * (a distribution configuration authored in this app); undefined when not known. Read it late
   * (at synth): distributions may be added after it is passed to a pipeline or image.
   */
  readonly distributionRegions?: string[];

  /**
   * What the AMI distributions use, in the terms of the permissions a pipeline's execution role
   * needs, when known (a distribution configuration authored in this app). Read it late (at
   * synth): distributions may be added after it is passed to a pipeline or image.
   *
   * @default - undefined: not known (an imported configuration); a created execution role then
   * gets every distribution permission
   */
  readonly amiDistributionFeatures?: AmiDistributionFeatures;

  /**
   * Grants permission to read this distribution configuration
   * (`imagebuilder:GetDistributionConfiguration`).
   *
   * @param grantee the principal to grant to
   */
  grantRead(grantee: iam.IGrantable): iam.Grant;

  /**
   * Grants the given Image Builder actions on this distribution configuration.
   *
   * @param grantee the principal to grant to
   * @param actions the actions, such as `imagebuilder:DeleteDistributionConfiguration`
   */
  grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant;
}

/** What `DistributionConfiguration.fromLookup` searches for. */
export interface DistributionConfigurationLookupOptions {
  /** The distribution configuration's name, as its ARN holds it (lowercase: `[a-z0-9-_]+`). */
  readonly distributionConfigurationName: string;
}

/** Properties of a `DistributionConfiguration`. */
export interface DistributionConfigurationProps {
  /**
   * The name of the distribution configuration (3 to 128 letters, digits, spaces, `-` and `_`).
   *
   * @default - a name generated from the construct path, in lower case
   */
  readonly distributionConfigurationName?: string;

  /**
   * The description of the distribution configuration.
   *
   * @default - no description
   */
  readonly description?: string;

  /**
   * AMI distributions, at most one per Region. More can be added with `addAmiDistribution()`.
   *
   * @default - none
   */
  readonly amiDistributions?: AmiDistributionOptions[];

  /**
   * Container distributions, at most one per Region. More can be added with
   * `addContainerDistribution()`.
   *
   * @default - none
   */
  readonly containerDistributions?: ContainerDistributionOptions[];

  /**
   * Tags of the distribution configuration.
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}

/**
 * Grants on a distribution configuration. Get one from `distributionConfiguration.grants`, or
 * with `DistributionConfigurationGrants.fromDistributionConfiguration()` for any configuration.
 */
export class DistributionConfigurationGrants {
  /** Grants on the given distribution configuration. */
  public static fromDistributionConfiguration(distributionConfiguration: IDistributionConfiguration): DistributionConfigurationGrants {
    return new DistributionConfigurationGrants(distributionConfiguration);
  }

  private constructor(private readonly distributionConfiguration: IDistributionConfiguration) {}

  /** Grants the given Image Builder actions on this distribution configuration. */
  public actions(grantee: iam.IGrantable, ...actions: string[]): iam.Grant {
    return grantOnResource(grantee, this.distributionConfiguration.distributionConfigurationArn, actions);
  }

  /** Grants reading the distribution configuration (`imagebuilder:GetDistributionConfiguration`). */
  public read(grantee: iam.IGrantable): iam.Grant {
    return this.actions(grantee, 'imagebuilder:GetDistributionConfiguration');
  }
}

/** Shared behaviour of owned and imported distribution configurations. */
abstract class DistributionConfigurationBase extends Resource implements IDistributionConfiguration {
  public abstract readonly distributionConfigurationArn: string;

  /** A reference to this distribution configuration, where aws-cdk-lib expects one (`IDistributionConfigurationRef`). */
  public get distributionConfigurationRef(): imagebuilder.DistributionConfigurationReference {
    return { distributionConfigurationArn: this.distributionConfigurationArn };
  }
  public abstract readonly distributionConfigurationName: string;
  public abstract readonly distributedImageTypes?: RecipeType[];
  public abstract readonly distributionRegions?: string[];
  public abstract readonly amiDistributionFeatures?: AmiDistributionFeatures;

  /** Grants on this distribution configuration. */
  public readonly grants: DistributionConfigurationGrants = DistributionConfigurationGrants.fromDistributionConfiguration(this);

  /** Grants the given Image Builder actions on this distribution configuration. */
  public grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant {
    return this.grants.actions(grantee, ...actions);
  }

  /** Grants reading this distribution configuration. */
  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return this.grants.read(grantee);
  }
}

/** One Region's entry: its AMI and container settings, merged into one `Distribution`. */
interface RegionDistribution {
  readonly region: string;
  ami?: { options: AmiDistributionOptions; rendered: RenderedAmiDistribution };
  container?: { [key: string]: unknown };
}

/**
 * An Image Builder distribution configuration (`AWS::ImageBuilder::DistributionConfiguration`):
 * the Regions and accounts built AMIs and container images are distributed to.
 *
 * Each Region appears at most once: its AMI settings (`addAmiDistribution`) and container
 * settings (`addContainerDistribution`) are merged into one distribution. Synthesis fails when
 * no distribution was added.
 */
export class DistributionConfiguration extends DistributionConfigurationBase {
  /**
   * Whether `x` is a `DistributionConfiguration` of this library (authored in an app, not
   * imported), whichever copy of the library made it.
   */
  public static isDistributionConfiguration(x: any): x is DistributionConfiguration {
    return hasBrand(x, 'DistributionConfiguration');
  }

  /**
   * Imports a distribution configuration by its ARN
   * (`arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/my-distribution`).
   */
  public static fromDistributionConfigurationArn(
    scope: Construct,
    id: string,
    distributionConfigurationArn: string,
  ): IDistributionConfiguration {
    const v = Validator.forImport(scope, id);
    v.arn('distributionConfigurationArn', distributionConfigurationArn, 'distributionConfiguration');
    v.throwIfInvalid();
    const name = Arn.split(distributionConfigurationArn, ArnFormat.SLASH_RESOURCE_NAME).resourceName!;
    return new ImportedDistributionConfiguration(scope, id, distributionConfigurationArn, name, true);
  }

  /**
   * Imports a distribution configuration of the stack's account and Region by the name its ARN
   * holds (lowercase: `[a-z0-9-_]+`).
   */
  public static fromDistributionConfigurationName(
    scope: Construct,
    id: string,
    distributionConfigurationName: string,
  ): IDistributionConfiguration {
    const v = Validator.forImport(scope, id);
    v.arnResourceName('distributionConfigurationName', distributionConfigurationName);
    v.throwIfInvalid();
    const arn = imageBuilderArn(scope, 'distribution-configuration', distributionConfigurationName);
    return new ImportedDistributionConfiguration(scope, id, arn, distributionConfigurationName, false);
  }
  /**
   * Looks up a distribution configuration of the stack's account and Region at synth, through
   * the CDK CLI's Cloud Control context provider (`AWS::ImageBuilder::DistributionConfiguration`, read by its ARN),
   * and imports it: a name that does not exist fails at synth, not at deploy.
   *
   * The stack needs a concrete account and Region. Until the CDK CLI has answered, the lookup
   * returns a dummy in account 123456789012, which can never deploy; the answer is cached in
   * `cdk.context.json`. Needs CDK CLI 2.1001.0 or later (the Cloud Control context provider).
   */
  public static fromLookup(scope: Construct, id: string, options: DistributionConfigurationLookupOptions): IDistributionConfiguration {
    const v = Validator.forImport(scope, id);
    v.arnResourceName('distributionConfigurationName', options.distributionConfigurationName);
    v.throwIfInvalid();
    // AWS::ImageBuilder::DistributionConfiguration schema: primaryIdentifier /properties/Arn
    // (`distribution-configuration/<name>`, no version); Name and Distributions are `required`,
    // so every answer has them.
    const answer = lookupResource(scope, id, 'distributionConfigurationName', {
      typeName: 'AWS::ImageBuilder::DistributionConfiguration',
      resource: 'distribution-configuration',
      resourceName: options.distributionConfigurationName,
      propertiesToReturn: ['Arn', 'Distributions'],
      dummy: arn => ({ Arn: arn, Distributions: [] }),
    });
    const arn: string = answer.properties.Arn;
    v.arn('distributionConfigurationArn', arn, 'distributionConfiguration');
    v.throwIfInvalid();
    // The dummy's distributions are no facts: a pipeline's role would be granted by them.
    const facts = answer.answered ? distributionFactsOf(Stack.of(scope), answer.properties.Distributions) : undefined;
    return new ImportedDistributionConfiguration(scope, id, arn, arnPathPart(arn, 1), true, facts);
  }


  /** The distribution configuration's ARN. */
  public readonly distributionConfigurationArn: string;

  /** The distribution configuration's name. */
  public get distributionConfigurationName(): string {
    // Made on first use, like the recipe's attributes: most apps never read it.
    this.resourceName ??= this.getResourceNameAttribute(this.resource.attrName);
    return this.resourceName;
  }
  /** The L1, whose attributes the getters read when they are first used. */
  private readonly resource: imagebuilder.CfnDistributionConfiguration;
  private resourceName?: string;

  /** The distributions by Region, in the order their Regions were first added. */
  private readonly distributions = new Map<string, RegionDistribution>();

  /**
   * The kinds of image this configuration distributes, by the distributions added so far:
   * `RecipeType.IMAGE` for AMI distributions, `RecipeType.CONTAINER` for container distributions.
   */
  public get distributedImageTypes(): RecipeType[] | undefined {
    const all = [...this.distributions.values()];
    return [
      ...all.some(d => d.ami) ? [RecipeType.IMAGE] : [],
      ...all.some(d => d.container) ? [RecipeType.CONTAINER] : [],
    ];
  }

  /**
   * The Regions this configuration distributes to, by the distributions added so far, in the
   * order they were first added (the stack's Region may be a token).
   */
  public get distributionRegions(): string[] | undefined {
    return [...this.distributions.keys()];
  }

  /**
   * What the AMI distributions added so far use, in the terms of the permissions a pipeline's
   * execution role needs: launch templates, fast launch, license configurations, SSM parameters
   * and other accounts.
   */
  public get amiDistributionFeatures(): AmiDistributionFeatures | undefined {
    const stack = Stack.of(this);
    return amiFeaturesOf(stack, [...this.distributions.values()]
      .filter(d => d.ami)
      .map(d => ({ region: d.region, options: d.ami!.options })));
  }

  /** Whether `grantKeyUsage()` was called: AMI distributions added later are granted too. */
  private keyUsageGranted = false;

  constructor(scope: Construct, id: string, props: DistributionConfigurationProps = {}) {
    super(scope, id, {
      physicalName: props.distributionConfigurationName,
    });
    const name = ownResourceName(this, props.distributionConfigurationName);

    const v = new Validator(this);
    v.resourceName('distributionConfigurationName', props.distributionConfigurationName);
    v.description('description', props.description);
    v.tags('tags', props.tags);
    (props.amiDistributions ?? []).forEach((options, i) => this.registerAmi(v, `amiDistributions[${i}].`, options));
    (props.containerDistributions ?? []).forEach((options, i) =>
      this.registerContainer(v, `containerDistributions[${i}].`, options));
    v.throwIfInvalid();

    const resource = this.resource = new imagebuilder.CfnDistributionConfiguration(this, 'Resource', {
      name,
      description: props.description,
      distributions: this.renderDistributions(),
      tags: renderTagMap(props.tags),
    });

    this.node.addValidation({
      validate: () => this.distributions.size > 0 ? [] : [formatProblemAtConstruct({
        property: 'distributions',
        value: [],
        rule: 'must have at least 1 item: give amiDistributions or containerDistributions, or call addAmiDistribution() or addContainerDistribution()',
      })],
    });

    this.distributionConfigurationArn = props.distributionConfigurationName === undefined
      ? resource.attrArn
      : this.getResourceArnAttribute(resource.attrArn, {
        service: 'imagebuilder',
        resource: 'distribution-configuration',
        resourceName: name,
      });
  }

  /**
   * Distributes the built AMI to a Region (the stack's by default). A Region takes one AMI
   * distribution; its container distribution, if any, is merged with it.
   *
   * Throws when the options break the API's rules.
   */
  public addAmiDistribution(options: AmiDistributionOptions): void {
    const v = new Validator(this);
    this.registerAmi(v, '', options);
    v.throwIfInvalid();
    this.resource.distributions = this.renderDistributions();
  }

  /**
   * Distributes the built container image to a Region (the stack's by default). A Region takes
   * one container distribution; its AMI distribution, if any, is merged with it.
   *
   * Throws when the options break the API's rules.
   */
  public addContainerDistribution(options: ContainerDistributionOptions): void {
    const v = new Validator(this);
    this.registerContainer(v, '', options);
    v.throwIfInvalid();
    this.resource.distributions = this.renderDistributions();
  }

  /**
   * Allows the accounts that receive or may launch the encrypted AMIs to use the KMS keys that
   * encrypt them, by adding statements to the keys' policies. For each AMI distribution with a
   * `kmsKey`:
   *
   * - its `targetAccountIds`, which receive copies of the AMI, get `kms:Encrypt`, `kms:Decrypt`,
   *   `kms:ReEncrypt*`, `kms:GenerateDataKey*`, `kms:DescribeKey` and `kms:CreateGrant`;
   * - its launch permission's `userIds`, `organizationArns` and `organizationalUnitArns`, which
   *   launch the shared AMI, get `kms:Decrypt`, `kms:DescribeKey`, `kms:ReEncrypt*`,
   *   `kms:GenerateDataKeyWithoutPlaintext` and `kms:CreateGrant`.
   *
   * This is opt-in because it changes key policies, which are often owned by a security team,
   * and a key may already trust those accounts. It also covers AMI distributions added after the
   * call. Keys not defined in this app (imported ones, such as the keys of other Regions) can't
   * be changed from here: a warning lists the accounts to allow in their policy. Each account
   * must also allow the key in its own IAM policies (for example on
   * `EC2ImageBuilderDistributionCrossAccountRole`).
   *
   * @returns the grants made on keys defined in this app
   */
  public grantKeyUsage(): iam.Grant[] {
    this.keyUsageGranted = true;
    return [...this.distributions.values()].flatMap(d => this.grantKeyUsageFor(d));
  }

  private registerAmi(v: Validator, prefix: string, options: AmiDistributionOptions): void {
    const region = this.resolveRegion(v, prefix, options.region);
    const ctx: SettingsContext = { v, prefix, region, stack: Stack.of(this), scope: this };
    const rendered = renderAmiDistribution(ctx, options);
    const existing = this.distributions.get(region);
    if (existing?.ami) {
      v.fail(`${prefix}region`, region, 'must not repeat the Region of an earlier AMI distribution (merge their settings into one)');
    }
    if (v.hasProblems) {
      return;
    }
    const entry = existing ?? { region };
    entry.ami = { options, rendered };
    this.distributions.set(region, entry);

    if (options.launchPermission?.userGroups?.includes(PUBLIC_USER_GROUP)) {
      Annotations.of(this).addWarningV2('cdk-imagebuilder:publicAmi',
        `The AMI distributed to ${regionLabel(region)} is public (launchPermission.userGroups ['all']): every AWS account can launch it. ` +
        'Make sure it holds no secrets, credentials or proprietary software.');
    }
    if (this.keyUsageGranted) {
      this.grantKeyUsageFor(entry);
    }
  }

  private registerContainer(v: Validator, prefix: string, options: ContainerDistributionOptions): void {
    const region = this.resolveRegion(v, prefix, options.region);
    const ctx: SettingsContext = { v, prefix, region, stack: Stack.of(this), scope: this };
    const rendered = renderContainerDistribution(ctx, options);
    const existing = this.distributions.get(region);
    if (existing?.container) {
      v.fail(`${prefix}region`, region, 'must not repeat the Region of an earlier container distribution (one repository per Region)');
    }
    if (v.hasProblems) {
      return;
    }
    const entry = existing ?? { region };
    entry.container = rendered;
    this.distributions.set(region, entry);
  }

  /** The given Region, validated as a Region name, or the stack's. */
  private resolveRegion(v: Validator, prefix: string, region: string | undefined): string {
    if (region === undefined) {
      return Stack.of(this).region;
    }
    v.pattern(`${prefix}region`, region, PATTERNS.regionName);
    return region;
  }

  private renderDistributions(): imagebuilder.CfnDistributionConfiguration.DistributionProperty[] {
    return [...this.distributions.values()].map(d => ({
      region: d.region,
      amiDistributionConfiguration: d.ami?.rendered.amiDistributionConfiguration,
      containerDistributionConfiguration: d.container,
      licenseConfigurationArns: d.ami?.rendered.licenseConfigurationArns,
      launchTemplateConfigurations: d.ami?.rendered.launchTemplateConfigurations,
      fastLaunchConfigurations: d.ami?.rendered.fastLaunchConfigurations,
      ssmParameterConfigurations: d.ami?.rendered.ssmParameterConfigurations,
    }));
  }

  private grantKeyUsageFor(distribution: RegionDistribution): iam.Grant[] {
    const options = distribution.ami?.options;
    const key = options?.kmsKey;
    if (!options || !key) {
      return [];
    }
    const permission = options.launchPermission ?? {};
    const targets = options.targetAccountIds ?? [];
    const launchers = permission.userIds ?? [];
    const organizations = permission.organizationArns ?? [];
    const units = permission.organizationalUnitArns ?? [];
    if ([targets, launchers, organizations, units].every(list => !Token.isUnresolved(list) && list.length === 0)) {
      return [];
    }

    if (!Resource.isOwnedResource(key) || [targets, launchers, organizations, units].some(list => Token.isUnresolved(list))) {
      // Only the lists that apply: an empty list is left out of the sentence.
      const allowances = [
        listForMessage('target accounts', targets, KMS_DISTRIBUTION_ACTIONS),
        listForMessage('launch permission accounts', launchers, KMS_LAUNCH_ACTIONS),
        listForMessage('organizations', organizations, KMS_LAUNCH_ACTIONS),
        listForMessage('organizational units', units, KMS_LAUNCH_ACTIONS),
      ].filter((a): a is string => a !== undefined);
      Annotations.of(this).addWarningV2('cdk-imagebuilder:distributionKeyNotGranted',
        `The KMS key of the AMI distribution to ${regionLabel(distribution.region)} (${key.node.path}) is not defined in this app, ` +
        'or its accounts are not known before deployment, so grantKeyUsage() can\'t change its key policy. ' +
        `In its key policy, allow ${allowances.join('; ')}.`);
      return [];
    }

    const grants: iam.Grant[] = [];
    if (targets.length > 0) {
      grants.push(key.grant(accountsPrincipal(targets), ...KMS_DISTRIBUTION_ACTIONS));
    }
    if (launchers.length > 0) {
      grants.push(key.grant(accountsPrincipal(launchers), ...KMS_LAUNCH_ACTIONS));
    }
    for (const arn of organizations) {
      grants.push(key.grant(organizationPrincipal(arn), ...KMS_LAUNCH_ACTIONS));
    }
    for (const arn of units) {
      grants.push(key.grant(organizationalUnitPrincipal(arn), ...KMS_LAUNCH_ACTIONS));
    }
    return grants;
  }
}

/** One account principal, or a composite of several. */
function accountsPrincipal(accounts: string[]): iam.IPrincipal {
  const principals = accounts.map(account => new iam.AccountPrincipal(account));
  return principals.length === 1 ? principals[0] : new iam.CompositePrincipal(...principals);
}

/** A Region for a warning: its name, or "the stack's Region" when it is a token. */
function regionLabel(region: string): string {
  return isToken(region) ? "the stack's Region" : region;
}

/**
 * One allowance for a warning: `<what> <items>: <actions>`, with a note when the list is a token;
 * undefined when the list is empty.
 */
function listForMessage(what: string, list: string[], actions: readonly string[]): string | undefined {
  if (!Token.isUnresolved(list) && list.length === 0) {
    return undefined;
  }
  const items = Token.isUnresolved(list) ? '(known at deployment)' : list.join(', ');
  return `${what} ${items}: ${actions.join(', ')}`;
}

brand(DistributionConfiguration, 'DistributionConfiguration');

/** A distribution configuration defined outside this app. */
class ImportedDistributionConfiguration extends DistributionConfigurationBase {
  public readonly distributionRegions?: string[];
  public readonly amiDistributionFeatures?: AmiDistributionFeatures;
  public readonly distributionConfigurationArn: string;
  public readonly distributionConfigurationName: string;
  public readonly distributedImageTypes?: RecipeType[];

  /** @param facts what the configuration distributes, when a lookup learned it */
  constructor(scope: Construct, id: string, arn: string, name: string, environmentFromArn: boolean, facts?: DistributionFacts) {
    super(scope, id, environmentFromArn ? { environmentFromArn: arn } : {});
    this.distributionConfigurationArn = arn;
    this.distributionConfigurationName = name;
    this.distributionRegions = facts?.distributionRegions;
    this.amiDistributionFeatures = facts?.amiDistributionFeatures;
    this.distributedImageTypes = facts?.distributedImageTypes.map(type => type === 'IMAGE' ? RecipeType.IMAGE : RecipeType.CONTAINER);
  }
}
