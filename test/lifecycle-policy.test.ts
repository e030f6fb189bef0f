import { CfnParameter, Duration, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import { strictStack } from './helpers';
import {
  AwsManagedComponentName,
  Component,
  ContainerParentImage,
  ContainerRecipe,
  ImagePipeline,
  ImageRecipe,
  LifecycleActionType,
  LifecyclePolicy,
  LifecyclePolicyGrants,
  LifecyclePolicyProps,
  LifecyclePolicyResourceType,
  LifecycleRule,
  LifecycleSelection,
  ParentImage,
} from '../src';

const ACCOUNT = '123456789012';
const POLICY_ARN = `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:lifecycle-policy/my-policy`;
const AMI = 'ami-0123456789abcdef0';
const PARTITION_ARN = (rest: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, rest]] });
const CREATED_BY = { StringEquals: { 'aws:ResourceTag/CreatedBy': 'EC2 Image Builder' } };

function imageRecipe(stack: Stack, id = 'Recipe'): ImageRecipe {
  return new ImageRecipe(stack, id, { parentImage: ParentImage.fromAmiId(AMI) });
}

function containerRecipe(stack: Stack, id = 'ContainerRecipe'): ContainerRecipe {
  return new ContainerRecipe(stack, id, {
    parentImage: ContainerParentImage.fromEcrPublic('amazonlinux/amazonlinux', '2023'),
    components: [{ component: Component.fromAwsManagedComponent(stack, `${id}UpdateLinux`, AwsManagedComponentName.UPDATE_LINUX) }],
    targetRepository: new ecr.Repository(stack, `${id}Repository`),
  });
}

/** A policy over the images tagged `team: platform`, with the given props. */
function tagPolicy(stack: Stack, props: Partial<LifecyclePolicyProps> = {}): LifecyclePolicy {
  return new LifecyclePolicy(stack, 'Policy', {
    selection: LifecycleSelection.tags({ team: 'platform' }),
    rules: [LifecycleRule.keepLast(5)],
    ...props,
  });
}

/** The first policy detail rendered for the rule in an AMI policy. */
function renderedDetail(rule: LifecycleRule, resourceType = LifecyclePolicyResourceType.AMI_IMAGE): any {
  const stack = strictStack();
  tagPolicy(stack, { rules: [rule], resourceType });
  return (Object.values(Template.fromStack(stack).findResources('AWS::ImageBuilder::LifecyclePolicy'))[0] as any).Properties.PolicyDetails[0];
}

/** The statements of the policy of the role the lifecycle policy created. */
function roleStatements(stack: Stack): any[] {
  const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy', {
    Properties: { Roles: [{ Ref: Match.stringLikeRegexp('ExecutionRole') }] },
  });
  return Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}

function expectError(build: (stack: Stack) => void, message: RegExp | string) {
  const stack = strictStack();
  expect(() => build(stack)).toThrow(message);
}

