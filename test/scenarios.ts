/**
 * Reusable stacks for the gates that look at whole templates (cdk-nag, least privilege): each
 * construct built with its defaults (only the required props) and with all its options, each in
 * its own stack of its own strict App.
 *
 * Inputs that the library only references (subnets, buckets, topics, repositories, launch
 * templates) are imported, so the templates hold what the library creates and nothing else. KMS
 * keys are created, because the library changes the key policies of keys defined in the app.
 * Acknowledgements made here are for the scenario's own inputs, never for the library's resources.
 */
import * as path from 'path';
import { Duration, RemovalPolicy, Size, Stack, TimeZone } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { strictStack, TEST_ENV } from './helpers';
import {
  AwsManagedComponentName,
  Component,
  ComponentData,
  ComponentParameterValue,
  ComponentPlatform,
  ContainerInstanceImage,
  ContainerParentImage,
  ContainerPlatform,
  ContainerRecipe,
  DistributionConfiguration,
  DistributionCrossAccountRole,
  DistributionRepository,
  DockerfileTemplate,
  EbsVolumeType,
  HttpTokens,
  IComponent,
  Image,
  ImageSource,
  ImagePipeline,
  ImageRecipe,
  InfrastructureConfiguration,
  LifecyclePolicy,
  LifecyclePolicyResourceType,
  LifecycleRule,
  LifecycleSelection,
  ParentImage,
  PipelineExecutionStartCondition,
  PipelineSchedule,
  SharePrincipal,
  Severity,
  Tenancy,
  Workflow,
  WorkflowData,
  WorkflowOnFailure,
  WorkflowParameterValue,
  WorkflowStepAction,
  WorkflowType,
  WorkflowStepInputs,
} from '../src';

/** A stack built for a gate. */
export interface Scenario {
  /** What the stack holds, for test names and reports. */
  readonly name: string;
  /** Builds the stack, in a new strict App. */
  readonly build: () => Stack;
}

const { account: ACCOUNT, region: REGION } = TEST_ENV;
const AMI = 'ami-0123456789abcdef0';
const AL2023_PARAMETER = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';
/** The account the sharing scenarios share with, and the source of cross-account AMIs. */
const OTHER_ACCOUNT = '111122223333';
const ECS_AMI_PARAMETER = '/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id';
const ORG_ARN = 'arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5';
const OU_ARN = 'arn:aws:organizations::111122223333:ou/o-a1b2c3d4e5/ou-ab12-cd34ef56';
const LICENSE_ARN = `arn:aws:license-manager:${REGION}:${ACCOUNT}:license-configuration:lic-${'0'.repeat(32)}`;
const HOST_RESOURCE_GROUP_ARN = `arn:aws:resource-groups:${REGION}:${ACCOUNT}:group/build-hosts`;

/** A stack named after the scenario, in its own strict App. */
function scenarioStack(id: string): Stack {
  return strictStack({}, id);
}

/**
 * A customer managed key as a careful user creates it: rotation on. The library adds statements
 * to its policy where it documents so.
 */
function customerKey(scope: Construct, id: string): kms.Key {
  return new kms.Key(scope, id, { enableKeyRotation: true, removalPolicy: RemovalPolicy.DESTROY });
}

/** An AWS managed component for recipes, at the latest version. */
function updateLinux(scope: Construct): IComponent {
  return Component.fromAwsManagedComponent(scope, 'UpdateLinux', AwsManagedComponentName.UPDATE_LINUX);
}

// ---------------------------------------------------------------------------------------------
// InfrastructureConfiguration
// ---------------------------------------------------------------------------------------------

function infrastructureConfigurationDefaults(): Stack {
  const stack = scenarioStack('InfrastructureConfigurationDefaults');
  new InfrastructureConfiguration(stack, 'Infrastructure');
  return stack;
}

/**
 * Every prop but `instanceProfile`, which excludes `role`. The role is imported (an existing
 * role the user brings), so the only IAM resource left is the policy the library adds to it.
 */
