'use strict';
// One container pipeline with hand-written aws-cdk-lib L1s (Cfn* classes and plain JSON), emitting
// the resources this library emits by default (same types, same counts; bench/run.js checks it):
// ECR repository, container recipe, instance role + instance profile + push policy, infrastructure
// configuration, distribution configuration, pipeline and image log groups, image pipeline.
const {
  Aws,
  CfnDeletionPolicy,
  aws_ecr: ecr,
  aws_iam: iam,
  aws_imagebuilder: imagebuilder,
  aws_logs: logs,
} = require('aws-cdk-lib');

const ECR_PULL_PUSH = [
  'ecr:BatchCheckLayerAvailability',
  'ecr:GetDownloadUrlForLayer',
  'ecr:BatchGetImage',
  'ecr:CompleteLayerUpload',
  'ecr:UploadLayerPart',
  'ecr:InitiateLayerUpload',
  'ecr:PutImage',
];

/** Keeps a stateful resource when it leaves the stack, as the L2s do by default. */
function retain(resource) {
  resource.cfnOptions.deletionPolicy = CfnDeletionPolicy.RETAIN;
  resource.cfnOptions.updateReplacePolicy = CfnDeletionPolicy.RETAIN;
  return resource;
}

/**
 * @param {import('aws-cdk-lib').Stack} stack
 * @param {number} i index of the pipeline in the stack
 */
function addPipeline(stack, i) {
  const id = `Pipeline${i}`;
  const name = `${stack.stackName}-pipeline${i}`.toLowerCase();

  const repository = retain(new ecr.CfnRepository(stack, `${id}Repository`, {
    imageScanningConfiguration: { scanOnPush: true },
    lifecyclePolicy: {
      lifecyclePolicyText: JSON.stringify({
        rules: [{
          rulePriority: 1,
          description: 'Keep the last 50 images',
          selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 50 },
          action: { type: 'expire' },
        }],
      }),
    },
  }));

  const recipe = new imagebuilder.CfnContainerRecipe(stack, `${id}Recipe`, {
    name: `${name}-recipe`,
    version: '1.0.x',
    containerType: 'DOCKER',
    parentImage: 'amazonlinux:latest',
    components: [{ componentArn: `arn:${Aws.PARTITION}:imagebuilder:${stack.region}:aws:component/update-linux/x.x.x` }],
    dockerfileTemplateData: 'FROM {{{ imagebuilder:parentImage }}}\n{{{ imagebuilder:environments }}}\n{{{ imagebuilder:components }}}',
    targetRepository: { service: 'ECR', repositoryName: repository.ref },
  });

  const role = new iam.CfnRole(stack, `${id}InstanceRole`, {
    assumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    },
    description: 'Role of the EC2 Image Builder build and test instances',
    managedPolicyArns: [
      `arn:${Aws.PARTITION}:iam::aws:policy/AmazonSSMManagedInstanceCore`,
      `arn:${Aws.PARTITION}:iam::aws:policy/EC2InstanceProfileForImageBuilder`,
    ],
  });
  new iam.CfnPolicy(stack, `${id}InstancePolicy`, {
    policyName: `${id}InstancePolicy`,
    roles: [role.ref],
    policyDocument: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ECR_PULL_PUSH, Resource: repository.attrArn },
        { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
        {
          Effect: 'Allow',
          Action: ECR_PULL_PUSH,
          Resource: `arn:${Aws.PARTITION}:ecr:${stack.region}:${stack.account}:repository/image-builder-image-scanning-repository`,
        },
      ],
    },
  });
  const instanceProfile = new iam.CfnInstanceProfile(stack, `${id}InstanceProfile`, { roles: [role.ref] });

  const infrastructure = new imagebuilder.CfnInfrastructureConfiguration(stack, `${id}Infrastructure`, {
    name: `${name}-infrastructure`,
    instanceProfileName: instanceProfile.ref,
    instanceMetadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 2 },
  });

  const distribution = new imagebuilder.CfnDistributionConfiguration(stack, `${id}Distribution`, {
    name: `${name}-distribution`,
    distributions: [{
      region: stack.region,
      containerDistributionConfiguration: {
        TargetRepository: { Service: 'ECR', RepositoryName: repository.ref },
        ContainerTags: ['latest'],
      },
    }],
  });

  const pipelineLogGroup = retain(new logs.CfnLogGroup(stack, `${id}PipelineLogGroup`, {
    logGroupName: `/aws/imagebuilder/pipeline/${name}`,
    retentionInDays: 365,
  }));
  const imageLogGroup = retain(new logs.CfnLogGroup(stack, `${id}ImageLogGroup`, {
    logGroupName: `/aws/imagebuilder/image/${name}`,
    retentionInDays: 365,
  }));

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
      pipelineLogGroupName: pipelineLogGroup.ref,
      imageLogGroupName: imageLogGroup.ref,
    },
  });
}

module.exports = { name: 'l1', addPipeline };
