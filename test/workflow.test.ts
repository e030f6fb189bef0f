import * as fs from 'fs';
import * as path from 'path';
import { aws_iam as iam, aws_kms as kms, aws_s3 as s3, aws_sns as sns, CfnElement, CfnParameter, Duration, Lazy, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { strictApp, strictStack } from './helpers';
import {
  AwsManagedWorkflowName,
  ImagePipeline,
  ImageRecipe,
  Workflow,
  WorkflowData,
  WorkflowParameterType,
  WorkflowParameterValue,
  WorkflowProps,
  WorkflowStepAction,
  WorkflowStepOnFailure,
  WorkflowType,
  WorkflowStepCondition,
  WorkflowStepInputs,
} from '../src';

const TEST_WORKFLOW_ARN = 'arn:aws:imagebuilder:us-east-1:123456789012:workflow/test/my-tests/1.0.0';

describe('Workflow.fromWorkflowArn', () => {
  test('imports a workflow and reads its type from the ARN', () => {
    const stack = strictStack();
    const build = Workflow.fromWorkflowArn(stack, 'Build', 'arn:aws:imagebuilder:us-east-1:123456789012:workflow/build/my-build/1.x.x');
    const test = Workflow.fromWorkflowArn(stack, 'Test', TEST_WORKFLOW_ARN);
    const distribution = Workflow.fromWorkflowArn(stack, 'Dist', 'arn:aws:imagebuilder:eu-west-1:123456789012:workflow/distribution/my-dist/1.0.0/3');

    expect(build.workflowType).toBe(WorkflowType.BUILD);
    expect(test.workflowType).toBe(WorkflowType.TEST);
    expect(test.workflowArn).toBe(TEST_WORKFLOW_ARN);
    expect(distribution.workflowType).toBe(WorkflowType.DISTRIBUTION);
    expect(distribution.env.region).toBe('eu-west-1');
  });

  test('throws when the ARN is not a workflow ARN', () => {
    const stack = strictStack();
    expect(() => Workflow.fromWorkflowArn(stack, 'Bad', 'arn:aws:imagebuilder:us-east-1:123456789012:component/my-tests/1.0.0'))
      .toThrow(/^Stack\/Bad: workflowArn 'arn:aws:imagebuilder:us-east-1:123456789012:component\/my-tests\/1\.0\.0' must be a workflow ARN, for example/);
  });

  test('throws for a token ARN, whose type cannot be read, and points to fromWorkflowAttributes', () => {
    const stack = strictStack();
    const arn = new CfnParameter(stack, 'WorkflowArn').valueAsString;
    expect(() => Workflow.fromWorkflowArn(stack, 'Token', arn))
      .toThrow(/^Stack\/Token: workflowArn '<Stack\/WorkflowArn.Ref>' must show its workflow\/<build\|test\|distribution>\/ segment at synth to read the workflow type from it \(use Workflow.fromWorkflowAttributes/);
  });

  test('throws for an ARN whose type segment is a token', () => {
    const stack = strictStack();
    const kind = new CfnParameter(stack, 'Kind').valueAsString;
    expect(() => Workflow.fromWorkflowArn(stack, 'Token', `arn:aws:imagebuilder:us-east-1:123456789012:workflow/${kind}/my-tests/1.0.0`))
      .toThrow(/^Stack\/Token: workflowArn 'arn:aws:imagebuilder:us-east-1:123456789012:workflow\/<Stack\/Kind.Ref>\/my-tests\/1\.0\.0' must show its workflow/);
  });

  test('reads the type of a token ARN whose type segment is literal (Stack.formatArn in an environment-agnostic stack)', () => {
    const stack = new Stack(strictApp(), 'Stack'); // environment-agnostic
    const arn = stack.formatArn({ service: 'imagebuilder', resource: 'workflow', resourceName: 'build/my-build/1.0.0' });
    expect(Token.isUnresolved(arn)).toBe(true);
    const workflow = Workflow.fromWorkflowArn(stack, 'Agnostic', arn);
    expect(workflow.workflowType).toBe(WorkflowType.BUILD);
    expect(stack.resolve(workflow.workflowArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':imagebuilder:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' },
        ':workflow/build/my-build/1.0.0']],
    });
  });

  test('a token whose display name looks like a type segment is not read as one', () => {
    const stack = strictStack();
    const arn = Lazy.string({ produce: () => TEST_WORKFLOW_ARN }, { displayHint: ':workflow/test/' });
    expect(() => Workflow.fromWorkflowArn(stack, 'Token', arn)).toThrow(/must show its workflow/);
  });
});

