'use strict';
// The official @aws-cdk/aws-imagebuilder-alpha at equal output: the `alpha` case plus what this
// library creates by default and the alpha does not, written with the aws-cdk-lib L2s a user of
// the alpha would reach for: the pipeline and image log groups (same names, one-year retention,
// retained) and an instance role with the two managed policies Image Builder documents and a
// policy scoped to the target and scanning repositories (instead of the alpha's
// EC2InstanceProfileForImageBuilderECRContainerBuilds, which allows every repository).
// It emits the resource types and counts `ours` emits (bench/run.js checks it).
const {
  Aws,
  Fn,
  RemovalPolicy,
  aws_ecr: ecr,
  aws_events: events,
  aws_iam: iam,
  aws_logs: logs,
} = require('aws-cdk-lib');
const ib = require('@aws-cdk/aws-imagebuilder-alpha');
const { createHash } = require('crypto');

/**
 * @param {import('aws-cdk-lib').Stack} stack
 * @param {number} i index of the pipeline in the stack
 */
function addPipeline(stack, i) {
  const id = `Pipeline${i}`;
  const repository = new ecr.Repository(stack, `${id}Repository`, {
    imageScanOnPush: true,
    lifecycleRules: [{ description: 'Keep the last 50 images', maxImageCount: 50 }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const target = ib.Repository.fromEcr(repository);
  const recipe = new ib.ContainerRecipe(stack, `${id}Recipe`, {
    baseImage: ib.BaseContainerImage.fromDockerHub('amazonlinux', 'latest'),
    targetRepository: target,
    containerRecipeVersion: '1.0.0',
    components: [{
      component: ib.AmazonManagedComponent.updateOs(stack, `${id}UpdateOs`, { platform: ib.Platform.LINUX }),
    }],
  });

  // The instance role ours creates: the two managed policies, push to the target and scanning repositories.
  const role = new iam.Role(stack, `${id}InstanceRole`, {
    assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
    description: 'Role of the EC2 Image Builder build and test instances',
    managedPolicies: [
      iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore'),
      iam.ManagedPolicy.fromAwsManagedPolicyName('EC2InstanceProfileForImageBuilder'),
    ],
  });
  repository.grantPullPush(role);
  ecr.Repository.fromRepositoryName(stack, `${id}ScanningRepository`, 'image-builder-image-scanning-repository').grantPullPush(role);
  const infrastructureConfiguration = new ib.InfrastructureConfiguration(stack, `${id}Infrastructure`, { role });

  const distributionConfiguration = new ib.DistributionConfiguration(stack, `${id}Distribution`, {
    containerDistributions: [{ containerRepository: target, containerTags: ['latest'] }],
  });

  // The log groups ours creates: unique names under /aws/imagebuilder/, one-year retention, retained.
  // Same shape and length as ours' `<stack>-<id>-<8 hex digits>`.
  const hash = createHash('md5').update(`${stack.node.path}/${id}`).digest('hex').slice(0, 8).toUpperCase();
  const uniqueId = `${stack.stackName}-${id}-${hash}`;
  const stackUuidPart = Fn.select(0, Fn.split('-', Fn.select(2, Fn.split('/', Aws.STACK_ID))));
  const logGroup = (kind) => new logs.LogGroup(stack, `${id}${kind}LogGroup`, {
    logGroupName: Fn.join('', [`/aws/imagebuilder/${kind.toLowerCase()}/${uniqueId}-`, stackUuidPart]),
    retention: logs.RetentionDays.ONE_YEAR,
    removalPolicy: RemovalPolicy.RETAIN,
  });

  return new ib.ImagePipeline(stack, id, {
    recipe,
    infrastructureConfiguration,
    distributionConfiguration,
    schedule: { expression: events.Schedule.cron({ minute: '0', hour: '4', weekDay: 'MON' }) },
    imageScanningEnabled: true,
    imagePipelineLogGroup: logGroup('Pipeline'),
    imageLogGroup: logGroup('Image'),
  });
}

module.exports = { name: 'alpha-eq', addPipeline };
