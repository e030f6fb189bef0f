import { CfnElement, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { strictStack } from './helpers';
import {
  Component,
  ComponentAction,
  ComponentData,
  ComponentPhaseName,
  ComponentPlatform,
  ComponentStep,
  ComponentStepInputs,
  Workflow,
  WorkflowData,
  WorkflowParameterType,
  WorkflowStep,
  WorkflowStepAction,
  WorkflowStepCondition,
  WorkflowStepInputs,
  WorkflowType,
} from '../src';

/** The document a component holds, parsed back from its template. */
function componentDocument(stack: Stack, steps: ComponentStep[]): any {
  const component = new Component(stack, 'Component', {
    platform: ComponentPlatform.LINUX,
    data: ComponentData.fromDocument({ phases: [{ name: ComponentPhaseName.BUILD, steps }] }),
  });
  const data = Template.fromStack(stack).toJSON().Resources[stack.getLogicalId(component.node.defaultChild as CfnElement)].Properties.Data;
  return typeof data === 'string' ? JSON.parse(data) : data;
}

function workflowDocument(stack: Stack, steps: WorkflowStep[]): any {
  const parameters = ['terminate', 'a', 'b'].map(name => ({ name, parameterType: WorkflowParameterType.BOOLEAN }));
  parameters.push({ name: 'mode', parameterType: WorkflowParameterType.STRING });
  const workflow = new Workflow(stack, 'Workflow', { workflowType: WorkflowType.TEST, data: WorkflowData.fromDocument({ parameters, steps }) });
  const data = Template.fromStack(stack).toJSON().Resources[stack.getLogicalId(workflow.node.defaultChild as CfnElement)].Properties.Data;
  return typeof data === 'string' ? JSON.parse(data) : data;
}

describe('ComponentStepInputs', () => {
  test('each helper renders the inputs its action takes, without the options not given', () => {
    const steps: Array<[ComponentAction, ComponentStepInputs, unknown]> = [
      [ComponentAction.EXECUTE_BASH, ComponentStepInputs.executeBash(['dnf -y update']), { commands: ['dnf -y update'] }],
      [ComponentAction.EXECUTE_BINARY, ComponentStepInputs.executeBinary('/usr/bin/true'), { path: '/usr/bin/true' }],
      [ComponentAction.EXECUTE_BINARY, ComponentStepInputs.executeBinary('/opt/app/setup', ['--quiet']), { path: '/opt/app/setup', arguments: ['--quiet'] }],
      [ComponentAction.S3_DOWNLOAD, ComponentStepInputs.s3Download([
        { source: 's3://artifacts/app.tar.gz', destination: '/tmp/app.tar.gz', expectedBucketOwner: '123456789012' },
        { source: 's3://artifacts/conf/*', destination: '/etc/app/', overwrite: true },
      ]), [
        { source: 's3://artifacts/app.tar.gz', destination: '/tmp/app.tar.gz', expectedBucketOwner: '123456789012' },
        { source: 's3://artifacts/conf/*', destination: '/etc/app/', overwrite: true },
      ]],
      [ComponentAction.WEB_DOWNLOAD, ComponentStepInputs.webDownload([
        { source: 'https://example.com/tool.tar.gz', destination: '/tmp/tool.tar.gz', checksum: 'abc123', algorithm: 'SHA256' },
      ]), [{ source: 'https://example.com/tool.tar.gz', destination: '/tmp/tool.tar.gz', checksum: 'abc123', algorithm: 'SHA256' }]],
      [ComponentAction.REBOOT, ComponentStepInputs.reboot(Duration.minutes(1)), { delaySeconds: 60 }],
      [ComponentAction.UPDATE_OS, ComponentStepInputs.updateOs({ exclude: ['kernel*'] }), { exclude: ['kernel*'] }],
      [ComponentAction.CREATE_FOLDER, ComponentStepInputs.fromList([{ path: '/opt/app', permissions: '0755' }]), [{ path: '/opt/app', permissions: '0755' }]],
      [ComponentAction.READ_FILE, ComponentStepInputs.fromList([{ path: '/etc/os-release' }]), [{ path: '/etc/os-release' }]],
    ];
    const document = componentDocument(strictStack(), steps.map(([action, inputs], i) => ({ name: `Step${i}`, action, inputs })));
    expect(document.phases[0].steps.map((s: any) => s.inputs)).toEqual(steps.map(([, , rendered]) => rendered));
  });

  test('a Windows helper renders its commands', () => {
    expect(ComponentStepInputs.executePowerShell(['Get-Service']).render()).toEqual({ commands: ['Get-Service'] });
  });

  test('inputs are still checked against the action: a list for a mapping action is rejected', () => {
    expect(() => componentDocument(strictStack(), [
      { name: 'Bash', action: ComponentAction.EXECUTE_BASH, inputs: ComponentStepInputs.fromList([{ commands: ['ls'] }]) },
    ])).toThrow(/inputs .* must be a mapping for ExecuteBash/);
  });

  test('a token in the inputs is accepted', () => {
    const stack = strictStack();
    const command = new CfnParameter(stack, 'Command');
    const component = new Component(stack, 'Component', {
      platform: ComponentPlatform.LINUX,
      data: ComponentData.fromDocument({
        phases: [{ name: ComponentPhaseName.BUILD, steps: [{ name: 'Run', action: ComponentAction.EXECUTE_BASH, inputs: ComponentStepInputs.executeBash([command.valueAsString]) }] }],
      }),
    });
    const data = Template.fromStack(stack).toJSON().Resources[stack.getLogicalId(component.node.defaultChild as CfnElement)].Properties.Data;
    expect(JSON.stringify(data)).toContain('{"Ref":"Command"}');
  });
});

describe('WorkflowStepInputs and WorkflowStepCondition', () => {
  test('render the inputs and the if of the step', () => {
    const document = workflowDocument(strictStack(), [
      { name: 'Launch', action: WorkflowStepAction.LAUNCH_INSTANCE, inputs: WorkflowStepInputs.fromObject({ waitFor: 'ssmAgent' }) },
      {
        name: 'Terminate',
        action: WorkflowStepAction.TERMINATE_INSTANCE,
        inputs: WorkflowStepInputs.fromObject({ 'instanceId.$': '$.stepOutputs.Launch.instanceId' }),
        condition: WorkflowStepCondition.booleanEquals('$.parameters.terminate', true),
      },
      {
        name: 'Cleanup',
        action: WorkflowStepAction.TERMINATE_INSTANCE,
        inputs: WorkflowStepInputs.fromObject({ 'instanceId.$': '$.stepOutputs.Launch.instanceId' }),
        condition: WorkflowStepCondition.stringEquals('$.parameters.mode', 'cleanup'),
      },
      {
        name: 'Either',
        action: WorkflowStepAction.TERMINATE_INSTANCE,
        inputs: WorkflowStepInputs.fromObject({ 'instanceId.$': '$.stepOutputs.Launch.instanceId' }),
        condition: WorkflowStepCondition.fromObject({ or: [{ booleanEquals: true, value: '$.parameters.a' }, { booleanEquals: true, value: '$.parameters.b' }] }),
      },
    ]);
    expect(document.steps.map((s: any) => [s.inputs, s.if])).toEqual([
      [{ waitFor: 'ssmAgent' }, undefined],
      [{ 'instanceId.$': '$.stepOutputs.Launch.instanceId' }, { booleanEquals: true, value: '$.parameters.terminate' }],
      [{ 'instanceId.$': '$.stepOutputs.Launch.instanceId' }, { stringEquals: 'cleanup', value: '$.parameters.mode' }],
      [{ 'instanceId.$': '$.stepOutputs.Launch.instanceId' }, { or: [{ booleanEquals: true, value: '$.parameters.a' }, { booleanEquals: true, value: '$.parameters.b' }] }],
    ]);
  });
});