function allInfrastructureConfigurationProps(scope: Construct) {
  const subnet = ec2.Subnet.fromSubnetAttributes(scope, 'Subnet', {
    subnetId: 'subnet-0123456789abcdef0',
    availabilityZone: `${REGION}a`,
  });
  const securityGroup = ec2.SecurityGroup.fromSecurityGroupId(scope, 'SecurityGroup', 'sg-0123456789abcdef0');
  return {
    infrastructureConfigurationName: 'All Options Infrastructure',
    description: 'Every option of the infrastructure configuration',
    instanceTypes: [ec2.InstanceType.of(ec2.InstanceClass.M7I, ec2.InstanceSize.LARGE), new ec2.InstanceType('c7i.large')],
    role: iam.Role.fromRoleArn(scope, 'BuilderRole', `arn:aws:iam::${ACCOUNT}:role/image-builder-instances`),
    subnet,
    securityGroups: [securityGroup],
    keyPair: ec2.KeyPair.fromKeyPairName(scope, 'KeyPair', 'image-builder-debug'),
    terminateInstanceOnFailure: false,
    httpTokens: HttpTokens.REQUIRED,
    httpPutResponseHopLimit: 3,
    notificationTopic: sns.Topic.fromTopicArn(scope, 'Topic', `arn:aws:sns:${REGION}:${ACCOUNT}:image-builds`),
    s3Logs: {
      bucket: s3.Bucket.fromBucketName(scope, 'LogBucket', 'image-builder-logs-123456789012'),
      keyPrefix: 'imagebuilder/',
    },
    resourceTags: { team: 'images' },
    placement: { availabilityZone: `${REGION}a`, tenancy: Tenancy.HOST, hostResourceGroupArn: HOST_RESOURCE_GROUP_ARN },
    terminateInstanceOnCompletion: true,
    parentInstance: {
      autoScalingGroup: autoscaling.AutoScalingGroup.fromAutoScalingGroupName(scope, 'BuilderGroup', 'image-builders'),
      capacityWaitTimeout: Duration.minutes(10),
    },
    tags: { project: 'golden' },
  };
}

function infrastructureConfigurationAllOptions(): Stack {
  const stack = scenarioStack('InfrastructureConfigurationAllOptions');
  new InfrastructureConfiguration(stack, 'Infrastructure', allInfrastructureConfigurationProps(stack));
  return stack;
}

// ---------------------------------------------------------------------------------------------
// ImageRecipe
// ---------------------------------------------------------------------------------------------

function imageRecipeDefaults(): Stack {
  const stack = scenarioStack('ImageRecipeDefaults');
  new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromAmiId(AMI) });
  return stack;
}

function allImageRecipeProps(scope: Construct) {
  const userData = ec2.UserData.forLinux();
  userData.addCommands('dnf install -y amazon-ssm-agent', 'systemctl enable --now amazon-ssm-agent');
  return {
    imageRecipeName: 'All Options Recipe',
    imageRecipeVersion: '1.2.3',
    description: 'Every option of the image recipe',
    parentImage: ParentImage.fromSsmParameterName(AL2023_PARAMETER),
    components: [
      { component: updateLinux(scope) },
      {
        component: Component.fromAwsManagedComponent(scope, 'Hello', AwsManagedComponentName.HELLO_WORLD_LINUX, '1.0.0'),
        parameters: { Greeting: ComponentParameterValue.fromString('hi'), Times: ComponentParameterValue.fromNumber(3) },
      },
    ],
    blockDevices: [
      {
        deviceName: '/dev/xvda',
        ebs: {
          volumeSize: Size.gibibytes(30),
          volumeType: EbsVolumeType.GP3,
          iops: 4000,
          throughput: 250,
          encrypted: true,
          kmsKey: customerKey(scope, 'VolumeKey'),
          snapshotId: 'snap-0123456789abcdef0',
          deleteOnTermination: true,
        },
      },
      { deviceName: '/dev/sdb', virtualName: 'ephemeral0' },
      { deviceName: '/dev/sdc', noDevice: true },
    ],
    workingDirectory: '/var/tmp',
    uninstallSsmAgentAfterBuild: true,
    userDataOverride: userData,
    amiTags: { os: 'al2023' },
    amiWatermarks: ['golden-al2023'],
    tags: { team: 'images' },
  };
}

