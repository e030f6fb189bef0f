/**
 * Classes of input checks that cut across constructs (issue 13):
 * - every enum-typed prop is checked at synth (JavaScript and Python pass any string);
 * - identifiers of other services are checked by one validator per kind, wherever they are taken;
 * - static importers name the construct they import (`<scope>/<id>`).
 */
import { CfnParameter, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { strictStack } from './helpers';
import {
  AwsManagedComponentName,
  Component,
  ContainerParentImage,
  ContainerPlatform,
  ContainerRecipe,
  DistributionConfiguration,
  DistributionRepository,
  EbsVolumeType,
  HttpTokens,
  IImageRecipe,
  ImagePipeline,
  ImagePipelineProps,
  ImageRecipe,
  InfrastructureConfiguration,
  ParentImage,
  PipelineExecutionStartCondition,
  PipelineSchedule,
  RecipeType,
  Tenancy,
  Workflow,
  WorkflowOnFailure,
  WorkflowType,
} from '../src';

/** What a JavaScript or Python user can pass where TypeScript wants an enum member. */
function bogus<T>(value = 'BOGUS'): T {
  return value as unknown as T;
}

const RECIPE_ARN = 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/my-recipe/1.0.0';
const TEST_WORKFLOW_ARN = 'arn:aws:imagebuilder:us-east-1:aws:workflow/test/test-image/x.x.x';

/** The required props of a container recipe. */
function containerBasics(stack: Stack) {
  return {
    parentImage: ContainerParentImage.fromDockerHub('amazonlinux', '2023'),
    components: [{ component: Component.fromAwsManagedComponent(stack, 'Update', AwsManagedComponentName.UPDATE_LINUX) }],
  };
}

function pipelineWith(stack: Stack, props: Partial<ImagePipelineProps>): ImagePipeline {
  return new ImagePipeline(stack, 'Pipeline', { recipe: ImageRecipe.fromImageRecipeArn(stack, 'Recipe', RECIPE_ARN), ...props });
}

describe('every enum-typed prop is checked at synth', () => {
  test.each<[string, (stack: Stack) => unknown, string]>([
    ['PipelineExecutionStartCondition (schedule startCondition)',
      stack => pipelineWith(stack, { schedule: PipelineSchedule.expression('rate(1 day)', { startCondition: bogus<PipelineExecutionStartCondition>() }) }),
      "Stack/Pipeline: schedule.startCondition 'BOGUS' must be one of EXPRESSION_MATCH_ONLY, EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE"],
    ['WorkflowOnFailure (workflow onFailure)',
      stack => pipelineWith(stack, {
        workflows: [{ workflow: Workflow.fromWorkflowArn(stack, 'W', TEST_WORKFLOW_ARN), onFailure: bogus<WorkflowOnFailure>('STOP') }],
        executionRole: iam.Role.fromRoleName(stack, 'Role', 'builder'),
      }),
      "Stack/Pipeline: workflows[0].onFailure 'STOP' must be one of ABORT, CONTINUE"],
    ['WorkflowType (a workflow of a user-made IWorkflow)',
      stack => pipelineWith(stack, {
        workflows: [{ workflow: { ...Workflow.fromWorkflowArn(stack, 'W', TEST_WORKFLOW_ARN), workflowType: bogus<WorkflowType>('test') } as Workflow }],
        executionRole: iam.Role.fromRoleName(stack, 'Role', 'builder'),
      }),
      "Stack/Pipeline: workflows[0].workflow.workflowType 'test' must be one of BUILD, TEST, DISTRIBUTION"],
    ['WorkflowType (fromWorkflowAttributes)',
      stack => Workflow.fromWorkflowAttributes(stack, 'W', { workflowArn: TEST_WORKFLOW_ARN, workflowType: bogus<WorkflowType>('test') }),
      "Stack/W: workflowType 'test' must be one of BUILD, TEST, DISTRIBUTION"],
    ['WorkflowType (fromAwsManagedWorkflow)',
      stack => Workflow.fromAwsManagedWorkflow(stack, 'W', bogus<WorkflowType>('Test'), 'test-image'),
      "Stack/W: workflowType 'Test' must be one of BUILD, TEST, DISTRIBUTION"],
    ['RecipeType (a user-made IRecipe)',
      stack => pipelineWith(stack, { recipe: { ...ImageRecipe.fromImageRecipeArn(stack, 'R', RECIPE_ARN), recipeType: bogus<RecipeType>('AMI') } as IImageRecipe }),
      "Stack/Pipeline: recipe.recipeType 'AMI' must be one of IMAGE, CONTAINER"],
    ['logs.RetentionDays (logRetention)',
      stack => pipelineWith(stack, { logRetention: bogus<logs.RetentionDays>(8 as unknown as string) }),
      'Stack/Pipeline: logRetention 8 must be one of 1, 3, 5, 7, 14'],
    ['RemovalPolicy (logRemovalPolicy)',
      stack => pipelineWith(stack, { logRemovalPolicy: bogus<RemovalPolicy>('keep') }),
      "Stack/Pipeline: logRemovalPolicy 'keep' must be one of destroy, retain, snapshot, retain-on-update-or-delete"],
    ['RemovalPolicy (repositoryRemovalPolicy)',
      stack => new ContainerRecipe(stack, 'Recipe', {
        ...containerBasics(stack), repositoryRemovalPolicy: bogus<RemovalPolicy>('keep'),
      }),
      "Stack/Recipe: repositoryRemovalPolicy 'keep' must be one of destroy, retain, snapshot, retain-on-update-or-delete"],
    ['ContainerPlatform (platformOverride)',
      stack => new ContainerRecipe(stack, 'Recipe', {
        ...containerBasics(stack), platformOverride: bogus<ContainerPlatform>('linux'),
      }),
      "Stack/Recipe: platformOverride 'linux' must be one of Linux, Windows"],
    ['EbsVolumeType (block device volumeType)',
      stack => new ImageRecipe(stack, 'Recipe', {
        parentImage: ParentImage.fromAmiId('ami-0123456789abcdef0'),
        blockDevices: [{ deviceName: '/dev/xvda', ebs: { volumeType: bogus<EbsVolumeType>('gp4') } }],
      }),
      "Stack/Recipe: blockDevices[0].ebs.volumeType 'gp4' must be one of standard, io1, io2, gp2, gp3, sc1, st1"],
    ['HttpTokens (httpTokens)',
      stack => new InfrastructureConfiguration(stack, 'Infra', { httpTokens: bogus<HttpTokens>('REQUIRED') }),
      "Stack/Infra: httpTokens 'REQUIRED' must be one of required, optional"],
    ['Tenancy (placement.tenancy)',
      stack => new InfrastructureConfiguration(stack, 'Infra', { placement: { tenancy: bogus<Tenancy>('shared') } }),
      "Stack/Infra: placement.tenancy 'shared' must be one of default, dedicated, host"],
  ])('%s', (_, make, message) => {
    expect(() => make(strictStack())).toThrow(message);
  });
});

describe('identifiers of other services: one validator per kind', () => {
  describe('an ECR repository name follows ECR\'s rule wherever it is taken', () => {
    const BAD = 'My_Repo';
    const RULE = "'My_Repo' must be an ECR repository name: lowercase letters and digits, separated by single . _ - or /, for example 'team/golden-image'";

    test('the container recipe\'s target repository', () => {
      const stack = strictStack();
      expect(() => new ContainerRecipe(stack, 'Recipe', {
        ...containerBasics(stack),
        targetRepository: ecr.Repository.fromRepositoryName(stack, 'Repo', BAD),
      })).toThrow(`Stack/Recipe: targetRepository ${RULE}`);
    });

    test('a container distribution\'s target repository', () => {
      const stack = strictStack();
      expect(() => new DistributionConfiguration(stack, 'Dist', {
        containerDistributions: [{ region: 'us-east-1', targetRepository: DistributionRepository.fromRepositoryName(BAD) }],
      })).toThrow(`Stack/Dist: containerDistributions[0].targetRepository ${RULE}`);
    });

    test('the scanning repository of a container pipeline', () => {
      const stack = strictStack();
      const recipe = new ContainerRecipe(stack, 'Recipe', containerBasics(stack));
      expect(() => new ImagePipeline(stack, 'Pipeline', {
        recipe, imageScanning: { repository: ecr.Repository.fromRepositoryName(stack, 'Scan', BAD) },
      })).toThrow(`Stack/Pipeline: imageScanning.repository ${RULE}`);
    });

    test('a repository name of 257 characters (ECR allows 256; the API 1024)', () => {
      const stack = strictStack();
      expect(() => new DistributionConfiguration(stack, 'Dist', {
        containerDistributions: [{ region: 'us-east-1', targetRepository: DistributionRepository.fromRepositoryName('a'.repeat(257)) }],
      })).toThrow(/containerDistributions\[0\]\.targetRepository 'a+\.\.\. \(257 characters\) must be between 2 and 256 characters long \(got 257\)/);
    });
  });

  describe('KMS keys', () => {
    // The API's kmsKeyId is a NonEmptyString (1 to 1024) for container recipes, EBS block devices and AMI distributions.
    const longArn = `arn:aws:kms:us-east-1:123456789012:key/${'k'.repeat(1000)}`;
    const longKey = (stack: Stack, id: string) => kms.Key.fromKeyArn(stack, id, longArn);
    const tokenKey = (stack: Stack, id: string) => kms.Key.fromKeyArn(stack, id, new CfnParameter(stack, `${id}Arn`).valueAsString);
    const tooLong = `\\(${longArn.length} characters\\) must be between 1 and 1024 characters long \\(got ${longArn.length}\\)`;

    test('a container recipe key ARN longer than 1024 characters is rejected; a token is accepted', () => {
      const stack = strictStack();
      const props = {
        parentImage: ContainerParentImage.fromEcrPublic('amazonlinux/amazonlinux', '2023'),
        components: [{ component: Component.fromAwsManagedComponent(stack, 'Update', AwsManagedComponentName.UPDATE_LINUX) }],
        targetRepository: ecr.Repository.fromRepositoryName(stack, 'Repo', 'golden'),
      };
      expect(() => new ContainerRecipe(stack, 'Recipe', { ...props, kmsKey: longKey(stack, 'Long') }))
        .toThrow(new RegExp(`Stack/Recipe: kmsKey 'arn:aws:kms:us-east-1:123456789012:key/k+\\.\\.\\. ${tooLong}`));
      expect(() => new ContainerRecipe(stack, 'TokenRecipe', { ...props, kmsKey: tokenKey(stack, 'Token') })).not.toThrow();
    });

    test('a block device key ARN longer than 1024 characters is rejected; a token is accepted', () => {
      const stack = strictStack();
      const parentImage = ParentImage.fromAmiId('ami-0123456789abcdef0');
      expect(() => new ImageRecipe(stack, 'Recipe', { parentImage, blockDevices: [{ deviceName: '/dev/xvda', ebs: { kmsKey: longKey(stack, 'Long') } }] }))
        .toThrow(new RegExp(`Stack/Recipe: blockDevices\\[0\\]\\.ebs\\.kmsKey 'arn:aws:kms:.*${tooLong}`));
      expect(() => new ImageRecipe(stack, 'TokenRecipe', { parentImage, blockDevices: [{ deviceName: '/dev/xvda', ebs: { kmsKey: tokenKey(stack, 'Token') } }] }))
        .not.toThrow();
    });

    test('an AMI distribution key ARN longer than 1024 characters is rejected; a token is accepted', () => {
      const stack = strictStack();
      const amiName = 'golden-{{ imagebuilder:buildDate }}';
      expect(() => new DistributionConfiguration(stack, 'Dist', { amiDistributions: [{ amiName, kmsKey: longKey(stack, 'Long') }] }))
        .toThrow(new RegExp(`Stack/Dist: amiDistributions\\[0\\]\\.kmsKey 'arn:aws:kms:.*${tooLong}`));
      expect(() => new DistributionConfiguration(stack, 'TokenDist', { amiDistributions: [{ amiName, kmsKey: tokenKey(stack, 'Token') }] }))
        .not.toThrow();
    });
  });

  describe('infrastructure configuration', () => {
    test('an instance profile name follows IAM\'s rule (at most 128 characters of [\\w+=,.@-])', () => {
      const stack = strictStack();
      expect(() => new InfrastructureConfiguration(stack, 'Infra', {
        instanceProfile: iam.InstanceProfile.fromInstanceProfileName(stack, 'Profile', 'my profile'),
      })).toThrow("Stack/Infra: instanceProfile 'my profile' must be an instance profile name of letters, digits and + = , . @ _ -");
      expect(() => new InfrastructureConfiguration(stack, 'Slash', {
        instanceProfile: iam.InstanceProfile.fromInstanceProfileName(stack, 'SlashProfile', 'prof!ile'),
      })).toThrow("Stack/Slash: instanceProfile 'prof!ile' must be an instance profile name of letters, digits and + = , . @ _ -");
      // A name known only at deployment is left to IAM.
      expect(() => new InfrastructureConfiguration(stack, 'Token', {
        instanceProfile: iam.InstanceProfile.fromInstanceProfileName(stack, 'TokenProfile', new CfnParameter(stack, 'ProfileName').valueAsString),
      })).not.toThrow();
      expect(() => new InfrastructureConfiguration(stack, 'Infra2', {
        instanceProfile: iam.InstanceProfile.fromInstanceProfileName(stack, 'Profile2', 'p'.repeat(129)),
      })).toThrow(/Stack\/Infra2: instanceProfile 'p+\.\.\. \(129 characters\) must be between 1 and 128 characters long \(got 129\)/);
    });

    test('a key pair name follows EC2\'s rule (up to 255 ASCII characters)', () => {
      const stack = strictStack();
      expect(() => new InfrastructureConfiguration(stack, 'Infra', { keyPair: ec2.KeyPair.fromKeyPairName(stack, 'Key', 'clé') }))
        .toThrow("Stack/Infra: keyPair 'clé' must be an EC2 key pair name of ASCII characters, for example 'build-access' (pattern ^[\\x00-\\x7F]+$)");
      expect(() => new InfrastructureConfiguration(stack, 'Infra2', { keyPair: ec2.KeyPair.fromKeyPairName(stack, 'Key2', 'k'.repeat(256)) }))
        .toThrow(/Stack\/Infra2: keyPair 'k+\.\.\. \(256 characters\) must be between 1 and 255 characters long \(got 256\)/);
    });

    test('subnet and security group IDs have EC2\'s format', () => {
      const stack = strictStack();
      expect(() => new InfrastructureConfiguration(stack, 'Infra', {
        subnet: ec2.Subnet.fromSubnetId(stack, 'Subnet', 'subnet-xyz'),
        securityGroups: [
          ec2.SecurityGroup.fromSecurityGroupId(stack, 'Good', 'sg-0123456789abcdef0'),
          ec2.SecurityGroup.fromSecurityGroupId(stack, 'Bad', 'default'),
        ],
      })).toThrow([
        "Stack/Infra: subnet 'subnet-xyz' must be a subnet ID: subnet- and 8 or 17 hexadecimal digits, for example 'subnet-0123456789abcdef0'",
      ].join('\n'));
      expect(() => new InfrastructureConfiguration(stack, 'Infra2', {
        subnet: ec2.Subnet.fromSubnetId(stack, 'Subnet2', 'subnet-01234567'),
        securityGroups: [ec2.SecurityGroup.fromSecurityGroupId(stack, 'Bad2', 'default')],
      })).toThrow("Stack/Infra2: securityGroups[0] 'default' must be a security group ID: sg- and 8 or 17 hexadecimal digits");
    });

    test('valid identifiers and tokens are accepted', () => {
      const stack = strictStack();
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'p', subnetType: ec2.SubnetType.PUBLIC }] });
      new InfrastructureConfiguration(stack, 'Infra', {
        instanceProfile: iam.InstanceProfile.fromInstanceProfileName(stack, 'Profile', 'Image_Builder+profile=a,b.c@d-e'),
        keyPair: ec2.KeyPair.fromKeyPairName(stack, 'Key', 'build access (2026)'),
        subnet: vpc.publicSubnets[0],
        securityGroups: [new ec2.SecurityGroup(stack, 'Sg', { vpc }), ec2.SecurityGroup.fromSecurityGroupId(stack, 'Old', 'sg-01234567')],
      });
    });
  });
});

