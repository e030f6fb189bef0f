import { CfnParameter, Lazy, Stack, Token } from 'aws-cdk-lib';
import { strictApp, strictStack } from './helpers';
import { AwsManagedWorkflowName, Workflow, WorkflowParameterValue, WorkflowType } from '../src';

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
      .toThrow(/^Stack\/Token: workflowArn '\$\{Token\[.*\]\}' must show its workflow\/<build\|test\|distribution>\/ segment at synth to read the workflow type from it \(use Workflow.fromWorkflowAttributes/);
  });

  test('throws for an ARN whose type segment is a token', () => {
    const stack = strictStack();
    const kind = new CfnParameter(stack, 'Kind').valueAsString;
    expect(() => Workflow.fromWorkflowArn(stack, 'Token', `arn:aws:imagebuilder:us-east-1:123456789012:workflow/${kind}/my-tests/1.0.0`))
      .toThrow(/^Stack\/Token: workflowArn 'arn:aws:imagebuilder:us-east-1:123456789012:workflow\/\$\{Token\[.*\]\}\/my-tests\/1\.0\.0' must show its workflow/);
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