function imageRecipeAllOptions(): Stack {
  const stack = scenarioStack('ImageRecipeAllOptions');
  const recipe = new ImageRecipe(stack, 'Recipe', allImageRecipeProps(stack));
  recipe.shareWith([SharePrincipal.account(OTHER_ACCOUNT), SharePrincipal.organization(ORG_ARN)]);
  return stack;
}

// ---------------------------------------------------------------------------------------------
// DistributionConfiguration
// ---------------------------------------------------------------------------------------------

function distributionConfigurationDefaults(): Stack {
  const stack = scenarioStack('DistributionConfigurationDefaults');
  // The API needs one output per Region: the AMI's name is the least a distribution sets.
  new DistributionConfiguration(stack, 'Distribution', {
    amiDistributions: [{ amiName: 'golden-{{ imagebuilder:buildDate }}' }],
  });
  return stack;
}

/**
 * Every prop, and `grantKeyUsage()` (which changes the key policy of the distribution's key).
 * The launch permission shares the AMI with accounts and organizations; `userGroups: ['all']`
 * (a public AMI) is left out: it is the one value of that prop, the library warns about it, and
 * a public AMI is a choice no security gate should have to accept by default.
 */
function allDistributionConfigurationProps(scope: Construct, repository: ecr.IRepository) {
  const launchTemplate = ec2.LaunchTemplate.fromLaunchTemplateAttributes(scope, 'LaunchTemplate', {
    launchTemplateId: 'lt-0123456789abcdef0',
  });
  const fastLaunchTemplate = ec2.LaunchTemplate.fromLaunchTemplateAttributes(scope, 'FastLaunchTemplate', {
    launchTemplateId: 'lt-0fedcba9876543210',
    versionNumber: '3',
  });
  return {
    distributionConfigurationName: 'All Options Distribution',
    description: 'Every option of the distribution configuration',
    tags: { team: 'platform' },
    amiDistributions: [{
      region: REGION,
      amiName: 'golden {{ imagebuilder:buildVersion }} {{ imagebuilder:buildDate }}',
      amiDescription: 'The golden AMI',
      amiTags: { os: 'al2023' },
      kmsKey: customerKey(scope, 'AmiKey'),
      targetAccountIds: ['111111111111', '222222222222'],
      launchPermission: {
        userIds: ['333333333333'],
        organizationArns: [ORG_ARN],
        organizationalUnitArns: [OU_ARN],
      },
      licenseConfigurationArns: [LICENSE_ARN],
      launchTemplates: [{ launchTemplate, accountId: '111111111111', setDefaultVersion: false }],
      fastLaunchConfigurations: [{
        enabled: true,
        launchTemplate: fastLaunchTemplate,
        maxParallelLaunches: 10,
        targetResourceCount: 5,
        accountId: '111111111111',
      }],
      ssmParameters: [{ parameterName: '/golden/ami', amiAccountId: '111111111111', dataType: ssm.ParameterDataType.AWS_EC2_IMAGE }],
    }],
    containerDistributions: [{
      region: REGION,
      targetRepository: DistributionRepository.fromRepository(repository),
      containerTags: ['latest', '1.0'],
      containerDescription: 'The golden container image',
    }],
  };
}

function distributionConfigurationAllOptions(): Stack {
  const stack = scenarioStack('DistributionConfigurationAllOptions');
  const repository = ecr.Repository.fromRepositoryName(stack, 'Repository', 'golden');
  const distribution = new DistributionConfiguration(stack, 'Distribution', allDistributionConfigurationProps(stack, repository));
  distribution.grantKeyUsage();
  return stack;
}

// ---------------------------------------------------------------------------------------------
// ContainerRecipe
// ---------------------------------------------------------------------------------------------

function containerRecipeDefaults(): Stack {
  const stack = scenarioStack('ContainerRecipeDefaults');
  new ContainerRecipe(stack, 'Recipe', {
    parentImage: ContainerParentImage.fromEcrPublic('amazonlinux/amazonlinux', '2023'),
    components: [{ component: updateLinux(stack) }],
  });
  return stack;
}

/**
 * Every prop but `targetRepository`, which excludes `repositoryRemovalPolicy` and
 * `repositoryMaxImageCount`: the recipe creates its repository (the container pipeline scenario
 * gives one instead).
 */
