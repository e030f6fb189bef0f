/**
 * The created execution role of a pipeline gets each distribution permission only when the
 * distribution configuration uses its feature.
 */
import { CfnParameter } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { strictStack } from './helpers';
import {
  AmiDistributionOptions,
  DistributionConfiguration,
  IDistributionConfiguration,
  ImagePipeline,
  ImageRecipe,
  ParentImage,
  Workflow,
  WorkflowType,
} from '../src';

const AMI_NAME = 'golden-{{ imagebuilder:buildDate }}';

/** The statements of the pipeline's created execution role policy, by Sid. */
function executionRoleStatements(
  build: (stack: ReturnType<typeof strictStack>) => IDistributionConfiguration,
  afterPipeline: () => void = () => {},
): { [sid: string]: any } {
  const stack = strictStack();
  const recipe = new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromAmiId('ami-0123456789abcdef0') });
  // A workflow makes the pipeline create its execution role.
  const workflows = [{ workflow: Workflow.fromAwsManagedWorkflow(stack, 'Build', WorkflowType.BUILD, 'build-image', '1.0.0') }];
  new ImagePipeline(stack, 'Pipeline', { recipe, workflows, distributionConfiguration: build(stack) });
  afterPipeline();
  const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy', {
    Properties: { PolicyName: Match.stringLikeRegexp('ExecutionRolePolicy') },
  });
  const [policy] = Object.values(policies);
  return Object.fromEntries(policy.Properties.PolicyDocument.Statement.map((s: any) => [s.Sid, s]));
}

function withAmi(extra: Partial<AmiDistributionOptions> = {}) {
  return (stack: ReturnType<typeof strictStack>) => new DistributionConfiguration(stack, 'Distribution', {
    amiDistributions: [{ amiName: AMI_NAME, ...extra }, { region: 'eu-west-1', amiName: AMI_NAME }],
  });
}

const arn = (rest: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, rest]] });

describe('distribution permissions of a created execution role', () => {
  test('a plain AMI distribution gets the copy permission only', () => {
    const statements = executionRoleStatements(withAmi());
    expect(statements.CopyAmisToTargetRegions).toBeDefined();
    for (const sid of ['DescribeLaunchTemplates', 'UpdateLaunchTemplates', 'EnableFastLaunch', 'TagFastLaunchTemplates',
      'CreateFastLaunchServiceLinkedRole', 'AttachLicenseConfigurations', 'DistributeToOtherAccounts', 'WriteAmiIdParameters']) {
      expect({ sid, statement: statements[sid] }).toEqual({ sid, statement: undefined });
    }
    // S3 export (VM Import/Export) is not in CloudFormation: never granted.
    expect(JSON.stringify(statements)).not.toMatch(/ExportImage|vmie/);
  });

  test('launch templates: their IDs only', () => {
    const statements = executionRoleStatements(stack => withAmi({
      launchTemplates: [{ launchTemplate: ec2.LaunchTemplate.fromLaunchTemplateAttributes(stack, 'Lt', { launchTemplateId: 'lt-0123456789abcdef0' }) }],
    })(stack));
    expect(statements.UpdateLaunchTemplates.Resource).toEqual(arn(':ec2:us-east-1:123456789012:launch-template/lt-0123456789abcdef0'));
    expect(statements.DescribeLaunchTemplates).toBeDefined();
    expect(statements.EnableFastLaunch).toBeUndefined();
  });

  test('fast launch', () => {
    const statements = executionRoleStatements(withAmi({ fastLaunchConfigurations: [{ maxParallelLaunches: 6 }] }));
    expect(statements.EnableFastLaunch).toBeDefined();
    expect(statements.CreateFastLaunchServiceLinkedRole).toBeDefined();
    expect(statements.UpdateLaunchTemplates).toBeUndefined();
  });

  test('license configurations: the given ones only', () => {
    const license = 'arn:aws:license-manager:us-east-1:123456789012:license-configuration:lic-0123456789abcdef0123456789abcdef';
    const statements = executionRoleStatements(withAmi({ licenseConfigurationArns: [license] }));
    expect(statements.AttachLicenseConfigurations.Resource).toEqual(license);
  });

  test('SSM parameters: the given ones only', () => {
    const statements = executionRoleStatements(withAmi({ ssmParameters: [{ parameterName: '/golden/ami/latest' }] }));
    expect(statements.WriteAmiIdParameters.Resource).toEqual(arn(':ssm:us-east-1:123456789012:parameter/golden/ami/latest'));
  });

  test('target accounts: the cross-account role of those accounts only', () => {
    const statements = executionRoleStatements(withAmi({ targetAccountIds: ['210987654321', '123456789012'] }));
    expect(statements.DistributeToOtherAccounts.Resource).toEqual(arn(':iam::210987654321:role/EC2ImageBuilderDistributionCrossAccountRole'));
  });

  test('target accounts known only at deployment: the cross-account role in any account', () => {
    const statements = executionRoleStatements(stack => withAmi({
      targetAccountIds: new CfnParameter(stack, 'Accounts', { type: 'CommaDelimitedList' }).valueAsList,
    })(stack));
    expect(statements.DistributeToOtherAccounts.Resource).toEqual(arn(':iam::*:role/EC2ImageBuilderDistributionCrossAccountRole'));
  });

  test('a distribution added after the pipeline is granted', () => {
    let distribution: DistributionConfiguration | undefined;
    const statements = executionRoleStatements(stack => {
      distribution = new DistributionConfiguration(stack, 'Distribution', { amiDistributions: [{ amiName: AMI_NAME }] });
      return distribution;
    }, () => distribution!.addAmiDistribution({ region: 'eu-west-1', amiName: AMI_NAME, ssmParameters: [{ parameterName: 'golden' }] }));
    expect(statements.WriteAmiIdParameters.Resource).toEqual(arn(':ssm:eu-west-1:123456789012:parameter/golden'));
  });

  test('an imported distribution configuration keeps every distribution permission', () => {
    const statements = executionRoleStatements(stack => DistributionConfiguration.fromDistributionConfigurationName(stack, 'Imported', 'golden'));
    for (const sid of ['UpdateLaunchTemplates', 'EnableFastLaunch', 'AttachLicenseConfigurations', 'DistributeToOtherAccounts', 'WriteAmiIdParameters']) {
      expect({ sid, defined: statements[sid] !== undefined }).toEqual({ sid, defined: true });
    }
    expect(statements.DistributeToOtherAccounts.Resource).toEqual(arn(':iam::*:role/EC2ImageBuilderDistributionCrossAccountRole'));
  });
});
