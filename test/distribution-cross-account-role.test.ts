import { CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { strictApp, strictStack } from './helpers';
import {
  DistributionConfiguration,
  DistributionCrossAccountRole,
  ImagePipeline,
  ImageRecipe,
  ParentImage,
  Workflow,
  WorkflowType,
} from '../src';

const SLR = (account: string) => ({
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${account}:role/aws-service-role/imagebuilder.amazonaws.com/AWSServiceRoleForImageBuilder`]],
});
const ROOT = (account: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${account}:root`]] });
const EC2_ARN = (resource: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:ec2:*::${resource}/*`]] });

describe('DistributionCrossAccountRole', () => {
  let stack: Stack;
  beforeEach(() => {
    stack = strictStack();
  });

  test('the role Image Builder looks for, assumable only by the source accounts\' Image Builder service-linked role', () => {
    const role = new DistributionCrossAccountRole(stack, 'Distribution', { sourceAccountIds: ['111122223333'] });

    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'EC2ImageBuilderDistributionCrossAccountRole',
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { AWS: ROOT('111122223333') },
          Condition: { ArnEquals: { 'aws:PrincipalArn': [SLR('111122223333')] } },
        }],
      },
    });
    expect(stack.resolve(role.roleArn)).toEqual({ 'Fn::GetAtt': ['EC2ImageBuilderDistributionCrossAccountRole', 'Arn'] });
    expect(DistributionCrossAccountRole.ROLE_NAME).toEqual('EC2ImageBuilderDistributionCrossAccountRole');
  });

  test('its policy: describe on *, copy, tag and share on AMIs, copy on snapshots; no key statement without keys', () => {
    new DistributionCrossAccountRole(stack, 'Distribution', { sourceAccountIds: ['111122223333'] });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: 'EC2ImageBuilderDistributionCrossAccountRole' }],
      PolicyDocument: {
        Statement: [
          { Sid: 'DescribeImages', Action: 'ec2:DescribeImages', Effect: 'Allow', Resource: '*' },
          { Sid: 'CopyImages', Action: 'ec2:CopyImage', Effect: 'Allow', Resource: [EC2_ARN('image'), EC2_ARN('snapshot')] },
          { Sid: 'TagAndShareCopiedImages', Action: ['ec2:CreateTags', 'ec2:ModifyImageAttribute'], Effect: 'Allow', Resource: EC2_ARN('image') },
        ],
      },
    });
  });

  test('several source accounts and an execution role of a source account', () => {
    const executionRole = iam.Role.fromRoleArn(stack, 'Exec', 'arn:aws:iam::444455556666:role/pipeline-execution');
    new DistributionCrossAccountRole(stack, 'Distribution', {
      sourceAccountIds: ['111122223333', '444455556666'],
      sourceRoles: [executionRole],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { AWS: ROOT('111122223333') },
            Condition: { ArnEquals: { 'aws:PrincipalArn': [SLR('111122223333')] } },
          },
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { AWS: ROOT('444455556666') },
            Condition: { ArnEquals: { 'aws:PrincipalArn': [SLR('444455556666'), 'arn:aws:iam::444455556666:role/pipeline-execution'] } },
          },
        ],
      },
    });
  });

  test('encryption keys: the EBS copy actions, and kms:CreateGrant for AWS resources only', () => {
    const own = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const source = kms.Key.fromKeyArn(stack, 'Source', 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    new DistributionCrossAccountRole(stack, 'Distribution', { sourceAccountIds: ['111122223333'], encryptionKeys: [own, source] });
    const keys = [{ 'Fn::GetAtt': ['Key961B73FD', 'Arn'] }, 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'];
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'UseEncryptionKeys',
            Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'],
            Effect: 'Allow',
            Resource: keys,
          },
          {
            Sid: 'GrantEncryptionKeysToEbs',
            Action: 'kms:CreateGrant',
            Condition: { Bool: { 'kms:GrantIsForAWSResource': true } },
            Effect: 'Allow',
            Resource: keys,
          },
        ]),
      },
    });
  });

  test('token account IDs are accepted', () => {
    const account = new CfnParameter(stack, 'Source').valueAsString;
    new DistributionCrossAccountRole(stack, 'Distribution', { sourceAccountIds: [account] });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'Source' }, ':root']] } } })] },
    });
  });

  describe('validation', () => {
    test('throws when there is no source account', () => {
      expect(() => new DistributionCrossAccountRole(stack, 'Distribution', { sourceAccountIds: [] }))
        .toThrow(/Stack\/Distribution: sourceAccountIds \[\] must have between 1 and 1536 items \(got 0\)/);
    });

    test('throws when an account ID is not 12 digits', () => {
      expect(() => new DistributionCrossAccountRole(stack, 'Distribution', { sourceAccountIds: ['1111-2222-3333'] }))
        .toThrow(/Stack\/Distribution: sourceAccountIds\[0\] '1111-2222-3333' must be an AWS account ID of 12 digits.*\(pattern \^\[0-9\]\{12\}\$\)/);
    });

    test('throws when a source account is the stack\'s own account', () => {
      expect(() => new DistributionCrossAccountRole(stack, 'Distribution', { sourceAccountIds: ['123456789012'] }))
        .toThrow(/sourceAccountIds\[0\] '123456789012' must not be the account of the stack/);
    });

    test('throws when a source role is not of a source account', () => {
      const role = iam.Role.fromRoleArn(stack, 'Exec', 'arn:aws:iam::444455556666:role/pipeline-execution');
      expect(() => new DistributionCrossAccountRole(stack, 'Distribution', { sourceAccountIds: ['111122223333'], sourceRoles: [role] }))
        .toThrow(/sourceRoles\[0\] 'arn:aws:iam::444455556666:role\/pipeline-execution' must be a role of a source account \(111122223333\)/);
    });
  });
});

describe('DistributionCrossAccountRole across the app', () => {
  const buildAccount = { account: '111122223333', region: 'us-east-1' };
  const workloadAccount = { account: '444455556666', region: 'us-east-1' };
  const amiName = 'golden-{{ imagebuilder:buildDate }}';

  /** The README's two stacks: a pipeline with an execution role in the build account, the role in the workload account. */
  function twoStacks(trustPipeline: boolean) {
    const app = strictApp();
    const source = new Stack(app, 'ImageBuild', { env: buildAccount });
    const recipe = new ImageRecipe(source, 'Recipe', { parentImage: ParentImage.fromAmiId('ami-0123456789abcdef0') });
    const pipeline = new ImagePipeline(source, 'Pipeline', {
      recipe,
      workflows: [{ workflow: Workflow.fromAwsManagedWorkflow(source, 'Build', WorkflowType.BUILD, 'build-image', '1.0.0') }],
      distributionConfiguration: new DistributionConfiguration(source, 'Distribution', {
        amiDistributions: [{ amiName, targetAccountIds: [workloadAccount.account] }],
      }),
    });
    const target = new Stack(app, 'ImageDistributionTarget', { env: workloadAccount });
    new DistributionCrossAccountRole(target, 'DistributionRole', {
      sourceAccountIds: [buildAccount.account],
      sourceRoles: trustPipeline ? [pipeline.executionRole!] : [],
    });
    return { app, source, target, pipeline };
  }

  test('a pipeline\'s created execution role can be trusted from a stack of another account, with no escape hatch', () => {
    const { source, target } = twoStacks(true);
    const roleName = Template.fromStack(source).findResources('AWS::IAM::Role', {
      Properties: { AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'imagebuilder.amazonaws.com' } })] } },
    });
    const [executionRole] = Object.values(roleName);
    // A physical name is generated because another account's stack names the role.
    expect(executionRole.Properties.RoleName).toMatch(/^imagebuild.*executionrole/);
    Template.fromStack(target).hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({
          Condition: { ArnEquals: { 'aws:PrincipalArn': [Match.anyValue(), Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([`:iam::${buildAccount.account}:role/${executionRole.Properties.RoleName}`])] })] } },
        })],
      },
    });
    // The execution role may assume the role in the target account only.
    Template.fromStack(source).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({
        Sid: 'DistributeToOtherAccounts',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${workloadAccount.account}:role/EC2ImageBuilderDistributionCrossAccountRole`]] },
      })]) },
    });
    Annotations.fromStack(target).hasNoWarning('*', Match.stringLikeRegexp('does not trust'));
  });

  test('warns when a pipeline distributes to the account with an execution role the role does not trust, naming both', () => {
    const { target } = twoStacks(false);
    Annotations.fromStack(target).hasWarning('/ImageDistributionTarget/DistributionRole', Match.stringLikeRegexp(
      'The pipeline ImageBuild/Pipeline distributes AMIs to account 444455556666 with its execution role ImageBuild/Pipeline/ExecutionRole, .* this role does not trust it'));
  });

  test('fails at synth when a second role is defined in the same account', () => {
    const app = strictApp();
    new DistributionCrossAccountRole(new Stack(app, 'One', { env: workloadAccount }), 'Role', { sourceAccountIds: [buildAccount.account] });
    const two = new Stack(app, 'Two', { env: workloadAccount });
    new DistributionCrossAccountRole(two, 'Role', { sourceAccountIds: [buildAccount.account] });
    expect(() => Template.fromStack(two)).toThrow(
      /\[Two\/Role\] role name 'EC2ImageBuilderDistributionCrossAccountRole' is already the name of the role One\/Role in account 444455556666/);
  });

  test('keeps its logical ID when moved to another construct id or parent', () => {
    const logicalIds = (build: (stack: Stack) => void) => {
      const stack = strictStack();
      build(stack);
      return Object.keys(Template.fromStack(stack).findResources('AWS::IAM::Role'));
    };
    const before = logicalIds(stack => new DistributionCrossAccountRole(stack, 'DistributionRole', { sourceAccountIds: [buildAccount.account] }));
    const after = logicalIds(stack => new DistributionCrossAccountRole(new Construct(stack, 'Shared'), 'CrossAccount', { sourceAccountIds: [buildAccount.account] }));
    expect(after).toEqual(before);
    expect(before).toEqual(['EC2ImageBuilderDistributionCrossAccountRole']);
  });
});