function allContainerRecipeProps(scope: Construct) {
  return {
    containerRecipeName: 'All Options Container Recipe',
    containerRecipeVersion: '2.0.0',
    description: 'Every option of the container recipe',
    parentImage: ContainerParentImage.fromEcrRepository(ecr.Repository.fromRepositoryName(scope, 'BaseImages', 'base-images'), '2023'),
    components: [
      { component: updateLinux(scope) },
      {
        component: Component.fromAwsManagedComponent(scope, 'Hello', AwsManagedComponentName.HELLO_WORLD_LINUX, '1.0.0'),
        parameters: { Greeting: ComponentParameterValue.fromString('hi') },
      },
    ],
    dockerfileTemplate: DockerfileTemplate.fromInline([
      'FROM {{{ imagebuilder:parentImage }}}',
      'LABEL org.opencontainers.image.vendor=example',
      '{{{ imagebuilder:environments }}}',
      '{{{ imagebuilder:components }}}',
    ].join('\n')),
    repositoryRemovalPolicy: RemovalPolicy.DESTROY,
    repositoryMaxImageCount: 20,
    platformOverride: ContainerPlatform.LINUX,
    imageOsVersionOverride: 'Amazon Linux 2023',
    workingDirectory: '/build',
    kmsKey: customerKey(scope, 'ImageKey'),
    instanceConfiguration: {
      image: ContainerInstanceImage.fromSsmParameterName(ECS_AMI_PARAMETER),
      blockDevices: [{
        deviceName: '/dev/xvda',
        ebs: { volumeSize: Size.gibibytes(50), volumeType: EbsVolumeType.GP3, encrypted: true, deleteOnTermination: true },
      }],
    },
    tags: { team: 'containers' },
  };
}

function containerRecipeAllOptions(): Stack {
  const stack = scenarioStack('ContainerRecipeAllOptions');
  const recipe = new ContainerRecipe(stack, 'Recipe', allContainerRecipeProps(stack));
  recipe.shareWith([SharePrincipal.account(OTHER_ACCOUNT), SharePrincipal.organizationalUnit(OU_ARN)], {
    allowExternalPrincipals: true,
    grantKeyDecrypt: true,
  });
  return stack;
}

// ---------------------------------------------------------------------------------------------
// ImagePipeline
// ---------------------------------------------------------------------------------------------

function containerPipelineDefaults(): Stack {
  const stack = scenarioStack('ContainerPipelineDefaults');
  const recipe = new ContainerRecipe(stack, 'Recipe', {
    parentImage: ContainerParentImage.fromEcrPublic('amazonlinux/amazonlinux', '2023'),
    components: [{ component: updateLinux(stack) }],
  });
  new ImagePipeline(stack, 'Pipeline', { recipe });
  return stack;
}

function imagePipelineDefaults(): Stack {
  const stack = scenarioStack('ImagePipelineDefaults');
  const recipe = new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromAmiId(AMI) });
  new ImagePipeline(stack, 'Pipeline', { recipe });
  return stack;
}

/**
 * The pipeline props shared by both kinds of pipeline, with every option the pipeline has, but:
 * - `executionRole`: the pipeline creates its role (it has workflows and a log group outside
 *   `/aws/imagebuilder/`), so the gates see the role the library writes;
 * - `imageLogGroup`: the pipeline creates it, so `logRetention`, `logRemovalPolicy` and
 *   `logEncryptionKey` (which apply only to created log groups) can be given.
 * Both are given in `imagePipelineGivenRoleAndLogGroups`.
 */
function sharedPipelineProps(scope: Construct, kind: string) {
  return {
    imagePipelineName: `All Options ${kind} Pipeline`,
    description: `Every option of the ${kind.toLowerCase()} pipeline`,
    imageTestsEnabled: true,
    imageTestsTimeout: Duration.hours(2),
    enhancedImageMetadataEnabled: true,
    schedule: PipelineSchedule.cron({ hour: '4', weekDay: 'MON' }, {
      timeZone: TimeZone.EUROPE_PARIS,
      startCondition: PipelineExecutionStartCondition.EXPRESSION_MATCH_ONLY,
      autoDisableAfterFailures: 3,
    }),
    enabled: true,
    tags: { team: 'images' },
    imageTags: { pipeline: kind.toLowerCase() },
    pipelineLogGroup: logs.LogGroup.fromLogGroupName(scope, 'PipelineLogs', `/builds/${kind.toLowerCase()}/pipeline`),
    logRetention: logs.RetentionDays.THREE_MONTHS,
    logRemovalPolicy: RemovalPolicy.DESTROY,
    logEncryptionKey: customerKey(scope, 'LogKey'),
  };
}