describe('LifecyclePolicy', () => {
  describe('imported', () => {
    test('by ARN', () => {
      const stack = strictStack();
      const policy = LifecyclePolicy.fromLifecyclePolicyArn(stack, 'Imported', POLICY_ARN);
      expect(policy.lifecyclePolicyArn).toBe(POLICY_ARN);
      expect(policy.lifecyclePolicyName).toBe('my-policy');
    });

    test('by name, in the stack\'s account and region', () => {
      const stack = strictStack();
      const policy = LifecyclePolicy.fromLifecyclePolicyName(stack, 'Imported', 'my-policy');
      expect(stack.resolve(policy.lifecyclePolicyArn)).toEqual(PARTITION_ARN(`:imagebuilder:us-east-1:${ACCOUNT}:lifecycle-policy/my-policy`));
      expect(policy.lifecyclePolicyName).toBe('my-policy');
    });

    test('throws when the ARN is not a lifecycle policy ARN', () => {
      expectError(stack => LifecyclePolicy.fromLifecyclePolicyArn(stack, 'Imported', POLICY_ARN.replace('lifecycle-policy', 'image-pipeline')),
        /Stack\/Imported: lifecyclePolicyArn '.*' must be a lifecycle policy ARN/);
    });

    test('throws when the name is not as an ARN holds it', () => {
      expectError(stack => LifecyclePolicy.fromLifecyclePolicyName(stack, 'Imported', 'My Policy'), /Stack\/Imported: lifecyclePolicyName 'My Policy' must be a name as its ARN holds it/);
    });

    test('accepts a token ARN and a token name', () => {
      const stack = strictStack();
      const arn = new CfnParameter(stack, 'Arn').valueAsString;
      const name = new CfnParameter(stack, 'Name').valueAsString;
      const byArn = LifecyclePolicy.fromLifecyclePolicyArn(stack, 'ByArn', arn);
      LifecyclePolicy.fromLifecyclePolicyName(stack, 'ByName', name);
      expect(stack.resolve(byArn.lifecyclePolicyName)).toEqual({ 'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', { Ref: 'Arn' }] }] }] }] });
    });

    test('grantRead grants GetLifecyclePolicy on the policy', () => {
      const stack = strictStack();
      const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
      LifecyclePolicy.fromLifecyclePolicyArn(stack, 'Imported', POLICY_ARN).grantRead(role);
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: { Statement: [{ Action: 'imagebuilder:GetLifecyclePolicy', Effect: 'Allow', Resource: POLICY_ARN }] },
      });
    });
  });

  describe('with required parameters', () => {
    test('selects the recipes at every version, enabled, with a generated name and a created role', () => {
      const stack = strictStack();
      const recipe = imageRecipe(stack);
      new LifecyclePolicy(stack, 'Policy', { selection: LifecycleSelection.recipes([recipe]), rules: [LifecycleRule.keepLast(5)] });
      Template.fromStack(stack).hasResourceProperties('AWS::ImageBuilder::LifecyclePolicy', {
        Name: 'stack-policy-c600fc89',
        Status: 'ENABLED',
        ResourceType: 'AMI_IMAGE',
        ExecutionRole: { 'Fn::GetAtt': [Match.stringLikeRegexp('PolicyExecutionRole'), 'Arn'] },
        ResourceSelection: { Recipes: [{ Name: { 'Fn::GetAtt': ['Recipe2A957DA4', 'Name'] }, SemanticVersion: 'x.x.x' }] },
        PolicyDetails: [{ Action: { Type: 'DELETE', IncludeResources: { Amis: true, Snapshots: true } }, Filter: { Type: 'COUNT', Value: 5 } }],
        Description: Match.absent(),
        Tags: Match.absent(),
      });
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Principal: { Service: 'imagebuilder.amazonaws.com' } }] },
        ManagedPolicyArns: Match.absent(),
      });
    });

    test('takes the container resource type from container recipes', () => {
      const stack = strictStack();
      const policy = new LifecyclePolicy(stack, 'Policy', {
        selection: LifecycleSelection.recipes([containerRecipe(stack)]),
        rules: [LifecycleRule.keepLast(3)],
      });
      expect(policy.resourceType).toBe(LifecyclePolicyResourceType.CONTAINER_IMAGE);
      Template.fromStack(stack).hasResourceProperties('AWS::ImageBuilder::LifecyclePolicy', {
        ResourceType: 'CONTAINER_IMAGE',
        PolicyDetails: [{ Action: { Type: 'DELETE', IncludeResources: { Containers: true } }, Filter: { Type: 'COUNT', Value: 3 } }],
      });
    });
  });

  describe('with all parameters', () => {
    test('renders every field of CreateLifecyclePolicy, and uses the given role as it is', () => {
      const stack = strictStack();
      const role = iam.Role.fromRoleArn(stack, 'Role', `arn:aws:iam::${ACCOUNT}:role/lifecycle`);
      const policy = new LifecyclePolicy(stack, 'Policy', {
        lifecyclePolicyName: 'Golden AMI cleanup',
        description: 'Deletes old golden AMIs',
        enabled: false,
        resourceType: LifecyclePolicyResourceType.AMI_IMAGE,
        selection: LifecycleSelection.recipeNames([{ name: 'golden', semanticVersion: '1.x.x' }, { name: 'base' }]),
        rules: [
          LifecycleRule.deprecateAfter(Duration.days(30), { retainAtLeast: 2 }),
          LifecycleRule.disableAllButLast(10, { includeAmis: false }),
          LifecycleRule.deleteAfter(Duration.days(90), {
            retainAtLeast: 3,
            exclusions: {
              tags: { pinned: 'true' },
              amiTags: { keep: 'true' },
              publicAmis: true,
              amiRegions: ['us-east-1'],
              amiSharedAccounts: ['111122223333'],
              amisLaunchedWithin: Duration.days(30),
            },
          }),
        ],
        executionRole: role,
        tags: { team: 'platform' },
      });
      expect(policy.executionRole).toBe(role);
      expect(policy.lifecyclePolicyName).toBe('Golden AMI cleanup');
      const template = Template.fromStack(stack);
      template.resourceCountIs('AWS::IAM::Role', 0);
      template.resourceCountIs('AWS::IAM::Policy', 0);
      template.hasResourceProperties('AWS::ImageBuilder::LifecyclePolicy', {
        Name: 'Golden AMI cleanup',
        Description: 'Deletes old golden AMIs',
        Status: 'DISABLED',
        ResourceType: 'AMI_IMAGE',
        ExecutionRole: `arn:aws:iam::${ACCOUNT}:role/lifecycle`,
        ResourceSelection: { Recipes: [{ Name: 'golden', SemanticVersion: '1.x.x' }, { Name: 'base', SemanticVersion: 'x.x.x' }] },
        PolicyDetails: [
          { Action: { Type: 'DEPRECATE', IncludeResources: { Amis: true } }, Filter: { Type: 'AGE', Value: 30, Unit: 'DAYS', RetainAtLeast: 2 } },
          { Action: { Type: 'DISABLE', IncludeResources: { Amis: false } }, Filter: { Type: 'COUNT', Value: 10 } },
          {
            Action: { Type: 'DELETE', IncludeResources: { Amis: true, Snapshots: true } },
            Filter: { Type: 'AGE', Value: 90, Unit: 'DAYS', RetainAtLeast: 3 },
            ExclusionRules: {
              TagMap: { pinned: 'true' },
              Amis: {
                IsPublic: true,
                Regions: ['us-east-1'],
                SharedAccounts: ['111122223333'],
                LastLaunched: { Value: 30, Unit: 'DAYS' },
                TagMap: { keep: 'true' },
              },
            },
          },
        ],
        Tags: { team: 'platform' },
      });
    });
  });

  describe('rules', () => {
    test('deleteAfter deletes by age, with AMIs and snapshots', () => {
      expect(renderedDetail(LifecycleRule.deleteAfter(Duration.days(90), { retainAtLeast: 3 }))).toEqual({
        Action: { Type: 'DELETE', IncludeResources: { Amis: true, Snapshots: true } },
        Filter: { Type: 'AGE', Value: 90, Unit: 'DAYS', RetainAtLeast: 3 },
      });
    });

    test('deleteAfter renders whole weeks beyond 1000 days', () => {
      expect(renderedDetail(LifecycleRule.deleteAfter(Duration.days(1400), { retainAtLeast: 1 })).Filter)
        .toEqual({ Type: 'AGE', Value: 200, Unit: 'WEEKS', RetainAtLeast: 1 });
    });

    test('deleteAfter takes a duration in another unit that is whole days', () => {
      expect(renderedDetail(LifecycleRule.deleteAfter(Duration.hours(48), { retainAtLeast: 1 })).Filter)
        .toEqual({ Type: 'AGE', Value: 2, Unit: 'DAYS', RetainAtLeast: 1 });
    });

    test('deleteAfter can keep the AMIs, and then the snapshots', () => {
      expect(renderedDetail(LifecycleRule.deleteAfter(Duration.days(7), { includeAmis: false, retainAtLeast: 1 })).Action)
        .toEqual({ Type: 'DELETE', IncludeResources: { Amis: false, Snapshots: false } });
      expect(renderedDetail(LifecycleRule.keepLast(2, { includeSnapshots: false })).Action)
        .toEqual({ Type: 'DELETE', IncludeResources: { Amis: true, Snapshots: false } });
    });

    test('keepLast deletes beyond a count', () => {
      const rule = LifecycleRule.keepLast(5);
      expect(rule.action).toBe(LifecycleActionType.DELETE);
      expect(renderedDetail(rule)).toEqual({
        Action: { Type: 'DELETE', IncludeResources: { Amis: true, Snapshots: true } },
        Filter: { Type: 'COUNT', Value: 5 },
      });
    });

    test('keepLast deletes container images in a container policy', () => {
      expect(renderedDetail(LifecycleRule.keepLast(5), LifecyclePolicyResourceType.CONTAINER_IMAGE).Action)
        .toEqual({ Type: 'DELETE', IncludeResources: { Containers: true } });
      expect(renderedDetail(LifecycleRule.keepLast(5, { includeContainers: false }), LifecyclePolicyResourceType.CONTAINER_IMAGE).Action)
        .toEqual({ Type: 'DELETE', IncludeResources: { Containers: false } });
    });

    test('deprecateAfter and deprecateAllButLast deprecate the AMIs too', () => {
      expect(renderedDetail(LifecycleRule.deprecateAfter(Duration.days(30)))).toEqual({
        Action: { Type: 'DEPRECATE', IncludeResources: { Amis: true } },
        Filter: { Type: 'AGE', Value: 30, Unit: 'DAYS' },
      });
      expect(renderedDetail(LifecycleRule.deprecateAllButLast(3))).toEqual({
        Action: { Type: 'DEPRECATE', IncludeResources: { Amis: true } },
        Filter: { Type: 'COUNT', Value: 3 },
      });
    });

    test('disableAfter and disableAllButLast disable the AMIs too', () => {
      expect(renderedDetail(LifecycleRule.disableAfter(Duration.days(60), { retainAtLeast: 1 }))).toEqual({
        Action: { Type: 'DISABLE', IncludeResources: { Amis: true } },
        Filter: { Type: 'AGE', Value: 60, Unit: 'DAYS', RetainAtLeast: 1 },
      });
      expect(renderedDetail(LifecycleRule.disableAllButLast(4, { includeAmis: false }))).toEqual({
        Action: { Type: 'DISABLE', IncludeResources: { Amis: false } },
        Filter: { Type: 'COUNT', Value: 4 },
      });
    });

    test('exclusions render only what is given', () => {
      expect(renderedDetail(LifecycleRule.keepLast(5, { exclusions: { tags: { keep: 'true' } } })).ExclusionRules)
        .toEqual({ TagMap: { keep: 'true' } });
      expect(renderedDetail(LifecycleRule.keepLast(5, { exclusions: { amisLaunchedWithin: Duration.days(700) } })).ExclusionRules)
        .toEqual({ Amis: { LastLaunched: { Value: 100, Unit: 'WEEKS' } } });
      expect(renderedDetail(LifecycleRule.keepLast(5, { exclusions: {} })).ExclusionRules).toBeUndefined();
    });

    test('a tag selection renders a tag map', () => {
      const stack = strictStack();
      tagPolicy(stack);
      Template.fromStack(stack).hasResourceProperties('AWS::ImageBuilder::LifecyclePolicy', {
        ResourceSelection: { TagMap: { team: 'platform' }, Recipes: Match.absent() },
      });
    });
  });

  describe('execution role', () => {
    test('deleting the AMIs of recipes of the app: scoped to their images and to what Image Builder created', () => {
      const stack = strictStack();
      new LifecyclePolicy(stack, 'Policy', { selection: LifecycleSelection.recipes([imageRecipe(stack)]), rules: [LifecycleRule.keepLast(5)] });
      expect(roleStatements(stack)).toEqual([
        {
          Sid: 'DeleteImageBuilderImages',
          Effect: 'Allow',
          Action: 'imagebuilder:DeleteImage',
          Resource: {
            'Fn::Join': ['', [
              'arn:', { Ref: 'AWS::Partition' }, `:imagebuilder:us-east-1:${ACCOUNT}:image/`,
              { 'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::GetAtt': ['Recipe2A957DA4', 'Arn'] }] }] },
              '/*',
            ]],
          },
        },
        { Sid: 'DescribeAmis', Effect: 'Allow', Action: 'ec2:DescribeImages', Resource: '*' },
        { Sid: 'ReadAmiAttributes', Effect: 'Allow', Action: 'ec2:DescribeImageAttribute', Resource: PARTITION_ARN(':ec2:*::image/*'), Condition: CREATED_BY },
        { Sid: 'ChangeAmis', Effect: 'Allow', Action: 'ec2:DeregisterImage', Resource: PARTITION_ARN(':ec2:*::image/*'), Condition: CREATED_BY },
        { Sid: 'DeleteSnapshots', Effect: 'Allow', Action: 'ec2:DeleteSnapshot', Resource: PARTITION_ARN(':ec2:*::snapshot/*'), Condition: CREATED_BY },
      ]);
    });

    test('deprecating, disabling and deleting images selected by tags', () => {
      const stack = strictStack();
      tagPolicy(stack, {
        rules: [
          LifecycleRule.deprecateAfter(Duration.days(30)),
          LifecycleRule.disableAfter(Duration.days(60)),
          LifecycleRule.deleteAfter(Duration.days(90), { retainAtLeast: 1, includeSnapshots: false }),
        ],
      });
      expect(roleStatements(stack)).toEqual([
        { Sid: 'DeleteImageBuilderImages', Effect: 'Allow', Action: 'imagebuilder:DeleteImage', Resource: PARTITION_ARN(`:imagebuilder:us-east-1:${ACCOUNT}:image/*/*`) },
        { Sid: 'FindImagesByTags', Effect: 'Allow', Action: 'tag:GetResources', Resource: '*' },
        { Sid: 'DescribeAmis', Effect: 'Allow', Action: 'ec2:DescribeImages', Resource: '*' },
        { Sid: 'ReadAmiAttributes', Effect: 'Allow', Action: 'ec2:DescribeImageAttribute', Resource: PARTITION_ARN(':ec2:*::image/*'), Condition: CREATED_BY },
        {
          Sid: 'ChangeAmis',
          Effect: 'Allow',
          Action: ['ec2:EnableImageDeprecation', 'ec2:DisableImage', 'ec2:DeregisterImage'],
          Resource: PARTITION_ARN(':ec2:*::image/*'),
          Condition: CREATED_BY,
        },
        {
          Sid: 'TagDeprecatedAmis',
          Effect: 'Allow',
          Action: ['ec2:CreateTags', 'ec2:DeleteTags'],
          Resource: PARTITION_ARN(':ec2:*::image/*'),
          Condition: {
            'StringEquals': { 'aws:ResourceTag/CreatedBy': 'EC2 Image Builder', 'aws:RequestTag/DeprecatedBy': 'EC2 Image Builder' },
            'ForAllValues:StringEquals': { 'aws:TagKeys': ['DeprecatedBy'] },
          },
        },
      ]);
    });

    test('a rule that leaves the AMIs alone gets no EC2 permission', () => {
      const stack = strictStack();
      tagPolicy(stack, { rules: [LifecycleRule.keepLast(5, { includeAmis: false })] });
      expect(roleStatements(stack).map(s => s.Sid)).toEqual(['DeleteImageBuilderImages', 'FindImagesByTags']);
    });

    test('deleting container images: ECR repositories of the account tagged for Image Builder', () => {
      const stack = strictStack();
      new LifecyclePolicy(stack, 'Policy', { selection: LifecycleSelection.recipes([containerRecipe(stack)]), rules: [LifecycleRule.keepLast(5)] });
      const statements = roleStatements(stack);
      expect(statements.map(s => s.Sid)).toEqual(['DeleteImageBuilderImages', 'DeleteContainerImages']);
      expect(statements[1]).toEqual({
        Sid: 'DeleteContainerImages',
        Effect: 'Allow',
        Action: ['ecr:BatchGetImage', 'ecr:BatchDeleteImage'],
        Resource: PARTITION_ARN(`:ecr:*:${ACCOUNT}:repository/*`),
        Condition: { StringEquals: { 'ecr:ResourceTag/LifecycleExecutionAccess': 'EC2 Image Builder' } },
      });
    });

    test('deleting container images tags the target repositories of the selected recipes of the app for Image Builder', () => {
      const stack = strictStack();
      new LifecyclePolicy(stack, 'Policy', { selection: LifecycleSelection.recipes([containerRecipe(stack)]), rules: [LifecycleRule.keepLast(5)] });
      Template.fromStack(stack).hasResourceProperties('AWS::ECR::Repository', {
        Tags: [{ Key: 'LifecycleExecutionAccess', Value: 'EC2 Image Builder' }],
      });
    });

    test('a policy that keeps the container images leaves the repositories untagged', () => {
      const stack = strictStack();
      new LifecyclePolicy(stack, 'Policy', {
        selection: LifecycleSelection.recipes([containerRecipe(stack)]),
        rules: [LifecycleRule.keepLast(5, { includeContainers: false })],
      });
      Template.fromStack(stack).hasResourceProperties('AWS::ECR::Repository', { Tags: Match.absent() });
    });

    test('the policy depends on the role\'s policy, a policy of the library (not the role\'s default policy)', () => {
      const stack = strictStack();
      tagPolicy(stack);
      const policy = Object.values(Template.fromStack(stack).findResources('AWS::ImageBuilder::LifecyclePolicy'))[0] as any;
      expect(policy.DependsOn).toEqual([expect.stringMatching(/^PolicyExecutionRole[0-9A-F]{8}$/), expect.stringMatching(/^PolicyExecutionRolePolicy/)]);
    });
  });

  describe('grants', () => {
    test('grantRead and grants.actions are scoped to the policy', () => {
      const stack = strictStack();
      const policy = tagPolicy(stack);
      const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
      policy.grantRead(role);
      LifecyclePolicyGrants.fromLifecyclePolicy(policy).actions(role, 'imagebuilder:UpdateLifecyclePolicy');
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: Match.stringLikeRegexp('Reader') }],
        PolicyDocument: {
          Statement: [
            { Action: 'imagebuilder:GetLifecyclePolicy', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('Policy'), 'Arn'] } },
            { Action: 'imagebuilder:UpdateLifecyclePolicy', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('Policy'), 'Arn'] } },
          ],
        },
      });
    });
  });

  describe('warnings', () => {
    test('warns about a delete rule by age without retainAtLeast', () => {
      const stack = strictStack();
      tagPolicy(stack, { rules: [LifecycleRule.deleteAfter(Duration.days(90))] });
      Annotations.fromStack(stack).hasWarning('/Stack/Policy', Match.stringLikeRegexp('has no retainAtLeast'));
    });

    test('no warning with retainAtLeast, for a count, or for a deprecation', () => {
      const stack = strictStack();
      tagPolicy(stack, {
        rules: [LifecycleRule.deleteAfter(Duration.days(90), { retainAtLeast: 1 }), LifecycleRule.deprecateAfter(Duration.days(3))],
      });
      new LifecyclePolicy(stack, 'Count', { selection: LifecycleSelection.tags({ a: 'b' }), rules: [LifecycleRule.keepLast(1)] });
      expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
    });
  });

  describe('validation', () => {
    const param = (stack: Stack, name = 'P') => new CfnParameter(stack, name, { type: 'Number' }).valueAsNumber;

    test('reports every problem at once, with the construct path', () => {
      expectError(stack => tagPolicy(stack, { lifecyclePolicyName: 'a', description: '' }),
        /^Stack\/Policy: lifecyclePolicyName 'a' must be .*\nStack\/Policy: description '' must be between 1 and 1024 characters long \(got 0\)$/);
    });

    test('a token name, description and tags are accepted', () => {
      const stack = strictStack();
      const text = new CfnParameter(stack, 'Text').valueAsString;
      tagPolicy(stack, { lifecyclePolicyName: text, description: text, tags: { team: text } });
      Template.fromStack(stack).hasResourceProperties('AWS::ImageBuilder::LifecyclePolicy', { Name: { Ref: 'Text' } });
    });

    test('throws when the tags break the API\'s rules', () => {
      expectError(stack => tagPolicy(stack, { tags: { 'aws:team': 'a' } }), /tags key 'aws:team' must be a tag key/);
    });

    test('throws without rules, or with more than 3', () => {
      expectError(stack => tagPolicy(stack, { rules: [] }), /rules \[\] must have between 1 and 3 items \(got 0\)/);
      expectError(stack => tagPolicy(stack, { rules: [1, 2, 3, 4].map(n => LifecycleRule.keepLast(n)) }), /must have between 1 and 3 items \(got 4\)/);
    });

    test('throws when a count is out of range; a token count is accepted', () => {
      expectError(stack => tagPolicy(stack, { rules: [LifecycleRule.keepLast(0)] }), /rules\[0\]\.count 0 must be an integer between 1 and 1000/);
      expectError(stack => tagPolicy(stack, { rules: [LifecycleRule.deprecateAllButLast(1001)] }), /rules\[0\]\.count 1001 must be an integer between 1 and 1000/);
      expectError(stack => tagPolicy(stack, { rules: [LifecycleRule.keepLast(2.5)] }), /rules\[0\]\.count 2.5 must be an integer/);
      const stack = strictStack();
      tagPolicy(stack, { rules: [LifecycleRule.keepLast(param(stack))] });
      Template.fromStack(stack).hasResourceProperties('AWS::ImageBuilder::LifecyclePolicy', {
        PolicyDetails: [{ Filter: { Type: 'COUNT', Value: { Ref: 'P' } } }],
      });
    });

    test('throws when retainAtLeast is out of range; a token is accepted', () => {
      expectError(stack => tagPolicy(stack, { rules: [LifecycleRule.deleteAfter(Duration.days(9), { retainAtLeast: 0 })] }),
        /rules\[0\]\.retainAtLeast 0 must be an integer between 1 and 10/);
      expectError(stack => tagPolicy(stack, { rules: [LifecycleRule.disableAfter(Duration.days(9), { retainAtLeast: 11 })] }),
        /rules\[0\]\.retainAtLeast 11 must be an integer between 1 and 10/);
      const stack = strictStack();
      tagPolicy(stack, { rules: [LifecycleRule.deleteAfter(Duration.days(9), { retainAtLeast: param(stack) })] });
    });

    test('throws when an age is not whole days within the range, or whole weeks', () => {
      expectError(stack => tagPolicy(stack, { rules: [LifecycleRule.deleteAfter(Duration.hours(36), { retainAtLeast: 1 })] }),
        /rules\[0\]\.age '1 day 12 hours' must be a whole number of days between 1 and 1000, or of weeks up to 1000 weeks/);
      expectError(stack => tagPolicy(stack, { rules: [LifecycleRule.deleteAfter(Duration.hours(12), { retainAtLeast: 1 })] }),
        /rules\[0\]\.age '12 hours' must be a whole number of days/);
      expectError(stack => tagPolicy(stack, { rules: [LifecycleRule.deleteAfter(Duration.days(1002), { retainAtLeast: 1 })] }),
        /rules\[0\]\.age '1002 days' must be a whole number of days/);
      expectError(stack => tagPolicy(stack, { rules: [LifecycleRule.deleteAfter(Duration.days(7007), { retainAtLeast: 1 })] }),
        /rules\[0\]\.age '7007 days' must be a whole number of days/);
    });

    test('a token age is accepted in days and rejected in another unit', () => {
      const stack = strictStack();
      tagPolicy(stack, { rules: [LifecycleRule.deprecateAfter(Duration.days(param(stack)))] });
      Template.fromStack(stack).hasResourceProperties('AWS::ImageBuilder::LifecyclePolicy', {
        PolicyDetails: [{ Filter: { Type: 'AGE', Value: { Ref: 'P' }, Unit: 'DAYS' } }],
      });
      expectError(s => tagPolicy(s, { rules: [LifecycleRule.deprecateAfter(Duration.hours(param(s)))] }),
        /rules\[0\]\.age '.*' must be given in days when it is a token/);
    });

    test('throws when amisLaunchedWithin is beyond 365 days; a token in days is accepted', () => {
      expectError(stack => tagPolicy(stack, { rules: [LifecycleRule.keepLast(1, { exclusions: { amisLaunchedWithin: Duration.days(366) } })] }),
        /rules\[0\]\.exclusions\.amisLaunchedWithin '366 days' must be a whole number of days between 1 and 365/);
      const stack = strictStack();
      tagPolicy(stack, { rules: [LifecycleRule.keepLast(1, { exclusions: { amisLaunchedWithin: Duration.days(param(stack)) } })] });
    });

    test('throws when an excluded Region or account is not one', () => {
      expectError(stack => tagPolicy(stack, { rules: [LifecycleRule.keepLast(1, { exclusions: { amiRegions: ['us-east'] } })] }),
        /rules\[0\]\.exclusions\.amiRegions\[0\] 'us-east' must be an AWS Region name/);
      expectError(stack => tagPolicy(stack, { rules: [LifecycleRule.keepLast(1, { exclusions: { amiSharedAccounts: ['1234'] } })] }),
        /rules\[0\]\.exclusions\.amiSharedAccounts\[0\] '1234' must be an AWS account ID/);
      expectError(stack => tagPolicy(stack, { rules: [LifecycleRule.keepLast(1, { exclusions: { amiSharedAccounts: [] } })] }),
        /amiSharedAccounts \[\] must have between 1 and 1536 items/);
      expectError(stack => tagPolicy(stack, { rules: [LifecycleRule.keepLast(1, { exclusions: { amiTags: { 'aws:x': 'y' } } })] }),
        /rules\[0\]\.exclusions\.amiTags key 'aws:x' must be a tag key/);
    });

    test('token Regions and accounts are accepted', () => {
      const stack = strictStack();
      const text = new CfnParameter(stack, 'Text').valueAsString;
      const list = new CfnParameter(stack, 'List', { type: 'CommaDelimitedList' }).valueAsList;
      tagPolicy(stack, { rules: [LifecycleRule.keepLast(1, { exclusions: { amiRegions: [text], amiSharedAccounts: list } })] });
    });

    test('container policies take only delete rules, container resources and image tag exclusions', () => {
      const container = { resourceType: LifecyclePolicyResourceType.CONTAINER_IMAGE };
      expectError(stack => tagPolicy(stack, { ...container, rules: [LifecycleRule.deprecateAfter(Duration.days(9))] }),
        /rules\[0\]\.action 'DEPRECATE' must be DELETE for container images/);
      expectError(stack => tagPolicy(stack, { ...container, rules: [LifecycleRule.keepLast(1, { includeAmis: true, includeSnapshots: true })] }),
        /rules\[0\]\.includeAmis true must only be given for AMI images\n.*rules\[0\]\.includeSnapshots true must only be given for AMI images/);
      expectError(stack => tagPolicy(stack, { ...container, rules: [LifecycleRule.keepLast(1, { exclusions: { publicAmis: true, amiRegions: ['us-east-1'] } })] }),
        /rules\[0\]\.exclusions\.publicAmis true must only be given for AMI images.*\n.*exclusions\.amiRegions \['us-east-1'\] must only be given for AMI images/);
      const stack = strictStack();
      tagPolicy(stack, { ...container, rules: [LifecycleRule.keepLast(1, { exclusions: { tags: { keep: 'true' } } })] });
    });

    test('AMI policies take no container resources', () => {
      expectError(stack => tagPolicy(stack, { rules: [LifecycleRule.keepLast(1, { includeContainers: true })] }),
        /rules\[0\]\.includeContainers true must only be given for container images/);
    });

    test('throws when snapshots are deleted but the AMIs are kept', () => {
      expectError(stack => tagPolicy(stack, { rules: [LifecycleRule.keepLast(1, { includeAmis: false, includeSnapshots: true })] }),
        /rules\[0\]\.includeSnapshots true must not be true when includeAmis is false/);
    });

    test('throws when the resource type is not one (plain strings from other languages)', () => {
      expectError(stack => tagPolicy(stack, { resourceType: 'AMI' as LifecyclePolicyResourceType }),
        /resourceType 'AMI' must be one of AMI_IMAGE, CONTAINER_IMAGE/);
    });

    test('throws when the selection has no recipe, more than 50, or a bad name or version', () => {
      expectError(stack => tagPolicy(stack, { selection: LifecycleSelection.recipeNames([]) }), /selection\.recipes \[\] must have between 1 and 50 items/);
      const many = Array.from({ length: 51 }, (_, i) => ({ name: `recipe-${i}` }));
      expectError(stack => tagPolicy(stack, { selection: LifecycleSelection.recipeNames(many) }), /must have between 1 and 50 items \(got 51\)/);
      expectError(stack => tagPolicy(stack, { selection: LifecycleSelection.recipeNames([{ name: 'a' }]) }), /selection\.recipes\[0\]\.name 'a' must be /);
      expectError(stack => tagPolicy(stack, { selection: LifecycleSelection.recipeNames([{ name: 'abc', semanticVersion: 'x.1.x' }]) }),
        /selection\.recipes\[0\]\.semanticVersion 'x\.1\.x' must not have a number right of an x wildcard/);
      expectError(stack => tagPolicy(stack, { selection: LifecycleSelection.recipes([imageRecipe(stack)], '1.0') }),
        /selection\.recipes\[0\]\.semanticVersion '1\.0' must be a version/);
    });

    test('a token recipe name and version are accepted', () => {
      const stack = strictStack();
      const text = new CfnParameter(stack, 'Text').valueAsString;
      tagPolicy(stack, { selection: LifecycleSelection.recipeNames([{ name: text, semanticVersion: text }]) });
    });

    test('throws when the recipes are not of the resource type', () => {
      expectError(stack => tagPolicy(stack, {
        resourceType: LifecyclePolicyResourceType.CONTAINER_IMAGE,
        selection: LifecycleSelection.recipes([imageRecipe(stack)]),
      }), /selection\.recipes\[0\] .* must be a container recipe for resource type CONTAINER_IMAGE/);
      expectError(stack => tagPolicy(stack, { selection: LifecycleSelection.recipes([imageRecipe(stack), containerRecipe(stack)]) }),
        /selection\.recipes\[1\] .* must be an image recipe for resource type AMI_IMAGE/);
    });

    test('throws when the selection tags are empty or break the API\'s rules; token tags are accepted', () => {
      expectError(stack => tagPolicy(stack, { selection: LifecycleSelection.tags({}) }), /selection\.tags \{\} must have at least one entry/);
      expectError(stack => tagPolicy(stack, { selection: LifecycleSelection.tags({ 'aws:x': 'y' }) }), /selection\.tags key 'aws:x' must be a tag key/);
      const stack = strictStack();
      tagPolicy(stack, { selection: LifecycleSelection.tags(Token.asAny({ Ref: 'AWS::NoValue' }) as any) });
    });

    test('throws when the given role is not a role ARN', () => {
      expectError(stack => tagPolicy(stack, { executionRole: iam.Role.fromRoleArn(stack, 'R', 'arn:aws:iam::123:role/x', { mutable: false }) }),
        /executionRole 'arn:aws:iam::123:role\/x' must be an IAM role name or ARN/);
    });
  });
});

