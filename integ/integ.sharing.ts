/**
 * Sharing across accounts, in two stacks: in the source account, an image recipe shared with the
 * target account through AWS RAM, and a container recipe encrypted with a key of the app, shared
 * with the target account, which may decrypt with the key, and a component shared with it; in the
 * target account, the role Image
 * Builder assumes to distribute AMIs there (`EC2ImageBuilderDistributionCrossAccountRole`).
 *
 * The accounts come from `CDK_INTEG_ACCOUNT` (source) and `CDK_INTEG_TARGET_ACCOUNT` (target),
 * two accounts of one organization, with placeholders for synthesis. The assertions read the
 * share's resources back from RAM, and the role from IAM in the target account.
 */
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import {
  AwsManagedComponentName,
  Component,
  ComponentData,
  ComponentPlatform,
  ContainerParentImage,
  ContainerRecipe,
  DistributionCrossAccountRole,
  ImageRecipe,
  ParentImage,
  SharePrincipal,
} from '../src';

const SOURCE_ACCOUNT = process.env.CDK_INTEG_ACCOUNT ?? '111111111111';
const TARGET_ACCOUNT = process.env.CDK_INTEG_TARGET_ACCOUNT ?? '222222222222';
const REGION = process.env.CDK_INTEG_REGION ?? 'us-east-1';

const app = new App();
const source = new Stack(app, 'ImageBuilderSharingSourceInteg', { env: { account: SOURCE_ACCOUNT, region: REGION } });
const target = new Stack(app, 'ImageBuilderSharingTargetInteg', { env: { account: TARGET_ACCOUNT, region: REGION } });

const updateLinux = Component.fromAwsManagedComponent(source, 'UpdateLinux', AwsManagedComponentName.UPDATE_LINUX);

const imageRecipe = new ImageRecipe(source, 'ImageRecipe', {
  parentImage: ParentImage.fromAwsManagedImage('amazon-linux-2023-x86'),
  components: [{ component: updateLinux }],
});
imageRecipe.shareWith([SharePrincipal.account(TARGET_ACCOUNT)]);

const key = new kms.Key(source, 'ContainerKey', { enableKeyRotation: true, removalPolicy: RemovalPolicy.DESTROY });
const containerRecipe = new ContainerRecipe(source, 'ContainerRecipe', {
  parentImage: ContainerParentImage.fromEcrPublic('amazonlinux/amazonlinux', '2023'),
  components: [{ component: updateLinux }],
  kmsKey: key,
  repositoryRemovalPolicy: RemovalPolicy.DESTROY,
});
containerRecipe.shareWith([SharePrincipal.account(TARGET_ACCOUNT)], { grantKeyDecrypt: true });

const component = new Component(source, 'Component', {
  platform: ComponentPlatform.LINUX,
  data: ComponentData.fromInline([
    'schemaVersion: 1.0',
    'phases:',
    '  - name: build',
    '    steps:',
    '      - name: Hello',
    '        action: ExecuteBash',
    '        inputs:',
    '          commands: [echo shared]',
  ].join('\n')),
});
component.shareWith([SharePrincipal.account(TARGET_ACCOUNT)]);

new DistributionCrossAccountRole(target, 'DistributionRole', { sourceAccountIds: [SOURCE_ACCOUNT] });

// The assertions run in the account of the resources they read: RAM in the source account, IAM
// in the target account.
const sourceAssertions = new Stack(app, 'SharingSourceDeployAssert', { env: { account: SOURCE_ACCOUNT, region: REGION } });
const targetAssertions = new Stack(app, 'SharingTargetDeployAssert', { env: { account: TARGET_ACCOUNT, region: REGION } });
const sourceTest = new IntegTest(app, 'SharingSourceTest', { testCases: [source], assertionStack: sourceAssertions });
const targetTest = new IntegTest(app, 'SharingTargetTest', { testCases: [target], assertionStack: targetAssertions });

for (const [arn, type] of [
  [imageRecipe.imageRecipeArn, 'imagebuilder:ImageRecipe'],
  [containerRecipe.containerRecipeArn, 'imagebuilder:ContainerRecipe'],
  [component.componentArn, 'imagebuilder:Component'],
]) {
  sourceTest.assertions
    .awsApiCall('RAM', 'listResources', { resourceOwner: 'SELF', resourceArns: [arn] })
    .expect(ExpectedResult.objectLike({ resources: [{ arn, type, status: 'AVAILABLE' }] }));
}

targetTest.assertions
  .awsApiCall('IAM', 'getRole', { RoleName: DistributionCrossAccountRole.ROLE_NAME })
  .expect(ExpectedResult.objectLike({ Role: { RoleName: DistributionCrossAccountRole.ROLE_NAME } }));

app.synth();