function containerPipelineAllOptions(): Stack {
  const stack = scenarioStack('ContainerPipelineAllOptions');
  const targetRepository = ecr.Repository.fromRepositoryName(stack, 'TargetRepository', 'golden-containers');
  const recipe = new ContainerRecipe(stack, 'Recipe', {
    ...allContainerRecipeProps(stack),
    repositoryRemovalPolicy: undefined,
    repositoryMaxImageCount: undefined,
    targetRepository,
  });
  const infrastructureConfiguration = new InfrastructureConfiguration(stack, 'Infrastructure', {
    ...allInfrastructureConfigurationProps(stack),
    // The pipeline grants the instances push access to the recipe's repository: give it a role it may extend.
    role: undefined,
  });
  const distributionConfiguration = new DistributionConfiguration(stack, 'Distribution', {
    containerDistributions: [{
      targetRepository: DistributionRepository.fromRepository(targetRepository),
      containerTags: ['latest'],
    }],
  });
  new ImagePipeline(stack, 'Pipeline', {
    ...sharedPipelineProps(stack, 'Container'),
    recipe,
    infrastructureConfiguration,
    distributionConfiguration,
    imageScanning: {
      enabled: true,
      repository: ecr.Repository.fromRepositoryName(stack, 'ScanningRepository', 'image-scans'),
      containerTags: ['scan'],
    },
    workflows: [
      { workflow: Workflow.fromAwsManagedWorkflow(stack, 'BuildContainer', WorkflowType.BUILD, 'build-container', '1.0.0') },
      {
        workflow: Workflow.fromAwsManagedWorkflow(stack, 'TestContainer', WorkflowType.TEST, 'test-container', '1.0.0'),
        parameters: { retries: WorkflowParameterValue.fromNumber(2) },
        parallelGroup: 'container-tests',
        onFailure: WorkflowOnFailure.ABORT,
      },
      { workflow: Workflow.fromAwsManagedWorkflow(stack, 'DistributeContainer', WorkflowType.DISTRIBUTION, 'distribute-container', '1.0.0') },
    ],
  });
  return stack;
}

function imagePipelineAllOptions(): Stack {
  const stack = scenarioStack('ImagePipelineAllOptions');
  const recipe = new ImageRecipe(stack, 'Recipe', allImageRecipeProps(stack));
  const infrastructureConfiguration = new InfrastructureConfiguration(stack, 'Infrastructure', {
    ...allInfrastructureConfigurationProps(stack),
    role: undefined,
  });
  const repository = ecr.Repository.fromRepositoryName(stack, 'Repository', 'golden');
  const distributionConfiguration = new DistributionConfiguration(stack, 'Distribution', {
    ...allDistributionConfigurationProps(stack, repository),
    containerDistributions: undefined,
  });
  distributionConfiguration.grantKeyUsage();
  new ImagePipeline(stack, 'Pipeline', {
    ...sharedPipelineProps(stack, 'Image'),
    recipe,
    infrastructureConfiguration,
    distributionConfiguration,
    imageScanning: { enabled: true },
    workflows: [
      { workflow: Workflow.fromAwsManagedWorkflow(stack, 'BuildImage', WorkflowType.BUILD, 'build-image', '1.0.0') },
      {
        workflow: Workflow.fromAwsManagedWorkflow(stack, 'TestImage', WorkflowType.TEST, 'test-image', '1.0.0'),
        parameters: {
          verbose: WorkflowParameterValue.fromBoolean(true),
          suites: WorkflowParameterValue.fromStrings(['smoke', 'security']),
        },
        parallelGroup: 'image-tests',
        onFailure: WorkflowOnFailure.CONTINUE,
      },
      { workflow: Workflow.fromAwsManagedWorkflow(stack, 'DistributeImage', WorkflowType.DISTRIBUTION, 'distribute-image', '1.0.0') },
    ],
  });
  return stack;
}

