/**
 * A distribution configuration that ships AMIs and container images: in the stack's Region an
 * encrypted AMI shared with an organization and written to an SSM parameter, merged with a
 * container distribution to a repository of the stack; in a second Region (eu-west-1: deploy
 * the test elsewhere) a container distribution to a repository given by name. The KMS key
 * policy lets the target account use the key (grantKeyUsage). The assertion reads the
 * configuration back from Image Builder.
 */
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as kms from 'aws-cdk-lib/aws-kms';
import { DistributionConfiguration, DistributionRepository } from '../src';

const SECOND_REGION = 'eu-west-1';
const ORGANIZATION_ARN = 'arn:aws:organizations::123456789012:organization/o-a1b2c3d4e5';

const app = new App();
const stack = new Stack(app, 'ImageBuilderDistributionConfigurationInteg');

const key = new kms.Key(stack, 'AmiKey', {
  description: 'Encrypts the distributed AMIs',
  enableKeyRotation: true,
  pendingWindow: Duration.days(7),
  removalPolicy: RemovalPolicy.DESTROY,
});
const repository = new ecr.Repository(stack, 'Repository', {
  imageScanOnPush: true,
  imageTagMutability: ecr.TagMutability.IMMUTABLE,
  emptyOnDelete: true,
  removalPolicy: RemovalPolicy.DESTROY,
});

const distribution = new DistributionConfiguration(stack, 'Distribution', {
  distributionConfigurationName: 'cdk-imagebuilder-integ-distribution',
  description: 'Integration test distribution',
  amiDistributions: [{
    amiName: 'integ-golden-{{ imagebuilder:buildDate }}',
    amiDescription: 'Golden AMI of the integration test',
    amiTags: { purpose: 'integ' },
    kmsKey: key,
    targetAccountIds: [Aws.ACCOUNT_ID],
    launchPermission: { organizationArns: [ORGANIZATION_ARN] },
    ssmParameters: [{ parameterName: '/cdk-imagebuilder-integ/golden-ami' }],
  }],
  tags: { project: 'cdk-imagebuilder' },
});
distribution.addContainerDistribution({
  targetRepository: DistributionRepository.fromRepository(repository),
  containerTags: ['latest'],
  containerDescription: 'Image of the integration test',
});
distribution.addContainerDistribution({
  region: SECOND_REGION,
  targetRepository: DistributionRepository.fromRepositoryName('cdk-imagebuilder-integ'),
  containerTags: ['latest'],
});
distribution.grantKeyUsage();

const integ = new IntegTest(app, 'DistributionConfigurationTest', { testCases: [stack] });

integ.assertions
  .awsApiCall('Imagebuilder', 'getDistributionConfiguration', {
    distributionConfigurationArn: distribution.distributionConfigurationArn,
  })
  .expect(ExpectedResult.objectLike({
    distributionConfiguration: {
      name: 'cdk-imagebuilder-integ-distribution',
      description: 'Integration test distribution',
      distributions: [
        {
          amiDistributionConfiguration: {
            name: 'integ-golden-{{ imagebuilder:buildDate }}',
            description: 'Golden AMI of the integration test',
            amiTags: { purpose: 'integ' },
            launchPermission: { organizationArns: [ORGANIZATION_ARN] },
          },
          containerDistributionConfiguration: {
            containerTags: ['latest'],
            description: 'Image of the integration test',
            targetRepository: { service: 'ECR' },
          },
          ssmParameterConfigurations: [{ parameterName: '/cdk-imagebuilder-integ/golden-ami', dataType: 'aws:ec2:image' }],
        },
        {
          region: SECOND_REGION,
          containerDistributionConfiguration: {
            containerTags: ['latest'],
            targetRepository: { service: 'ECR', repositoryName: 'cdk-imagebuilder-integ' },
          },
        },
      ],
    },
  }));

app.synth();
