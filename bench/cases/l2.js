'use strict';
// Diagnostic case (not in the default set): the resources of ours, hand-written with the
// aws-cdk-lib L2s a user would reach for (ecr.Repository, iam.Role, iam.InstanceProfile, repository
// grants, logs.LogGroup) around the imagebuilder L1s. ours/l2 is the cost of this library's own
// code; l2/l1 is the cost of the aws-cdk-lib L2 building blocks themselves.
const {
  RemovalPolicy,
  aws_ecr: ecr,
  aws_iam: iam,
  aws_imagebuilder: imagebuilder,
  aws_logs: logs,
} = require('aws-cdk-lib');

/**
 * @param {import('aws-cdk-lib').Stack} stack
 * @param {number} i index of the pipeline in the stack
 */
function addPipeline(stack, i) {
  const id = `Pipeline${i}`;
  const name = `${stack.stackName}-pipeline${i}`.toLowerCase();

  const repository = new ecr.Repository(stack, `${id}Repository`, {
    imageScanOnPush: true,
    lifecycleRules: [{ description: 'Keep the last 50 images', maxImageCount: 50 }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const recipe = new imagebuilder.CfnContainerRecipe(stack, `${id}Recipe`, {
    name: `${name}-recipe`,
    version: '1.0.x',
    containerType: 'DOCKER',
    parentImage: 'amazonlinux:latest',
    components: [{ componentArn: stack.formatArn({ service: 'imagebuilder', account: 'aws', resource: 'component', resourceName: 'update-linux/x.x.x' }) }],
    dockerfileTemplateData: 'FROM {{{ imagebuilder:parentImage }}}\n{{{ imagebuilder:environments }}}\n{{{ imagebuilder:components }}}',
    targetRepository: { service: 'ECR', repositoryName: repository.repositoryName },
  });

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
  const instanceProfile = new iam.InstanceProfile(stack, `${id}InstanceProfile`, { role });

  const infrastructure = new imagebuilder.CfnInfrastructureConfiguration(stack, `${id}Infrastructure`, {
    name: `${name}-infrastructure`,
    instanceProfileName: instanceProfile.instanceProfileName,
    instanceMetadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 2 },
  });
  const distribution = new imagebuilder.CfnDistributionConfiguration(stack, `${id}Distribution`, {
    name: `${name}-distribution`,
    distributions: [{
      region: stack.region,
      containerDistributionConfiguration: {
        TargetRepository: { Service: 'ECR', RepositoryName: repository.repositoryName },
        ContainerTags: ['latest'],
      },
    }],
  });
  const logGroup = (kind) => new logs.LogGroup(stack, `${id}${kind}LogGroup`, {
    logGroupName: `/aws/imagebuilder/${kind.toLowerCase()}/${name}`,
    retention: logs.RetentionDays.ONE_YEAR,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const pipelineLogGroup = logGroup('Pipeline');
  const imageLogGroup = logGroup('Image');

  return new imagebuilder.CfnImagePipeline(stack, id, {
    name,
    containerRecipeArn: recipe.attrArn,
    infrastructureConfigurationArn: infrastructure.attrArn,
    distributionConfigurationArn: distribution.attrArn,
    schedule: { scheduleExpression: 'cron(0 4 ? * MON *)' },
    status: 'ENABLED',
    imageTestsConfiguration: { imageTestsEnabled: true },
    imageScanningConfiguration: { imageScanningEnabled: true },
    enhancedImageMetadataEnabled: true,
    loggingConfiguration: {
      pipelineLogGroupName: pipelineLogGroup.logGroupName,
      imageLogGroupName: imageLogGroup.logGroupName,
    },
  });
}

module.exports = { name: 'l2', addPipeline };