describe('Workflow.fromWorkflowAttributes', () => {
  test('accepts a token ARN with the type given', () => {
    const stack = strictStack();
    const arn = new CfnParameter(stack, 'WorkflowArn').valueAsString;
    const workflow = Workflow.fromWorkflowAttributes(stack, 'Token', { workflowArn: arn, workflowType: WorkflowType.TEST });
    expect(workflow.workflowType).toBe(WorkflowType.TEST);
    expect(stack.resolve(workflow.workflowArn)).toEqual({ Ref: 'WorkflowArn' });
  });

  test('throws when the type does not match the ARN', () => {
    const stack = strictStack();
    expect(() => Workflow.fromWorkflowAttributes(stack, 'W', { workflowArn: TEST_WORKFLOW_ARN, workflowType: WorkflowType.BUILD }))
      .toThrow("Stack/W: workflowType 'BUILD' must match the workflow ARN, which names a TEST workflow");
  });

  test('throws when the type does not match the literal type segment of a token ARN', () => {
    const stack = new Stack(strictApp(), 'Stack'); // environment-agnostic
    const arn = stack.formatArn({ service: 'imagebuilder', resource: 'workflow', resourceName: 'test/my-tests/1.0.0' });
    expect(() => Workflow.fromWorkflowAttributes(stack, 'W', { workflowArn: arn, workflowType: WorkflowType.DISTRIBUTION }))
      .toThrow("Stack/W: workflowType 'DISTRIBUTION' must match the workflow ARN, which names a TEST workflow");
  });

  test('accepts a token ARN whose literal type segment matches the type', () => {
    const stack = new Stack(strictApp(), 'Stack'); // environment-agnostic
    const arn = stack.formatArn({ service: 'imagebuilder', resource: 'workflow', resourceName: 'test/my-tests/1.0.0' });
    expect(Workflow.fromWorkflowAttributes(stack, 'W', { workflowArn: arn, workflowType: WorkflowType.TEST }).workflowType)
      .toBe(WorkflowType.TEST);
  });

  test('throws when the ARN is not a workflow ARN', () => {
    const stack = strictStack();
    expect(() => Workflow.fromWorkflowAttributes(stack, 'W', { workflowArn: 'my-tests', workflowType: WorkflowType.TEST }))
      .toThrow(/^Stack\/W: workflowArn 'my-tests' must be a workflow ARN, for example/);
  });
});

describe('Workflow.fromAwsManagedWorkflow', () => {
  test('builds the ARN of an AWS-owned workflow in the stack partition and region, latest version by default', () => {
    const stack = strictStack();
    const workflow = Workflow.fromAwsManagedWorkflow(stack, 'Test', WorkflowType.TEST, AwsManagedWorkflowName.TEST_IMAGE);
    expect(workflow.workflowType).toBe(WorkflowType.TEST);
    expect(stack.resolve(workflow.workflowArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':imagebuilder:us-east-1:aws:workflow/test/test-image/x.x.x']],
    });
  });

  test('takes a version', () => {
    const stack = strictStack();
    const workflow = Workflow.fromAwsManagedWorkflow(stack, 'Build', WorkflowType.BUILD, AwsManagedWorkflowName.BUILD_CONTAINER, '1.0.x');
    expect(stack.resolve(workflow.workflowArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':imagebuilder:us-east-1:aws:workflow/build/build-container/1.0.x']],
    });
  });

  test('uses the region token of an environment-agnostic stack', () => {
    const stack = new Stack();
    const workflow = Workflow.fromAwsManagedWorkflow(stack, 'Dist', WorkflowType.DISTRIBUTION, AwsManagedWorkflowName.DISTRIBUTE_IMAGE);
    expect(stack.resolve(workflow.workflowArn)).toEqual({
      'Fn::Join': ['', [
        'arn:', { Ref: 'AWS::Partition' }, ':imagebuilder:', { Ref: 'AWS::Region' }, ':aws:workflow/distribution/distribute-image/x.x.x',
      ]],
    });
  });

  test('throws when the name is not a valid ARN name segment', () => {
    const stack = strictStack();
    expect(() => Workflow.fromAwsManagedWorkflow(stack, 'W', WorkflowType.TEST, 'Test Image'))
      .toThrow("Stack/W: name 'Test Image' must be a name as its ARN holds it: lowercase letters, digits, - and _, for example 'golden-image' (pattern ^[a-z0-9-_]+$)");
  });

  test('throws when the version is not a version', () => {
    const stack = strictStack();
    expect(() => Workflow.fromAwsManagedWorkflow(stack, 'W', WorkflowType.TEST, 'test-image', '1.x.0'))
      .toThrow("Stack/W: version '1.x.0' must not have a number right of an x wildcard");
  });

  test('accepts token names and versions', () => {
    const stack = strictStack();
    const name = Lazy.string({ produce: () => 'test-image' });
    const version = Token.asString(new CfnParameter(stack, 'Version'));
    const workflow = Workflow.fromAwsManagedWorkflow(stack, 'W', WorkflowType.TEST, name, version);
    expect(stack.resolve(workflow.workflowArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':imagebuilder:us-east-1:aws:workflow/test/test-image/', { Ref: 'Version' }]],
    });
  });
});

