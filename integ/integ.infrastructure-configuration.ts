/**
 * An infrastructure configuration with the props a secured build network uses: a private
 * subnet and security group, instance types, IMDSv2 with a hop limit of 2, S3 logs under a
 * prefix, notifications, and resource tags. The assertion reads it back from Image Builder.
 */
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { HttpTokens, InfrastructureConfiguration } from '../src';

const app = new App();
const stack = new Stack(app, 'ImageBuilderInfrastructureConfigurationInteg');

const vpc = new ec2.Vpc(stack, 'Vpc', {
  maxAzs: 1,
  natGateways: 0,
  subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
});
const securityGroup = new ec2.SecurityGroup(stack, 'BuildSecurityGroup', {
  vpc,
  description: 'Image Builder build instances',
  allowAllOutbound: false,
});
const logBucket = new s3.Bucket(stack, 'Logs', {
  encryption: s3.BucketEncryption.S3_MANAGED,
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  enforceSSL: true,
  removalPolicy: RemovalPolicy.DESTROY,
  autoDeleteObjects: true,
});
const topic = new sns.Topic(stack, 'Notifications', { enforceSSL: true });

const infrastructure = new InfrastructureConfiguration(stack, 'Infrastructure', {
  description: 'Integration test infrastructure',
  instanceTypes: [
    ec2.InstanceType.of(ec2.InstanceClass.M7I, ec2.InstanceSize.LARGE),
    ec2.InstanceType.of(ec2.InstanceClass.M6I, ec2.InstanceSize.LARGE),
  ],
  subnet: vpc.isolatedSubnets[0],
  securityGroups: [securityGroup],
  terminateInstanceOnFailure: true,
  terminateInstanceOnCompletion: true,
  httpTokens: HttpTokens.REQUIRED,
  httpPutResponseHopLimit: 2,
  notificationTopic: topic,
  s3Logs: { bucket: logBucket, keyPrefix: 'imagebuilder/' },
  resourceTags: { purpose: 'integ' },
  tags: { project: 'cdk-imagebuilder' },
});

const integ = new IntegTest(app, 'InfrastructureConfigurationTest', { testCases: [stack] });

integ.assertions
  .awsApiCall('Imagebuilder', 'getInfrastructureConfiguration', {
    infrastructureConfigurationArn: infrastructure.infrastructureConfigurationArn,
  })
  .expect(ExpectedResult.objectLike({
    infrastructureConfiguration: {
      description: 'Integration test infrastructure',
      instanceTypes: ['m7i.large', 'm6i.large'],
      terminateInstanceOnFailure: true,
      instanceMetadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 2 },
      logging: { s3Logs: { s3KeyPrefix: 'imagebuilder/' } },
      resourceTags: { purpose: 'integ' },
    },
  }));

app.synth();