/**
 * The pipeline props the all-options scenarios leave to the library: an execution role the user
 * manages (imported), and both log groups given (outside `/aws/imagebuilder/`), so the library
 * only grants the role write access to them.
 */
function imagePipelineGivenRoleAndLogGroups(): Stack {
  const stack = scenarioStack('ImagePipelineGivenRoleAndLogGroups');
  const recipe = new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromAmiId(AMI) });
  new ImagePipeline(stack, 'Pipeline', {
    recipe,
    executionRole: iam.Role.fromRoleArn(stack, 'ExecutionRole', `arn:aws:iam::${ACCOUNT}:role/image-builder-execution`),
    pipelineLogGroup: logs.LogGroup.fromLogGroupName(stack, 'PipelineLogs', '/builds/golden/pipeline'),
    imageLogGroup: logs.LogGroup.fromLogGroupName(stack, 'ImageLogs', '/builds/golden/images'),
  });
  return stack;
}

// ---------------------------------------------------------------------------------------------
// LifecyclePolicy and pipeline retention
// ---------------------------------------------------------------------------------------------

function lifecyclePolicyDefaults(): Stack {
  const stack = scenarioStack('LifecyclePolicyDefaults');
  const recipe = new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromAmiId(AMI) });
  new LifecyclePolicy(stack, 'Policy', { selection: LifecycleSelection.recipes([recipe]), rules: [LifecycleRule.keepLast(5)] });
  return stack;
}

/** Every option, with every AMI action (deprecate, disable, delete), on images selected by tags. */
function lifecyclePolicyAllOptions(): Stack {
  const stack = scenarioStack('LifecyclePolicyAllOptions');
  new LifecyclePolicy(stack, 'Policy', {
    lifecyclePolicyName: 'All Options Lifecycle Policy',
    description: 'Every option of the lifecycle policy',
    enabled: true,
    resourceType: LifecyclePolicyResourceType.AMI_IMAGE,
    selection: LifecycleSelection.tags({ pipeline: 'golden' }),
    rules: [
      LifecycleRule.deprecateAfter(Duration.days(30), { retainAtLeast: 2 }),
      LifecycleRule.disableAllButLast(10),
      LifecycleRule.deleteAfter(Duration.days(90), {
        retainAtLeast: 3,
        exclusions: {
          tags: { pinned: 'true' },
          amiTags: { keep: 'true' },
          publicAmis: true,
          amiRegions: [REGION],
          amiSharedAccounts: ['111122223333'],
          amisLaunchedWithin: Duration.days(30),
        },
      }),
    ],
    tags: { team: 'images' },
  });
  return stack;
}

function containerPipelineWithRetention(): Stack {
  const stack = scenarioStack('ContainerPipelineWithRetention');
  const recipe = new ContainerRecipe(stack, 'Recipe', {
    parentImage: ContainerParentImage.fromEcrPublic('amazonlinux/amazonlinux', '2023'),
    components: [{ component: updateLinux(stack) }],
  });
  new ImagePipeline(stack, 'Pipeline', { recipe, retention: { keepLast: 5 } });
  return stack;
}

function imagePipelineWithRetention(): Stack {
  const stack = scenarioStack('ImagePipelineWithRetention');
  const recipe = new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromAmiId(AMI) });
  new ImagePipeline(stack, 'Pipeline', { recipe, retention: { keepLast: 5 } });
  return stack;
}

/** An authored component with only its required props: a content-derived version, an inline document. */
function componentDefaults(): Stack {
  const stack = scenarioStack('ComponentDefaults');
  new Component(stack, 'Component', {
    platform: ComponentPlatform.LINUX,
    data: ComponentData.fromInline('schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Hello\n        action: ExecuteBash\n        inputs:\n          commands: [echo hello]\n'),
  });
  return stack;
}

