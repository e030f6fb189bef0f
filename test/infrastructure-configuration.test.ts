import { CfnCondition, CfnParameter, Duration, Fn, Lazy, Stack, Tags, Token } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { strictStack } from './helpers';
import { HttpTokens, InfrastructureConfiguration, Tenancy } from '../src';

const TYPE = 'AWS::ImageBuilder::InfrastructureConfiguration';

function managedPolicyArn(name: string) {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::aws:policy/${name}`]] };
}

describe('InfrastructureConfiguration', () => {
  let stack: Stack;
  beforeEach(() => {
    stack = strictStack();
  });

  test('defaults: a role, an instance profile, IMDSv2 required and a generated name', () => {
    const infra = new InfrastructureConfiguration(stack, 'Infra');

    const template = Template.fromStack(stack);
    template.resourceCountIs(TYPE, 1);
    template.hasResourceProperties(TYPE, Match.objectEquals({
      Name: 'stack-infra-3b171ccd',
      InstanceProfileName: { Ref: 'InfraInstanceProfile4718807A' },
      InstanceMetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 2 },
    }));
    template.hasResourceProperties('AWS::IAM::Role', Match.objectEquals({
      AssumeRolePolicyDocument: {
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' } }],
        Version: '2012-10-17',
      },
      Description: 'Role of the EC2 Image Builder build and test instances',
      ManagedPolicyArns: [
        managedPolicyArn('AmazonSSMManagedInstanceCore'),
        managedPolicyArn('EC2InstanceProfileForImageBuilder'),
      ],
    }));
    template.hasResourceProperties('AWS::IAM::InstanceProfile', Match.objectEquals({
      Roles: [{ Ref: 'InfraInstanceRoleC315BB0B' }],
    }));
    expect(infra.role).toBeDefined();
    expect(infra.instanceProfile).toBeDefined();
    expect(stack.resolve(infra.infrastructureConfigurationArn)).toEqual({ 'Fn::GetAtt': ['InfraB47B425B', 'Arn'] });
    expect(stack.resolve(infra.infrastructureConfigurationName)).toEqual({ 'Fn::GetAtt': ['InfraB47B425B', 'Name'] });
  });

  test('the generated name is lowercase and valid', () => {
    new InfrastructureConfiguration(stack, 'My_Infra.Config');
    const props = Template.fromStack(stack).findResources(TYPE);
    const name: string = Object.values(props)[0].Properties.Name;
    expect(name).toMatch(/^[a-z0-9-_]+$/);
    expect(name.length).toBeGreaterThanOrEqual(3);
  });

  test('with all parameters', () => {
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }] });
    const securityGroup = new ec2.SecurityGroup(stack, 'SecurityGroup', { vpc });
    const keyPair = ec2.KeyPair.fromKeyPairName(stack, 'KeyPair', 'my-key');
    const topic = new sns.Topic(stack, 'Topic');
    const bucket = new s3.Bucket(stack, 'Logs');

    new InfrastructureConfiguration(stack, 'Infra', {
      infrastructureConfigurationName: 'My Infrastructure',
      description: 'Builds on large instances',
      instanceTypes: [ec2.InstanceType.of(ec2.InstanceClass.M7I, ec2.InstanceSize.LARGE), new ec2.InstanceType('c7i.large')],
      subnet: vpc.publicSubnets[0],
      securityGroups: [securityGroup],
      keyPair,
      terminateInstanceOnFailure: false,
      httpTokens: HttpTokens.OPTIONAL,
      httpPutResponseHopLimit: 3,
      notificationTopic: topic,
      s3Logs: { bucket, keyPrefix: 'imagebuilder/' },
      resourceTags: { team: 'images' },
      placement: { availabilityZone: 'us-east-1a', tenancy: Tenancy.DEDICATED },
      tags: { project: 'golden' },
    });

    Template.fromStack(stack).hasResourceProperties(TYPE, Match.objectEquals({
      Name: 'My Infrastructure',
      Description: 'Builds on large instances',
      InstanceProfileName: { Ref: 'InfraInstanceProfile4718807A' },
      InstanceTypes: ['m7i.large', 'c7i.large'],
      SubnetId: { Ref: 'VpcPublicSubnet1Subnet5C2D37C4' },
      SecurityGroupIds: [{ 'Fn::GetAtt': ['SecurityGroupDD263621', 'GroupId'] }],
      KeyPair: 'my-key',
      TerminateInstanceOnFailure: false,
      InstanceMetadataOptions: { HttpTokens: 'optional', HttpPutResponseHopLimit: 3 },
      SnsTopicArn: { Ref: 'TopicBFC7AF6E' },
      Logging: { S3Logs: { S3BucketName: { Ref: 'Logs6819BB44' }, S3KeyPrefix: 'imagebuilder/' } },
      ResourceTags: { team: 'images' },
      Placement: { AvailabilityZone: 'us-east-1a', Tenancy: 'dedicated' },
      Tags: { project: 'golden' },
    }));
  });

  test('placement on a host', () => {
    new InfrastructureConfiguration(stack, 'Infra', {
      placement: { tenancy: Tenancy.HOST, hostId: 'h-0123456789abcdef0' },
    });
    Template.fromStack(stack).hasResourceProperties(TYPE, {
      Placement: Match.objectEquals({ Tenancy: 'host', HostId: 'h-0123456789abcdef0' }),
    });
  });

  test('an empty placement is not rendered', () => {
    new InfrastructureConfiguration(stack, 'Infra', { placement: {} });
    Template.fromStack(stack).hasResourceProperties(TYPE, { Placement: Match.absent() });
  });

  test('empty tag maps are not rendered; a token map is passed as it is', () => {
    new InfrastructureConfiguration(stack, 'Infra', { tags: {}, resourceTags: {} });
    const tokenTags = Lazy.any({ produce: () => ({ team: 'images' }) }) as unknown as { [key: string]: string };
    new InfrastructureConfiguration(stack, 'Other', { resourceTags: tokenTags });
    const template = Template.fromStack(stack);
    template.hasResourceProperties(TYPE, { Name: 'stack-infra-3b171ccd', Tags: Match.absent(), ResourceTags: Match.absent() });
    template.hasResourceProperties(TYPE, { ResourceTags: { team: 'images' } });
  });

  test('with a role: an instance profile is created for it, no role is created', () => {
    const role = iam.Role.fromRoleName(stack, 'Role', 'my-builder-role');
    const infra = new InfrastructureConfiguration(stack, 'Infra', { role });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Role', 0);
    template.hasResourceProperties('AWS::IAM::InstanceProfile', { Roles: ['my-builder-role'] });
    expect(infra.role).toBe(role);
  });

  test('with an instance profile: nothing is created, its role is exposed', () => {
    const role = iam.Role.fromRoleName(stack, 'Role', 'my-builder-role');
    const instanceProfile = iam.InstanceProfile.fromInstanceProfileAttributes(stack, 'Profile', {
      instanceProfileArn: 'arn:aws:iam::123456789012:instance-profile/my-profile',
      role,
    });
    const infra = new InfrastructureConfiguration(stack, 'Infra', { instanceProfile });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Role', 0);
    template.resourceCountIs('AWS::IAM::InstanceProfile', 0);
    template.hasResourceProperties(TYPE, { InstanceProfileName: 'my-profile' });
    expect(infra.role).toBe(role);
    expect(infra.instanceProfile).toBe(instanceProfile);
  });

  test('an instance profile imported by name has no known role', () => {
    const instanceProfile = iam.InstanceProfile.fromInstanceProfileName(stack, 'Profile', 'my-profile');
    const infra = new InfrastructureConfiguration(stack, 'Infra', { instanceProfile });
    expect(infra.role).toBeUndefined();
  });

  test('S3 logs: the instance role may write under the key prefix only', () => {
    const bucket = new s3.Bucket(stack, 'Logs');
    new InfrastructureConfiguration(stack, 'Infra', { s3Logs: { bucket, keyPrefix: 'imagebuilder/logs' } });

    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: 'InfraInstanceRoleC315BB0B' }],
      PolicyDocument: Match.objectEquals({
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Action: 's3:PutObject',
          Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Logs6819BB44', 'Arn'] }, '/imagebuilder/logs*']] },
        }],
      }),
    });
  });

  test('S3 logs without a key prefix: the whole bucket, no bucket name prefix', () => {
    const bucket = new s3.Bucket(stack, 'Logs');
    new InfrastructureConfiguration(stack, 'Infra', { s3Logs: { bucket } });

    const template = Template.fromStack(stack);
    template.hasResourceProperties(TYPE, { Logging: Match.objectEquals({ S3Logs: { S3BucketName: { Ref: 'Logs6819BB44' } } }) });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [Match.objectLike({ Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Logs6819BB44', 'Arn'] }, '/*']] } })],
      },
    });
  });

  test('S3 logs in a bucket encrypted with a KMS key: the two key actions an SSE-KMS upload needs, on the key', () => {
    const key = new kms.Key(stack, 'Key');
    const bucket = new s3.Bucket(stack, 'Logs', { encryption: s3.BucketEncryption.KMS, encryptionKey: key });
    new InfrastructureConfiguration(stack, 'Infra', { s3Logs: { bucket, keyPrefix: 'logs/' } });

    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{
          Effect: 'Allow',
          Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
          Resource: { 'Fn::GetAtt': ['Key961B73FD', 'Arn'] },
        }]),
      },
    });
  });

  test('the permissions the configuration gives are in its own policy, attached to a given role too', () => {
    const role = iam.Role.fromRoleArn(stack, 'Role', 'arn:aws:iam::123456789012:role/my-builder-role');
    const infra = new InfrastructureConfiguration(stack, 'Infra', { role, s3Logs: { bucket: s3.Bucket.fromBucketName(stack, 'Logs', 'logs') } });
    infra.grantContainerPush(ecr.Repository.fromRepositoryName(stack, 'Repo', 'app'));

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Policy', 1);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^InfraInstancePolicy'),
      Roles: ['my-builder-role'],
    });
  });

  test('grantContainerPull grants pull on the repository to the instance role', () => {
    const repository = new ecr.Repository(stack, 'Repo');
    const infra = new InfrastructureConfiguration(stack, 'Infra');
    infra.grantContainerPull(repository);

    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: 'InfraInstanceRoleC315BB0B' }],
      PolicyDocument: Match.objectEquals({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
            Resource: { 'Fn::GetAtt': ['Repo02AC86CF', 'Arn'] },
          },
          { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
        ],
      }),
    });
  });

  test('throws when grantContainerPull has no role to grant to', () => {
    const repository = new ecr.Repository(stack, 'Repo');
    const instanceProfile = iam.InstanceProfile.fromInstanceProfileName(stack, 'Profile', 'my-profile');
    const infra = new InfrastructureConfiguration(stack, 'Infra', { instanceProfile });
    expect(() => infra.grantContainerPull(repository)).toThrow(/Stack\/Infra: instanceProfile 'my-profile' must have a known role to grant it pull access/);
  });

  test('grantContainerPush grants push and pull on the repository to the instance role', () => {
    const repository = new ecr.Repository(stack, 'Repo');
    const infra = new InfrastructureConfiguration(stack, 'Infra');
    infra.grantContainerPush(repository);

    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: 'InfraInstanceRoleC315BB0B' }],
      PolicyDocument: Match.objectEquals({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: [
              'ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage',
              'ecr:CompleteLayerUpload', 'ecr:UploadLayerPart', 'ecr:InitiateLayerUpload', 'ecr:PutImage',
            ],
            Resource: { 'Fn::GetAtt': ['Repo02AC86CF', 'Arn'] },
          },
          { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
        ],
      }),
    });
  });

  test('throws when grantContainerPush has no role to grant to', () => {
    const repository = new ecr.Repository(stack, 'Repo');
    const instanceProfile = iam.InstanceProfile.fromInstanceProfileName(stack, 'Profile', 'my-profile');
    const infra = new InfrastructureConfiguration(stack, 'Infra', { instanceProfile });
    expect(() => infra.grantContainerPush(repository)).toThrow(/Stack\/Infra: instanceProfile 'my-profile' must have a known role/);
  });

  test('Tags.of reaches the resource', () => {
    const infra = new InfrastructureConfiguration(stack, 'Infra', { tags: { a: '1' } });
    Tags.of(infra).add('b', '2');
    Template.fromStack(stack).hasResourceProperties(TYPE, { Tags: { a: '1', b: '2' } });
  });

  test('tokens are accepted', () => {
    const hopLimit = new CfnParameter(stack, 'HopLimit', { type: 'Number' });
    const name = new CfnParameter(stack, 'Name');
    new InfrastructureConfiguration(stack, 'Infra', {
      infrastructureConfigurationName: name.valueAsString,
      description: Lazy.string({ produce: () => 'x' }),
      httpTokens: new CfnParameter(stack, 'HttpTokens').valueAsString as HttpTokens,
      httpPutResponseHopLimit: hopLimit.valueAsNumber,
      notificationTopic: sns.Topic.fromTopicArn(stack, 'Topic', new CfnParameter(stack, 'TopicArn').valueAsString),
      resourceTags: { team: Lazy.string({ produce: () => 'images' }) },
      placement: { tenancy: new CfnParameter(stack, 'Tenancy').valueAsString as Tenancy, hostId: 'h-0123456789abcdef0' },
    });
    Template.fromStack(stack).hasResourceProperties(TYPE, {
      Name: { Ref: 'Name' },
      InstanceMetadataOptions: { HttpTokens: { Ref: 'HttpTokens' }, HttpPutResponseHopLimit: { Ref: 'HopLimit' } },
      SnsTopicArn: { Ref: 'TopicArn' },
      Placement: { Tenancy: { Ref: 'Tenancy' }, HostId: 'h-0123456789abcdef0' },
    });
  });

  describe('imports', () => {
    test('by ARN', () => {
      const infra = InfrastructureConfiguration.fromInfrastructureConfigurationArn(stack, 'Imported',
        'arn:aws:imagebuilder:us-west-2:111122223333:infrastructure-configuration/my-config');
      expect(infra.infrastructureConfigurationArn).toEqual('arn:aws:imagebuilder:us-west-2:111122223333:infrastructure-configuration/my-config');
      expect(infra.infrastructureConfigurationName).toEqual('my-config');
      expect(infra.env.account).toEqual('111122223333');
      expect(infra.env.region).toEqual('us-west-2');
    });

    test('by a token ARN', () => {
      const arn = new CfnParameter(stack, 'Arn').valueAsString;
      const infra = InfrastructureConfiguration.fromInfrastructureConfigurationArn(stack, 'Imported', arn);
      expect(stack.resolve(infra.infrastructureConfigurationArn)).toEqual({ Ref: 'Arn' });
      expect(stack.resolve(infra.infrastructureConfigurationName)).toEqual({
        'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', { Ref: 'Arn' }] }] }] }],
      });
    });

    test('throws when the ARN is not an infrastructure configuration ARN', () => {
      expect(() => InfrastructureConfiguration.fromInfrastructureConfigurationArn(stack, 'Imported',
        'arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/my-config'))
        .toThrow(/^Stack\/Imported: infrastructureConfigurationArn 'arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline\/my-config' must be an infrastructure configuration ARN, for example/);
    });

    test('by name', () => {
      const infra = InfrastructureConfiguration.fromInfrastructureConfigurationName(stack, 'Imported', 'my-config');
      expect(stack.resolve(infra.infrastructureConfigurationArn)).toEqual({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':imagebuilder:us-east-1:123456789012:infrastructure-configuration/my-config']],
      });
      expect(infra.infrastructureConfigurationName).toEqual('my-config');
    });

    test('throws when the name is not a lowercase ARN name', () => {
      expect(() => InfrastructureConfiguration.fromInfrastructureConfigurationName(stack, 'Imported', 'My Config'))
        .toThrow(/^Stack\/Imported: infrastructureConfigurationName 'My Config' must be .*\^\[a-z0-9-_\]\+\$/);
    });

    test('throws when the name is shorter than 3 characters', () => {
      expect(() => InfrastructureConfiguration.fromInfrastructureConfigurationName(stack, 'Imported', 'ab'))
        .toThrow(/^Stack\/Imported: infrastructureConfigurationName 'ab' must be between 3 and 128 characters long \(got 2\)$/);
    });

    test('by a token name', () => {
      const name = new CfnParameter(stack, 'Name').valueAsString;
      const infra = InfrastructureConfiguration.fromInfrastructureConfigurationName(stack, 'Imported', name);
      expect(stack.resolve(infra.infrastructureConfigurationName)).toEqual({ Ref: 'Name' });
      expect(stack.resolve(infra.infrastructureConfigurationArn)).toEqual({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':imagebuilder:us-east-1:123456789012:infrastructure-configuration/', { Ref: 'Name' }]],
      });
    });
  });

  describe('validation', () => {
    test('throws when the name is invalid', () => {
      expect(() => new InfrastructureConfiguration(stack, 'Infra', { infrastructureConfigurationName: 'a!' }))
        .toThrow(/Stack\/Infra: infrastructureConfigurationName 'a!' must be /);
    });

    test('throws when the description is empty', () => {
      expect(() => new InfrastructureConfiguration(stack, 'Infra', { description: '' }))
        .toThrow(/Stack\/Infra: description '' must be between 1 and 1024 characters long \(got 0\)/);
    });

    test('throws when the hop limit is out of range', () => {
      expect(() => new InfrastructureConfiguration(stack, 'Infra', { httpPutResponseHopLimit: 65 }))
        .toThrow(/Stack\/Infra: httpPutResponseHopLimit 65 must be an integer between 1 and 64/);
    });

    test('throws when httpTokens is not required or optional', () => {
      expect(() => new InfrastructureConfiguration(stack, 'Infra', { httpTokens: 'always' as HttpTokens }))
        .toThrow(/^Stack\/Infra: httpTokens 'always' must be one of required, optional$/);
    });

    test('throws when the hop limit is below 1', () => {
      expect(() => new InfrastructureConfiguration(stack, 'Infra', { httpPutResponseHopLimit: 0 }))
        .toThrow(/^Stack\/Infra: httpPutResponseHopLimit 0 must be an integer between 1 and 64$/);
    });

    test('the hop limit bounds 1 and 64 are accepted', () => {
      new InfrastructureConfiguration(stack, 'Low', { httpPutResponseHopLimit: 1 });
      new InfrastructureConfiguration(stack, 'High', { httpPutResponseHopLimit: 64 });
      const limits = Object.values(Template.fromStack(stack).findResources(TYPE))
        .map((r: any) => r.Properties.InstanceMetadataOptions.HttpPutResponseHopLimit);
      expect(limits).toEqual([1, 64]);
    });

    test('throws when the hop limit is not an integer', () => {
      expect(() => new InfrastructureConfiguration(stack, 'Infra', { httpPutResponseHopLimit: 1.5 }))
        .toThrow(/Stack\/Infra: httpPutResponseHopLimit 1.5 must be an integer between 1 and 64/);
    });

    test('throws when both role and instanceProfile are given', () => {
      const role = iam.Role.fromRoleName(stack, 'Role', 'r');
      const instanceProfile = iam.InstanceProfile.fromInstanceProfileName(stack, 'Profile', 'p');
      expect(() => new InfrastructureConfiguration(stack, 'Infra', { role, instanceProfile }))
        .toThrow(/Stack\/Infra: role 'Stack\/Role' must not be given together with instanceProfile/);
    });

    test('throws when a subnet is given without security groups', () => {
      const subnet = ec2.Subnet.fromSubnetId(stack, 'Subnet', 'subnet-12345678');
      expect(() => new InfrastructureConfiguration(stack, 'Infra', { subnet }))
        .toThrow(/Stack\/Infra: securityGroups \[\] must have at least 1 item when subnet is given/);
      expect(() => new InfrastructureConfiguration(stack, 'Infra2', { subnet, securityGroups: [] }))
        .toThrow(/Stack\/Infra2: securityGroups \[\] must have at least 1 item when subnet is given/);
    });

    test('throws when the topic ARN is not an SNS topic ARN', () => {
      const topic = sns.Topic.fromTopicArn(stack, 'Topic', 'arn:aws:sns:us-east-1:123456789012:bad.name');
      expect(() => new InfrastructureConfiguration(stack, 'Infra', { notificationTopic: topic }))
        .toThrow(/Stack\/Infra: notificationTopic 'arn:aws:sns:us-east-1:123456789012:bad.name' must be /);
    });

    test('throws when the topic is a FIFO topic', () => {
      const topic = new sns.Topic(stack, 'Topic', { fifo: true, topicName: 'builds' });
      expect(() => new InfrastructureConfiguration(stack, 'Infra', { notificationTopic: topic }))
        .toThrow(/Stack\/Infra: notificationTopic .* must be a standard topic/);
    });

    test('throws when the S3 key prefix is empty', () => {
      const bucket = s3.Bucket.fromBucketName(stack, 'Bucket', 'logs');
      expect(() => new InfrastructureConfiguration(stack, 'Infra', { s3Logs: { bucket, keyPrefix: '' } }))
        .toThrow(/Stack\/Infra: s3Logs.keyPrefix '' must be between 1 and 1024 characters long/);
    });

    test('throws when there are more than 30 resource tags', () => {
      const resourceTags: Record<string, string> = {};
      for (let i = 0; i < 31; i++) resourceTags[`k${i}`] = 'v';
      expect(() => new InfrastructureConfiguration(stack, 'Infra', { resourceTags }))
        .toThrow(/Stack\/Infra: resourceTags .* must have at most 30 entries \(got 31\)/);
    });

    test('accepts the resource tag keys Name, Tags, CreatedBy and Ec2ImageBuilderArn (the API reserves none of them)', () => {
      new InfrastructureConfiguration(stack, 'Infra', { resourceTags: { Name: 'builder', Tags: 'a', CreatedBy: 'me', Ec2ImageBuilderArn: 'x' } });
      Template.fromStack(stack).hasResourceProperties('AWS::ImageBuilder::InfrastructureConfiguration', {
        ResourceTags: { Name: 'builder', Tags: 'a', CreatedBy: 'me', Ec2ImageBuilderArn: 'x' },
      });
    });

    test('throws when a resource tag key starts with aws:', () => {
      expect(() => new InfrastructureConfiguration(stack, 'Infra', { resourceTags: { 'aws:x': 'y' } }))
        .toThrow(/Stack\/Infra: resourceTags key 'aws:x' must be /);
    });

    test('throws when a tag value is too long', () => {
      expect(() => new InfrastructureConfiguration(stack, 'Infra', { tags: { k: 'v'.repeat(257) } }))
        .toThrow(/Stack\/Infra: tags\['k'\] .* must be at most 256 characters long \(got 257\)/);
    });

    test('throws when both hostId and hostResourceGroupArn are given', () => {
      expect(() => new InfrastructureConfiguration(stack, 'Infra', {
        placement: { tenancy: Tenancy.HOST, hostId: 'h-0123456789abcdef0', hostResourceGroupArn: 'arn:aws:resource-groups:us-east-1:123456789012:group/hosts' },
      })).toThrow(/Stack\/Infra: placement.hostId 'h-0123456789abcdef0' must not be given together with placement.hostResourceGroupArn/);
    });

    test('throws when a host is given without host tenancy', () => {
      expect(() => new InfrastructureConfiguration(stack, 'Infra', { placement: { hostId: 'h-0123456789abcdef0' } }))
        .toThrow(/Stack\/Infra: placement.tenancy undefined must be host when placement.hostId or placement.hostResourceGroupArn is given/);
      expect(() => new InfrastructureConfiguration(stack, 'Infra2', { placement: { tenancy: Tenancy.DEDICATED, hostResourceGroupArn: 'arn:x' } }))
        .toThrow(/Stack\/Infra2: placement.tenancy 'dedicated' must be host/);
    });

    test('throws when the tenancy is not a tenancy', () => {
      expect(() => new InfrastructureConfiguration(stack, 'Infra', { placement: { tenancy: 'shared' as Tenancy } }))
        .toThrow(/^Stack\/Infra: placement.tenancy 'shared' must be one of default, dedicated, host$/);
    });

    test('throws when a placement string is empty', () => {
      expect(() => new InfrastructureConfiguration(stack, 'Infra', { placement: { availabilityZone: '' } }))
        .toThrow(/Stack\/Infra: placement.availabilityZone '' must be between 1 and 1024 characters long/);
    });

    test('reports every problem at once', () => {
      expect(() => new InfrastructureConfiguration(stack, 'Infra', { description: '', httpPutResponseHopLimit: 0 }))
        .toThrow(/description ''.*\n.*httpPutResponseHopLimit 0/);
    });
  });

  test('snapshot', () => {
    const bucket = new s3.Bucket(stack, 'Logs');
    const repository = new ecr.Repository(stack, 'Repo');
    const infra = new InfrastructureConfiguration(stack, 'Infra', {
      instanceTypes: [new ec2.InstanceType('m7i.large')],
      s3Logs: { bucket, keyPrefix: 'logs/' },
    });
    infra.grantContainerPush(repository);
    expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
  });
});

describe('InfrastructureConfiguration instance lifecycle', () => {
  let stack: Stack;
  beforeEach(() => {
    stack = strictStack();
  });

  function group(name = 'builders', scope: Stack = stack) {
    return autoscaling.AutoScalingGroup.fromAutoScalingGroupName(scope, `Asg${scope.node.children.length}`, name);
  }

  test('terminateInstanceOnCompletion is rendered when given, absent otherwise', () => {
    new InfrastructureConfiguration(stack, 'Kept', { terminateInstanceOnCompletion: false });
    new InfrastructureConfiguration(stack, 'Default');
    const configs = Object.values(Template.fromStack(stack).findResources(TYPE)).map(r => r.Properties);
    expect(configs.map(c => c.TerminateInstanceOnCompletion)).toEqual([false, undefined]);
  });

  test('a token terminateInstanceOnCompletion is accepted', () => {
    const keep = new CfnCondition(stack, 'Keep', { expression: Fn.conditionEquals(new CfnParameter(stack, 'Mode').valueAsString, 'debug') });
    const flag = Token.asAny(Fn.conditionIf(keep.logicalId, false, true)) as unknown as boolean;
    new InfrastructureConfiguration(stack, 'Infra', { terminateInstanceOnCompletion: flag });
    Template.fromStack(stack).hasResourceProperties(TYPE, { TerminateInstanceOnCompletion: { 'Fn::If': ['Keep', false, true] } });
  });

  test('parentInstance: the group name and the capacity wait in seconds', () => {
    new InfrastructureConfiguration(stack, 'Infra', {
      parentInstance: { autoScalingGroup: group(), capacityWaitTimeout: Duration.minutes(5) },
    });
    Template.fromStack(stack).hasResourceProperties(TYPE, {
      ParentInstance: Match.objectEquals({ AutoScalingGroup: { Name: 'builders', CapacityWaitTimeoutSeconds: 300 } }),
    });
  });

  test('parentInstance without a wait: no CapacityWaitTimeoutSeconds; a zero wait is rendered', () => {
    new InfrastructureConfiguration(stack, 'NoWait', { parentInstance: { autoScalingGroup: group('a') } });
    new InfrastructureConfiguration(stack, 'Zero', { parentInstance: { autoScalingGroup: group('b'), capacityWaitTimeout: Duration.seconds(0) } });
    const configs = Object.values(Template.fromStack(stack).findResources(TYPE)).map(r => r.Properties.ParentInstance);
    expect(configs).toEqual([{ AutoScalingGroup: { Name: 'a' } }, { AutoScalingGroup: { Name: 'b', CapacityWaitTimeoutSeconds: 0 } }]);
  });

  test('a group of this app is referenced', () => {
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'p', subnetType: ec2.SubnetType.PUBLIC }] });
    const asg = new autoscaling.AutoScalingGroup(stack, 'Group', {
      vpc,
      instanceType: new ec2.InstanceType('t3.micro'),
      machineImage: ec2.MachineImage.latestAmazonLinux2023(),
      requireImdsv2: true,
    });
    new InfrastructureConfiguration(stack, 'Infra', { parentInstance: { autoScalingGroup: asg } });
    Template.fromStack(stack).hasResourceProperties(TYPE, {
      ParentInstance: { AutoScalingGroup: { Name: { Ref: stack.getLogicalId(asg.node.defaultChild as autoscaling.CfnAutoScalingGroup) } } },
    });
  });

  test('token group names and wait times are accepted', () => {
    const name = new CfnParameter(stack, 'GroupName').valueAsString;
    const seconds = new CfnParameter(stack, 'Wait', { type: 'Number' }).valueAsNumber;
    new InfrastructureConfiguration(stack, 'Infra', {
      parentInstance: { autoScalingGroup: group(name), capacityWaitTimeout: Duration.seconds(seconds) },
    });
    Template.fromStack(stack).hasResourceProperties(TYPE, {
      ParentInstance: { AutoScalingGroup: { Name: { Ref: 'GroupName' }, CapacityWaitTimeoutSeconds: { Ref: 'Wait' } } },
    });
  });

  test('a token capacity wait in minutes is rejected, naming the property (a token converts only to its own unit)', () => {
    const minutes = new CfnParameter(stack, 'Wait', { type: 'Number' }).valueAsNumber;
    expect(() => new InfrastructureConfiguration(stack, 'Infra', {
      parentInstance: { autoScalingGroup: group(), capacityWaitTimeout: Duration.minutes(minutes) },
    })).toThrow('Stack/Infra: parentInstance.capacityWaitTimeout Duration.minutes(<token>) must be given in seconds (Duration.seconds(...)) when its amount is a token');
  });

  test('throws when the capacity wait is not whole seconds', () => {
    expect(() => new InfrastructureConfiguration(stack, 'Infra', {
      parentInstance: { autoScalingGroup: group(), capacityWaitTimeout: Duration.millis(1500) },
    })).toThrow(/Stack\/Infra: parentInstance.capacityWaitTimeout 1.5 must be an integer between 0 and 2147483647 seconds/);
  });

  test('throws when the group is in another account or Region', () => {
    const other = new Stack(stack.node.root as any, 'Other', { env: { account: '210987654321', region: 'eu-west-1' } });
    expect(() => new InfrastructureConfiguration(stack, 'Infra', { parentInstance: { autoScalingGroup: group('x', other) } }))
      .toThrow(/parentInstance.autoScalingGroup 'Other\/Asg\d+' must be a group of this account '123456789012' \(it is in '210987654321'\)\n.*must be a group of this Region 'us-east-1' \(it is in 'eu-west-1'\)/);
  });
});
