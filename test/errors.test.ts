import { inspect } from 'util';
import { App, Duration, Errors, Lazy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { strictStack } from './helpers';
import { DistributionConfiguration, ImagePipeline } from '../src';
import { formatProblem, formatValue, ImageBuilderValidationError, throwValidationError } from '../src/private/core/errors';

function pipelineScope(): Construct {
  const stack = strictStack();
  return new Construct(stack, 'Pipeline');
}

describe('formatValue', () => {
  test.each<[string, unknown, string]>([
    ['a string, in single quotes', 'My Pipeline!', "'My Pipeline!'"],
    ['an empty string', '', "''"],
    ['an integer', 42, '42'],
    ['a fraction', 1.5, '1.5'],
    ['NaN (not JSON null)', NaN, 'NaN'],
    ['Infinity (not JSON null)', Infinity, 'Infinity'],
    ['a boolean', true, 'true'],
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
    ['an array, item by item', ['a', 1], "['a', 1]"],
    ['an object, key by key', { key: 'value', n: 2 }, "{ key: 'value', n: 2 }"],
    ['a NUL, escaped (it would vanish on screen)', 'a\u0000b', "'a\\u0000b'"],
    ['a newline, a tab and a carriage return, escaped', 'a\nb\tc\rd', "'a\\nb\\tc\\rd'"],
    ['an escape character and a right-to-left override, escaped', '\u001b[31m\u202e', "'\\u001b[31m\\u202e'"],
    ['a backslash, doubled (so an escape cannot be forged)', 'a\\u0000', "'a\\\\u0000'"],
    ['a duration as given, not converted', Duration.seconds(90), 'Duration.seconds(90)'],
    ['a list of constructs and objects, summarised (never [object Object])',
      [new Construct(strictStack(), 'Update'), { component: { name: 'x' }, parameters: undefined }],
      "[<Stack/Update>, { component: { name: 'x' } }]"],
    ['a bigint (JSON cannot)', BigInt(10), '10'],
  ])('renders %s', (_, value, expected) => {
    expect(formatValue(value)).toBe(expected);
  });

  test('renders an object with a cycle to a bounded depth', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(formatValue(cyclic)).toBe('{ self: { self: { self: {...} } } }');
  });

  test('renders a class instance without data by its class name', () => {
    class ParentImageLike { public render() { return 'x'; } }
    expect(formatValue([new ParentImageLike()])).toBe('[ParentImageLike]');
  });

  test('quotes a string of up to 118 characters in full (120 with the quotes)', () => {
    const value = 'a'.repeat(118);
    expect(formatValue(value)).toBe(`'${value}'`);
  });

  test('cuts a longer string and gives its real length', () => {
    expect(formatValue('a'.repeat(119))).toBe(`'${'a'.repeat(99)}... (119 characters)`);
    expect(formatValue('b'.repeat(5000))).toBe(`'${'b'.repeat(99)}... (5000 characters)`);
  });

  test('summarises a long list: the first items, then how many more', () => {
    const value = Array.from({ length: 40 }, (_, i) => `item${i}`);
    expect(formatValue(value)).toBe("['item0', 'item1', 'item2', 'item3', 'item4', ... 35 more (40 items)]");
  });

  test('cuts a long rendering of an object and says how much was shown', () => {
    const value = { text: 'x'.repeat(200) };
    expect(formatValue(value)).toMatch(/^\{ text: 'x+\.\.\. \(\d+ characters in full\)$/);
  });
});

describe('a message never prints a raw token', () => {
  test('a resource attribute by the construct it refers to, a pseudo parameter by its name, others as <token>', () => {
    const stack = new Stack(new App(), 'MyStack');
    const key = new kms.Key(stack, 'Key');
    expect(formatValue(key.keyArn)).toBe("'<MyStack/Key/Resource.Arn>'");
    expect(formatValue(`arn:${stack.partition}:ec2:${stack.region}::image/*`)).toBe("'arn:<AWS::Partition>:ec2:<AWS::Region>::image/*'");
    expect(formatValue(Lazy.string({ produce: () => 'x' }))).toBe("'<token>'");
    expect(formatValue(Lazy.number({ produce: () => 1 }))).toBe('<token>');
    expect(formatValue(Lazy.list({ produce: () => ['a'] }))).toBe('<list known at deployment>');
  });

  test('the messages of a synth-time check name the construct once, with no raw token', () => {
    const stack = new Stack(new App(), 'MyStack', { env: { account: '123456789012', region: 'us-east-1' } });
    new DistributionConfiguration(stack, 'P1');
    const template = () => Template.fromStack(stack);
    expect(template).toThrow(/\[MyStack\/P1\] distributions \[\] must have at least 1 item/);
    let message = '';
    try { template(); } catch (e) { message = String(e); }
    expect(message).not.toContain('MyStack/P1: ');
    expect(message).not.toMatch(/\$\{Token\[/);
  });
});

describe('formatProblem', () => {
  test('is <construct path>: <property> <value> <rule>', () => {
    const scope = pipelineScope();
    expect(formatProblem(scope, { property: 'schedule.expression', value: 'daily', rule: 'must be a cron expression' }))
      .toBe("Stack/Pipeline: schedule.expression 'daily' must be a cron expression");
  });

  test('uses the full construct path of a nested construct', () => {
    const scope = new Construct(pipelineScope(), 'Schedule');
    expect(formatProblem(scope, { property: 'count', value: 0, rule: 'must be positive' }))
      .toBe('Stack/Pipeline/Schedule: count 0 must be positive');
  });
});

describe('ImageBuilderValidationError', () => {
  test('has one line per problem, in order', () => {
    const scope = pipelineScope();
    const error = new ImageBuilderValidationError(scope, [
      { property: 'imagePipelineName', value: 'My Pipeline!', rule: 'must match ^x$' },
      { property: 'workflows[1].parallelGroup', value: ['a'], rule: 'must be a string' },
    ]);
    expect(error.message).toBe([
      "Stack/Pipeline: imagePipelineName 'My Pipeline!' must match ^x$",
      "Stack/Pipeline: workflows[1].parallelGroup ['a'] must be a string",
    ].join('\n'));
    expect(error.problems).toEqual([
      { property: 'imagePipelineName', value: 'My Pipeline!', rule: 'must match ^x$' },
      { property: 'workflows[1].parallelGroup', value: ['a'], rule: 'must be a string' },
    ]);
  });

  test('is an Error named ValidationError that instanceof recognizes', () => {
    const error = new ImageBuilderValidationError(pipelineScope(), [{ property: 'p', value: 1, rule: 'must be 2' }]);
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(ImageBuilderValidationError);
    expect(error.name).toBe('ValidationError');
    expect(error.stack).toContain('Stack/Pipeline: p 1 must be 2');
  });

  test('is recognized by aws-cdk-lib as a validation error of its construct (Errors.isValidationError)', () => {
    const error = new ImageBuilderValidationError(pipelineScope(), [{ property: 'p', value: 1, rule: 'must be 2' }]);
    expect(Errors.isConstructError(error)).toBe(true);
    expect(Errors.isValidationError(error)).toBe(true);
    expect(error.type).toBe('validation');
    expect(error.constructPath).toBe('Stack/Pipeline');
    // An importer's error names a construct not made yet: still a validation error, of no construct.
    const imported = new ImageBuilderValidationError('Stack/Pipeline/Imported', [{ property: 'arn', value: 'x', rule: 'must be an ARN' }]);
    expect(Errors.isValidationError(imported)).toBe(true);
    expect(imported.constructPath).toBeUndefined();
  });

  test('what a construct throws for bad input is recognized by aws-cdk-lib', () => {
    const stack = strictStack();
    let caught: unknown;
    try {
      ImagePipeline.fromImagePipelineArn(stack, 'Imported', 'not-an-arn');
    } catch (e) {
      caught = e;
    }
    expect(Errors.isValidationError(caught)).toBe(true);
    expect((caught as Error).message).toMatch(/^Stack\/Imported: imagePipelineArn 'not-an-arn' must be/);
  });

  test('prints its problems once when uncaught: problems is not an enumerable property', () => {
    const error = new ImageBuilderValidationError(pipelineScope(), [{ property: 'p', value: 1, rule: 'must be 2' }]);
    expect(Object.keys(error)).not.toContain('problems');
    expect(inspect(error).match(/must be 2/g)).toHaveLength(1);
    expect(error.problems).toEqual([{ property: 'p', value: 1, rule: 'must be 2' }]);
  });
});

describe('throwValidationError', () => {
  test('throws the library error with a single problem', () => {
    const scope = pipelineScope();
    let caught: unknown;
    try {
      throwValidationError(scope, 'containerRecipeName', 'Bad Name!', 'must match ^x$');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ImageBuilderValidationError);
    const error = caught as ImageBuilderValidationError;
    expect(error.message).toBe("Stack/Pipeline: containerRecipeName 'Bad Name!' must match ^x$");
    expect(error.problems).toHaveLength(1);
  });
});

describe('an error of a static importer', () => {
  test('names the construct it imports, by its path and id', () => {
    const scope = pipelineScope();
    const error = new ImageBuilderValidationError('Stack/Pipeline/Imported', [{ property: 'arn', value: 'x', rule: 'must be an ARN' }]);
    expect(error.message).toBe("Stack/Pipeline/Imported: arn 'x' must be an ARN");
    expect(scope.node.tryFindChild('Imported')).toBeUndefined();
  });
});
