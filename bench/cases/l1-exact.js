'use strict';
// The floor for this library's output: hand-written aws-cdk-lib L1s (Cfn* classes with literal
// values) that emit the template `ours` emits, byte for byte.
// Bare `Construct` scopes give the L1s the construct paths of ours' resources, so that logical
// IDs and generated names come out the same; nothing else is computed at synth.
// bench/run.js fails when its templates stop matching ours': when the library's output changes
// (on purpose), update this file. Tokens only where a typed L1 property needs one (references,
// ARNs); JSON-typed properties (policy documents, container distributions) are plain JSON.
const {
  Aws,
  CfnDeletionPolicy,
  Fn,
  Names,
  aws_ecr: ecr,
  aws_iam: iam,
  aws_imagebuilder: imagebuilder,
  aws_logs: logs,
} = require('aws-cdk-lib');
const { Construct } = require('constructs');

/** `arn:<partition><rest>`, as CDK renders a formatted ARN with a literal Region and account. */
const arn = (rest) => Fn.join('', ['arn:', Aws.PARTITION, rest]);
/** `arn:<partition><rest>` inside a JSON-typed property (an IAM policy document). */
const arnJson = (rest) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, rest]] });
const ECR_PULL_PUSH = [
  'ecr:BatchCheckLayerAvailability',
  'ecr:GetDownloadUrlForLayer',
  'ecr:BatchGetImage',
  'ecr:CompleteLayerUpload',
  'ecr:UploadLayerPart',
  'ecr:InitiateLayerUpload',
  'ecr:PutImage',
];
const LIFECYCLE_POLICY = JSON.stringify({
  rules: [{
    rulePriority: 1,
    description: 'Keep the last 50 images',
    selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 50 },
    action: { type: 'expire' },
  }],
});

/** Keeps a stateful resource when it leaves the stack, as the L2s do by default. */
function retain(resource) {
  resource.cfnOptions.deletionPolicy = CfnDeletionPolicy.RETAIN;
  resource.cfnOptions.updateReplacePolicy = CfnDeletionPolicy.RETAIN;
  return resource;
}

/** The generated name of a construct of ours: `Names.uniqueResourceName`, lowercased. */
function resourceName(scope) {
  return Names.uniqueResourceName(scope, { maxLength: 128, separator: '-' }).toLowerCase();
}

/** The logical ID of a resource (what iam.Policy uses as its policy name). */
function logicalId(resource) {
  return resource.stack.getLogicalId(resource);
}

/**
 * @param {import('aws-cdk-lib').Stack} stack
 * @param {number} i index of the pipeline in the stack
 */
function addPipeline(stack, i) {
  const id = `Pipeline${i}`;
  const region = stack.region;
  const account = stack.account;

  // Container recipe and the repository it creates.
  const recipeScope = new Construct(stack, `${id}Recipe`);
  const repository = retain(new ecr.CfnRepository(new Construct(recipeScope, 'Repository'), 'Resource', {
    imageScanningConfiguration: { scanOnPush: true },
    lifecyclePolicy: { lifecyclePolicyText: LIFECYCLE_POLICY },
  }));
  const recipe = new imagebuilder.CfnContainerRecipe(recipeScope, 'Resource', {
    components: [{ componentArn: arn(`:imagebuilder:${region}:aws:component/update-linux/x.x.x`) }],
    containerType: 'DOCKER',
    dockerfileTemplateData: 'FROM {{{ imagebuilder:parentImage }}}\n{{{ imagebuilder:environments }}}\n{{{ imagebuilder:components }}}',
    name: resourceName(recipeScope),
    parentImage: 'amazonlinux:latest',
    targetRepository: { repositoryName: repository.ref, service: 'ECR' },
    version: '1.0.x',
  });

  // Infrastructure configuration: instance role, instance profile, and the policy of its push grants.
  const infrastructureScope = new Construct(stack, `${id}Infrastructure`);
  const role = new iam.CfnRole(new Construct(infrastructureScope, 'InstanceRole'), 'Resource', {
    assumeRolePolicyDocument: {
      Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' } }],
      Version: '2012-10-17',
    },
    description: 'Role of the EC2 Image Builder build and test instances',
    managedPolicyArns: [
      arn(':iam::aws:policy/AmazonSSMManagedInstanceCore'),
      arn(':iam::aws:policy/EC2InstanceProfileForImageBuilder'),
    ],
  });
  const instanceProfile = new iam.CfnInstanceProfile(new Construct(infrastructureScope, 'InstanceProfile'), 'Resource', {
    roles: [role.ref],
  });
  const infrastructure = new imagebuilder.CfnInfrastructureConfiguration(infrastructureScope, 'Resource', {
    instanceMetadataOptions: { httpPutResponseHopLimit: 2, httpTokens: 'required' },
    instanceProfileName: instanceProfile.ref,
    name: resourceName(infrastructureScope),
  });
  const policy = new iam.CfnPolicy(new Construct(infrastructureScope, 'InstancePolicy'), 'Resource', {
    policyDocument: {
      // One push statement for the target and scanning repositories.
      Statement: [
        {
          Action: ECR_PULL_PUSH,
          Effect: 'Allow',
          Resource: [
            { 'Fn::GetAtt': [logicalId(repository), 'Arn'] },
            arnJson(`:ecr:${region}:${account}:repository/image-builder-image-scanning-repository`),
          ],
        },
        { Action: 'ecr:GetAuthorizationToken', Effect: 'Allow', Resource: '*' },
      ],
      Version: '2012-10-17',
    },
    policyName: 'placeholder', // set below: the policy's own logical ID
    roles: [role.ref],
  });
  policy.policyName = logicalId(policy);

  // Distribution configuration.
  const distributionScope = new Construct(stack, `${id}Distribution`);
  const distribution = new imagebuilder.CfnDistributionConfiguration(distributionScope, 'Resource', {
    distributions: [{
      containerDistributionConfiguration: {
        TargetRepository: { Service: 'ECR', RepositoryName: { Ref: logicalId(repository) } },
        ContainerTags: ['latest'],
      },
      region,
    }],
    name: resourceName(distributionScope),
  });

  // The pipeline, with its two log groups.
  const pipelineScope = new Construct(stack, id);
  const stackUuidPart = Fn.select(0, Fn.split('-', Fn.select(2, Fn.split('/', Aws.STACK_ID))));
  const logPrefix = Names.uniqueResourceName(pipelineScope, { maxLength: 100, separator: '-' });
  const logGroup = (kind) => retain(new logs.CfnLogGroup(new Construct(pipelineScope, `${kind}LogGroup`), 'Resource', {
    logGroupName: Fn.join('', [`/aws/imagebuilder/${kind.toLowerCase()}/${logPrefix}-`, stackUuidPart]),
    retentionInDays: 365,
  }));
  const pipelineLogGroup = logGroup('Pipeline');
  const imageLogGroup = logGroup('Image');
  return new imagebuilder.CfnImagePipeline(pipelineScope, 'Resource', {
    containerRecipeArn: recipe.attrArn,
    distributionConfigurationArn: distribution.attrArn,
    imageScanningConfiguration: { imageScanningEnabled: true },
    infrastructureConfigurationArn: infrastructure.attrArn,
    loggingConfiguration: {
      imageLogGroupName: imageLogGroup.ref,
      pipelineLogGroupName: pipelineLogGroup.ref,
    },
    name: resourceName(pipelineScope),
    schedule: { scheduleExpression: 'cron(0 4 ? * MON *)' },
    status: 'ENABLED',
  });
}

module.exports = { name: 'l1-exact', addPipeline };
