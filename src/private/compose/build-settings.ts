import {
  ArnFormat,
  aws_ecr as ecr,
  aws_iam as iam,
  aws_imagebuilder as imagebuilder,
  aws_logs as logs,
  CfnMapping,
  CfnResource,
  Duration,
  Fn,
  Names,
  PhysicalName,
  RemovalPolicy,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { IContainerRecipe } from '../../container-recipe';
import { ImageScanningType, Severity } from '../../image-build';
import type { ImageBuildOptions } from '../../image-build';
import type { IInfrastructureConfiguration, InfrastructureConfiguration } from '../../infrastructure-configuration';
import { RecipeType } from '../../recipe';
import type { IRecipe } from '../../recipe';
import { WorkflowOnFailure, WorkflowType } from '../../workflow';
import type { WorkflowConfiguration } from '../../workflow';
import { LIMITS, PATTERNS } from '../core/api-constraints';
import { hasBrand } from '../core/brands';
import { distributionKindRule } from '../core/cross-resource';
import { formatProblemAtConstruct } from '../core/errors';
import { checkGivenParameters } from '../core/parameters';
import { IMAGE_BUILDER_LOG_GROUP_PREFIX, knownLogGroupName, logGroupNameUnderPrefix, logsServicePrincipal } from '../core/pipeline-logging';
import { stackRepositoryImport, stackUuidPart } from '../core/stack-singletons';
import { isToken, Validator } from '../core/validation';
import { acknowledgeLibraryFindings } from '../iam/acknowledge';
import { ACKNOWLEDGED, LibraryPolicy, ReasonedStatement } from '../iam/library-policy';
import { OwnedPolicy } from '../iam/owned-policy';
import { DEFAULT_SCANNING_REPOSITORY_NAME, distributionStatements, executionRoleStatements } from '../iam/pipeline-execution-role';

/** One log group of a build: the image builds' (every build), and a pipeline's own. */
export interface LogGroupSlot {
  /** The construct ID of the log group when it is created. */
  readonly id: string;
  /** The kind, the path part of the created group's name: `/aws/imagebuilder/<kind>/...`. */
  readonly kind: string;
  /** The prop that gives the group. */
  readonly property: string;
  /** The group given, if any. */
  readonly given?: logs.ILogGroup;
}

/** What the construct that owns the build settings is, for names and messages. */
export interface BuildOwner {
  /** `pipeline` or `image`. */
  readonly noun: string;
  /** The recipe built. */
  readonly recipe: IRecipe;
  /** The log groups of the build, in the order they are created. */
  readonly logGroups: LogGroupSlot[];
  /**
   * Creates the infrastructure configuration when none is given (the owner makes the public
   * construct: this layer knows only its interface).
   */
  readonly defaultInfrastructure: (scope: Construct, id: string) => IInfrastructureConfiguration;
}

/** The children the build settings created or took. */
export interface BuildResources {
  readonly infrastructureConfiguration: IInfrastructureConfiguration;
  /** The log groups by kind. */
  readonly logGroups: { [kind: string]: logs.ILogGroup };
  readonly executionRole?: iam.IRole;
}

interface ResolvedScanning {
  readonly enabled: boolean;
  readonly repository?: ecr.IRepository;
  readonly containerTags?: string[];
  readonly types?: string[];
  /** The scan gate: the lowest severity that fails the image, and whether only fixable findings count. */
  readonly gate?: { readonly failOn: Severity; readonly onlyFixable?: boolean };
}

/** The highest severity a scan gate allows: the one just below `failOn`. */
const MAXIMUM_SEVERITY_ALLOWED: { [failOn in Severity]: string } = {
  [Severity.LOW]: 'INFORMATIONAL',
  [Severity.MEDIUM]: 'LOW',
  [Severity.HIGH]: 'MEDIUM',
  [Severity.CRITICAL]: 'HIGH',
};

/**
 * The API's `MaximumSeverityLabel` for a gate that fails on `failOn`: looked up in a mapping of the
 * stack when `failOn` is a token (the mapping is rendered only then).
 */
function maximumSeverityAllowed(resource: CfnResource, failOn: Severity): string {
  if (!isToken(failOn)) {
    return MAXIMUM_SEVERITY_ALLOWED[failOn];
  }
  const mapping = new CfnMapping(resource, 'ScanGateSeverities', {
    mapping: Object.fromEntries(Object.entries(MAXIMUM_SEVERITY_ALLOWED).map(([severity, allowed]) => [severity, { allowed }])),
  });
  return mapping.findInMap(failOn, 'allowed');
}

/**
 * The build settings an image pipeline and an image share: validated once (`validate`), then
 * their children created (`create`), then rendered (`render`) into the L1 of either.
 */
export class BuildSettings {
  /** Validates the settings; problems go to `v`, which the constructor throws once. */
  public static validate(v: Validator, options: ImageBuildOptions, owner: BuildOwner): BuildSettings {
    return new BuildSettings(v, options, owner);
  }

  private readonly containerRecipe?: IContainerRecipe;
  private readonly testsEnabled: boolean;
  private readonly timeoutMinutes?: number;
  private readonly scanning: ResolvedScanning;
  private readonly workflows: imagebuilder.CfnImagePipeline.WorkflowConfigurationProperty[];
  private resources?: BuildResources;
  private libraryRolePolicy?: OwnedPolicy;

  private constructor(v: Validator, private readonly options: ImageBuildOptions, private readonly owner: BuildOwner) {
    const recipe = owner.recipe;
    this.containerRecipe = recipe.recipeType === RecipeType.CONTAINER ? recipe as IContainerRecipe : undefined;
    v.enumValue('recipe.recipeType', recipe.recipeType, RecipeType);
    v.arn('recipe', recipe.recipeArn, this.containerRecipe ? 'containerRecipe' : 'imageRecipe');
    v.enumValue('logRetention', options.logRetention, logs.RetentionDays);
    v.enumValue('logRemovalPolicy', options.logRemovalPolicy, RemovalPolicy);
    if (options.executionRole) {
      v.arn('executionRole', options.executionRole.roleArn, 'role');
    }
    this.testsEnabled = options.imageTestsEnabled ?? true;
    this.timeoutMinutes = validateTestsTimeout(v, options.imageTestsTimeout);
    this.scanning = resolveScanning(v, options, owner.noun, this.testsEnabled, this.containerRecipe !== undefined);
    this.workflows = renderWorkflows(v, options.workflows ?? []);
    validateLogging(v, options, owner);
  }

  /** Creates the children: infrastructure default and grants, log groups, execution role. */
  public create(scope: Construct): BuildResources {
    const options = this.options;
    const infrastructureConfiguration = options.infrastructureConfiguration
      ?? this.owner.defaultInfrastructure(scope, 'InfrastructureConfiguration');
    const scanningRepository = this.grantRepositories(scope, infrastructureConfiguration);
    const logGroups = this.createLogGroups(scope);
    const executionRole = this.createExecutionRole(scope, infrastructureConfiguration, scanningRepository, logGroups);
    this.checkDistributionAtSynth(scope);
    this.resources = { infrastructureConfiguration, logGroups, executionRole };
    return this.resources;
  }

  /** The L1 properties an `AWS::ImageBuilder::ImagePipeline` and an `AWS::ImageBuilder::Image` share. */
  public render() {
    const resources = this.resources!;
    const scanning = this.scanning;
    const recipeArn = this.owner.recipe.recipeArn;
    return {
      imageRecipeArn: this.containerRecipe ? undefined : recipeArn,
      containerRecipeArn: this.containerRecipe ? recipeArn : undefined,
      infrastructureConfigurationArn: resources.infrastructureConfiguration.infrastructureConfigurationArn,
      distributionConfigurationArn: this.options.distributionConfiguration?.distributionConfigurationArn,
      // Only values other than the API's defaults are written (a token is written as given).
      // Service model, `ImageTestsConfiguration`: "Image Builder defaults to enable tests";
      // `timeoutMinutes` is stored as 720 when omitted.
      imageTestsConfiguration: this.testsEnabled !== true || this.timeoutMinutes !== undefined
        ? { imageTestsEnabled: this.testsEnabled, timeoutMinutes: this.timeoutMinutes }
        : undefined,
      // Service model, `enhancedImageMetadataEnabled` of CreateImagePipeline and CreateImage: "Enabled by default".
      enhancedImageMetadataEnabled: this.options.enhancedImageMetadataEnabled === true
        ? undefined
        : this.options.enhancedImageMetadataEnabled,
      imageScanningConfiguration: {
        imageScanningEnabled: scanning.enabled,
        ecrConfiguration: this.containerRecipe && scanning.enabled && (scanning.repository || scanning.containerTags) ? {
          repositoryName: scanning.repository?.repositoryName,
          containerTags: scanning.containerTags,
        } : undefined,
      },
      workflows: this.workflows.length > 0 ? this.workflows : undefined,
      executionRole: resources.executionRole?.roleArn,
    };
  }

  /**
   * What the L1 of the peer minimum lacks (the scan types and gate, in aws-cdk-lib 2.276's L1
   * only), as property overrides; and the dependency on a created execution role's policy.
   */
  public finish(resource: CfnResource): void {
    if (this.scanning.types) {
      resource.addPropertyOverride('ImageScanningConfiguration.ImageScanningTypes', this.scanning.types);
      Validations.of(resource).acknowledge(ACKNOWLEDGED.scanFieldsUnknownToValidator);
    }
    const gate = this.scanning.gate;
    if (gate) {
      resource.addPropertyOverride('ImageScanningConfiguration.ScanResultCondition', {
        MaximumSeverityLabel: maximumSeverityAllowed(resource, gate.failOn),
        FixAvailable: gate.onlyFixable,
      });
    }
    if (this.libraryRolePolicy) {
      // The role's policy must exist before Image Builder checks the role.
      resource.node.addDependency(this.resources!.executionRole!, this.libraryRolePolicy);
    }
  }

  /** For a container recipe: the instances may push to and pull from the repositories the build uses. */
  private grantRepositories(scope: Construct, infrastructure: IInfrastructureConfiguration): ecr.IRepository | undefined {
    const recipe = this.containerRecipe;
    const scanningRepository = recipe && this.scanning.enabled
      ? (this.scanning.repository ?? stackRepositoryImport(scope, DEFAULT_SCANNING_REPOSITORY_NAME))
      : undefined;
    // The library's own grant, without an `iam.Grant`, for an infrastructure configuration of this library.
    const infra = hasBrand(infrastructure, 'InfrastructureConfiguration') ? infrastructure as InfrastructureConfiguration : undefined;
    if (infra?.role && recipe) {
      if (recipe.targetRepository) {
        infra._grantContainerAccess(recipe.targetRepository, 'push');
      }
      if (scanningRepository) {
        infra._grantContainerAccess(scanningRepository, 'push');
      }
      if (recipe.parentImageRepository) {
        infra._grantContainerAccess(recipe.parentImageRepository, 'pull');
      }
    }
    return scanningRepository;
  }

  /**
   * The log groups: given, or created under `/aws/imagebuilder/<kind>/`, made unique by the
   * construct path and the first part of the stack's UUID, which changes when the stack is created
   * again. A given KMS key may encrypt the created ones.
   */
  private createLogGroups(scope: Construct): { [kind: string]: logs.ILogGroup } {
    const options = this.options;
    const uniqueId = Names.uniqueResourceName(scope, { maxLength: 100, separator: '-' });
    const uuidPart = stackUuidPart(scope);
    const groups: { [kind: string]: logs.ILogGroup } = {};
    for (const slot of this.owner.logGroups) {
      groups[slot.kind] = slot.given ?? this.createLogGroup(scope, slot.id,
        Fn.join('', [`${IMAGE_BUILDER_LOG_GROUP_PREFIX}${slot.kind}/${uniqueId}-`, uuidPart]));
    }
    const key = options.logEncryptionKey;
    if (key && this.owner.logGroups.some(slot => !slot.given)) {
      const stack = Stack.of(scope);
      key.addToResourcePolicy(new iam.PolicyStatement({
        sid: `AllowCloudWatchLogsFor${Names.uniqueId(scope)}`.slice(0, 100),
        principals: [logsServicePrincipal(scope)],
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
            // Whatever the stack of the key: the names of the groups this construct creates.
            'kms:EncryptionContext:aws:logs:arn': this.owner.logGroups.map(slot => stack.formatArn({
              service: 'logs',
              resource: 'log-group',
              resourceName: `${IMAGE_BUILDER_LOG_GROUP_PREFIX}${slot.kind}/${uniqueId}-*`,
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            })),
          },
        },
      }));
    }
    return groups;
  }

  private createLogGroup(scope: Construct, id: string, logGroupName: string): logs.ILogGroup {
    const options = this.options;
    const group = new logs.LogGroup(scope, id, {
      logGroupName,
      retention: options.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: options.logRemovalPolicy ?? RemovalPolicy.RETAIN,
      encryptionKey: options.logEncryptionKey,
    });
    if (!options.logEncryptionKey) {
      acknowledgeLibraryFindings(group, ...ACKNOWLEDGED.logGroupDefaultEncryption);
    }
    return group;
  }

  /**
   * The execution role: the one given (with write access to the log groups, in a policy of the
   * construct), or one created when the build needs one (workflows, or a log group Image Builder's
   * service-linked role may not write to), with exactly what this build uses, in a policy of the
   * library. Statements a user adds to the role go to its own default policy, judged by cdk-nag.
   */
  private createExecutionRole(
    scope: Construct,
    infrastructure: IInfrastructureConfiguration,
    scanningRepository: ecr.IRepository | undefined,
    logGroups: { [kind: string]: logs.ILogGroup },
  ): iam.IRole | undefined {
    const options = this.options;
    const noun = this.owner.noun;
    const holder = `Execution role of an Image Builder ${noun}`;
    const logReason = `the log streams of the ${noun}'s log groups (the :* suffix of a group's ARN), which Image Builder creates at build time`;
    const groups = Object.values(logGroups);
    if (options.executionRole) {
      const policy = new LibraryPolicy(scope, 'ExecutionRoleLogPolicy', {
        role: options.executionRole,
        holder,
        purpose: `the permission to write to this ${noun}'s log groups, for the execution role given to it`,
      });
      groups.forEach(group => group.grantWrite(policy.grantee(logReason)));
      policy.add(...authoredWorkflowNeeds(options.workflows ?? []));
      return options.executionRole;
    }

    const givenOutsidePrefix = this.owner.logGroups
      .filter(slot => slot.given && !logGroupNameUnderPrefix(knownLogGroupName(slot.given)));
    if (this.workflows.length === 0 && givenOutsidePrefix.length === 0) {
      return undefined;
    }
    const role = new iam.Role(scope, 'ExecutionRole', {
      // Named only when another account's stack refers to it (a DistributionCrossAccountRole's sourceRoles).
      roleName: PhysicalName.GENERATE_IF_NEEDED,
      assumedBy: new iam.ServicePrincipal('imagebuilder.amazonaws.com'),
      description: `Role EC2 Image Builder assumes to build, test and distribute the images of this ${noun}`,
    });
    const policy = new LibraryPolicy(scope, 'ExecutionRolePolicy', {
      role,
      roleCreatedInStack: true,
      holder,
      purpose: `the permissions this ${noun} uses, created for it alone`,
    });
    const known = hasBrand(infrastructure, 'InfrastructureConfiguration');
    policy.add(...executionRoleStatements(scope, {
      containerBuild: this.containerRecipe !== undefined,
      scanning: this.scanning.enabled,
      enhancedImageMetadata: options.enhancedImageMetadataEnabled ?? true,
      instanceRoleArn: infrastructure.role?.roleArn,
      // An infrastructure configuration of this library knows its log bucket (or that it has none).
      logBucketName: infrastructure.logBucket?.bucketName,
      logBucketUnknown: !known,
      scanningRepository: scanningRepository ? {
        arn: scanningRepository.repositoryArn,
        createdByImageBuilder: this.scanning.repository === undefined,
      } : undefined,
    }));
    const distribution = options.distributionConfiguration;
    if (this.containerRecipe === undefined && distribution !== undefined) {
      // Distributions may be added to the configuration after the pipeline is defined.
      policy.addAtSynth(() => distributionStatements(scope, distribution.amiDistributionFeatures));
    }
    groups.forEach(group => group.grantWrite(policy.grantee(logReason)));
    policy.add(...authoredWorkflowNeeds(options.workflows ?? []));
    this.libraryRolePolicy = policy.policy;
    return role;
  }

  /**
   * The distribution configuration must distribute the kind of image the recipe builds. Checked
   * at synth: distributions may be added after the build is defined.
   */
  private checkDistributionAtSynth(scope: Construct): void {
    const distribution = this.options.distributionConfiguration;
    if (!distribution) return;
    const built = this.owner.recipe.recipeType;
    scope.node.addValidation({
      validate: () => {
        const types = distribution.distributedImageTypes;
        if (types === undefined || types.length === 0 || types.includes(built)) return [];
        return [formatProblemAtConstruct({
          property: 'distributionConfiguration',
          value: distribution.node.path,
          rule: distributionKindRule(built === RecipeType.CONTAINER),
        })];
      },
    });
  }
}