describe('WorkflowParameterValue', () => {
  test('renders every value as a list of strings', () => {
    expect(WorkflowParameterValue.fromString('a').values).toEqual(['a']);
    expect(WorkflowParameterValue.fromStrings(['a', 'b']).values).toEqual(['a', 'b']);
    expect(WorkflowParameterValue.fromNumber(42).values).toEqual(['42']);
    expect(WorkflowParameterValue.fromBoolean(true).values).toEqual(['true']);
    expect(WorkflowParameterValue.fromBoolean(false).values).toEqual(['false']);
  });

  test('copies the list it is given', () => {
    const list = ['a'];
    const value = WorkflowParameterValue.fromStrings(list);
    list.push('b');
    expect(value.values).toEqual(['a']);
  });

  test('keeps a number token as a string token', () => {
    const stack = strictStack();
    const value = WorkflowParameterValue.fromNumber(new CfnParameter(stack, 'Count', { type: 'Number' }).valueAsNumber);
    expect(stack.resolve(value.values)).toEqual([{ Ref: 'Count' }]);
  });
});

const APPROVAL = path.join(__dirname, 'fixtures', 'documents', 'test-with-approval.yaml');
const BUILD_DOC = `
name: BuildWithMetadata
schemaVersion: 1.0
steps:
  - name: Launch
    action: LaunchInstance
    onFailure: Abort
    inputs:
      waitFor: ssmAgent
  - name: Build
    action: ExecuteComponents
    inputs:
      instanceId.$: $.stepOutputs.Launch.instanceId
  - name: Image
    action: CreateImage
    inputs:
      instanceId.$: $.stepOutputs.Launch.instanceId
  - name: Terminate
    action: TerminateInstance
    onFailure: Continue
    inputs:
      instanceId.$: $.stepOutputs.Launch.instanceId
outputs:
  - name: ImageId
    value: $.stepOutputs.Image.imageId
`;

function authoredWorkflow(stack: Stack, props: Partial<WorkflowProps> = {}, id = 'Workflow'): Workflow {
  return new Workflow(stack, id, { workflowType: WorkflowType.BUILD, data: WorkflowData.fromInline(BUILD_DOC), ...props });
}

function workflowProps(stack: Stack, id = 'Workflow'): Record<string, any> {
  return Template.fromStack(stack).findResources('AWS::ImageBuilder::Workflow')[stack.getLogicalId(
    stack.node.findChild(id).node.defaultChild as CfnElement)].Properties;
}

/** A build workflow document with the given steps after the instance is launched. */
function withSteps(steps: string, type = WorkflowType.BUILD): Partial<WorkflowProps> {
  return {
    workflowType: type,
    data: WorkflowData.fromInline(`schemaVersion: 1.0\nparameters:\n  - name: topic\n    type: string\nsteps:\n${steps}`),
  };
}