describe('static importers name the construct they import', () => {
  test.each<[string, (stack: Stack) => unknown, string]>([
    ['ImageRecipe.fromImageRecipeArn', stack => ImageRecipe.fromImageRecipeArn(stack, 'Golden', 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/Golden/1.0.0'), 'Stack/Golden: imageRecipeArn'],
    ['ContainerRecipe.fromContainerRecipeAttributes', stack => ContainerRecipe.fromContainerRecipeAttributes(stack, 'Base', { containerRecipeName: 'B' }), 'Stack/Base: containerRecipeName'],
    ['InfrastructureConfiguration.fromInfrastructureConfigurationName', stack => InfrastructureConfiguration.fromInfrastructureConfigurationName(stack, 'Infra', 'My Infra'), 'Stack/Infra: infrastructureConfigurationName'],
    ['DistributionConfiguration.fromDistributionConfigurationArn', stack => DistributionConfiguration.fromDistributionConfigurationArn(stack, 'Dist', 'arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/x'), 'Stack/Dist: distributionConfigurationArn'],
    ['ImagePipeline.fromImagePipelineAttributes', stack => ImagePipeline.fromImagePipelineAttributes(stack, 'Old', { imagePipelineName: 'Old Pipeline' }), 'Stack/Old: imagePipelineName'],
    ['Workflow.fromWorkflowArn', stack => Workflow.fromWorkflowArn(stack, 'Tests', 'arn:aws:imagebuilder:us-east-1:aws:workflow/test/Tests/1.0.0'), 'Stack/Tests: workflowArn'],
  ])('%s', (_, make, start) => {
    const stack = strictStack();
    expect(() => make(stack)).toThrow(start);
    expect(() => make(stack)).not.toThrow(/^Stack: /);
  });
});

describe('more identifiers of other services', () => {
  test('a Dedicated Host ID has EC2\'s format', () => {
    const stack = strictStack();
    expect(() => new InfrastructureConfiguration(stack, 'Infra', { placement: { tenancy: Tenancy.HOST, hostId: 'host-1' } }))
      .toThrow("Stack/Infra: placement.hostId 'host-1' must be a Dedicated Host ID: h- and 8 or 17 hexadecimal digits");
  });

  test('the S3 log bucket name follows S3\'s naming rule', () => {
    const stack = strictStack();
    expect(() => new InfrastructureConfiguration(stack, 'Infra', { s3Logs: { bucket: s3.Bucket.fromBucketName(stack, 'Logs', 'Build_Logs') } }))
      .toThrow("Stack/Infra: s3Logs.bucket 'Build_Logs' must be an S3 bucket name of 3 to 63 lowercase letters");
  });

  test('the ECR repository of a container parent image follows ECR\'s rule (the same validator)', () => {
    const stack = strictStack();
    expect(() => new ContainerRecipe(stack, 'Recipe', {
      ...containerBasics(stack),
      parentImage: ContainerParentImage.fromEcrRepository(ecr.Repository.fromRepositoryName(stack, 'Base', 'Base_Images')),
    })).toThrow("Stack/Recipe: parentImage repository 'Base_Images' must be an ECR repository name");
  });
});