/**
 * What the steps of the authored workflows need, as each `Workflow` derives it from its document
 * (for example `sns:Publish` for a `WaitForAction` topic). Imported workflows are unknown: their
 * needs go through `addToExecutionRolePolicy`. Only the executions of a started state machine are
 * acknowledged as the library's wildcard; any other wildcard comes from the user's document and is
 * left for cdk-nag to judge.
 */
function authoredWorkflowNeeds(workflows: WorkflowConfiguration[]): ReasonedStatement[] {
  return workflows
    .flatMap(w => w.workflow.executionRoleStatements ?? [])
    .map(statement => statement.actions.includes('states:DescribeExecution')
      ? { statement, reason: 'the executions of the state machine an ExecuteStateMachine step starts, named at build time' }
      : { statement, reason: '', onlyFor: [] });
}

/** The test timeout in whole minutes, within the API's range; undefined when not given. */
function validateTestsTimeout(v: Validator, timeout: Duration | undefined): number | undefined {
  if (timeout === undefined) {
    return undefined;
  }
  if (timeout.isUnresolved()) {
    return v.durationUnit('imageTestsTimeout', timeout, 'minutes') ? timeout.toMinutes() : undefined;
  }
  const minutes = timeout.toMinutes({ integral: false });
  if (!Number.isInteger(minutes)) {
    v.fail('imageTestsTimeout', timeout, 'must be a whole number of minutes');
    return undefined;
  }
  const range = LIMITS.imageTestsTimeoutMinutes;
  if (minutes < range.min || minutes > range.max) {
    // The duration as the user gave it, and in the unit of the rule.
    v.fail('imageTestsTimeout', timeout, `must be between ${range.min} and ${range.max} minutes (it is ${minutes} minutes)`);
    return undefined;
  }
  return minutes;
}

