/**
 * The example app: a hardened container image built weekly from a Dockerfile into ECR,
 * scanned, distributed to a second Region, with a CI role allowed to start extra builds,
 * and a golden AMI pipeline next to it, hardened by a component written in YAML
 * (examples/golden-ami-hardening.yaml), that keeps its last 5 builds; its AMI is built on deploy
 * and launches one instance.
 */
import * as path from 'path';
import { App, Duration, RemovalPolicy, Stack, TimeZone, aws_ec2 as ec2, aws_iam as iam, aws_sns as sns, aws_events_targets as targets } from 'aws-cdk-lib';
import * as imagebuilder from '../src';

const ENV = { account: '123456789012', region: 'us-east-1' };
const SECOND_REGION = 'eu-west-1';

export function buildExampleApp(app: App): void {
  containerImageStack(app);
  goldenAmiStack(app);
}

function containerImageStack(app: App): Stack {
  const stack = new Stack(app, 'ContainerImagePipeline', { env: ENV });

  const recipe = new imagebuilder.ContainerRecipe(stack, 'Recipe', {
    containerRecipeName: 'hardened-web',
    description: 'Amazon Linux 2023 with the latest updates and the AWS CLI',
    parentImage: imagebuilder.ContainerParentImage.fromEcrPublic('amazonlinux/amazonlinux', '2023'),
    dockerfileTemplate: imagebuilder.DockerfileTemplate.fromFile(path.join(__dirname, '..', 'integ', 'assets', 'Dockerfile')),
    components: [
      { component: imagebuilder.Component.fromAwsManagedComponent(stack, 'UpdateLinux', imagebuilder.AwsManagedComponentName.UPDATE_LINUX) },
      { component: imagebuilder.Component.fromAwsManagedComponent(stack, 'AwsCli', imagebuilder.AwsManagedComponentName.AWS_CLI_VERSION_2_LINUX) },
    ],
    repositoryRemovalPolicy: RemovalPolicy.DESTROY,
  });

  const distribution = new imagebuilder.DistributionConfiguration(stack, 'Distribution', {
    description: 'The hardened image, in this Region and in the second one',
    containerDistributions: [{
      targetRepository: imagebuilder.DistributionRepository.fromRepository(recipe.targetRepository!),
      containerTags: ['latest'],
    }],
  });
  distribution.addContainerDistribution({
    region: SECOND_REGION,
    targetRepository: imagebuilder.DistributionRepository.fromRepositoryName('hardened-web'),
    containerTags: ['latest'],
  });

  const pipeline = new imagebuilder.ImagePipeline(stack, 'Pipeline', {
    imagePipelineName: 'hardened-web',
    description: 'Weekly hardened container image',
    recipe,
    distributionConfiguration: distribution,
    schedule: imagebuilder.PipelineSchedule.cron({ minute: '0', hour: '4', weekDay: 'MON' }, {
      timeZone: TimeZone.EUROPE_BERLIN,
      startCondition: imagebuilder.PipelineExecutionStartCondition.EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE,
      autoDisableAfterFailures: 3,
    }),
    imageTestsTimeout: Duration.hours(2),
    imageTags: { team: 'platform', image: 'hardened-web' },
    tags: { team: 'platform' },
  });

  const ciRole = new iam.Role(stack, 'CiRole', {
    assumedBy: new iam.AccountPrincipal(ENV.account),
    description: 'Starts extra builds of the hardened image from CI',
  });
  pipeline.grantStartExecution(ciRole);

  const alerts = new sns.Topic(stack, 'BuildAlerts', { enforceSSL: true });
  pipeline.onImageBuildFailed('BuildFailed', { target: new targets.SnsTopic(alerts) });
  pipeline.onCveDetected('CveDetected', { target: new targets.SnsTopic(alerts) });
  return stack;
}

function goldenAmiStack(app: App): Stack {
  const stack = new Stack(app, 'GoldenAmiPipeline', { env: ENV });

  // The team's hardening, written in YAML next to the app and checked at synth.
  const hardening = new imagebuilder.Component(stack, 'Hardening', {
    description: 'CIS-style hardening of the golden AMI',
    platform: imagebuilder.ComponentPlatform.LINUX,
    supportedOsVersions: ['Amazon Linux 2023'],
    data: imagebuilder.ComponentData.fromFile(path.join(__dirname, 'golden-ami-hardening.yaml')),
  });

  const recipe = new imagebuilder.ImageRecipe(stack, 'Recipe', {
    imageRecipeName: 'golden-al2023',
    parentImage: imagebuilder.ParentImage.fromSsmParameterName('/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64'),
    components: [
      { component: imagebuilder.Component.fromAwsManagedComponent(stack, 'UpdateLinux', imagebuilder.AwsManagedComponentName.UPDATE_LINUX) },
      {
        component: hardening,
        parameters: { LoginBanner: imagebuilder.ComponentParameterValue.fromString('Golden AMI of the platform team: authorized use only.') },
      },
    ],
  });

  const distribution = new imagebuilder.DistributionConfiguration(stack, 'Distribution', {
    amiDistributions: [
      { amiName: 'golden-al2023-{{ imagebuilder:buildDate }}', ssmParameters: [{ parameterName: '/golden/al2023/latest' }] },
      { region: SECOND_REGION, amiName: 'golden-al2023-{{ imagebuilder:buildDate }}' },
    ],
  });

  const pipeline = new imagebuilder.ImagePipeline(stack, 'Pipeline', {
    recipe,
    distributionConfiguration: distribution,
    schedule: imagebuilder.PipelineSchedule.expression('rate(7 days)'),
    // Keep the last 5 builds: older images are deleted with their AMIs and snapshots.
    retention: { keepLast: 5 },
  });

  // The golden AMI is built during `cdk deploy` (again whenever the pipeline changes), and one
  // instance runs it. CloudFormation retains replaced images (the default); the pipeline's
  // retention deletes all but the last 5 builds.
  const golden = pipeline.buildOnDeploy('GoldenImage');
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 1,
    natGateways: 0,
    subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }],
  });
  new ec2.Instance(stack, 'GoldenInstance', {
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
    machineImage: golden.toMachineImage(),
    requireImdsv2: true,
  });
  return stack;
}