describe('ImagePipeline retention', () => {
  test('retention: { keepLast: 5 } keeps the last 5 images of the pipeline\'s recipe, at every version', () => {
    const stack = strictStack();
    const pipeline = new ImagePipeline(stack, 'Pipeline', { recipe: imageRecipe(stack), retention: { keepLast: 5 } });
    const policy = pipeline.node.findChild('Retention') as LifecyclePolicy;
    expect(policy).toBeInstanceOf(LifecyclePolicy);
    Template.fromStack(stack).hasResourceProperties('AWS::ImageBuilder::LifecyclePolicy', {
      Description: 'Retention of the images of Stack/Pipeline',
      ResourceType: 'AMI_IMAGE',
      ResourceSelection: { Recipes: [{ Name: { 'Fn::GetAtt': ['Recipe2A957DA4', 'Name'] }, SemanticVersion: 'x.x.x' }] },
      PolicyDetails: [{ Action: { Type: 'DELETE', IncludeResources: { Amis: true, Snapshots: true } }, Filter: { Type: 'COUNT', Value: 5 } }],
    });
  });

  test('two pipelines do not select each other\'s images', () => {
    const stack = strictStack();
    new ImagePipeline(stack, 'A', { recipe: imageRecipe(stack, 'RecipeA'), retention: { keepLast: 5 } });
    const b = new ImagePipeline(stack, 'B', { recipe: imageRecipe(stack, 'RecipeB') });
    b.addRetention({ keepLast: 2, rules: [LifecycleRule.deprecateAfter(Duration.days(30))] });
    const policies = Template.fromStack(stack).findResources('AWS::ImageBuilder::LifecyclePolicy');
    const selected = Object.values(policies).map((p: any) => [p.Properties.Description, p.Properties.ResourceSelection]);
    expect(selected).toEqual([
      ['Retention of the images of Stack/A', { Recipes: [{ Name: { 'Fn::GetAtt': [expect.stringMatching(/^RecipeA/), 'Name'] }, SemanticVersion: 'x.x.x' }] }],
      ['Retention of the images of Stack/B', { Recipes: [{ Name: { 'Fn::GetAtt': [expect.stringMatching(/^RecipeB/), 'Name'] }, SemanticVersion: 'x.x.x' }] }],
    ]);
    // Each role may delete only the images of its own recipe.
    const deleteResources = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'))
      .flatMap((p: any) => p.Properties.PolicyDocument.Statement)
      .filter((s: any) => s.Sid === 'DeleteImageBuilderImages')
      .map((s: any) => s.Resource['Fn::Join'][1][3]['Fn::Select'][1]['Fn::Split'][1]['Fn::GetAtt'][0]);
    expect(deleteResources).toEqual([expect.stringMatching(/^RecipeA/), expect.stringMatching(/^RecipeB/)]);
  });

  test('fails at synth when another pipeline builds the same recipe', () => {
    const stack = strictStack();
    const recipe = imageRecipe(stack);
    new ImagePipeline(stack, 'A', { recipe, retention: { keepLast: 5 } });
    new ImagePipeline(stack, 'B', { recipe });
    expect(() => Template.fromStack(stack)).toThrow(
      /\[Stack\/A\] retention 'Stack\/B' must not be set when another construct builds the same recipe/);
  });

  test('warns when an image built on deploy from the same recipe feeds an Auto Scaling group, naming the exclusion', () => {
    const stack = strictStack();
    const pipeline = new ImagePipeline(stack, 'Pipeline', { recipe: imageRecipe(stack), retention: { keepLast: 5 } });
    const golden = pipeline.buildOnDeploy('GoldenImage');
    const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0 });
    new autoscaling.AutoScalingGroup(stack, 'Fleet', {
      vpc,
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
      machineImage: golden.toMachineImage(),
      requireImdsv2: true,
    });
    Annotations.fromStack(stack).hasWarning('/Stack/Pipeline', Match.stringLikeRegexp(
      'retention selects the image Stack/GoldenImage, built on deploy from the same recipe, whose AMI Stack/Fleet/LaunchConfig launches: .*exclusions: \\{ amisLaunchedWithin: Duration.days\\(30\\) \\}'));
  });

  test('warns when an image is built from the same recipe; not for an image of another recipe', () => {
    const stack = strictStack();
    const recipe = imageRecipe(stack);
    new ImagePipeline(stack, 'Pipeline', { recipe, retention: { keepLast: 5 } });
    new ImagePipeline(stack, 'Other', { recipe: imageRecipe(stack, 'OtherRecipe') }).buildOnDeploy('OtherImage');
    expect(Annotations.fromStack(stack).findWarning('/Stack/Pipeline', Match.stringLikeRegexp('retention selects the image'))).toEqual([]);
    const stack2 = strictStack();
    const pipeline = new ImagePipeline(stack2, 'Pipeline', { recipe: imageRecipe(stack2), retention: { keepLast: 5 } });
    pipeline.buildOnDeploy('Image');
    Annotations.fromStack(stack2).hasWarning('/Stack/Pipeline', Match.stringLikeRegexp(
      'retention selects the image Stack/Image, built from the same recipe: the policy selects images by recipe'));
  });

  test('warns when a standalone lifecycle policy selects the same recipe; not for one of another recipe', () => {
    const stack = strictStack();
    new ImagePipeline(stack, 'Pipeline', { recipe: imageRecipe(stack), retention: { keepLast: 5 } });
    new LifecyclePolicy(stack, 'Other', { selection: LifecycleSelection.recipes([imageRecipe(stack, 'OtherRecipe')]), rules: [LifecycleRule.keepLast(3)] });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('retention selects the same recipe'))).toEqual([]);
    const stack2 = strictStack();
    const recipe2 = imageRecipe(stack2);
    new ImagePipeline(stack2, 'Pipeline', { recipe: recipe2, retention: { keepLast: 5 } });
    new LifecyclePolicy(stack2, 'OldAmis', { selection: LifecycleSelection.recipes([recipe2]), rules: [LifecycleRule.keepLast(3)] });
    Annotations.fromStack(stack2).hasWarning('/Stack/Pipeline', Match.stringLikeRegexp(
      'retention selects the same recipe as the lifecycle policy Stack/OldAmis: both act on the same images'));
  });

  test('a container pipeline deletes container images and tags its target repository for Image Builder', () => {
    const stack = strictStack();
    new ImagePipeline(stack, 'Pipeline', { recipe: containerRecipe(stack), retention: { keepLast: 3 } });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ImageBuilder::LifecyclePolicy', {
      ResourceType: 'CONTAINER_IMAGE',
      PolicyDetails: [{ Action: { Type: 'DELETE', IncludeResources: { Containers: true } }, Filter: { Type: 'COUNT', Value: 3 } }],
    });
    template.hasResourceProperties('AWS::ECR::Repository', {
      Tags: Match.arrayWith([{ Key: 'LifecycleExecutionAccess', Value: 'EC2 Image Builder' }]),
    });
  });

  test('takes a given role', () => {
    const stack = strictStack();
    const role = iam.Role.fromRoleArn(stack, 'Role', `arn:aws:iam::${ACCOUNT}:role/lifecycle`);
    new ImagePipeline(stack, 'Pipeline', { recipe: imageRecipe(stack), retention: { keepLast: 5, executionRole: role } });
    Template.fromStack(stack).hasResourceProperties('AWS::ImageBuilder::LifecyclePolicy', { ExecutionRole: role.roleArn });
  });

  test('throws without keepLast or rules', () => {
    expectError(stack => new ImagePipeline(stack, 'Pipeline', { recipe: imageRecipe(stack), retention: {} }),
      /Stack\/Pipeline: retention \{\} must give keepLast or rules/);
  });

  test('reports a bad keepLast with the policy path', () => {
    expectError(stack => new ImagePipeline(stack, 'Pipeline', { recipe: imageRecipe(stack), retention: { keepLast: 0 } }),
      /Stack\/Pipeline\/Retention: rules\[0\]\.count 0 must be an integer between 1 and 1000/);
  });

  test('a pipeline without retention has no lifecycle policy', () => {
    const stack = strictStack();
    new ImagePipeline(stack, 'Pipeline', { recipe: imageRecipe(stack) });
    Template.fromStack(stack).resourceCountIs('AWS::ImageBuilder::LifecyclePolicy', 0);
  });
});