function resolveScanning(v: Validator, options: ImageBuildOptions, noun: string, testsEnabled: boolean, containerBuild: boolean): ResolvedScanning {
  const scanning = options.imageScanning;
  const enabled = scanning?.enabled ?? testsEnabled;
  if (scanning?.enabled === true && !testsEnabled) {
    v.fail('imageScanning.enabled', true,
      'must not be true when imageTestsEnabled is false (Image Builder scans images during the test phase: enable image tests, or disable scanning)');
  }
  const repository = scanning?.repository;
  const containerTags = scanning?.containerTags;
  const givenEcrSettings: Array<[string, unknown]> = [];
  if (repository) givenEcrSettings.push(['imageScanning.repository', repository.repositoryName]);
  if (containerTags) givenEcrSettings.push(['imageScanning.containerTags', containerTags]);
  for (const [property, value] of givenEcrSettings) {
    if (!containerBuild) {
      v.fail(property, value, `must only be given for a container ${noun} (this ${noun} builds AMIs from an image recipe)`);
    } else if (!enabled) {
      v.fail(property, value, 'must only be given when image scanning is enabled');
    }
  }
  v.ecrRepositoryName('imageScanning.repository', repository?.repositoryName);
  containerTags?.forEach((tag, i) => v.length(`imageScanning.containerTags[${i}]`, tag, LIMITS.scanningContainerTag));

  // The AMI scan type and gate.
  const { scanningType, failOn, onlyFixable } = scanning ?? {};
  v.enumValue('imageScanning.scanningType', scanningType, ImageScanningType);
  v.enumValue('imageScanning.failOn', failOn, Severity);
  const amiSettings: Array<[string, unknown]> = [];
  if (scanningType !== undefined) amiSettings.push(['imageScanning.scanningType', scanningType]);
  if (failOn !== undefined) amiSettings.push(['imageScanning.failOn', failOn]);
  if (onlyFixable !== undefined) amiSettings.push(['imageScanning.onlyFixable', onlyFixable]);
  for (const [property, value] of amiSettings) {
    if (containerBuild) {
      v.fail(property, value, `must only be given for an AMI build (this ${noun} builds container images from a container recipe)`);
    } else if (!enabled) {
      v.fail(property, value, 'must only be given when image scanning is enabled');
    }
  }
  if (failOn !== undefined && scanningType !== undefined && scanningType !== ImageScanningType.ON_DEMAND_AMI_CVE && !isToken(scanningType)) {
    v.fail('imageScanning.scanningType', scanningType,
      `must be ${ImageScanningType.ON_DEMAND_AMI_CVE} when failOn is given (the scan gate judges the on-demand scan of the output AMI)`);
  }
  if (onlyFixable !== undefined && failOn === undefined) {
    v.fail('imageScanning.onlyFixable', onlyFixable, 'must only be given with failOn (it chooses which findings the gate counts)');
  }
  const type = scanningType ?? (failOn !== undefined ? ImageScanningType.ON_DEMAND_AMI_CVE : undefined);
  return {
    enabled,
    repository,
    containerTags: containerTags && containerTags.length > 0 ? containerTags : undefined,
    types: type !== undefined && enabled && !containerBuild ? [type] : undefined,
    gate: failOn !== undefined && enabled && !containerBuild ? { failOn, onlyFixable } : undefined,
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
    v.enumValue(`${path}.workflow.workflowType`, type, WorkflowType);
    v.enumValue(`${path}.onFailure`, w.onFailure, WorkflowOnFailure);
    checkGivenParameters(v, `${path}.parameters`, {
      noun: 'workflow',
      path: w.workflow.node.path,
      declared: w.workflow.parameterDeclarations,
    }, w.parameters);
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

function validateLogging(v: Validator, options: ImageBuildOptions, owner: BuildOwner): void {
  for (const slot of owner.logGroups) {
    const name = slot.given ? knownLogGroupName(slot.given) : undefined;
    if (v.length(slot.property, name, LIMITS.logGroupName)) {
      v.pattern(slot.property, name, PATTERNS.logGroupName);
    }
  }
  if (owner.logGroups.every(slot => slot.given)) {
    const properties = owner.logGroups.map(slot => slot.property);
    const allGiven = properties.length > 1 ? `both ${properties.join(' and ')} are given` : `${properties[0]} is given`;
    const onlyForCreated: Array<[string, unknown]> = [
      ['logRetention', options.logRetention],
      ['logRemovalPolicy', options.logRemovalPolicy],
      ['logEncryptionKey', options.logEncryptionKey?.keyArn],
    ];
    for (const [property, value] of onlyForCreated) {
      if (value !== undefined) {
        v.fail(property, value,
          `must not be given when ${allGiven} (it applies only to the log groups the ${owner.noun} creates)`);
      }
    }
  }
}
