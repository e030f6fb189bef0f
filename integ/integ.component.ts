/**
 * Authored components: one from a YAML file (inlined), one written with types, on a KMS key,
 * both with content-derived versions. The assertions read them back from Image Builder: the
 * platform, the encryption and the document as it was sent.
 */
import * as path from 'path';
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, RemovalPolicy, Stack, aws_kms as kms } from 'aws-cdk-lib';
import {
  Component,
  ComponentAction,
  ComponentData,
  ComponentParameterType,
  ComponentParameterValue,
  ComponentPhaseName,
  ComponentPlatform,
  ComponentStepInputs,
} from '../src';

const app = new App();
const stack = new Stack(app, 'ImageBuilderComponentInteg');

const fromFile = new Component(stack, 'CloudWatchAgent', {
  description: 'Installs the CloudWatch agent (from a YAML file)',
  platform: ComponentPlatform.LINUX,
  supportedOsVersions: ['Amazon Linux 2023'],
  data: ComponentData.fromFile(path.join(__dirname, 'assets', 'install-cloudwatch-agent.yaml')),
  tags: { project: 'cdk-imagebuilder' },
});

const key = new kms.Key(stack, 'Key', { enableKeyRotation: true, removalPolicy: RemovalPolicy.DESTROY });
const typed = new Component(stack, 'Typed', {
  description: 'Writes a message of the day (typed document)',
  changeDescription: 'First version',
  platform: ComponentPlatform.LINUX,
  kmsKey: key,
  data: ComponentData.fromDocument({
    parameters: {
      Message: { parameterType: ComponentParameterType.STRING, defaultValue: ComponentParameterValue.fromString('Built by Image Builder') },
    },
    phases: [
      {
        name: ComponentPhaseName.BUILD,
        steps: [{ name: 'WriteMotd', action: ComponentAction.CREATE_FILE, inputs: ComponentStepInputs.fromList([{ path: '/etc/motd', content: '{{ Message }}', overwrite: true }]) }],
      },
      {
        name: ComponentPhaseName.VALIDATE,
        steps: [{ name: 'MotdExists', action: ComponentAction.EXECUTE_BASH, inputs: ComponentStepInputs.executeBash(['test -s /etc/motd']) }],
      },
    ],
  }),
});

const integ = new IntegTest(app, 'ComponentTest', { testCases: [stack] });

integ.assertions
  .awsApiCall('Imagebuilder', 'getComponent', { componentBuildVersionArn: fromFile.componentArn })
  .expect(ExpectedResult.objectLike({
    component: {
      platform: 'Linux',
      type: 'BUILD',
      description: 'Installs the CloudWatch agent (from a YAML file)',
      supportedOsVersions: ['Amazon Linux 2023'],
      encrypted: true,
    },
  }));

integ.assertions
  .awsApiCall('Imagebuilder', 'getComponent', { componentBuildVersionArn: typed.componentArn })
  .expect(ExpectedResult.objectLike({
    component: { platform: 'Linux', changeDescription: 'First version', kmsKeyId: key.keyArn, encrypted: true },
  }));

app.synth();
