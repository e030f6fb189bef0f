import { Annotations, aws_ec2 as ec2, aws_ssm as ssm, IResource, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import type {
  AmiDistributionFeatures,
  AmiDistributionOptions,
  AmiLaunchPermission,
  ContainerDistributionOptions,
  FastLaunchConfiguration,
  LaunchTemplateConfiguration,
  SsmParameterConfiguration,
} from '../../distribution-options';
import { LIMITS, PATTERNS } from '../core/api-constraints';
import { isToken, renderTagMap, Validator } from '../core/validation';

/**
 * KMS actions the target accounts of an AMI distribution need on the key that encrypts it:
 * Image Builder copies the AMI into each target account, which re-encrypts its snapshots.
 */
export const KMS_DISTRIBUTION_ACTIONS = [
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncrypt*',
  'kms:GenerateDataKey*',
  'kms:DescribeKey',
  'kms:CreateGrant',
] as const;

/**
 * KMS actions the accounts an encrypted AMI is shared with (launch permissions) need to launch
 * instances from it: EC2 creates volumes from the AMI's snapshots in their name.
 */
export const KMS_LAUNCH_ACTIONS = [
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:ReEncrypt*',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:CreateGrant',
] as const;

/** The user group that makes an AMI public. */
export const PUBLIC_USER_GROUP = 'all';

/** The service of a container distribution's target repository. */
export const ECR_SERVICE = 'ECR';

/** The parts of one `Distribution` entry that an AMI distribution fills in (CloudFormation shape). */
export interface RenderedAmiDistribution {
  /** `AmiDistributionConfiguration`: typed `any` in the L1, so its keys are PascalCase here. */
  readonly amiDistributionConfiguration?: { [key: string]: unknown };
  readonly licenseConfigurationArns?: string[];
  readonly launchTemplateConfigurations?: Array<{ launchTemplateId?: string; accountId?: string; setDefaultVersion?: boolean }>;
  readonly fastLaunchConfigurations?: Array<{ [key: string]: unknown }>;
  readonly ssmParameterConfigurations?: Array<{ parameterName: string; amiAccountId?: string; dataType?: string }>;
}

/** The validator, the property prefix and the Region an add call works with. */
export interface SettingsContext {
  readonly v: Validator;
  /** `amiDistributions[0].` in the constructor, empty in the add methods. */
  readonly prefix: string;
  /** The Region of the distribution (given or the stack's). */
  readonly region: string;
  /** The stack of the distribution configuration. */
  readonly stack: Stack;
  /** The distribution configuration, for warnings. */
  readonly scope: IConstruct;
}

/** Validates an AMI distribution's settings and renders them. */
export function renderAmiDistribution(ctx: SettingsContext, options: AmiDistributionOptions): RenderedAmiDistribution {
  const { v, prefix: p } = ctx;

  if (options.amiName !== undefined && !isToken(options.amiName)) {
    const lengthOk = v.length(`${p}amiName`, options.amiName, LIMITS.amiName);
    const patternOk = lengthOk && v.pattern(`${p}amiName`, options.amiName, PATTERNS.amiName);
    if (patternOk && !PATTERNS.amiNameBuildDate.test(options.amiName)) {
      v.fail(`${p}amiName`, options.amiName,
        "must include the placeholder '{{ imagebuilder:buildDate }}' (spaces inside the braces are optional), which makes each build's AMI name unique");
    }
  }
  v.description(`${p}amiDescription`, options.amiDescription);
  v.tags(`${p}amiTags`, options.amiTags);

  v.kmsKey(`${p}kmsKey`, options.kmsKey);
  if (options.kmsKey) {
    checkSameRegion(ctx, `${p}kmsKey`, options.kmsKey, 'a KMS key', 'AMIs are encrypted with a key of the Region they are distributed to');
  }

  v.count(`${p}targetAccountIds`, options.targetAccountIds, LIMITS.targetAccountIds);
  eachItem(options.targetAccountIds, (id, i) => v.accountId(`${p}targetAccountIds[${i}]`, id));

  const launchPermission = renderLaunchPermission(ctx, options.launchPermission);

  v.count(`${p}licenseConfigurationArns`, options.licenseConfigurationArns, LIMITS.licenseConfigurationArns);
  eachItem(options.licenseConfigurationArns, (arn, i) =>
    v.pattern(`${p}licenseConfigurationArns[${i}]`, arn, PATTERNS.licenseConfigurationArn));

  const amiDistributionConfiguration = compact({
    Name: options.amiName,
    Description: options.amiDescription,
    AmiTags: renderTagMap(options.amiTags),
    KmsKeyId: options.kmsKey?.keyArn,
    TargetAccountIds: options.targetAccountIds,
    LaunchPermissionConfiguration: launchPermission,
  });

  const rendered: RenderedAmiDistribution = {
    amiDistributionConfiguration,
    licenseConfigurationArns: options.licenseConfigurationArns,
    launchTemplateConfigurations: renderLaunchTemplates(ctx, options.launchTemplates),
    fastLaunchConfigurations: renderFastLaunch(ctx, options.fastLaunchConfigurations),
    ssmParameterConfigurations: renderSsmParameters(ctx, options.ssmParameters, options.targetAccountIds),
  };

  if (Object.values(rendered).every(x => x === undefined)) {
    v.fail(`${p}region`, ctx.region,
      'must come with at least one AMI setting (for example amiName, targetAccountIds or launchPermission): Image Builder rejects a Region without outputs');
  }
  return rendered;
}

/** What a distribution configuration distributes, as the facts its interface carries. */
export interface DistributionFacts {
  readonly distributionRegions: string[];
  /** 'IMAGE' and 'CONTAINER', in the values of `RecipeType`. */
  readonly distributedImageTypes: Array<'IMAGE' | 'CONTAINER'>;
  readonly amiDistributionFeatures: AmiDistributionFeatures;
}

/** The keys of a CloudFormation `Distribution` that only AMI distributions have. */
const AMI_DISTRIBUTION_KEYS = ['AmiDistributionConfiguration', 'LaunchTemplateConfigurations', 'FastLaunchConfigurations',
  'SsmParameterConfigurations', 'LicenseConfigurationArns'];

/**
 * The facts of a distribution configuration read back from AWS: its `Distributions` in the shape
 * of the `AWS::ImageBuilder::DistributionConfiguration` schema (`Region`,
 * `AmiDistributionConfiguration.TargetAccountIds`, `LaunchTemplateConfigurations[].LaunchTemplateId`
 * and `AccountId`, `FastLaunchConfigurations[].AccountId`, `SsmParameterConfigurations[].ParameterName`
 * and `AmiAccountId`, `LicenseConfigurationArns`), as a Cloud Control lookup answers them.
 * Undefined when the value is not a list of such mappings.
 */
export function distributionFactsOf(stack: Stack, distributions: unknown): DistributionFacts | undefined {
  const isMapping = (x: unknown): x is Record<string, any> => x !== null && typeof x === 'object' && !Array.isArray(x);
  if (!Array.isArray(distributions) || !distributions.every(d => isMapping(d) && typeof d.Region === 'string')) return undefined;
  const list = <T>(value: unknown, item: (x: any) => T | undefined): T[] =>
    Array.isArray(value) ? value.map(item).filter((x): x is T => x !== undefined) : [];
  const str = (x: unknown) => typeof x === 'string' ? x : undefined;
  const ami = distributions.filter(d => AMI_DISTRIBUTION_KEYS.some(k => d[k] !== undefined));
  const features = amiFeaturesOf(stack, ami.map(d => ({
    region: d.Region,
    options: {
      targetAccountIds: list(d.AmiDistributionConfiguration?.TargetAccountIds, str),
      licenseConfigurationArns: list(d.LicenseConfigurationArns, str),
      launchTemplates: list(d.LaunchTemplateConfigurations, c => isMapping(c)
        ? { accountId: str(c.AccountId), launchTemplate: { launchTemplateId: str(c.LaunchTemplateId) } }
        : undefined),
      fastLaunchConfigurations: list(d.FastLaunchConfigurations, c => isMapping(c) ? { accountId: str(c.AccountId) } : undefined),
      ssmParameters: list(d.SsmParameterConfigurations, c => isMapping(c) && typeof c.ParameterName === 'string'
        ? { parameterName: c.ParameterName, amiAccountId: str(c.AmiAccountId) }
        : undefined),
    },
  })));
  return {
    distributionRegions: [...new Set(distributions.map(d => d.Region as string))],
    distributedImageTypes: [
      ...ami.length > 0 ? ['IMAGE' as const] : [],
      ...distributions.some(d => d.ContainerDistributionConfiguration !== undefined) ? ['CONTAINER' as const] : [],
    ],
    amiDistributionFeatures: features,
  };
}

/** The parts of an AMI distribution's settings (`AmiDistributionOptions`) that its features come from. */
interface AmiFeatureSources {
  readonly targetAccountIds?: string[];
  readonly launchTemplates?: ReadonlyArray<{ readonly accountId?: string; readonly launchTemplate: { readonly launchTemplateId?: string } }>;
  readonly fastLaunchConfigurations?: ReadonlyArray<{ readonly accountId?: string }>;
  readonly licenseConfigurationArns?: string[];
  readonly ssmParameters?: ReadonlyArray<{ readonly parameterName: string; readonly amiAccountId?: string }>;
}

/**
 * What AMI distributions use, as the IAM resources of this account that a pipeline's execution
 * role changes while distributing (see `AmiDistributionFeatures`). Resources of another account
 * are changed through that account's cross-account role, so only the account is listed.
 */
export function amiFeaturesOf(stack: Stack, distributions: Array<{ region: string; options: AmiFeatureSources }>): AmiDistributionFeatures {
  const own = stack.account;
  const p = stack.partition;
  const isOwn = (account: string | undefined) => account === undefined || isToken(account) || isToken(own) || account === own;
  const launchTemplateArns: string[] = [];
  const licenseConfigurationArns: string[] = [];
  const ssmParameterArns: string[] = [];
  const crossAccountIds: string[] = [];
  const otherAccount = (account: string | undefined) => {
    if (!isOwn(account) && !crossAccountIds.includes(account!)) crossAccountIds.push(account!);
  };
  let fastLaunch = false;
  for (const { region, options } of distributions) {
    const targets = options.targetAccountIds ?? [];
    if (Token.isUnresolved(targets)) {
      otherAccount('*');
    } else {
      targets.forEach(otherAccount);
    }
    for (const c of options.launchTemplates ?? []) {
      otherAccount(c.accountId);
      if (isOwn(c.accountId) && c.launchTemplate.launchTemplateId !== undefined) {
        launchTemplateArns.push(`arn:${p}:ec2:${region}:${own}:launch-template/${c.launchTemplate.launchTemplateId}`);
      }
    }
    for (const c of options.fastLaunchConfigurations ?? []) {
      otherAccount(c.accountId);
      fastLaunch = true;
    }
    const licenses = options.licenseConfigurationArns ?? [];
    licenseConfigurationArns.push(...Token.isUnresolved(licenses) ? [`arn:${p}:license-manager:*:${own}:license-configuration:*`] : licenses);
    for (const c of options.ssmParameters ?? []) {
      otherAccount(c.amiAccountId);
      if (isOwn(c.amiAccountId)) {
        // An SSM parameter's ARN names it without its leading slash.
        const name = isToken(c.parameterName) ? '*' : c.parameterName.replace(/^\//, '');
        ssmParameterArns.push(`arn:${p}:ssm:${region}:${own}:parameter/${name}`);
      }
    }
  }
  return { launchTemplateArns, fastLaunch, licenseConfigurationArns, ssmParameterArns, crossAccountIds };
}

export function renderContainerDistribution(ctx: SettingsContext, options: ContainerDistributionOptions): { [key: string]: unknown } {
  const { v, prefix: p } = ctx;
  const target = options.targetRepository;
  const name = target.repositoryName;
  v.ecrRepositoryName(`${p}targetRepository`, name);
  if (target.repository) {
    checkSameRegion(ctx, `${p}targetRepository`, target.repository, 'an ECR repository',
      'Image Builder pushes to the repository of that name in the distribution\'s Region');
    const repoAccount = target.repository.env.account;
    const ownAccount = ctx.stack.account;
    if (!isToken(repoAccount) && !isToken(ownAccount) && repoAccount !== ownAccount) {
      v.fail(`${p}targetRepository`, target.repository.node.path,
        `must be a repository of this account '${ownAccount}' (it is in '${repoAccount}'): container distributions do not cross accounts`);
    }
  }
  eachItem(options.containerTags, (tag, i) => v.nonEmptyString(`${p}containerTags[${i}]`, tag));
  v.description(`${p}containerDescription`, options.containerDescription);

  return compact({
    TargetRepository: { Service: ECR_SERVICE, RepositoryName: name },
    ContainerTags: nonEmpty(options.containerTags),
    Description: options.containerDescription,
  })!;
}

function renderLaunchPermission(ctx: SettingsContext, permission: AmiLaunchPermission | undefined): { [key: string]: unknown } | undefined {
  if (permission === undefined) {
    return undefined;
  }
  const { v, prefix } = ctx;
  const p = `${prefix}launchPermission.`;
  v.count(`${p}userIds`, permission.userIds, LIMITS.launchPermissionUserIds);
  eachItem(permission.userIds, (id, i) => v.accountId(`${p}userIds[${i}]`, id));
  eachItem(permission.userGroups, (group, i) => v.oneOf(`${p}userGroups[${i}]`, group, [PUBLIC_USER_GROUP]));
  v.count(`${p}organizationArns`, permission.organizationArns, LIMITS.organizationArns);
  eachItem(permission.organizationArns, (arn, i) => v.pattern(`${p}organizationArns[${i}]`, arn, PATTERNS.organizationArn));
  v.count(`${p}organizationalUnitArns`, permission.organizationalUnitArns, LIMITS.organizationalUnitArns);
  eachItem(permission.organizationalUnitArns, (arn, i) =>
    v.pattern(`${p}organizationalUnitArns[${i}]`, arn, PATTERNS.organizationalUnitArn));
  return compact({
    UserIds: permission.userIds,
    UserGroups: nonEmpty(permission.userGroups),
    OrganizationArns: permission.organizationArns,
    OrganizationalUnitArns: permission.organizationalUnitArns,
  });
}

function renderLaunchTemplates(
  ctx: SettingsContext,
  configurations: LaunchTemplateConfiguration[] | undefined,
): RenderedAmiDistribution['launchTemplateConfigurations'] {
  if (configurations === undefined) {
    return undefined;
  }
  const { v, prefix } = ctx;
  v.count(`${prefix}launchTemplates`, configurations, LIMITS.launchTemplateConfigurations);
  return configurations.map((c, i) => {
    const p = `${prefix}launchTemplates[${i}].`;
    const id = c.launchTemplate.launchTemplateId;
    if (id === undefined) {
      v.fail(`${p}launchTemplate`, c.launchTemplate.node.path,
        'must have a launch template ID (Image Builder takes launch templates by ID here: import it with ec2.LaunchTemplate.fromLaunchTemplateAttributes({ launchTemplateId }))');
    } else {
      v.pattern(`${p}launchTemplate.launchTemplateId`, id, PATTERNS.launchTemplateId);
    }
    checkSameRegion(ctx, `${p}launchTemplate`, c.launchTemplate, 'a launch template',
      'Image Builder updates the launch template in the distribution\'s Region');
    v.accountId(`${p}accountId`, c.accountId);
    return { launchTemplateId: id, accountId: c.accountId, setDefaultVersion: c.setDefaultVersion };
  });
}

function renderFastLaunch(
  ctx: SettingsContext,
  configurations: FastLaunchConfiguration[] | undefined,
): RenderedAmiDistribution['fastLaunchConfigurations'] {
  if (configurations === undefined) {
    return undefined;
  }
  const { v, prefix } = ctx;
  v.count(`${prefix}fastLaunchConfigurations`, configurations, LIMITS.fastLaunchConfigurations);
  return configurations.map((c, i) => {
    const p = `${prefix}fastLaunchConfigurations[${i}].`;
    v.integer(`${p}maxParallelLaunches`, c.maxParallelLaunches, LIMITS.fastLaunchMaxParallelLaunches);
    v.integer(`${p}targetResourceCount`, c.targetResourceCount, LIMITS.fastLaunchTargetResourceCount);
    v.accountId(`${p}accountId`, c.accountId);
    return compact({
      enabled: c.enabled ?? true,
      launchTemplate: c.launchTemplate ? renderFastLaunchTemplate(ctx, `${p}launchTemplate`, c.launchTemplate) : undefined,
      maxParallelLaunches: c.maxParallelLaunches,
      snapshotConfiguration: c.targetResourceCount !== undefined ? { targetResourceCount: c.targetResourceCount } : undefined,
      accountId: c.accountId,
    })!;
  });
}

/** A fast launch template is given by ID or by name (not both), with a version. */
function renderFastLaunchTemplate(ctx: SettingsContext, property: string, template: ec2.ILaunchTemplate): { [key: string]: unknown } {
  const { v } = ctx;
  checkSameRegion(ctx, property, template, 'a launch template', 'EC2 launches the fast launch instances in the distribution\'s Region');
  if (template.launchTemplateId !== undefined) {
    v.pattern(`${property}.launchTemplateId`, template.launchTemplateId, PATTERNS.launchTemplateId);
  } else {
    v.nonEmptyString(`${property}.launchTemplateName`, template.launchTemplateName);
  }
  v.nonEmptyString(`${property}.versionNumber`, template.versionNumber);
  return compact({
    launchTemplateId: template.launchTemplateId,
    launchTemplateName: template.launchTemplateId === undefined ? template.launchTemplateName : undefined,
    launchTemplateVersion: template.versionNumber,
  })!;
}

function renderSsmParameters(
  ctx: SettingsContext,
  parameters: SsmParameterConfiguration[] | undefined,
  targetAccountIds: string[] | undefined,
): RenderedAmiDistribution['ssmParameterConfigurations'] {
  if (parameters === undefined) {
    return undefined;
  }
  const { v, prefix } = ctx;
  const rendered = parameters.map((c, i) => {
    const p = `${prefix}ssmParameters[${i}].`;
    if (v.length(`${p}parameterName`, c.parameterName, LIMITS.ssmParameterName)) {
      v.pattern(`${p}parameterName`, c.parameterName, PATTERNS.ssmParameterName);
    }
    if (v.accountId(`${p}amiAccountId`, c.amiAccountId)) {
      checkAmiAccount(ctx, `${p}amiAccountId`, c.amiAccountId, targetAccountIds);
    }
    const dataType = c.dataType ?? ssm.ParameterDataType.AWS_EC2_IMAGE;
    v.oneOf(`${p}dataType`, dataType, [ssm.ParameterDataType.TEXT, ssm.ParameterDataType.AWS_EC2_IMAGE]);
    return { parameterName: c.parameterName, amiAccountId: c.amiAccountId, dataType };
  });
  return rendered.length > 0 ? rendered : undefined;
}

/**
 * The account that owns an SSM parameter must receive the AMI: it must be one of the
 * distribution's target accounts, or, when there are none, the account that builds it.
 */
function checkAmiAccount(ctx: SettingsContext, property: string, account: string | undefined, targets: string[] | undefined) {
  if (account === undefined || isToken(account)) {
    return;
  }
  if (targets === undefined) {
    const own = ctx.stack.account;
    if (!isToken(own) && account !== own) {
      ctx.v.fail(property, account,
        `must be one of the distribution's targetAccountIds (none are given, so the AMI stays in this account '${own}')`);
    }
    return;
  }
  if (isToken(targets)) {
    return;
  }
  if (!targets.includes(account)) {
    ctx.v.fail(property, account, `must be one of the distribution's targetAccountIds (${targets.join(', ')})`);
  }
}

/** Resources used by a Region's distribution must live in that Region. */
function checkSameRegion(ctx: SettingsContext, property: string, resource: IResource, what: string, why: string) {
  const resourceRegion = resource.env.region;
  if (isToken(resourceRegion) && !isToken(ctx.region) && resourceRegion === ctx.stack.region) {
    // An environment-agnostic stack: the resource is in the Region the stack is deployed to, which
    // is not known at synth, and the distribution names a Region. They differ unless the stack is
    // deployed to exactly that Region.
    Annotations.of(ctx.scope).addWarningV2('cdk-imagebuilder:distributionRegionUnknown',
      `${property} (${resource.node.path}) is ${what} of this stack, whose Region is not known at synth (no env), ` +
      `but the distribution is to '${ctx.region}': ${why}, so this works only if the stack is deployed to '${ctx.region}'. ` +
      `Give the stack an env, or use ${what} of '${ctx.region}' (imported by its ARN).`);
    return;
  }
  if (isToken(resourceRegion) || isToken(ctx.region) || resourceRegion === ctx.region) {
    return;
  }
  ctx.v.fail(property, resource.node.path,
    `must be ${what} in the distribution's Region '${ctx.region}' (it is in '${resourceRegion}'): ${why}`);
}

/** Calls `fn` for each item of a list that is neither undefined nor a token. */
function eachItem<T>(items: T[] | undefined, fn: (item: T, index: number) => void) {
  if (items === undefined || Token.isUnresolved(items)) {
    return;
  }
  items.forEach(fn);
}

/** The list, or undefined when it is empty (a token list is kept). */
function nonEmpty<T>(list: T[] | undefined): T[] | undefined {
  return list === undefined || Token.isUnresolved(list) || list.length > 0 ? list : undefined;
}

/** The object without its undefined values, or undefined when none is left. */
function compact(obj: { [key: string]: unknown }): { [key: string]: unknown } | undefined {
  const entries = Object.entries(obj).filter(([, value]) => value !== undefined);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