describe('Workflow (authored)', () => {
  let stack: Stack;
  beforeEach(() => {
    stack = strictStack();
  });

  test('with required parameters: a generated name, a content-derived version', () => {
    const w = authoredWorkflow(stack);
    const props = workflowProps(stack);
    expect(props).toEqual({ Name: expect.stringMatching(/^stack-workflow-[0-9a-f]{8}$/), Version: expect.stringMatching(/^1\.0\.\d+$/), Type: 'BUILD', Data: BUILD_DOC });
    expect(w.workflowType).toEqual(WorkflowType.BUILD);
    expect(stack.resolve(w.workflowVersion)).toEqual(props.Version);
    expect(stack.resolve(w.workflowArn)).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Arn'] });
    expect(stack.resolve(w.workflowName)).toEqual({ 'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': [expect.any(String), 'Arn'] }] }] });
  });

  test('with all parameters', () => {
    const key = new kms.Key(stack, 'Key');
    authoredWorkflow(stack, {
      workflowName: 'my-build',
      workflowVersion: '1.2.3',
      description: 'Builds',
      changeDescription: 'First',
      kmsKey: key,
      tags: { team: 'platform' },
    });
    expect(workflowProps(stack)).toEqual({
      Name: 'my-build',
      Version: '1.2.3',
      Type: 'BUILD',
      Description: 'Builds',
      ChangeDescription: 'First',
      KmsKeyId: { 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as CfnElement), 'Arn'] },
      Data: BUILD_DOC,
      Tags: { team: 'platform' },
    });
  });

  test('fromFile, fromAsset and fromS3', () => {
    authoredWorkflow(stack, { workflowType: WorkflowType.TEST, data: WorkflowData.fromFile(APPROVAL) }, 'File');
    authoredWorkflow(stack, { workflowType: WorkflowType.TEST, data: WorkflowData.fromAsset(APPROVAL) }, 'Asset');
    const bucket = s3.Bucket.fromBucketName(stack, 'Bucket', 'my-documents');
    authoredWorkflow(stack, { data: WorkflowData.fromS3(bucket, 'wf.yaml') }, 'S3');
    expect(workflowProps(stack, 'File').Data).toEqual(fs.readFileSync(APPROVAL, 'utf-8'));
    expect(JSON.stringify(workflowProps(stack, 'Asset').Uri)).toContain('s3://');
    expect(workflowProps(stack, 'S3').Uri).toEqual('s3://my-documents/wf.yaml');
  });

  test('fromS3 with an object version: a new version replaces the workflow', () => {
    const bucket = s3.Bucket.fromBucketName(stack, 'Bucket', 'my-documents');
    authoredWorkflow(stack, { data: WorkflowData.fromS3(bucket, 'wf.yaml') }, 'Plain');
    authoredWorkflow(stack, { data: WorkflowData.fromS3(bucket, 'wf.yaml', 'v1') }, 'V1');
    authoredWorkflow(stack, { data: WorkflowData.fromS3(bucket, 'wf.yaml', 'v2') }, 'V2');
    const versions = ['Plain', 'V1', 'V2'].map(id => workflowProps(stack, id).Version);
    expect(new Set(versions).size).toEqual(3);
    expect(workflowProps(stack, 'V1').Uri).toEqual('s3://my-documents/wf.yaml');
  });

  test('a typed step timeout whose amount is a token must be in seconds', () => {
    const amount = new CfnParameter(stack, 'Timeout', { type: 'Number' }).valueAsNumber;
    expect(() => authoredWorkflow(stack, {
      workflowType: WorkflowType.TEST,
      data: WorkflowData.fromDocument({
        steps: [{ name: 'Launch', action: WorkflowStepAction.LAUNCH_INSTANCE, inputs: WorkflowStepInputs.fromObject({ waitFor: 'ssmAgent' }), timeout: Duration.hours(amount) }],
      }),
    })).toThrow('steps[Launch].timeout Duration.hours(<token>) must be given in seconds (Duration.seconds(...)) when its amount is a token');
  });

  test('fromDocument renders a typed document, with parameters, a condition and outputs', () => {
    authoredWorkflow(stack, {
      workflowType: WorkflowType.TEST,
      data: WorkflowData.fromDocument({
        parameters: [
          { name: 'waitForApproval', parameterType: WorkflowParameterType.BOOLEAN, defaultValue: WorkflowParameterValue.fromBoolean(false) },
          { name: 'retries', parameterType: WorkflowParameterType.INTEGER, defaultValue: WorkflowParameterValue.fromNumber(2) },
        ],
        steps: [
          { name: 'Launch', action: WorkflowStepAction.LAUNCH_INSTANCE, onFailure: WorkflowStepOnFailure.ABORT, inputs: WorkflowStepInputs.fromObject({ waitFor: 'ssmAgent' }) },
          { name: 'Run', action: WorkflowStepAction.EXECUTE_COMPONENTS, inputs: WorkflowStepInputs.fromObject({ 'instanceId.$': '$.stepOutputs.Launch.instanceId' }), timeout: Duration.hours(1) },
          { name: 'Approve', action: WorkflowStepAction.WAIT_FOR_ACTION, condition: WorkflowStepCondition.booleanEquals('$.parameters.waitForApproval', true), rollbackEnabled: false },
        ],
        outputs: [{ name: 'Instance', value: '$.stepOutputs.Launch.instanceId' }],
      }),
    });
    expect(JSON.parse(workflowProps(stack).Data)).toEqual({
      schemaVersion: '1.0',
      parameters: [
        { name: 'waitForApproval', type: 'boolean', default: false },
        { name: 'retries', type: 'integer', default: 2 },
      ],
      steps: [
        { name: 'Launch', action: 'LaunchInstance', onFailure: 'Abort', inputs: { waitFor: 'ssmAgent' } },
        { name: 'Run', action: 'ExecuteComponents', timeoutSeconds: 3600, inputs: { 'instanceId.$': '$.stepOutputs.Launch.instanceId' } },
        { name: 'Approve', action: 'WaitForAction', rollbackEnabled: false, if: { booleanEquals: true, value: '$.parameters.waitForApproval' } },
      ],
      outputs: [{ name: 'Instance', value: '$.stepOutputs.Launch.instanceId' }],
    });
  });

  describe('document validation', () => {
    test.each([
      ['an unknown step action', '  - name: A\n    action: LaunchInstances\n', /data steps\[A\]\.action 'LaunchInstances' must be a workflow step action/],
      ['a step action of another workflow type', '  - name: Findings\n    action: CollectImageScanFindings\n', /data steps\[Findings\]\.action 'CollectImageScanFindings' is not allowed in a BUILD workflow \(only in TEST\)/],
      ['a duplicate step name', '  - name: A\n    action: LaunchInstance\n  - name: A\n    action: LaunchInstance\n', /data steps\[A\]\.name 'A' must be unique in the workflow/],
      ['a step name with a dot', '  - name: A.B\n    action: LaunchInstance\n', /data steps\[A\.B\]\.name 'A\.B' must be a step name/],
      ['a bad onFailure', '  - name: A\n    action: LaunchInstance\n    onFailure: Ignore\n', /data steps\[A\]\.onFailure 'Ignore' must be one of Abort, Continue/],
      ['a missing required input', '  - name: Terminate\n    action: TerminateInstance\n', /data steps\[Terminate\]\.inputs \[\] must have instanceId \(or instanceId\.\$\) for TerminateInstance/],
      ['a reference to a later step', '  - name: Run\n    action: ExecuteComponents\n    inputs:\n      instanceId.$: $.stepOutputs.Launch.instanceId\n  - name: Launch\n    action: LaunchInstance\n',
        /data steps\[Run\] '\$\.stepOutputs\.Launch' must reference an earlier step \(earlier: none\)/],
      ['an undeclared parameter', '  - name: Wait\n    action: WaitForAction\n    inputs:\n      snsTopicArn.$: $.parameters.topicArn\n', /data steps\[Wait\] '\$\.parameters\.topicArn' must reference a declared parameter \(declared: topic\)/],
      ['a condition that is not a mapping', '  - name: Wait\n    action: WaitForAction\n    if: yes\n', /data steps\[Wait\]\.if 'yes' must be a condition mapping/],
      ['a non-boolean rollbackEnabled', '  - name: Wait\n    action: WaitForAction\n    rollbackEnabled: sometimes\n', /data steps\[Wait\]\.rollbackEnabled 'sometimes' must be true or false/],
      ['a zero timeout', '  - name: Wait\n    action: WaitForAction\n    timeoutSeconds: 0\n', /data steps\[Wait\]\.timeoutSeconds 0 must be a positive integer/],
      ['an unknown step key', '  - name: Wait\n    action: WaitForAction\n    retries: 3\n', /data steps\[Wait\] retries 'retries' is not a known key/],
    ])('throws for %s', (_what, steps, message) => {
      expect(() => authoredWorkflow(stack, withSteps(steps))).toThrow(message);
    });

    test('throws for an output that references an unknown step, and a bad parameter type', () => {
      expect(() => authoredWorkflow(stack, {
        data: WorkflowData.fromInline('schemaVersion: 1.0\nparameters:\n  - name: x\n    type: number\nsteps:\n  - name: Wait\n    action: WaitForAction\noutputs:\n  - name: Out\n    value: $.stepOutputs.Nope.x\n'),
      })).toThrow(/data parameters\[0\]\.type 'number' must be one of string, integer, boolean, stringList[\s\S]*data outputs\[Out\] '\$\.stepOutputs\.Nope' must reference an earlier step/);
    });

    test('throws for invalid YAML, naming the line', () => {
      expect(() => authoredWorkflow(stack, { data: WorkflowData.fromInline('steps:\n  - name: [A\n') })).toThrow(/data line 2 '  - name: \[A' must be valid YAML or JSON: .* at line 3, column 1$/);
    });

    test('throws for a missing schemaVersion and no steps', () => {
      expect(() => authoredWorkflow(stack, { data: WorkflowData.fromInline('steps: []\n') })).toThrow(/data schemaVersion undefined must be given \(1\.0\)[\s\S]*data steps \[\] must be a list of at least 1 step/);
    });

    test('accepts the test workflow with an approval, and the build workflow', () => {
      expect(() => authoredWorkflow(stack, { workflowType: WorkflowType.TEST, data: WorkflowData.fromFile(APPROVAL) })).not.toThrow();
      expect(() => authoredWorkflow(stack, {}, 'Build')).not.toThrow();
    });

    test('throws when the type is unknown, or the version has a wildcard', () => {
      expect(() => authoredWorkflow(stack, { workflowType: 'DEPLOY' as WorkflowType, validateDocument: false })).toThrow(/workflowType 'DEPLOY' must be one of BUILD, TEST, DISTRIBUTION/);
      expect(() => authoredWorkflow(stack, { workflowVersion: 'x.x.x' }, 'W2')).toThrow(/workflowVersion 'x.x.x' must be a version major\.minor\.patch/);
    });

    test('throws when the type is a token: the workflow ARN holds it in lowercase', () => {
      const token = new CfnParameter(stack, 'Type').valueAsString as WorkflowType;
      expect(() => authoredWorkflow(stack, { workflowType: token, validateDocument: false }))
        .toThrow(/Stack\/Workflow: workflowType .* must be a WorkflowType known at synth, not a token/);
      expect(() => Workflow.fromAwsManagedWorkflow(stack, 'Managed', token, 'build-image'))
        .toThrow(/Stack\/Managed: workflowType .* must be a WorkflowType known at synth, not a token/);
    });

    test('an unknown type is reported once, not again for every step of the document', () => {
      // A JavaScript user writing 'build' would otherwise also read "'CreateImage' is not allowed in a build workflow".
      expect(() => authoredWorkflow(stack, { workflowType: 'build' as WorkflowType })).toThrow(
        /^[^\n]*Workflow: workflowType 'build' must be one of BUILD, TEST, DISTRIBUTION$/);
    });

    test('validateDocument: false skips the document checks', () => {
      expect(() => authoredWorkflow(stack, { validateDocument: false, data: WorkflowData.fromInline('steps: nope') })).not.toThrow();
    });

    test('tokens are accepted', () => {
      const t = (name: string) => new CfnParameter(stack, name).valueAsString;
      expect(() => authoredWorkflow(stack, {
        workflowName: t('Name'), workflowVersion: t('Version'), description: t('Description'), data: WorkflowData.fromInline(t('Doc')),
      })).not.toThrow();
    });
  });

  describe('update safety', () => {
    function synthVersion(props: Partial<WorkflowProps>): string {
      const s = strictStack();
      authoredWorkflow(s, props);
      return workflowProps(s).Version;
    }

    test('v1 and v2 of a changed document get different versions; an unchanged one keeps it', () => {
      const v1 = synthVersion({});
      const v2 = synthVersion({ data: WorkflowData.fromInline(BUILD_DOC.replace('onFailure: Continue', 'onFailure: Abort')) });
      expect(v2).not.toEqual(v1);
      expect(synthVersion({})).toEqual(v1);
      expect(synthVersion({ description: 'x' })).not.toEqual(v1);
    });

    test('a fixed version gets a warning', () => {
      authoredWorkflow(stack, { workflowVersion: '1.0.0' });
      Annotations.fromStack(stack).hasWarning('/Stack/Workflow', Match.stringLikeRegexp('workflow has a fixed version'));
    });
  });

  test('grants read on its ARN', () => {
    const w = authoredWorkflow(stack);
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
    w.grantRead(role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'imagebuilder:GetWorkflow', Effect: 'Allow', Resource: { 'Fn::GetAtt': [stack.getLogicalId(w.node.defaultChild as CfnElement), 'Arn'] } }] },
    });
  });

  test('imported workflows know their name and version', () => {
    const w = Workflow.fromWorkflowArn(stack, 'W', TEST_WORKFLOW_ARN);
    expect(w.workflowName).toEqual('my-tests');
    expect(w.workflowVersion).toEqual('1.0.0');
    const m = Workflow.fromAwsManagedWorkflow(stack, 'M', WorkflowType.TEST, AwsManagedWorkflowName.TEST_IMAGE);
    expect(m.workflowName).toEqual('test-image');
    expect(m.workflowVersion).toEqual('x.x.x');
  });

  describe('pipeline execution role permissions derived from the document', () => {
    function pipelineWith(workflows: Workflow[], executionRole?: iam.IRole) {
      return new ImagePipeline(stack, 'Pipeline', {
        recipe: ImageRecipe.fromImageRecipeArn(stack, 'Recipe', 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/r/1.0.0'),
        workflows: workflows.map(w => ({ workflow: w })),
        executionRole,
      });
    }

    test('WaitForAction with a topic: sns:Publish to exactly that topic', () => {
      const topic = new sns.Topic(stack, 'Topic');
      const w = authoredWorkflow(stack, {
        workflowType: WorkflowType.TEST,
        data: WorkflowData.fromDocument({ steps: [{ name: 'Approve', action: WorkflowStepAction.WAIT_FOR_ACTION, inputs: WorkflowStepInputs.fromObject({ snsTopicArn: topic.topicArn }) }] }),
      });
      pipelineWith([w]);
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: { Statement: Match.arrayWith([{ Action: 'sns:Publish', Effect: 'Allow', Resource: { Ref: stack.getLogicalId(topic.node.defaultChild as CfnElement) } }]) },
      });
    });

    test('ExecuteStateMachine: start that state machine and describe its executions', () => {
      const arn = 'arn:aws:states:us-east-1:123456789012:stateMachine:approve-image';
      const w = authoredWorkflow(stack, {
        workflowType: WorkflowType.TEST,
        data: WorkflowData.fromInline(`schemaVersion: 1.0\nsteps:\n  - name: Approve\n    action: ExecuteStateMachine\n    inputs:\n      stateMachineArn: ${arn}\n`),
      });
      pipelineWith([w]);
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            { Action: 'states:StartExecution', Effect: 'Allow', Resource: arn },
            { Action: 'states:DescribeExecution', Effect: 'Allow', Resource: 'arn:aws:states:us-east-1:123456789012:execution:approve-image:*' },
          ]),
        },
      });
    });

    test('a given execution role gets them in the pipeline\'s own policy', () => {
      const topic = new sns.Topic(stack, 'Topic');
      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('imagebuilder.amazonaws.com') });
      const w = authoredWorkflow(stack, {
        workflowType: WorkflowType.TEST,
        data: WorkflowData.fromDocument({ steps: [{ name: 'Approve', action: WorkflowStepAction.WAIT_FOR_ACTION, inputs: WorkflowStepInputs.fromObject({ snsTopicArn: topic.topicArn }) }] }),
      });
      pipelineWith([w], role);
      const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
      const owned = Object.entries(policies).find(([id]) => id.startsWith('PipelineExecutionRoleLogPolicy'));
      expect(JSON.stringify(owned?.[1])).toContain('sns:Publish');
    });

    test('references known only at build time grant nothing (addToExecutionRolePolicy does)', () => {
      const w = authoredWorkflow(stack, { workflowType: WorkflowType.TEST, data: WorkflowData.fromFile(APPROVAL) });
      expect(w.executionRoleStatements).toEqual([]);
    });
  });

  describe('a pipeline or image checks the workflow parameters it gives against the document (as a recipe does a component\'s)', () => {
    const DOC = `schemaVersion: 1.0
parameters:
  - name: topic
    type: string
  - name: retries
    type: integer
    default: 2
  - name: approve
    type: boolean
    default: false
steps:
  - name: Launch
    action: LaunchInstance
`;
    function pipelineWith(parameters: { [name: string]: WorkflowParameterValue } | undefined) {
      const w = authoredWorkflow(stack, { data: WorkflowData.fromInline(DOC) });
      return () => new ImagePipeline(stack, 'Pipeline', {
        recipe: ImageRecipe.fromImageRecipeArn(stack, 'Recipe', 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/r/1.0.0'),
        workflows: [{ workflow: w, parameters }],
      });
    }

    test('accepts every parameter without a default, with or without the others', () => {
      expect(pipelineWith({ topic: WorkflowParameterValue.fromString('t'), retries: WorkflowParameterValue.fromNumber(3) })).not.toThrow();
    });

    test('throws when a parameter is misspelled, naming the pipeline and the workflow', () => {
      expect(pipelineWith({ topic: WorkflowParameterValue.fromString('t'), retires: WorkflowParameterValue.fromNumber(3) }))
        .toThrow(/Stack\/Pipeline: workflows\[0\]\.parameters key 'retires' must be a parameter of the document of workflow Stack\/Workflow \(declared: topic, retries, approve\)/);
    });

    test('throws when a parameter without a default is missing', () => {
      expect(pipelineWith({ retries: WorkflowParameterValue.fromNumber(3) }))
        .toThrow(/Stack\/Pipeline: workflows\[0\]\.parameters \['retries'\] must give topic: the document of workflow Stack\/Workflow declares them without a default/);
      stack = strictStack();
      expect(pipelineWith(undefined)).toThrow(/workflows\[0\]\.parameters \[\] must give topic/);
    });

    test('a token name or value is accepted', () => {
      const name = new CfnParameter(stack, 'Name').valueAsString;
      const count = new CfnParameter(stack, 'Count', { type: 'Number' }).valueAsNumber;
      expect(pipelineWith({ topic: WorkflowParameterValue.fromString('t'), [name]: WorkflowParameterValue.fromString('x'), retries: WorkflowParameterValue.fromNumber(count) }))
        .not.toThrow();
      expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('parameterType'))).toEqual([]);
    });

    test('warns when a value does not fit the declared type (the build would fail)', () => {
      pipelineWith({
        topic: WorkflowParameterValue.fromStrings(['a', 'b']),
        retries: WorkflowParameterValue.fromString('three'),
        approve: WorkflowParameterValue.fromString('yes'),
      })();
      const warnings = Annotations.fromStack(stack).findWarning('/Stack/Pipeline', Match.stringLikeRegexp('parameterType')).map(w => w.entry.data);
      expect(warnings).toEqual([
        expect.stringMatching(/workflows\[0\]\.parameters\['topic'\] \['a', 'b'\] should be one value: the document of workflow Stack\/Workflow declares topic as string/),
        expect.stringMatching(/parameters\['retries'\] \['three'\] should be one integer/),
        expect.stringMatching(/parameters\['approve'\] \['yes'\] should be one value, true or false/),
      ]);
    });

    test('nothing is checked for an imported workflow', () => {
      const imported = Workflow.fromWorkflowArn(stack, 'Imported', TEST_WORKFLOW_ARN);
      expect(() => new ImagePipeline(stack, 'Pipeline', {
        recipe: ImageRecipe.fromImageRecipeArn(stack, 'Recipe', 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/r/1.0.0'),
        workflows: [{ workflow: imported, parameters: { anything: WorkflowParameterValue.fromString('x') } }],
      })).not.toThrow();
    });
  });

  test('snapshot: a test workflow with WaitForAction in a pipeline', () => {
    const topic = new sns.Topic(stack, 'Topic');
    const w = authoredWorkflow(stack, {
      workflowType: WorkflowType.TEST,
      data: WorkflowData.fromDocument({
        steps: [
          { name: 'Launch', action: WorkflowStepAction.LAUNCH_INSTANCE, inputs: WorkflowStepInputs.fromObject({ waitFor: 'ssmAgent' }) },
          { name: 'Test', action: WorkflowStepAction.EXECUTE_COMPONENTS, inputs: WorkflowStepInputs.fromObject({ 'instanceId.$': '$.stepOutputs.Launch.instanceId' }) },
          { name: 'Terminate', action: WorkflowStepAction.TERMINATE_INSTANCE, onFailure: WorkflowStepOnFailure.CONTINUE, inputs: WorkflowStepInputs.fromObject({ 'instanceId.$': '$.stepOutputs.Launch.instanceId' }) },
          { name: 'Approve', action: WorkflowStepAction.WAIT_FOR_ACTION, inputs: WorkflowStepInputs.fromObject({ snsTopicArn: topic.topicArn }) },
        ],
      }),
    });
    new ImagePipeline(stack, 'Pipeline', {
      recipe: ImageRecipe.fromImageRecipeArn(stack, 'Recipe', 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/r/1.0.0'),
      workflows: [{ workflow: w }],
    });
    expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
  });
});