/** An authored component with every option: a document asset, a KMS key, OS versions, a fixed version. */
function componentAllOptions(): Stack {
  const stack = scenarioStack('ComponentAllOptions');
  const component = new Component(stack, 'Component', {
    componentName: 'hardening',
    componentVersion: '1.2.0',
    description: 'CIS hardening',
    changeDescription: 'SSH settings',
    platform: ComponentPlatform.LINUX,
    supportedOsVersions: ['Amazon Linux 2023'],
    kmsKey: customerKey(stack, 'ComponentKey'),
    data: ComponentData.fromAsset(path.join(__dirname, 'fixtures', 'components', '03-cis-ssh-hardening.yaml')),
    tags: { team: 'platform' },
  });
  component.shareWith([SharePrincipal.organization(ORG_ARN)], { grantKeyDecrypt: true });
  return stack;
}

/**
 * A pipeline running an authored test workflow whose steps wait for an approval (SNS topic) and
 * run a state machine: the execution role gets exactly those permissions.
 */
function workflowInPipeline(): Stack {
  const stack = scenarioStack('WorkflowInPipeline');
  const topic = sns.Topic.fromTopicArn(stack, 'Approvals', `arn:aws:sns:${REGION}:${ACCOUNT}:image-approvals`);
  const workflow = new Workflow(stack, 'Workflow', {
    workflowType: WorkflowType.TEST,
    kmsKey: customerKey(stack, 'WorkflowKey'),
    data: WorkflowData.fromDocument({
      steps: [
        { name: 'Launch', action: WorkflowStepAction.LAUNCH_INSTANCE, inputs: WorkflowStepInputs.fromObject({ waitFor: 'ssmAgent' }) },
        { name: 'Test', action: WorkflowStepAction.EXECUTE_COMPONENTS, inputs: WorkflowStepInputs.fromObject({ 'instanceId.$': '$.stepOutputs.Launch.instanceId' }) },
        { name: 'Terminate', action: WorkflowStepAction.TERMINATE_INSTANCE, inputs: WorkflowStepInputs.fromObject({ 'instanceId.$': '$.stepOutputs.Launch.instanceId' }) },
        { name: 'Check', action: WorkflowStepAction.EXECUTE_STATE_MACHINE, inputs: WorkflowStepInputs.fromObject({ stateMachineArn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:image-checks` }) },
        { name: 'Approve', action: WorkflowStepAction.WAIT_FOR_ACTION, inputs: WorkflowStepInputs.fromObject({ snsTopicArn: topic.topicArn }) },
      ],
    }),
  });
  new ImagePipeline(stack, 'Pipeline', {
    recipe: new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromAmiId(AMI) }),
    workflows: [{ workflow }],
  });
  return stack;
}

// ---------------------------------------------------------------------------------------------
// Image (built on deploy)
// ---------------------------------------------------------------------------------------------

/** An image built on deploy from a pipeline that distributes it, deleting what it built when replaced. */
function imageFromPipeline(): Stack {
  const stack = scenarioStack('ImageFromPipeline');
  const recipe = new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromAmiId(AMI) });
  const distributionConfiguration = new DistributionConfiguration(stack, 'Distribution', {
    amiDistributions: [{ amiName: 'golden-{{ imagebuilder:buildDate }}' }, { region: 'eu-west-1', amiName: 'golden-{{ imagebuilder:buildDate }}' }],
  });
  const pipeline = new ImagePipeline(stack, 'Pipeline', { recipe, distributionConfiguration });
  pipeline.buildOnDeploy('Image', { deletionSettings: {}, tags: { team: 'images' } });
  return stack;
}

/** An image built from parts with every build setting, a scan gate and deletion settings. */
function imageFromPartsAllOptions(): Stack {
  const stack = scenarioStack('ImageFromPartsAllOptions');
  const recipe = new ImageRecipe(stack, 'Recipe', allImageRecipeProps(stack));
  const infrastructureConfiguration = new InfrastructureConfiguration(stack, 'Infrastructure', {
    ...allInfrastructureConfigurationProps(stack),
    role: undefined,
  });
  new Image(stack, 'Image', {
    source: ImageSource.fromRecipe(recipe, {
      infrastructureConfiguration,
      imageTestsEnabled: true,
      imageTestsTimeout: Duration.hours(2),
      enhancedImageMetadataEnabled: true,
      imageScanning: { failOn: Severity.HIGH, onlyFixable: true },
      workflows: [
        { workflow: Workflow.fromAwsManagedWorkflow(stack, 'BuildImage', WorkflowType.BUILD, 'build-image', '1.0.0') },
        { workflow: Workflow.fromAwsManagedWorkflow(stack, 'TestImage', WorkflowType.TEST, 'test-image', '1.0.0') },
      ],
      imageLogGroup: logs.LogGroup.fromLogGroupName(stack, 'ImageLogs', '/builds/golden/images'),
    }),
    tags: { team: 'images' },
    deletionSettings: {},
  });
  return stack;
}

// ---------------------------------------------------------------------------------------------
// DistributionCrossAccountRole (in the target account)
// ---------------------------------------------------------------------------------------------

function distributionCrossAccountRoleDefaults(): Stack {
  const stack = scenarioStack('DistributionCrossAccountRoleDefaults');
  new DistributionCrossAccountRole(stack, 'DistributionRole', { sourceAccountIds: [OTHER_ACCOUNT] });
  return stack;
}

function distributionCrossAccountRoleAllOptions(): Stack {
  const stack = scenarioStack('DistributionCrossAccountRoleAllOptions');
  new DistributionCrossAccountRole(stack, 'DistributionRole', {
    sourceAccountIds: [OTHER_ACCOUNT, '444455556666'],
    sourceRoles: [iam.Role.fromRoleArn(stack, 'SourceExecutionRole', 'arn:aws:iam::444455556666:role/image-builder-execution')],
    encryptionKeys: [
      customerKey(stack, 'CopyKey'),
      kms.Key.fromKeyArn(stack, 'SourceKey', `arn:aws:kms:${REGION}:${OTHER_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`),
    ],
  });
  return stack;
}

/** Every scenario, in a stable order. */
export const SCENARIOS: Scenario[] = [
  { name: 'InfrastructureConfiguration with defaults', build: infrastructureConfigurationDefaults },
  { name: 'InfrastructureConfiguration with all options', build: infrastructureConfigurationAllOptions },
  { name: 'ImageRecipe with defaults', build: imageRecipeDefaults },
  { name: 'ImageRecipe with all options', build: imageRecipeAllOptions },
  { name: 'DistributionConfiguration with defaults', build: distributionConfigurationDefaults },
  { name: 'DistributionConfiguration with all options', build: distributionConfigurationAllOptions },
  { name: 'ContainerRecipe with defaults', build: containerRecipeDefaults },
  { name: 'ContainerRecipe with all options', build: containerRecipeAllOptions },
  { name: 'ImagePipeline (container recipe) with defaults', build: containerPipelineDefaults },
  { name: 'ImagePipeline (container recipe) with all options', build: containerPipelineAllOptions },
  { name: 'ImagePipeline (image recipe) with defaults', build: imagePipelineDefaults },
  { name: 'ImagePipeline (image recipe) with all options', build: imagePipelineAllOptions },
  { name: 'ImagePipeline (image recipe) with a given execution role and log groups', build: imagePipelineGivenRoleAndLogGroups },
  { name: 'LifecyclePolicy with defaults', build: lifecyclePolicyDefaults },
  { name: 'LifecyclePolicy with all options', build: lifecyclePolicyAllOptions },
  { name: 'ImagePipeline (container recipe) with retention', build: containerPipelineWithRetention },
  { name: 'ImagePipeline (image recipe) with retention', build: imagePipelineWithRetention },
  { name: 'Component with defaults', build: componentDefaults },
  { name: 'Component with all options', build: componentAllOptions },
  { name: 'Workflow (authored, in a pipeline) deriving execution role permissions', build: workflowInPipeline },
  { name: 'Image built on deploy from a pipeline, with deletion settings', build: imageFromPipeline },
  { name: 'Image built from parts with all options', build: imageFromPartsAllOptions },
  { name: 'DistributionCrossAccountRole with defaults', build: distributionCrossAccountRoleDefaults },
  { name: 'DistributionCrossAccountRole with all options', build: distributionCrossAccountRoleAllOptions },
];
