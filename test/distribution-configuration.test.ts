import { CfnParameter, Lazy, Stack, Tags, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { strictApp, strictStack } from './helpers';
import {
  AmiDistributionOptions,
  ContainerDistributionOptions,
  DistributionConfiguration,
  DistributionConfigurationGrants,
  DistributionConfigurationProps,
  DistributionRepository,
  IDistributionConfiguration,
} from '../src';

const TYPE = 'AWS::ImageBuilder::DistributionConfiguration';
const AMI_NAME = 'golden-{{ imagebuilder:buildDate }}';
const ORG_ARN = 'arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5';
const OU_ARN = 'arn:aws:organizations::111122223333:ou/o-a1b2c3d4e5/ou-ab12-cd34ef56';
const LICENSE_ARN = `arn:aws:license-manager:us-east-1:123456789012:license-configuration:lic-${'0'.repeat(32)}`;
const WEST_KEY_ARN = 'arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const DISTRIBUTION_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey', 'kms:CreateGrant'];
const LAUNCH_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey', 'kms:ReEncrypt*', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:CreateGrant'];

function rootPrincipal(account: string) {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${account}:root`]] };
}

function distributionsOf(stack: Stack): any[] {
  const resources = Template.fromStack(stack).findResources(TYPE);
  return Object.values(resources)[0].Properties.Distributions;
}

/** Builds a configuration with one AMI distribution made of `options`. */
function withAmi(stack: Stack, options: AmiDistributionOptions, props: DistributionConfigurationProps = {}) {
  return new DistributionConfiguration(stack, 'Dist', { ...props, amiDistributions: [options] });
}

/** Builds a configuration with one container distribution made of `options`. */
function withContainer(stack: Stack, options: ContainerDistributionOptions) {
  return new DistributionConfiguration(stack, 'Dist', { containerDistributions: [options] });
}

describe('DistributionConfiguration', () => {
  let stack: Stack;
  beforeEach(() => {
    stack = strictStack();
  });

  describe('rendering', () => {
    test('defaults: a generated name and one AMI distribution to the stack\'s Region', () => {
      const dist = new DistributionConfiguration(stack, 'Dist', { amiDistributions: [{ amiName: AMI_NAME }] });

      const template = Template.fromStack(stack);
      template.resourceCountIs(TYPE, 1);
      template.hasResourceProperties(TYPE, Match.objectEquals({
        Name: 'stack-dist-094ec9ba',
        Distributions: [{ Region: 'us-east-1', AmiDistributionConfiguration: { Name: AMI_NAME } }],
      }));
      expect(stack.resolve(dist.distributionConfigurationArn)).toEqual({ 'Fn::GetAtt': ['DistB3B78991', 'Arn'] });
      expect(stack.resolve(dist.distributionConfigurationName)).toEqual({ 'Fn::GetAtt': ['DistB3B78991', 'Name'] });
    });

    test('empty tag maps are not rendered', () => {
      withAmi(stack, { amiName: AMI_NAME, amiTags: {} }, { tags: {} });
      Template.fromStack(stack).hasResourceProperties(TYPE, Match.objectEquals({
        Name: 'stack-dist-094ec9ba',
        Distributions: [{ Region: 'us-east-1', AmiDistributionConfiguration: { Name: AMI_NAME } }],
      }));
    });

    test('the generated name is lowercase, valid and at most 128 characters', () => {
      new DistributionConfiguration(stack, `My_Distribution.Config${'X'.repeat(200)}`, { amiDistributions: [{ amiName: AMI_NAME }] });
      const name: string = Object.values(Template.fromStack(stack).findResources(TYPE))[0].Properties.Name;
      expect(name).toMatch(/^[a-z0-9-_]+$/);
      expect(name.length).toBeLessThanOrEqual(128);
      expect(name.length).toBeGreaterThanOrEqual(3);
    });

    test('in an environment-agnostic stack, the default Region is AWS::Region', () => {
      const agnostic = new Stack(strictApp(), 'Agnostic');
      new DistributionConfiguration(agnostic, 'Dist', {
        amiDistributions: [{ amiName: AMI_NAME }],
        containerDistributions: [{ targetRepository: DistributionRepository.fromRepositoryName('app') }],
      });
      expect(distributionsOf(agnostic)).toEqual([{
        Region: { Ref: 'AWS::Region' },
        AmiDistributionConfiguration: { Name: AMI_NAME },
        ContainerDistributionConfiguration: { TargetRepository: { Service: 'ECR', RepositoryName: 'app' } },
      }]);
    });

    test('with all parameters', () => {
      const key = new kms.Key(stack, 'Key');
      const template = new ec2.LaunchTemplate(stack, 'Template', { instanceType: new ec2.InstanceType('t3.micro') });
      const fastTemplate = ec2.LaunchTemplate.fromLaunchTemplateAttributes(stack, 'FastTemplate', {
        launchTemplateId: 'lt-0123456789abcdef0',
        versionNumber: '3',
      });
      const repository = new ecr.Repository(stack, 'Repo');

      new DistributionConfiguration(stack, 'Dist', {
        distributionConfigurationName: 'Golden Images',
        description: 'Golden AMIs and images',
        tags: { team: 'platform' },
        amiDistributions: [{
          region: 'us-east-1',
          amiName: 'golden {{imagebuilder:buildVersion}} {{imagebuilder:buildDate}}',
          amiDescription: 'The golden AMI',
          amiTags: { os: 'al2023' },
          kmsKey: key,
          targetAccountIds: ['111111111111', '222222222222'],
          launchPermission: {
            userIds: ['333333333333'],
            userGroups: ['all'],
            organizationArns: [ORG_ARN],
            organizationalUnitArns: [OU_ARN],
          },
          licenseConfigurationArns: [LICENSE_ARN],
          launchTemplates: [{ launchTemplate: template, accountId: '111111111111', setDefaultVersion: false }],
          fastLaunchConfigurations: [{
            enabled: true,
            launchTemplate: fastTemplate,
            maxParallelLaunches: 10,
            targetResourceCount: 5,
            accountId: '111111111111',
          }],
          ssmParameters: [{ parameterName: '/golden/ami', amiAccountId: '111111111111', dataType: ssm.ParameterDataType.TEXT }],
        }],
        containerDistributions: [{
          region: 'us-east-1',
          targetRepository: DistributionRepository.fromRepository(repository),
          containerTags: ['latest', '1.0'],
          containerDescription: 'The golden image',
        }],
      });

      Template.fromStack(stack).hasResourceProperties(TYPE, Match.objectEquals({
        Name: 'Golden Images',
        Description: 'Golden AMIs and images',
        Tags: { team: 'platform' },
        Distributions: [{
          Region: 'us-east-1',
          AmiDistributionConfiguration: {
            Name: 'golden {{imagebuilder:buildVersion}} {{imagebuilder:buildDate}}',
            Description: 'The golden AMI',
            AmiTags: { os: 'al2023' },
            KmsKeyId: { 'Fn::GetAtt': ['Key961B73FD', 'Arn'] },
            TargetAccountIds: ['111111111111', '222222222222'],
            LaunchPermissionConfiguration: {
              UserIds: ['333333333333'],
              UserGroups: ['all'],
              OrganizationArns: [ORG_ARN],
              OrganizationalUnitArns: [OU_ARN],
            },
          },
          ContainerDistributionConfiguration: {
            TargetRepository: { Service: 'ECR', RepositoryName: { Ref: 'Repo02AC86CF' } },
            ContainerTags: ['latest', '1.0'],
            Description: 'The golden image',
          },
          LicenseConfigurationArns: [LICENSE_ARN],
          LaunchTemplateConfigurations: [{
            LaunchTemplateId: { Ref: 'Template576A9730' },
            AccountId: '111111111111',
            SetDefaultVersion: false,
          }],
          FastLaunchConfigurations: [{
            Enabled: true,
            LaunchTemplate: { LaunchTemplateId: 'lt-0123456789abcdef0', LaunchTemplateVersion: '3' },
            MaxParallelLaunches: 10,
            SnapshotConfiguration: { TargetResourceCount: 5 },
            AccountId: '111111111111',
          }],
          SsmParameterConfigurations: [{ ParameterName: '/golden/ami', AmiAccountId: '111111111111', DataType: 'text' }],
        }],
      }));
    });

    test('multi-Region AMI plus container distributions, in the order their Regions were added', () => {
      const dist = new DistributionConfiguration(stack, 'Dist', {
        amiDistributions: [
          { amiName: AMI_NAME },
          { region: 'us-west-2', amiName: AMI_NAME, kmsKey: kms.Key.fromKeyArn(stack, 'WestKey', WEST_KEY_ARN) },
        ],
      });
      dist.addContainerDistribution({ region: 'eu-west-1', targetRepository: DistributionRepository.fromRepositoryName('app') });
      dist.addAmiDistribution({ region: 'cn-north-1', amiName: AMI_NAME });
      dist.addAmiDistribution({ region: 'us-gov-west-1', amiName: AMI_NAME });

      expect(distributionsOf(stack)).toEqual([
        { Region: 'us-east-1', AmiDistributionConfiguration: { Name: AMI_NAME } },
        { Region: 'us-west-2', AmiDistributionConfiguration: { Name: AMI_NAME, KmsKeyId: WEST_KEY_ARN } },
        { Region: 'eu-west-1', ContainerDistributionConfiguration: { TargetRepository: { Service: 'ECR', RepositoryName: 'app' } } },
        { Region: 'cn-north-1', AmiDistributionConfiguration: { Name: AMI_NAME } },
        { Region: 'us-gov-west-1', AmiDistributionConfiguration: { Name: AMI_NAME } },
      ]);
    });

    test('merges one Region\'s AMI and container settings into one distribution, whichever comes first', () => {
      const dist = new DistributionConfiguration(stack, 'Dist', {
        containerDistributions: [{ region: 'eu-west-1', targetRepository: DistributionRepository.fromRepositoryName('app') }],
      });
      dist.addAmiDistribution({ region: 'eu-west-1', amiName: AMI_NAME, ssmParameters: [{ parameterName: 'golden' }] });
      dist.addAmiDistribution({ amiName: AMI_NAME });
      dist.addContainerDistribution({ targetRepository: DistributionRepository.fromRepositoryName('app'), containerTags: ['latest'] });

      expect(distributionsOf(stack)).toEqual([
        {
          Region: 'eu-west-1',
          AmiDistributionConfiguration: { Name: AMI_NAME },
          ContainerDistributionConfiguration: { TargetRepository: { Service: 'ECR', RepositoryName: 'app' } },
          SsmParameterConfigurations: [{ ParameterName: 'golden', DataType: 'aws:ec2:image' }],
        },
        {
          Region: 'us-east-1',
          AmiDistributionConfiguration: { Name: AMI_NAME },
          ContainerDistributionConfiguration: {
            TargetRepository: { Service: 'ECR', RepositoryName: 'app' },
            ContainerTags: ['latest'],
          },
        },
      ]);
    });

    test('fast launch: enabled by default, launch template by name when its ID is not known', () => {
      const byName = ec2.LaunchTemplate.fromLaunchTemplateAttributes(stack, 'ByName', { launchTemplateName: 'windows-fast' });
      withAmi(stack, { fastLaunchConfigurations: [{ launchTemplate: byName }, { enabled: false }] });
      expect(distributionsOf(stack)[0].FastLaunchConfigurations).toEqual([
        { Enabled: true, LaunchTemplate: { LaunchTemplateName: 'windows-fast', LaunchTemplateVersion: '$Default' } },
        { Enabled: false },
      ]);
    });

    test('an AMI distribution may consist of SSM parameters, launch templates or licenses only', () => {
      withAmi(stack, { licenseConfigurationArns: [LICENSE_ARN] });
      expect(distributionsOf(stack)).toEqual([{ Region: 'us-east-1', LicenseConfigurationArns: [LICENSE_ARN] }]);
    });

    test('empty lists of container tags, user groups and SSM parameters are left out', () => {
      withAmi(stack, { amiName: AMI_NAME, launchPermission: { userGroups: [] }, ssmParameters: [] });
      new DistributionConfiguration(stack, 'Other', {
        containerDistributions: [{ targetRepository: DistributionRepository.fromRepositoryName('app'), containerTags: [] }],
      });
      const resources = Object.values(Template.fromStack(stack).findResources(TYPE)).map((r: any) => r.Properties.Distributions);
      expect(resources).toEqual([
        [{ Region: 'us-east-1', AmiDistributionConfiguration: { Name: AMI_NAME } }],
        [{ Region: 'us-east-1', ContainerDistributionConfiguration: { TargetRepository: { Service: 'ECR', RepositoryName: 'app' } } }],
      ]);
    });

    test('tags: given ones and Tags.of() reach the resource', () => {
      const dist = withAmi(stack, { amiName: AMI_NAME }, { tags: { team: 'platform' } });
      Tags.of(dist).add('cost-center', '42');
      Template.fromStack(stack).hasResourceProperties(TYPE, {
        Tags: { 'team': 'platform', 'cost-center': '42' },
      });
    });

    test('making an AMI public adds a warning', () => {
      withAmi(stack, { amiName: AMI_NAME, launchPermission: { userGroups: ['all'] } });
      Annotations.fromStack(stack).hasWarning('/Stack/Dist', Match.stringLikeRegexp('is public .*every AWS account can launch it'));
    });

    test('a private AMI adds no warning', () => {
      withAmi(stack, { amiName: AMI_NAME, launchPermission: { userIds: ['111111111111'] } });
      expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
    });

    test('snapshot', () => {
      const key = new kms.Key(stack, 'Key');
      const dist = new DistributionConfiguration(stack, 'Dist', {
        distributionConfigurationName: 'golden',
        description: 'Golden AMIs',
        amiDistributions: [{
          amiName: AMI_NAME,
          kmsKey: key,
          targetAccountIds: ['111111111111'],
          launchPermission: { organizationArns: [ORG_ARN] },
          ssmParameters: [{ parameterName: '/golden/ami', amiAccountId: '111111111111' }],
        }],
      });
      dist.addContainerDistribution({ region: 'eu-west-1', targetRepository: DistributionRepository.fromRepositoryName('app') });
      dist.grantKeyUsage();
      expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
    });
  });

  describe('grants', () => {
    test('grantRead and grants.actions are scoped to the configuration', () => {
      const dist = withAmi(stack, { amiName: AMI_NAME });
      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      dist.grantRead(role);
      dist.grants.actions(role, 'imagebuilder:UpdateDistributionConfiguration');

      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', Match.objectEquals({
        PolicyName: Match.anyValue(),
        Roles: [{ Ref: 'Role1ABCC5F0' }],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Action: 'imagebuilder:GetDistributionConfiguration', Effect: 'Allow', Resource: { 'Fn::GetAtt': ['DistB3B78991', 'Arn'] } },
            { Action: 'imagebuilder:UpdateDistributionConfiguration', Effect: 'Allow', Resource: { 'Fn::GetAtt': ['DistB3B78991', 'Arn'] } },
          ],
        },
      }));
    });

    test('grantKeyUsage allows target accounts to distribute and launch permission principals to launch', () => {
      const key = new kms.Key(stack, 'Key');
      const dist = withAmi(stack, {
        amiName: AMI_NAME,
        kmsKey: key,
        targetAccountIds: ['111111111111', '222222222222'],
        launchPermission: { userIds: ['333333333333'], organizationArns: [ORG_ARN], organizationalUnitArns: [OU_ARN] },
      });
      const grants = dist.grantKeyUsage();
      expect(grants).toHaveLength(4);

      const policy = Template.fromStack(stack).findResources('AWS::KMS::Key').Key961B73FD.Properties.KeyPolicy;
      expect(policy.Statement.slice(1)).toEqual([
        {
          Action: DISTRIBUTION_ACTIONS,
          Effect: 'Allow',
          Principal: { AWS: [rootPrincipal('111111111111'), rootPrincipal('222222222222')] },
          Resource: '*',
        },
        { Action: LAUNCH_ACTIONS, Effect: 'Allow', Principal: { AWS: rootPrincipal('333333333333') }, Resource: '*' },
        {
          Action: LAUNCH_ACTIONS,
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Resource: '*',
        },
        {
          Action: LAUNCH_ACTIONS,
          Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/*/ou-ab12-cd34ef56/*' } },
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Resource: '*',
        },
      ]);
    });

    test('grantKeyUsage also covers AMI distributions added after the call', () => {
      const key = new kms.Key(stack, 'Key');
      const dist = new DistributionConfiguration(stack, 'Dist');
      expect(dist.grantKeyUsage()).toEqual([]);
      dist.addAmiDistribution({ amiName: AMI_NAME, kmsKey: key, targetAccountIds: ['111111111111'] });

      const policy = Template.fromStack(stack).findResources('AWS::KMS::Key').Key961B73FD.Properties.KeyPolicy;
      expect(policy.Statement.slice(1)).toEqual([
        { Action: DISTRIBUTION_ACTIONS, Effect: 'Allow', Principal: { AWS: rootPrincipal('111111111111') }, Resource: '*' },
      ]);
    });

    test('grantKeyUsage resolves organization ARNs given as tokens at deployment', () => {
      const key = new kms.Key(stack, 'Key');
      const orgArn = new CfnParameter(stack, 'OrgArn').valueAsString;
      const dist = withAmi(stack, { amiName: AMI_NAME, kmsKey: key, launchPermission: { organizationArns: [orgArn] } });
      dist.grantKeyUsage();
      const policy = Template.fromStack(stack).findResources('AWS::KMS::Key').Key961B73FD.Properties.KeyPolicy;
      expect(policy.Statement[1].Condition).toEqual({
        StringEquals: { 'aws:PrincipalOrgID': { 'Fn::Select': [1, { 'Fn::Split': ['/', { Ref: 'OrgArn' }] }] } },
      });
    });

    test('grantKeyUsage warns about keys it can\'t change, and grants nothing for them', () => {
      const dist = withAmi(stack, {
        region: 'us-west-2',
        amiName: AMI_NAME,
        kmsKey: kms.Key.fromKeyArn(stack, 'WestKey', WEST_KEY_ARN),
        targetAccountIds: ['111111111111'],
      });
      expect(dist.grantKeyUsage()).toEqual([]);
      Annotations.fromStack(stack).hasWarning('/Stack/Dist',
        Match.stringLikeRegexp('us-west-2 \\(Stack/WestKey\\) is not defined in this app.*allow target accounts 111111111111: kms:'));
    });

    test('the warning about a key it can\'t change names only the lists that apply (no empty lists)', () => {
      const dist = withAmi(stack, {
        region: 'us-west-2',
        amiName: AMI_NAME,
        kmsKey: kms.Key.fromKeyArn(stack, 'WestKey', WEST_KEY_ARN),
        launchPermission: { userIds: ['222222222222'] },
      });
      dist.grantKeyUsage();
      const [warning] = Annotations.fromStack(stack).findWarning('/Stack/Dist', Match.anyValue());
      const text = JSON.stringify(warning.entry.data);
      expect(text).toMatch(/In its key policy, allow launch permission accounts 222222222222: kms:[^;]*\.( \[ack: [^\]]*\])?"$/);
      expect(text).not.toMatch(/\[\]|target accounts|organizations|organizational units/);
    });

    test('warns when a key of an environment-agnostic stack is used for a distribution to a named Region', () => {
      const agnostic = new Stack(strictApp(), 'Agnostic');
      new DistributionConfiguration(agnostic, 'Dist', {
        amiDistributions: [
          { amiName: AMI_NAME, kmsKey: new kms.Key(agnostic, 'HomeKey') },
          { region: 'eu-west-1', amiName: AMI_NAME, kmsKey: new kms.Key(agnostic, 'Key') },
        ],
      });
      const warnings = Annotations.fromStack(agnostic).findWarning('/Agnostic/Dist', Match.stringLikeRegexp('Region is not known at synth'));
      expect(warnings).toHaveLength(1);
      expect(JSON.stringify(warnings[0].entry.data)).toMatch(
        /amiDistributions\[1\]\.kmsKey \(Agnostic\/Key\) is a KMS key of this stack, whose Region is not known at synth \(no env\), but the distribution is to 'eu-west-1'/);
    });

    test('grantKeyUsage warns when the accounts are a token list, and grants nothing', () => {
      const key = new kms.Key(stack, 'Key');
      const accounts = new CfnParameter(stack, 'Accounts', { type: 'List<String>' }).valueAsList;
      const dist = withAmi(stack, { amiName: AMI_NAME, kmsKey: key, targetAccountIds: accounts });
      expect(dist.grantKeyUsage()).toEqual([]);
      Annotations.fromStack(stack).hasWarning('/Stack/Dist', Match.stringLikeRegexp('target accounts \\(known at deployment\\): kms:'));
      const policy = Template.fromStack(stack).findResources('AWS::KMS::Key').Key961B73FD.Properties.KeyPolicy;
      expect(policy.Statement).toHaveLength(1);
    });

    test('grantKeyUsage does nothing for distributions without a key or without accounts', () => {
      const key = new kms.Key(stack, 'Key');
      const dist = withAmi(stack, { amiName: AMI_NAME, kmsKey: key });
      dist.addAmiDistribution({ region: 'us-west-2', amiName: AMI_NAME, targetAccountIds: ['111111111111'] });
      expect(dist.grantKeyUsage()).toEqual([]);
      const policy = Template.fromStack(stack).findResources('AWS::KMS::Key').Key961B73FD.Properties.KeyPolicy;
      expect(policy.Statement).toHaveLength(1);
    });
  });

  describe('imports', () => {
    test('by ARN', () => {
      const arn = 'arn:aws:imagebuilder:us-west-2:111122223333:distribution-configuration/golden';
      const dist = DistributionConfiguration.fromDistributionConfigurationArn(stack, 'Imported', arn);
      expect(dist.distributionConfigurationArn).toEqual(arn);
      expect(dist.distributionConfigurationName).toEqual('golden');
      expect(dist.env).toEqual({ account: '111122223333', region: 'us-west-2' });
    });

    test('by ARN: an invalid ARN is rejected', () => {
      expect(() => DistributionConfiguration.fromDistributionConfigurationArn(stack, 'Imported',
        'arn:aws:imagebuilder:us-west-2:111122223333:image-pipeline/golden'))
        .toThrow(/^Stack\/Imported: distributionConfigurationArn 'arn:aws:imagebuilder:us-west-2:111122223333:image-pipeline\/golden' must be a distribution configuration ARN, for example/);
    });

    test('by ARN: a token ARN is accepted, its name taken apart at deployment', () => {
      const arn = new CfnParameter(stack, 'Arn').valueAsString;
      const dist = DistributionConfiguration.fromDistributionConfigurationArn(stack, 'Imported', arn);
      expect(stack.resolve(dist.distributionConfigurationName)).toEqual({
        'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', { Ref: 'Arn' }] }] }] }],
      });
    });

    test('by name, in the stack\'s account and Region; its grants are scoped to it', () => {
      const dist = DistributionConfiguration.fromDistributionConfigurationName(stack, 'Imported', 'golden-images');
      expect(stack.resolve(dist.distributionConfigurationArn)).toEqual({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':imagebuilder:us-east-1:123456789012:distribution-configuration/golden-images']],
      });
      expect(dist.distributionConfigurationName).toEqual('golden-images');

      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      DistributionConfigurationGrants.fromDistributionConfiguration(dist).read(role);
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: [{
            Action: 'imagebuilder:GetDistributionConfiguration',
            Effect: 'Allow',
            Resource: {
              'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':imagebuilder:us-east-1:123456789012:distribution-configuration/golden-images']],
            },
          }],
        },
      });
    });

    test('grantRead and grant on a configuration imported as the interface', () => {
      const dist: IDistributionConfiguration = DistributionConfiguration.fromDistributionConfigurationArn(stack, 'Imported',
        'arn:aws:imagebuilder:us-west-2:111122223333:distribution-configuration/golden');
      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      dist.grantRead(role);
      dist.grant(role, 'imagebuilder:DeleteDistributionConfiguration');
      const resource = 'arn:aws:imagebuilder:us-west-2:111122223333:distribution-configuration/golden';
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: Match.objectEquals({
          Version: '2012-10-17',
          Statement: [
            { Action: 'imagebuilder:GetDistributionConfiguration', Effect: 'Allow', Resource: resource },
            { Action: 'imagebuilder:DeleteDistributionConfiguration', Effect: 'Allow', Resource: resource },
          ],
        }),
      });
    });

    test('by name: a name that is not the ARN\'s lowercase form is rejected', () => {
      expect(() => DistributionConfiguration.fromDistributionConfigurationName(stack, 'Imported', 'Golden Images'))
        .toThrow(/^Stack\/Imported: distributionConfigurationName 'Golden Images' must be .*\^\[a-z0-9-_\]\+\$\)$/);
    });

    test('by name: a name shorter than 3 characters is rejected', () => {
      expect(() => DistributionConfiguration.fromDistributionConfigurationName(stack, 'Imported', 'ab'))
        .toThrow(/^Stack\/Imported: distributionConfigurationName 'ab' must be between 3 and 128 characters long \(got 2\)$/);
    });

    test('by name: a token name is accepted', () => {
      const name = new CfnParameter(stack, 'Name').valueAsString;
      const dist = DistributionConfiguration.fromDistributionConfigurationName(stack, 'Imported', name);
      expect(stack.resolve(dist.distributionConfigurationName)).toEqual({ Ref: 'Name' });
    });
  });

  describe('validation', () => {
    test('throws when distributionConfigurationName does not match the API\'s pattern', () => {
      expect(() => withAmi(stack, { amiName: AMI_NAME }, { distributionConfigurationName: 'golden!' }))
        .toThrow(/^Stack\/Dist: distributionConfigurationName 'golden!' must be .*/);
    });

    test('throws when description is empty', () => {
      expect(() => withAmi(stack, { amiName: AMI_NAME }, { description: '' }))
        .toThrow(/^Stack\/Dist: description '' must be between 1 and 1024 characters long \(got 0\)$/);
    });

    test('throws when a tag key starts with aws:', () => {
      expect(() => withAmi(stack, { amiName: AMI_NAME }, { tags: { 'aws:team': 'x' } }))
        .toThrow(/^Stack\/Dist: tags key 'aws:team' must be .*/);
    });

    test('throws when a Region is not a Region name', () => {
      expect(() => withAmi(stack, { region: 'US East 1', amiName: AMI_NAME }))
        .toThrow(/^Stack\/Dist: amiDistributions\[0\]\.region 'US East 1' must be .*\^\[a-z\]\{2,\}/);
    });

    test('throws when two AMI distributions have the same Region', () => {
      const dist = withAmi(stack, { region: 'us-west-2', amiName: AMI_NAME });
      expect(() => dist.addAmiDistribution({ region: 'us-west-2', amiName: AMI_NAME }))
        .toThrow(/^Stack\/Dist: region 'us-west-2' must not repeat the Region of an earlier AMI distribution/);
    });

    test('throws when an AMI distribution to the stack\'s Region is added twice', () => {
      expect(() => new DistributionConfiguration(stack, 'Dist', { amiDistributions: [{ amiName: AMI_NAME }, { amiName: AMI_NAME }] }))
        .toThrow(/^Stack\/Dist: amiDistributions\[1\]\.region 'us-east-1' must not repeat the Region of an earlier AMI distribution/);
    });

    test('throws when two container distributions have the same Region', () => {
      const repo = DistributionRepository.fromRepositoryName('app');
      const dist = withContainer(stack, { region: 'eu-west-1', targetRepository: repo });
      expect(() => dist.addContainerDistribution({ region: 'eu-west-1', targetRepository: repo }))
        .toThrow(/^Stack\/Dist: region 'eu-west-1' must not repeat the Region of an earlier container distribution/);
    });

    test('a failed add registers nothing', () => {
      const dist = new DistributionConfiguration(stack, 'Dist');
      expect(() => dist.addAmiDistribution({ region: 'us-west-2', amiName: 'bad' })).toThrow();
      dist.addAmiDistribution({ region: 'us-west-2', amiName: AMI_NAME });
      expect(distributionsOf(stack)).toEqual([{ Region: 'us-west-2', AmiDistributionConfiguration: { Name: AMI_NAME } }]);
    });

    test('throws when amiName does not match the API\'s pattern', () => {
      expect(() => withAmi(stack, { amiName: 'golden/{{ imagebuilder:buildDate }}' }))
        .toThrow(/^Stack\/Dist: amiDistributions\[0\]\.amiName 'golden\/\{\{ imagebuilder:buildDate \}\}' must be .*/);
    });

    test('throws when amiName is longer than 127 characters', () => {
      const name = `${'a'.repeat(99)}-{{ imagebuilder:buildDate }}`;
      expect(() => withAmi(stack, { amiName: name }))
        .toThrow(/amiDistributions\[0\]\.amiName '.* must be between 1 and 127 characters long \(got 128\)$/);
    });

    test('throws when amiName lacks {{ imagebuilder:buildDate }}', () => {
      expect(() => withAmi(stack, { amiName: 'golden-{{ imagebuilder:buildVersion }}' }))
        .toThrow(/^Stack\/Dist: amiDistributions\[0\]\.amiName 'golden-\{\{ imagebuilder:buildVersion \}\}' must include the placeholder '\{\{ imagebuilder:buildDate \}\}'/);
    });

    test('accepts {{ imagebuilder:buildDate }} with or without spaces', () => {
      const dist = withAmi(stack, { amiName: 'a-{{imagebuilder:buildDate}}' });
      dist.addAmiDistribution({ region: 'us-west-2', amiName: '{{  imagebuilder:buildDate  }}' });
      expect(distributionsOf(stack).map(d => d.AmiDistributionConfiguration.Name))
        .toEqual(['a-{{imagebuilder:buildDate}}', '{{  imagebuilder:buildDate  }}']);
    });

    test('throws when amiDescription is too long', () => {
      expect(() => withAmi(stack, { amiName: AMI_NAME, amiDescription: 'd'.repeat(1025) }))
        .toThrow(/amiDistributions\[0\]\.amiDescription '.* must be between 1 and 1024 characters long \(got 1025\)$/);
    });

    test('throws when amiTags have more than 50 entries', () => {
      const amiTags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
      expect(() => withAmi(stack, { amiName: AMI_NAME, amiTags }))
        .toThrow(/^Stack\/Dist: amiDistributions\[0\]\.amiTags .* must have at most 50 entries \(got 51\)$/);
    });

    test('throws when kmsKey is in another Region than the distribution', () => {
      const key = new kms.Key(stack, 'Key');
      expect(() => withAmi(stack, { region: 'us-west-2', amiName: AMI_NAME, kmsKey: key }))
        .toThrow(/^Stack\/Dist: amiDistributions\[0\]\.kmsKey 'Stack\/Key' must be a KMS key in the distribution's Region 'us-west-2' \(it is in 'us-east-1'\)/);
    });

    test('throws when targetAccountIds is empty', () => {
      expect(() => withAmi(stack, { amiName: AMI_NAME, targetAccountIds: [] }))
        .toThrow(/^Stack\/Dist: amiDistributions\[0\]\.targetAccountIds \[\] must have between 1 and 1536 items \(got 0\)$/);
    });

    test('throws when a target account ID is not 12 digits', () => {
      expect(() => withAmi(stack, { amiName: AMI_NAME, targetAccountIds: ['12345'] }))
        .toThrow(/^Stack\/Dist: amiDistributions\[0\]\.targetAccountIds\[0\] '12345' must be .*\^\[0-9\]\{12\}\$\)$/);
    });

    test('throws when launch permission userIds has more than 1536 items', () => {
      const userIds = Array.from({ length: 1537 }, () => '111111111111');
      expect(() => withAmi(stack, { amiName: AMI_NAME, launchPermission: { userIds } }))
        .toThrow(/amiDistributions\[0\]\.launchPermission\.userIds .* must have between 1 and 1536 items \(got 1537\)$/);
    });

    test('throws when a launch permission user ID is not 12 digits', () => {
      expect(() => withAmi(stack, { amiName: AMI_NAME, launchPermission: { userIds: ['abc'] } }))
        .toThrow(/^Stack\/Dist: amiDistributions\[0\]\.launchPermission\.userIds\[0\] 'abc' must be /);
    });

    test('throws when a user group is not all', () => {
      expect(() => withAmi(stack, { amiName: AMI_NAME, launchPermission: { userGroups: ['everyone'] } }))
        .toThrow(/^Stack\/Dist: amiDistributions\[0\]\.launchPermission\.userGroups\[0\] 'everyone' must be one of all$/);
    });

    test('throws when an organization ARN is invalid', () => {
      expect(() => withAmi(stack, { amiName: AMI_NAME, launchPermission: { organizationArns: ['o-a1b2c3d4e5'] } }))
        .toThrow(/^Stack\/Dist: amiDistributions\[0\]\.launchPermission\.organizationArns\[0\] 'o-a1b2c3d4e5' must be .*\^arn:aws/);
    });

    test('throws when there are more than 25 organization ARNs', () => {
      expect(() => withAmi(stack, { amiName: AMI_NAME, launchPermission: { organizationArns: Array(26).fill(ORG_ARN) } }))
        .toThrow(/launchPermission\.organizationArns .* must have between 1 and 25 items \(got 26\)$/);
    });

    test('throws when an organizational unit ARN is invalid', () => {
      expect(() => withAmi(stack, { amiName: AMI_NAME, launchPermission: { organizationalUnitArns: [ORG_ARN] } }))
        .toThrow(/^Stack\/Dist: amiDistributions\[0\]\.launchPermission\.organizationalUnitArns\[0\] '.*' must be .*\^arn:aws/);
    });

    test('throws when there are more than 25 organizational unit ARNs', () => {
      expect(() => withAmi(stack, { amiName: AMI_NAME, launchPermission: { organizationalUnitArns: Array(26).fill(OU_ARN) } }))
        .toThrow(/launchPermission\.organizationalUnitArns .* must have between 1 and 25 items \(got 26\)$/);
    });

    test('throws when a license configuration ARN is invalid', () => {
      expect(() => withAmi(stack, { amiName: AMI_NAME, licenseConfigurationArns: ['lic-123'] }))
        .toThrow(/^Stack\/Dist: amiDistributions\[0\]\.licenseConfigurationArns\[0\] 'lic-123' must be .*\^arn:aws/);
    });

    test('throws when there are more than 50 license configuration ARNs', () => {
      expect(() => withAmi(stack, { amiName: AMI_NAME, licenseConfigurationArns: Array(51).fill(LICENSE_ARN) }))
        .toThrow(/amiDistributions\[0\]\.licenseConfigurationArns .* must have between 1 and 50 items \(got 51\)$/);
    });

    test('throws when there are more than 100 launch template configurations', () => {
      const launchTemplate = ec2.LaunchTemplate.fromLaunchTemplateAttributes(stack, 'T', { launchTemplateId: 'lt-0123456789abcdef0' });
      expect(() => withAmi(stack, { launchTemplates: Array(101).fill({ launchTemplate }) }))
        .toThrow(/amiDistributions\[0\]\.launchTemplates .* must have between 1 and 100 items \(got 101\)$/);
    });

    test('throws when a launch template\'s ID is not known', () => {
      const launchTemplate = ec2.LaunchTemplate.fromLaunchTemplateAttributes(stack, 'T', { launchTemplateName: 'web' });
      expect(() => withAmi(stack, { launchTemplates: [{ launchTemplate }] }))
        .toThrow(/^Stack\/Dist: amiDistributions\[0\]\.launchTemplates\[0\]\.launchTemplate 'Stack\/T' must have a launch template ID/);
    });

    test('throws when a launch template ID does not match the API\'s pattern', () => {
      const launchTemplate = ec2.LaunchTemplate.fromLaunchTemplateAttributes(stack, 'T', { launchTemplateId: 'lt-123' });
      expect(() => withAmi(stack, { launchTemplates: [{ launchTemplate }] }))
        .toThrow(/^Stack\/Dist: amiDistributions\[0\]\.launchTemplates\[0\]\.launchTemplate\.launchTemplateId 'lt-123' must be /);
    });

    test('throws when a launch template configuration\'s account ID is not 12 digits', () => {
      const launchTemplate = ec2.LaunchTemplate.fromLaunchTemplateAttributes(stack, 'T', { launchTemplateId: 'lt-0123456789abcdef0' });
      expect(() => withAmi(stack, { launchTemplates: [{ launchTemplate, accountId: 'me' }] }))
        .toThrow(/^Stack\/Dist: amiDistributions\[0\]\.launchTemplates\[0\]\.accountId 'me' must be /);
    });

    test('throws when a launch template is in another Region than the distribution', () => {
      const launchTemplate = new ec2.LaunchTemplate(stack, 'T');
      expect(() => withAmi(stack, { region: 'eu-west-1', launchTemplates: [{ launchTemplate }] }))
        .toThrow(/^Stack\/Dist: amiDistributions\[0\]\.launchTemplates\[0\]\.launchTemplate 'Stack\/T' must be a launch template in the distribution's Region 'eu-west-1'/);
    });

    test('throws when there are more than 1000 fast launch configurations', () => {
      expect(() => withAmi(stack, { fastLaunchConfigurations: Array(1001).fill({}) }))
        .toThrow(/amiDistributions\[0\]\.fastLaunchConfigurations .* must have between 1 and 1000 items \(got 1001\)$/);
    });

    test('throws when maxParallelLaunches is below 6', () => {
      expect(() => withAmi(stack, { fastLaunchConfigurations: [{ maxParallelLaunches: 5 }] }))
        .toThrow(/^Stack\/Dist: amiDistributions\[0\]\.fastLaunchConfigurations\[0\]\.maxParallelLaunches 5 must be an integer between 6 and 2147483647$/);
    });

    test('throws when targetResourceCount is out of range', () => {
      expect(() => withAmi(stack, { fastLaunchConfigurations: [{ targetResourceCount: 10001 }] }))
        .toThrow(/^Stack\/Dist: amiDistributions\[0\]\.fastLaunchConfigurations\[0\]\.targetResourceCount 10001 must be an integer between 1 and 10000$/);
    });

    test('throws when a fast launch account ID is not 12 digits', () => {
      expect(() => withAmi(stack, { fastLaunchConfigurations: [{ accountId: '1' }] }))
        .toThrow(/^Stack\/Dist: amiDistributions\[0\]\.fastLaunchConfigurations\[0\]\.accountId '1' must be /);
    });

    test('throws when a fast launch template is in another Region than the distribution', () => {
      const launchTemplate = new ec2.LaunchTemplate(stack, 'T');
      expect(() => withAmi(stack, { region: 'eu-west-1', fastLaunchConfigurations: [{ launchTemplate }] }))
        .toThrow(/^Stack\/Dist: amiDistributions\[0\]\.fastLaunchConfigurations\[0\]\.launchTemplate 'Stack\/T' must be a launch template in the distribution's Region 'eu-west-1'/);
    });

    test('throws when a fast launch template ID does not match the API\'s pattern', () => {
      const launchTemplate = ec2.LaunchTemplate.fromLaunchTemplateAttributes(stack, 'T', { launchTemplateId: 'lt-1' });
      expect(() => withAmi(stack, { fastLaunchConfigurations: [{ launchTemplate }] }))
        .toThrow(/^Stack\/Dist: amiDistributions\[0\]\.fastLaunchConfigurations\[0\]\.launchTemplate\.launchTemplateId 'lt-1' must be /);
    });

    test('throws when a fast launch template version is empty', () => {
      const launchTemplate = ec2.LaunchTemplate.fromLaunchTemplateAttributes(stack, 'T', { launchTemplateName: 'web', versionNumber: '' });
      expect(() => withAmi(stack, { fastLaunchConfigurations: [{ launchTemplate }] }))
        .toThrow(/^Stack\/Dist: amiDistributions\[0\]\.fastLaunchConfigurations\[0\]\.launchTemplate\.versionNumber '' must be between 1 and 1024 characters long \(got 0\)$/);
    });

    test('throws when an SSM parameter name has characters the API rejects', () => {
      expect(() => withAmi(stack, { ssmParameters: [{ parameterName: 'golden ami' }] }))
        .toThrow(/^Stack\/Dist: amiDistributions\[0\]\.ssmParameters\[0\]\.parameterName 'golden ami' must be /);
    });

    test('throws when an SSM parameter name is longer than 1011 characters', () => {
      expect(() => withAmi(stack, { ssmParameters: [{ parameterName: 'p'.repeat(1012) }] }))
        .toThrow(/ssmParameters\[0\]\.parameterName '.* must be between 1 and 1011 characters long \(got 1012\)$/);
    });

    test('throws when an SSM parameter\'s amiAccountId is not 12 digits', () => {
      expect(() => withAmi(stack, { targetAccountIds: ['111111111111'], ssmParameters: [{ parameterName: 'p', amiAccountId: '1111' }] }))
        .toThrow(/^Stack\/Dist: amiDistributions\[0\]\.ssmParameters\[0\]\.amiAccountId '1111' must be /);
    });

    test('throws when an SSM parameter\'s amiAccountId is not a target account', () => {
      expect(() => withAmi(stack, { targetAccountIds: ['111111111111'], ssmParameters: [{ parameterName: 'p', amiAccountId: '222222222222' }] }))
        .toThrow(/^Stack\/Dist: amiDistributions\[0\]\.ssmParameters\[0\]\.amiAccountId '222222222222' must be one of the distribution's targetAccountIds \(111111111111\)$/);
    });

    test('throws when an SSM parameter\'s amiAccountId is another account and there are no target accounts', () => {
      expect(() => withAmi(stack, { ssmParameters: [{ parameterName: 'p', amiAccountId: '222222222222' }] }))
        .toThrow(/amiAccountId '222222222222' must be one of the distribution's targetAccountIds \(none are given, so the AMI stays in this account '123456789012'\)$/);
    });

    test('accepts the stack\'s own account as amiAccountId when there are no target accounts', () => {
      withAmi(stack, { ssmParameters: [{ parameterName: 'p', amiAccountId: '123456789012' }] });
      expect(distributionsOf(stack)[0].SsmParameterConfigurations).toEqual([
        { ParameterName: 'p', AmiAccountId: '123456789012', DataType: 'aws:ec2:image' },
      ]);
    });

    test('throws when an SSM parameter\'s data type is unknown', () => {
      expect(() => withAmi(stack, { ssmParameters: [{ parameterName: 'p', dataType: 'String' as ssm.ParameterDataType }] }))
        .toThrow(/^Stack\/Dist: amiDistributions\[0\]\.ssmParameters\[0\]\.dataType 'String' must be one of text, aws:ec2:image$/);
    });

    test('throws when an AMI distribution has no settings', () => {
      expect(() => withAmi(stack, { region: 'us-west-2' }))
        .toThrow(/^Stack\/Dist: amiDistributions\[0\]\.region 'us-west-2' must come with at least one AMI setting/);
    });

    test('addAmiDistribution takes its options: without settings it throws', () => {
      const dist = new DistributionConfiguration(stack, 'Dist');
      // @ts-expect-error - the options are required: a call without them could never succeed
      expect(() => dist.addAmiDistribution()).toThrow();
      expect(() => dist.addAmiDistribution({}))
        .toThrow(/^Stack\/Dist: region 'us-east-1' must come with at least one AMI setting/);
    });

    test('throws when the target repository name is not an ECR repository name', () => {
      expect(() => withContainer(stack, { targetRepository: DistributionRepository.fromRepositoryName('My_Repo') }))
        .toThrow(/^Stack\/Dist: containerDistributions\[0\]\.targetRepository 'My_Repo' must be /);
    });

    test('throws when the target repository name is too short', () => {
      expect(() => withContainer(stack, { targetRepository: DistributionRepository.fromRepositoryName('a') }))
        .toThrow(/^Stack\/Dist: containerDistributions\[0\]\.targetRepository 'a' must be between 2 and 256 characters long \(got 1\)$/);
    });

    test('throws when the target repository is in another Region than the distribution', () => {
      const repo = new ecr.Repository(stack, 'Repo');
      expect(() => withContainer(stack, { region: 'eu-west-1', targetRepository: DistributionRepository.fromRepository(repo) }))
        .toThrow(/^Stack\/Dist: containerDistributions\[0\]\.targetRepository 'Stack\/Repo' must be an ECR repository in the distribution's Region 'eu-west-1' \(it is in 'us-east-1'\)/);
    });

    test('throws when the target repository is in another account', () => {
      const repo = ecr.Repository.fromRepositoryArn(stack, 'Repo', 'arn:aws:ecr:us-east-1:999999999999:repository/app');
      expect(() => withContainer(stack, { targetRepository: DistributionRepository.fromRepository(repo) }))
        .toThrow(/^Stack\/Dist: containerDistributions\[0\]\.targetRepository 'Stack\/Repo' must be a repository of this account '123456789012' \(it is in '999999999999'\)/);
    });

    test('throws when a container tag is empty', () => {
      expect(() => withContainer(stack, { targetRepository: DistributionRepository.fromRepositoryName('app'), containerTags: [''] }))
        .toThrow(/^Stack\/Dist: containerDistributions\[0\]\.containerTags\[0\] '' must be between 1 and 1024 characters long \(got 0\)$/);
    });

    test('throws when containerDescription is empty', () => {
      expect(() => withContainer(stack, { targetRepository: DistributionRepository.fromRepositoryName('app'), containerDescription: '' }))
        .toThrow(/^Stack\/Dist: containerDistributions\[0\]\.containerDescription '' must be between 1 and 1024 characters long \(got 0\)$/);
    });

    test('fails synthesis when no distribution was added', () => {
      new DistributionConfiguration(stack, 'Dist');
      expect(() => Template.fromStack(stack))
        .toThrow(/\[Stack\/Dist\] distributions \[\] must have at least 1 item: give amiDistributions or containerDistributions/);
    });

    test('reports every problem of the constructor at once', () => {
      let message = '';
      try {
        new DistributionConfiguration(stack, 'Dist', {
          distributionConfigurationName: 'bad!',
          amiDistributions: [{ amiName: 'bad/', targetAccountIds: ['1'] }],
          containerDistributions: [{ region: 'nowhere', targetRepository: DistributionRepository.fromRepositoryName('Ab') }],
        });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message.split('\n')).toEqual([
        expect.stringMatching(/^Stack\/Dist: distributionConfigurationName 'bad!' must be /),
        expect.stringMatching(/^Stack\/Dist: amiDistributions\[0\]\.amiName 'bad\/' must be /),
        expect.stringMatching(/^Stack\/Dist: amiDistributions\[0\]\.targetAccountIds\[0\] '1' must be /),
        expect.stringMatching(/^Stack\/Dist: containerDistributions\[0\]\.region 'nowhere' must be /),
        expect.stringMatching(/^Stack\/Dist: containerDistributions\[0\]\.targetRepository 'Ab' must be /),
      ]);
    });

    test('accepts tokens everywhere', () => {
      const param = (id: string) => new CfnParameter(stack, id).valueAsString;
      const launchTemplate = ec2.LaunchTemplate.fromLaunchTemplateAttributes(stack, 'T', { launchTemplateId: param('TemplateId') });
      new DistributionConfiguration(stack, 'Dist', {
        distributionConfigurationName: param('Name'),
        description: Lazy.string({ produce: () => 'Made later' }),
        amiDistributions: [{
          region: param('Region'),
          amiName: param('AmiName'),
          amiDescription: param('AmiDescription'),
          kmsKey: kms.Key.fromKeyArn(stack, 'Key', param('KeyArn')),
          targetAccountIds: new CfnParameter(stack, 'Accounts', { type: 'List<String>' }).valueAsList,
          launchPermission: { userIds: [param('UserId')], organizationArns: [param('Org')], organizationalUnitArns: [param('Ou')] },
          licenseConfigurationArns: [param('License')],
          launchTemplates: [{ launchTemplate, accountId: param('TemplateAccount') }],
          fastLaunchConfigurations: [{
            maxParallelLaunches: Token.asNumber(param('Parallel')),
            targetResourceCount: Token.asNumber(param('Count')),
          }],
          ssmParameters: [{ parameterName: param('Parameter'), amiAccountId: param('ParameterAccount') }],
        }],
        containerDistributions: [{
          region: 'eu-west-1',
          targetRepository: DistributionRepository.fromRepositoryName(param('Repository')),
          containerTags: [param('Tag')],
          containerDescription: param('ContainerDescription'),
        }],
      });
      const template = Template.fromStack(stack);
      template.hasResourceProperties(TYPE, { Name: { Ref: 'Name' } });
      expect(distributionsOf(stack)[0].Region).toEqual({ Ref: 'Region' });
    });
  });
});
