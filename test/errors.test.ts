import { Construct } from 'constructs';
import { strictStack } from './helpers';
import { formatProblem, formatValue, ImageBuilderValidationError, throwValidationError } from '../src/private/errors';

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
    ['an array, as JSON', ['a', 1], '["a",1]'],
    ['an object, as JSON', { key: 'value', n: 2 }, '{"key":"value","n":2}'],
    ['a bigint (JSON cannot)', BigInt(10), '10'],
  ])('renders %s', (_, value, expected) => {
    expect(formatValue(value)).toBe(expected);
  });

  test('renders an object JSON cannot (a cycle) with String()', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(formatValue(cyclic)).toBe('[object Object]');
  });

  test('quotes a string of up to 118 characters in full (120 with the quotes)', () => {
    const value = 'a'.repeat(118);
    expect(formatValue(value)).toBe(`'${value}'`);
  });

  test('cuts a longer string and gives its real length', () => {
    expect(formatValue('a'.repeat(119))).toBe(`'${'a'.repeat(99)}... (119 characters)`);
    expect(formatValue('b'.repeat(5000))).toBe(`'${'b'.repeat(99)}... (5000 characters)`);
  });

  test('cuts a long JSON value and gives the length of its JSON', () => {
    const value = Array.from({ length: 40 }, (_, i) => `item${i}`);
    const json = JSON.stringify(value);
    expect(formatValue(value)).toBe(`${json.slice(0, 100)}... (${json.length} characters)`);
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
      'Stack/Pipeline: workflows[1].parallelGroup ["a"] must be a string',
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
