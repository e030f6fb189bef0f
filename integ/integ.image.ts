/**
 * An AMI built during `cdk deploy`: an image pipeline (Amazon Linux 2023, updated), an `Image`
 * built from it on deploy that deletes its AMI and snapshots when it is removed, and an EC2
 * instance launched from the freshly built AMI (`toMachineImage()`). CloudFormation waits for
 * the build; the assertion reads the image back from Image Builder and checks it is AVAILABLE.
 */
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import {
  AwsManagedComponentName,
  Component,
  ImagePipeline,
  ImageRecipe,
  ParentImage,
} from '../src';

const app = new App();
const stack = new Stack(app, 'ImageBuilderImageInteg');

const recipe = new ImageRecipe(stack, 'Recipe', {
  description: 'Integration test recipe of an image built on deploy',
  parentImage: ParentImage.fromSsmParameterName('/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64'),
  components: [{ component: Component.fromAwsManagedComponent(stack, 'UpdateLinux', AwsManagedComponentName.UPDATE_LINUX) }],
});

const pipeline = new ImagePipeline(stack, 'Pipeline', {
  recipe,
  description: 'Integration test pipeline built on deploy',
  enabled: false,
  logRetention: logs.RetentionDays.ONE_WEEK,
  logRemovalPolicy: RemovalPolicy.DESTROY,
});

// Built on deploy; its AMI and snapshots are deleted with the stack.
const image = pipeline.buildOnDeploy('GoldenImage', { deletionSettings: {} });

const vpc = new ec2.Vpc(stack, 'Vpc', {
  maxAzs: 1,
  natGateways: 0,
  subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }],
});
new ec2.Instance(stack, 'Instance', {
  vpc,
  vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
  instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
  machineImage: image.toMachineImage(),
  requireImdsv2: true,
});

const integ = new IntegTest(app, 'ImageTest', { testCases: [stack] });

integ.assertions
  .awsApiCall('Imagebuilder', 'getImage', { imageBuildVersionArn: image.imageArn })
  .expect(ExpectedResult.objectLike({ image: { state: { status: 'AVAILABLE' } } }))
  .waitForAssertions({ totalTimeout: Duration.minutes(10) });

app.synth();
