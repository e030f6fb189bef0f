import { Aws, CfnParameter, Lazy, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { strictStack } from './helpers';
import { ARN_EXAMPLES, ARN_PATTERNS, ArnKind, LIMITS, PATTERNS } from '../src/private/core/api-constraints';
import { ImageBuilderValidationError } from '../src/private/core/errors';
import { isToken, Validator } from '../src/private/core/validation';

/**
 * Runs checks on a new Validator for a construct at `Stack/Pipeline` and returns the message of
 * the error throwIfInvalid throws, or undefined when it throws none.
 */
function errorOf(check: (v: Validator, scope: Construct) => void): string | undefined {
  const stack = strictStack();
  const scope = new Construct(stack, 'Pipeline');
  const v = new Validator(scope);
  check(v, scope);
  try {
    v.throwIfInvalid();
  } catch (e) {
    if (e instanceof ImageBuilderValidationError) {
      return e.message;
    }
    throw e;
  }
  return undefined;
}

const lazyString = (value: string) => Lazy.string({ produce: () => value });
const lazyNumber = (value: number) => Lazy.number({ produce: () => value });
const parameter = (scope: Construct) => new CfnParameter(Stack.of(scope), 'Param').valueAsString;

/** What formatValue makes of a long string: the first 99 characters, then the length. */
const cut = (value: string) => `'${value.slice(0, 99)}... (${value.length} characters)`;

describe('error format', () => {
  test('names the construct path, the property, the value and the rule', () => {
    expect(errorOf(v => v.resourceName('imagePipelineName', 'My Pipeline!'))).toBe(
      "Stack/Pipeline: imagePipelineName 'My Pipeline!' must be 3 to 128 letters, digits, hyphens, underscores and spaces, not starting or ending with a space, for example 'golden-image' (pattern ^[-_A-Za-z-0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z-0-9]$)",
    );
  });

  test('one throwIfInvalid reports every problem, one line each, in order', () => {
    const error = errorOf(v => {
      v.resourceName('imagePipelineName', 'My Pipeline!');
      v.description('description', '');
      v.integer('schedule.autoDisableFailureCount', 11, LIMITS.autoDisableFailureCount);
      v.fail('recipe', undefined, 'must be given');
    });
    expect(error?.split('\n')).toEqual([
      "Stack/Pipeline: imagePipelineName 'My Pipeline!' must be 3 to 128 letters, digits, hyphens, underscores and spaces, not starting or ending with a space, for example 'golden-image' (pattern ^[-_A-Za-z-0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z-0-9]$)",
      "Stack/Pipeline: description '' must be between 1 and 1024 characters long (got 0)",
      'Stack/Pipeline: schedule.autoDisableFailureCount 11 must be an integer between 1 and 10',
      'Stack/Pipeline: recipe undefined must be given',
    ]);
  });

  test('the thrown error carries the problems', () => {
    const scope = new Construct(strictStack(), 'Pipeline');
    const v = new Validator(scope);
    v.accountId('accountId', '1234');
    v.oneOf('onFailure', 'STOP', ['CONTINUE', 'ABORT']);
    let caught: unknown;
    try {
      v.throwIfInvalid();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ImageBuilderValidationError);
    expect((caught as ImageBuilderValidationError).problems).toEqual([
      { property: 'accountId', value: '1234', rule: 'must be an AWS account ID of 12 digits, for example \'123456789012\' (pattern ^[0-9]{12}$)' },
      { property: 'onFailure', value: 'STOP', rule: 'must be one of CONTINUE, ABORT' },
    ]);
  });

  test('long values are cut in the message', () => {
    const value = 'd'.repeat(1025);
    expect(errorOf(v => v.description('description', value))).toBe(
      `Stack/Pipeline: description '${'d'.repeat(99)}... (1025 characters) must be between 1 and 1024 characters long (got 1025)`,
    );
  });

  test('non-string values appear as lists and numbers', () => {
    expect(errorOf(v => v.count('securityGroups', ['sg-1', 'sg-2', 'sg-3'], { min: 1, max: 2 }))).toBe(
      "Stack/Pipeline: securityGroups ['sg-1', 'sg-2', 'sg-3'] must have between 1 and 2 items (got 3)",
    );
    expect(errorOf(v => v.integer('hopLimit', 0.5, LIMITS.httpPutResponseHopLimit))).toBe(
      'Stack/Pipeline: hopLimit 0.5 must be an integer between 1 and 64',
    );
  });

  test('fail() records a cross-field rule', () => {
    expect(errorOf(v => v.fail('workflows', ['a'], 'need an executionRole'))).toBe(
      "Stack/Pipeline: workflows ['a'] need an executionRole",
    );
  });

  test('nothing is thrown, and hasProblems is false, when every check passes', () => {
    const scope = new Construct(strictStack(), 'Pipeline');
    const v = new Validator(scope);
    expect(v.resourceName('name', 'good-name')).toBe(true);
    expect(v.hasProblems).toBe(false);
    expect(() => v.throwIfInvalid()).not.toThrow();
    expect(v.resourceName('name', 'x')).toBe(false);
    expect(v.hasProblems).toBe(true);
  });

  test('every check skips undefined', () => {
    expect(errorOf(v => {
      v.pattern('p', undefined, /^a$/);
      v.length('p', undefined, { min: 1, max: 2 });
      v.integer('p', undefined, { min: 1, max: 2 });
      v.count('p', undefined, { min: 1, max: 2 });
      v.oneOf('p', undefined, ['a']);
      v.resourceName('p', undefined);
      v.description('p', undefined);
      v.nonEmptyString('p', undefined);
      v.arn('p', undefined, 'image');
      v.accountId('p', undefined);
      v.semanticVersion('p', undefined, { wildcards: false });
      v.scheduleExpression('p', undefined);
      v.timeZone('p', undefined);
      v.tags('p', undefined);
    })).toBeUndefined();
  });
});

describe('isToken', () => {
  test.each<[string, unknown, boolean]>([
    ['a plain string', 'abc', false],
    ['undefined', undefined, false],
    ['null', null, false],
    ['a number', 5, false],
    ['a lazy string', lazyString('abc'), true],
    ['a string with a token inside', `prefix-${lazyString('abc')}`, true],
    ['a lazy number', lazyNumber(5), true],
    ['a list holding a token', ['a', lazyString('b')], true],
    ['an encoded list', Token.asList(Lazy.any({ produce: () => ['a'] })), true],
    ['a list of plain strings', ['a', 'b'], false],
  ])('%s -> %s', (_, value, expected) => {
    expect(isToken(value)).toBe(expected);
  });
});

describe('pattern', () => {
  test('rejects a value that does not match', () => {
    expect(errorOf(v => v.pattern('parallelGroup', '-group', PATTERNS.parallelGroup))).toBe(
      "Stack/Pipeline: parallelGroup '-group' must be a letter or digit, then up to 99 letters, digits and - _ + #, for example 'smoke-tests' (pattern ^[A-Za-z0-9][A-Za-z0-9-_+#]{0,99}$)",
    );
  });
  test('accepts a matching value', () => {
    expect(errorOf(v => v.pattern('parallelGroup', 'group-1#a', PATTERNS.parallelGroup))).toBeUndefined();
  });
  test('accepts a token', () => {
    expect(errorOf((v, scope) => {
      v.pattern('parallelGroup', lazyString('-group'), PATTERNS.parallelGroup);
      v.pattern('parallelGroup', parameter(scope), PATTERNS.parallelGroup);
    })).toBeUndefined();
  });
});

describe('length', () => {
  const range = { min: 2, max: 4 };
  test.each([
    ['too short', 'a', 1],
    ['too long', 'abcde', 5],
  ])('rejects a value %s', (_, value, got) => {
    expect(errorOf(v => v.length('workingDirectory', value, range))).toBe(
      `Stack/Pipeline: workingDirectory '${value}' must be between 2 and 4 characters long (got ${got})`,
    );
  });
  test('says "at most" when the minimum is 0', () => {
    expect(errorOf(v => v.length('value', 'abc', { min: 0, max: 2 }))).toBe(
      "Stack/Pipeline: value 'abc' must be at most 2 characters long (got 3)",
    );
  });
  test.each(['ab', 'abc', 'abcd'])('accepts %p (bounds inclusive)', value => {
    expect(errorOf(v => v.length('workingDirectory', value, range))).toBeUndefined();
  });
  test('accepts a token', () => {
    expect(errorOf(v => v.length('workingDirectory', lazyString('much too long'), range))).toBeUndefined();
  });
});

describe('integer', () => {
  const range = LIMITS.httpPutResponseHopLimit;
  test.each<[string, number]>([
    ['a fraction', 1.5],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['below the range', 0],
    ['a negative number', -1],
    ['above the range', 65],
  ])('rejects %s', (_, value) => {
    expect(errorOf(v => v.integer('httpPutResponseHopLimit', value, range))).toBe(
      `Stack/Pipeline: httpPutResponseHopLimit ${String(value)} must be an integer between 1 and 64`,
    );
  });
  test('names the unit', () => {
    expect(errorOf(v => v.integer('imageTestsTimeout', 59, LIMITS.imageTestsTimeoutMinutes, 'minutes'))).toBe(
      'Stack/Pipeline: imageTestsTimeout 59 must be an integer between 60 and 1440 minutes',
    );
  });
  test('gives both bounds when the minimum is 0', () => {
    expect(errorOf(v => v.integer('retries', -1, { min: 0, max: 3 }))).toBe(
      'Stack/Pipeline: retries -1 must be an integer between 0 and 3',
    );
  });
  test.each([1, 2, 64])('accepts %p (bounds inclusive)', value => {
    expect(errorOf(v => v.integer('httpPutResponseHopLimit', value, range))).toBeUndefined();
  });
  test('accepts a token', () => {
    expect(errorOf(v => v.integer('httpPutResponseHopLimit', lazyNumber(1000), range))).toBeUndefined();
  });
});

describe('count', () => {
  const range = { min: 1, max: 3 };
  test.each<[string, string[]]>([
    ['too few', []],
    ['too many', ['a', 'b', 'c', 'd']],
  ])('rejects %s items', (_, values) => {
    expect(errorOf(v => v.count('amiWatermarks', values, range))).toBe(
      `Stack/Pipeline: amiWatermarks [${values.map(x => `'${x}'`).join(', ')}] must have between 1 and 3 items (got ${values.length})`,
    );
  });
  test.each([[['a']], [['a', 'b', 'c']]])('accepts %p (bounds inclusive)', values => {
    expect(errorOf(v => v.count('amiWatermarks', values, range))).toBeUndefined();
  });
  test('accepts a token list', () => {
    expect(errorOf(v => v.count('amiWatermarks', Lazy.list({ produce: () => [] }), range))).toBeUndefined();
  });
});

describe('oneOf', () => {
  test('rejects another value', () => {
    expect(errorOf(v => v.oneOf('onFailure', 'abort', ['CONTINUE', 'ABORT']))).toBe(
      "Stack/Pipeline: onFailure 'abort' must be one of CONTINUE, ABORT",
    );
  });
  test('accepts an allowed value', () => {
    expect(errorOf(v => v.oneOf('onFailure', 'ABORT', ['CONTINUE', 'ABORT']))).toBeUndefined();
  });
  test('accepts a token', () => {
    expect(errorOf(v => v.oneOf('onFailure', lazyString('abort'), ['CONTINUE', 'ABORT']))).toBeUndefined();
  });
});

describe('resourceName', () => {
  const rule = 'must be 3 to 128 letters, digits, hyphens, underscores and spaces, not starting or ending with a space, for example \'golden-image\' (pattern ^[-_A-Za-z-0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z-0-9]$)';
  test.each([
    ['2 characters', 'ab'],
    ['129 characters', 'n'.repeat(129)],
    ['a space at the start', ' name'],
    ['a space at the end', 'name '],
    ['a character outside the set', 'my.recipe'],
    ['an empty string', ''],
  ])('rejects %s', (_, value) => {
    const shown = value.length > 118 ? cut(value) : `'${value}'`;
    expect(errorOf(v => v.resourceName('name', value))).toBe(`Stack/Pipeline: name ${shown} ${rule}`);
  });
  test.each([
    ['3 characters', 'abc'],
    ['128 characters', 'n'.repeat(128)],
    ['inner spaces, upper case, - and _', 'My Recipe_v-2'],
    ['- and _ at the ends', '-a_'],
  ])('accepts %s', (_, value) => {
    expect(errorOf(v => v.resourceName('name', value))).toBeUndefined();
  });
  test('accepts a token', () => {
    expect(errorOf(v => v.resourceName('name', lazyString('x')))).toBeUndefined();
  });
});

describe.each<['description' | 'nonEmptyString']>([['description'], ['nonEmptyString']])('%s', method => {
  test('rejects an empty string', () => {
    expect(errorOf(v => v[method]('text', ''))).toBe(
      "Stack/Pipeline: text '' must be between 1 and 1024 characters long (got 0)",
    );
  });
  test('rejects 1025 characters', () => {
    const value = 'x'.repeat(1025);
    expect(errorOf(v => v[method]('text', value))).toBe(
      `Stack/Pipeline: text ${cut(value)} must be between 1 and 1024 characters long (got 1025)`,
    );
  });
  test.each([['a'], ['x'.repeat(1024)]])('accepts %p', value => {
    expect(errorOf(v => v[method]('text', value))).toBeUndefined();
  });
  test('accepts a token', () => {
    expect(errorOf(v => v[method]('text', lazyString('')))).toBeUndefined();
  });
});

describe('accountId', () => {
  test.each([
    ['11 digits', '12345678901'],
    ['13 digits', '1234567890123'],
    ['letters', '12345678901a'],
    ['dashes', '1234-5678-9012'],
  ])('rejects %s', (_, value) => {
    expect(errorOf(v => v.accountId('accountId', value))).toBe(
      `Stack/Pipeline: accountId '${value}' must be an AWS account ID of 12 digits, for example '123456789012' (pattern ^[0-9]{12}$)`,
    );
  });
  test('accepts 12 digits', () => {
    expect(errorOf(v => v.accountId('accountId', '012345678901'))).toBeUndefined();
  });
  test('accepts a token', () => {
    expect(errorOf(v => v.accountId('accountId', Aws.ACCOUNT_ID))).toBeUndefined();
  });
});

describe('semanticVersion', () => {
  const RIGHT_OF_X = 'must not have a number right of an x wildcard (x.x.x, 1.x.x and 1.2.x are valid)';
  const NODE_MAX = 'must have each version number at most 1073741823';

  describe('without wildcards', () => {
    test.each([
      ['an x', '1.0.x', 'must be a version major.minor.patch of three numbers, for example \'1.0.0\' (pattern ^[0-9]+\\.[0-9]+\\.[0-9]+$)'],
      ['two nodes', '1.0', 'must be a version major.minor.patch of three numbers, for example \'1.0.0\' (pattern ^[0-9]+\\.[0-9]+\\.[0-9]+$)'],
      ['a build node', '1.0.0/1', 'must be a version major.minor.patch of three numbers, for example \'1.0.0\' (pattern ^[0-9]+\\.[0-9]+\\.[0-9]+$)'],
      ['a v prefix', 'v1.0.0', 'must be a version major.minor.patch of three numbers, for example \'1.0.0\' (pattern ^[0-9]+\\.[0-9]+\\.[0-9]+$)'],
      ['a node of 2^30', '1.1073741824.0', NODE_MAX],
    ])('rejects %s', (_, value, rule) => {
      expect(errorOf(v => v.semanticVersion('semanticVersion', value, { wildcards: false }))).toBe(
        `Stack/Pipeline: semanticVersion '${value}' ${rule}`,
      );
    });
    test.each(['1.0.0', '0.0.0', '1073741823.1073741823.1073741823'])('accepts %p', value => {
      expect(errorOf(v => v.semanticVersion('semanticVersion', value, { wildcards: false }))).toBeUndefined();
    });
  });

  describe('with wildcards', () => {
    test.each([
      ['x.2.x', RIGHT_OF_X],
      ['1.x.8', RIGHT_OF_X],
      ['x.x.1', RIGHT_OF_X],
      ['1.0.1073741824', NODE_MAX],
      ['1.0.X', 'must be a version major.minor.patch of three numbers, where x stands for any number from the right, for example \'1.0.x\' (pattern ^(?:[0-9]+|x)\\.(?:[0-9]+|x)\\.(?:[0-9]+|x)$)'],
      ['1.0.0/1', 'must be a version major.minor.patch of three numbers, where x stands for any number from the right, for example \'1.0.x\' (pattern ^(?:[0-9]+|x)\\.(?:[0-9]+|x)\\.(?:[0-9]+|x)$)'],
    ])('rejects %p', (value, rule) => {
      expect(errorOf(v => v.semanticVersion('semanticVersion', value, { wildcards: true }))).toBe(
        `Stack/Pipeline: semanticVersion '${value}' ${rule}`,
      );
    });
    test.each(['1.0.x', '1.x.x', 'x.x.x', '1.2.3', '1.0.1073741823'])('accepts %p', value => {
      expect(errorOf(v => v.semanticVersion('semanticVersion', value, { wildcards: true }))).toBeUndefined();
    });
  });

  test('accepts a token', () => {
    expect(errorOf(v => v.semanticVersion('semanticVersion', lazyString('x.2.x'), { wildcards: false }))).toBeUndefined();
  });
});

describe('tags', () => {
  const KEY_RULE = 'must be a tag key of letters, digits, spaces and _ . : / = + - @, not starting with aws:, for example \'team\' (pattern ^(?!aws:)[a-zA-Z0-9\\s_.:/=+\\-@]*$)';

  test('rejects a key with the aws: prefix', () => {
    expect(errorOf(v => v.tags('tags', { 'aws:cloudformation:stack-name': 'x' }))).toBe(
      `Stack/Pipeline: tags key 'aws:cloudformation:stack-name' ${KEY_RULE}`,
    );
  });
  test('rejects a key with a character outside the set', () => {
    expect(errorOf(v => v.tags('tags', { 'team|owner': 'x' }))).toBe(`Stack/Pipeline: tags key 'team|owner' ${KEY_RULE}`);
  });
  test('rejects an empty key', () => {
    expect(errorOf(v => v.tags('tags', { '': 'x' }))).toBe(
      "Stack/Pipeline: tags key '' must be between 1 and 128 characters long (got 0)",
    );
  });
  test('rejects a key of 129 characters', () => {
    const key = 'k'.repeat(129);
    expect(errorOf(v => v.tags('tags', { [key]: 'x' }))).toBe(
      `Stack/Pipeline: tags key ${cut(key)} must be between 1 and 128 characters long (got 129)`,
    );
  });
  test('rejects a value of 257 characters', () => {
    const value = 'v'.repeat(257);
    expect(errorOf(v => v.tags('amiTags', { Team: value }))).toBe(
      `Stack/Pipeline: amiTags['Team'] ${cut(value)} must be at most 256 characters long (got 257)`,
    );
  });
  test('rejects 51 entries', () => {
    const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    expect(errorOf(v => v.tags('tags', tags))).toMatch(
      /^Stack\/Pipeline: tags \['k0', 'k1', 'k2', 'k3', 'k4', \.\.\. 46 more \(51 items\)\] must have at most 50 entries \(got 51\)$/,
    );
  });
  test('rejects more entries than maxEntries', () => {
    const tags = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`k${i}`, 'v']));
    expect(errorOf(v => v.tags('resourceTags', tags, { maxEntries: LIMITS.resourceTagCount.max }))).toMatch(
      /^Stack\/Pipeline: resourceTags \['k0', [^\n]* must have at most 30 entries \(got 31\)$/,
    );
  });
  test('reports every bad entry, one line each', () => {
    expect(errorOf(v => v.tags('tags', { 'aws:a': 'x', 'ok': 'y', 'b|c': 'z' }))?.split('\n')).toEqual([
      `Stack/Pipeline: tags key 'aws:a' ${KEY_RULE}`,
      `Stack/Pipeline: tags key 'b|c' ${KEY_RULE}`,
    ]);
  });

  test.each<[string, Record<string, string>, { maxEntries?: number }]>([
    ['ordinary tags with an empty value', { 'Team': 'platform', 'cost-center': '', 'a:b/c=d+e-f@g_h.i j': 'x' }, {}],
    ['a key containing aws: later on', { 'my:aws:key': 'x' }, {}],
    ['a 128-character key and a 256-character value', { ['k'.repeat(128)]: 'v'.repeat(256) }, {}],
    ['50 entries', Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v'])), {}],
    ['30 entries with maxEntries 30', Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, 'v'])), { maxEntries: 30 }],
    // The API reserves no key but the aws: prefix (the model's TagKey; nothing else in its documentation).
    ['the keys Name, Tags, CreatedBy and Ec2ImageBuilderArn', { Name: 'x', Tags: 'y', CreatedBy: 'z', Ec2ImageBuilderArn: 'w' }, {}],
    ['an empty map', {}, {}],
  ])('accepts %s', (_, tags, options) => {
    expect(errorOf(v => v.tags('tags', tags, options))).toBeUndefined();
  });

  test('accepts tokens in keys, values and the whole map', () => {
    expect(errorOf(v => {
      v.tags('tags', { [lazyString('aws:key')]: 'v', Team: lazyString('v'.repeat(300)) });
      v.tags('tags', Token.asAny(Lazy.any({ produce: () => ({ 'aws:x': 'y' }) })) as unknown as Record<string, string>);
    })).toBeUndefined();
  });
});

describe('scheduleExpression', () => {
  test('rejects five-field Unix cron, saying so', () => {
    expect(errorOf(v => v.scheduleExpression('schedule.expression', 'cron(0 4 * * *)'))).toBe(
      "Stack/Pipeline: schedule.expression 'cron(0 4 * * *)' must be 'cron(minute hour day-of-month month day-of-week year)' " +
      "with six fields, e.g. 'cron(0 4 ? * MON *)', or 'rate(value unit)' with unit minute(s), hour(s) or day(s), e.g. 'rate(1 day)' " +
      '(five-field Unix cron is not accepted: Image Builder needs a sixth field, the year)',
    );
  });
  test('rejects a bad field, naming it', () => {
    expect(errorOf(v => v.scheduleExpression('schedule.expression', 'cron(0 24 * * ? *)'))).toBe(
      "Stack/Pipeline: schedule.expression 'cron(0 24 * * ? *)' must have a valid hour field: '24' is outside 0-23",
    );
  });
  test('rejects more than 1024 characters with the length rule only', () => {
    const value = `cron(${Array.from({ length: 300 }, () => '1').join(',')} 0 * * ? *)`.padEnd(1025, ' ');
    expect(value.length).toBe(1025);
    expect(errorOf(v => v.scheduleExpression('schedule.expression', value))).toBe(
      `Stack/Pipeline: schedule.expression ${cut(value)} must be between 1 and 1024 characters long (got 1025)`,
    );
  });
  test.each(['cron(0 0 * * ? *)', 'rate(1 day)'])('accepts %p', value => {
    expect(errorOf(v => v.scheduleExpression('schedule.expression', value))).toBeUndefined();
  });
  test('accepts a token', () => {
    expect(errorOf((v, scope) => {
      v.scheduleExpression('schedule.expression', lazyString('daily'));
      v.scheduleExpression('schedule.expression', `cron(0 ${parameter(scope)} * * ? *)`);
    })).toBeUndefined();
  });
});

describe('timeZone', () => {
  test.each([
    ['too short', 'U', 'must be between 3 and 100 characters long (got 1)'],
    ['an offset', '+01:00', "must be an IANA time zone name such as 'Etc/UTC' or 'America/Los_Angeles'"],
    ['no two letters or digits in a row', 'a/b', "must be an IANA time zone name, for example 'America/Los_Angeles' (pattern [a-zA-Z0-9]{2,}(?:\\/[a-zA-Z0-9-_+]+)*)"],
    ['an unknown zone', 'Mars/Olympus', "must be an IANA time zone name such as 'Etc/UTC' or 'America/Los_Angeles'"],
    ['the wrong case', 'europe/berlin', "must be spelled as the IANA database spells it ('Europe/Berlin')"],
  ])('rejects %s', (_, value, rule) => {
    expect(errorOf(v => v.timeZone('schedule.timezone', value))).toBe(`Stack/Pipeline: schedule.timezone '${value}' ${rule}`);
  });
  test('rejects 101 characters', () => {
    const value = `America/${'A'.repeat(93)}`;
    expect(value.length).toBe(101);
    expect(errorOf(v => v.timeZone('schedule.timezone', value))).toBe(
      `Stack/Pipeline: schedule.timezone '${value}' must be between 3 and 100 characters long (got 101)`,
    );
  });
  test.each(['Etc/UTC', 'UTC', 'America/Los_Angeles', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5'])('accepts %p', value => {
    expect(errorOf(v => v.timeZone('schedule.timezone', value))).toBeUndefined();
  });
  test('accepts a token', () => {
    expect(errorOf(v => v.timeZone('schedule.timezone', lazyString('Mars/Olympus')))).toBeUndefined();
  });
});

describe('arn', () => {
  const KIND_NAMES: Record<ArnKind, string> = {
    imageRecipe: 'an image recipe ARN',
    containerRecipe: 'a container recipe ARN',
    infrastructureConfiguration: 'an infrastructure configuration ARN',
    distributionConfiguration: 'a distribution configuration ARN',
    imagePipeline: 'an image pipeline ARN',
    component: 'a component ARN',
    workflow: 'a workflow ARN',
    image: 'an image ARN',
    lifecyclePolicy: 'a lifecycle policy ARN',
    role: 'an IAM role name or ARN',
  };

  test('names the kind and the exact pattern', () => {
    expect(errorOf(v => v.arn('imageRecipeArn', 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/My-Recipe/1.0.0', 'imageRecipe'))).toBe(
      "Stack/Pipeline: imageRecipeArn 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/My-Recipe/1.0.0' " +
      "must be an image recipe ARN, for example 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/golden-image/1.0.x' " +
      '(pattern ^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws):image-recipe\\/[a-z0-9-_]+\\/(?:[0-9]+|x)\\.(?:[0-9]+|x)\\.(?:[0-9]+|x)$)',
    );
  });

  test.each<[ArnKind, string]>([
    ['imageRecipe', 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/my-recipe/1.0.0'],
    ['imageRecipe', 'arn:aws-cn:imagebuilder:cn-north-1:123456789012:image-recipe/my_recipe/1.0.x'],
    ['imageRecipe', 'arn:aws-us-gov:imagebuilder:us-gov-west-1:123456789012:image-recipe/recipe-2/x.x.x'],
    ['imageRecipe', 'arn:aws:imagebuilder:us-east-1:aws:image-recipe/amazon-linux-2023/1.2.3'],
    ['containerRecipe', 'arn:aws:imagebuilder:us-east-1:123456789012:container-recipe/my-recipe/1.0.0'],
    ['containerRecipe', 'arn:aws-cn:imagebuilder:cn-northwest-1:123456789012:container-recipe/my-recipe/1.x.x'],
    ['containerRecipe', 'arn:aws-us-gov:imagebuilder:us-gov-east-1:123456789012:container-recipe/my-recipe/x.x.x'],
    ['containerRecipe', 'arn:aws:imagebuilder:eu-west-1:aws:container-recipe/base/2.0.0'],
    ['infrastructureConfiguration', 'arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/my-infra'],
    ['infrastructureConfiguration', 'arn:aws-cn:imagebuilder:cn-north-1:123456789012:infrastructure-configuration/my_infra'],
    ['infrastructureConfiguration', 'arn:aws-us-gov:imagebuilder:us-gov-west-1:123456789012:infrastructure-configuration/infra'],
    ['infrastructureConfiguration', 'arn:aws:imagebuilder:us-east-1:aws:infrastructure-configuration/shared'],
    ['distributionConfiguration', 'arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/my-dist'],
    ['distributionConfiguration', 'arn:aws-cn:imagebuilder:cn-north-1:123456789012:distribution-configuration/dist'],
    ['distributionConfiguration', 'arn:aws-us-gov:imagebuilder:us-gov-west-1:123456789012:distribution-configuration/dist'],
    ['distributionConfiguration', 'arn:aws:imagebuilder:us-east-1:aws:distribution-configuration/shared'],
    ['imagePipeline', 'arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/my-pipeline'],
    ['imagePipeline', 'arn:aws-cn:imagebuilder:cn-north-1:123456789012:image-pipeline/pipeline_1'],
    ['imagePipeline', 'arn:aws-us-gov:imagebuilder:us-gov-west-1:123456789012:image-pipeline/pipeline'],
    ['imagePipeline', 'arn:aws:imagebuilder:us-east-1:aws:image-pipeline/shared'],
    ['component', 'arn:aws:imagebuilder:us-east-1:123456789012:component/my-component/1.0.0'],
    ['component', 'arn:aws-cn:imagebuilder:cn-north-1:123456789012:component/my-component/1.0.0/1'],
    ['component', 'arn:aws-us-gov:imagebuilder:us-gov-west-1:123456789012:component/my-component/1.x.x'],
    ['component', 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x'],
    ['component', 'arn:aws:imagebuilder:us-east-1:aws-marketplace:component/cis-hardening/1.0.0/1'],
    ['workflow', 'arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/x.x.x'],
    ['workflow', 'arn:aws-cn:imagebuilder:cn-north-1:123456789012:workflow/test/my-tests/1.0.0'],
    ['workflow', 'arn:aws-us-gov:imagebuilder:us-gov-west-1:123456789012:workflow/distribution/dist/1.0.0/2'],
    ['workflow', 'arn:aws:imagebuilder:ap-southeast-5:aws-marketplace:workflow/test/vendor/1.x.x'],
    ['image', 'arn:aws:imagebuilder:us-east-1:123456789012:image/my-image/1.0.0/1'],
    ['image', 'arn:aws-cn:imagebuilder:cn-north-1:123456789012:image/my-image/x.x.x'],
    ['image', 'arn:aws-us-gov:imagebuilder:us-gov-west-1:123456789012:image/my-image/1.2.x'],
    ['image', 'arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86/x.x.x'],
    ['image', 'arn:aws:imagebuilder:us-east-1:aws-marketplace:image/vendor-image/1.0.0'],
    ['lifecyclePolicy', 'arn:aws:imagebuilder:us-east-1:123456789012:lifecycle-policy/my-policy'],
    ['lifecyclePolicy', 'arn:aws-cn:imagebuilder:cn-north-1:123456789012:lifecycle-policy/policy'],
    ['lifecyclePolicy', 'arn:aws-us-gov:imagebuilder:us-gov-west-1:123456789012:lifecycle-policy/policy'],
    ['lifecyclePolicy', 'arn:aws:imagebuilder:us-east-1:aws:lifecycle-policy/shared'],
    ['role', 'ImageBuilderRole'],
    ['role', 'service-role/ImageBuilder+Role=a,b.c@d_e-f'],
    ['role', 'arn:aws:iam::123456789012:role/ImageBuilderRole'],
    ['role', 'arn:aws-cn:iam::123456789012:role/service-role/MyRole'],
    ['role', 'arn:aws-us-gov:iam::123456789012:role/MyRole'],
  ])('%s accepts %s', (kind, arn) => {
    expect(errorOf(v => v.arn('arn', arn, kind))).toBeUndefined();
  });

  test.each<[ArnKind, string, string]>([
    ['imageRecipe', 'an uppercase name', 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/My-Recipe/1.0.0'],
    ['imageRecipe', 'a container recipe', 'arn:aws:imagebuilder:us-east-1:123456789012:container-recipe/r/1.0.0'],
    ['imageRecipe', 'an 11-digit account', 'arn:aws:imagebuilder:us-east-1:12345678901:image-recipe/r/1.0.0'],
    ['imageRecipe', 'no version', 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/r'],
    ['imageRecipe', 'a build version', 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/r/1.0.0/1'],
    ['imageRecipe', 'an aws-marketplace account', 'arn:aws:imagebuilder:us-east-1:aws-marketplace:image-recipe/r/1.0.0'],
    ['imageRecipe', 'another service', 'arn:aws:ec2:us-east-1:123456789012:image-recipe/r/1.0.0'],
    ['containerRecipe', 'an uppercase name', 'arn:aws:imagebuilder:us-east-1:123456789012:container-recipe/Recipe/1.0.0'],
    ['containerRecipe', 'an image recipe', 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/r/1.0.0'],
    ['containerRecipe', 'an 11-digit account', 'arn:aws:imagebuilder:us-east-1:12345678901:container-recipe/r/1.0.0'],
    ['containerRecipe', 'no version', 'arn:aws:imagebuilder:us-east-1:123456789012:container-recipe/r'],
    ['containerRecipe', 'a build version', 'arn:aws:imagebuilder:us-east-1:123456789012:container-recipe/r/1.0.0/1'],
    ['infrastructureConfiguration', 'an uppercase name', 'arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/Infra'],
    ['infrastructureConfiguration', 'a distribution configuration', 'arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/i'],
    ['infrastructureConfiguration', 'an 11-digit account', 'arn:aws:imagebuilder:us-east-1:12345678901:infrastructure-configuration/i'],
    ['infrastructureConfiguration', 'a version', 'arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/i/1.0.0'],
    ['infrastructureConfiguration', 'no name', 'arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/'],
    ['distributionConfiguration', 'an uppercase name', 'arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/Dist'],
    ['distributionConfiguration', 'an image pipeline', 'arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/d'],
    ['distributionConfiguration', 'an 11-digit account', 'arn:aws:imagebuilder:us-east-1:12345678901:distribution-configuration/d'],
    ['distributionConfiguration', 'a version', 'arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/d/1.0.0'],
    ['imagePipeline', 'an uppercase name', 'arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/Pipeline'],
    ['imagePipeline', 'an image', 'arn:aws:imagebuilder:us-east-1:123456789012:image/p/1.0.0/1'],
    ['imagePipeline', 'an 11-digit account', 'arn:aws:imagebuilder:us-east-1:12345678901:image-pipeline/p'],
    ['imagePipeline', 'a third-party account', 'arn:aws:imagebuilder:us-east-1:third-party:image-pipeline/p'],
    ['component', 'an uppercase name', 'arn:aws:imagebuilder:us-east-1:123456789012:component/Component/1.0.0'],
    ['component', 'a workflow', 'arn:aws:imagebuilder:us-east-1:123456789012:workflow/build/c/1.0.0'],
    ['component', 'an 11-digit account', 'arn:aws:imagebuilder:us-east-1:12345678901:component/c/1.0.0'],
    ['component', 'no version', 'arn:aws:imagebuilder:us-east-1:123456789012:component/c'],
    ['component', 'two version nodes', 'arn:aws:imagebuilder:us-east-1:123456789012:component/c/1.0'],
    ['component', 'a wildcard with a build', 'arn:aws:imagebuilder:us-east-1:123456789012:component/c/1.0.x/1'],
    ['workflow', 'an uppercase name', 'arn:aws:imagebuilder:us-east-1:123456789012:workflow/build/Build/1.0.0'],
    ['workflow', 'an unknown workflow type', 'arn:aws:imagebuilder:us-east-1:123456789012:workflow/deploy/w/1.0.0'],
    ['workflow', 'no workflow type', 'arn:aws:imagebuilder:us-east-1:123456789012:workflow/w/1.0.0'],
    ['workflow', 'a component', 'arn:aws:imagebuilder:us-east-1:123456789012:component/w/1.0.0'],
    ['workflow', 'an 11-digit account', 'arn:aws:imagebuilder:us-east-1:12345678901:workflow/build/w/1.0.0'],
    ['workflow', 'no version', 'arn:aws:imagebuilder:us-east-1:123456789012:workflow/build/w'],
    ['workflow', 'a region that is no region', 'arn:aws:imagebuilder:global:123456789012:workflow/build/w/1.0.0'],
    ['workflow', 'a region without its number', 'arn:aws:imagebuilder:us-east:123456789012:workflow/build/w/1.0.0'],
    ['workflow', 'a third-party account', 'arn:aws:imagebuilder:us-east-1:third-party:workflow/build/w/1.0.0'],
    ['image', 'an uppercase name', 'arn:aws:imagebuilder:us-east-1:123456789012:image/Image/1.0.0/1'],
    ['image', 'an image recipe', 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/i/1.0.0'],
    ['image', 'an 11-digit account', 'arn:aws:imagebuilder:us-east-1:12345678901:image/i/1.0.0/1'],
    ['image', 'no version', 'arn:aws:imagebuilder:us-east-1:123456789012:image/i'],
    ['image', 'a third-party account', 'arn:aws:imagebuilder:us-east-1:third-party:image/i/1.0.0'],
    ['lifecyclePolicy', 'an uppercase name', 'arn:aws:imagebuilder:us-east-1:123456789012:lifecycle-policy/Policy'],
    ['lifecyclePolicy', 'an image pipeline', 'arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/l'],
    ['lifecyclePolicy', 'an 11-digit account', 'arn:aws:imagebuilder:us-east-1:12345678901:lifecycle-policy/l'],
    ['lifecyclePolicy', 'an aws-marketplace account', 'arn:aws:imagebuilder:us-east-1:aws-marketplace:lifecycle-policy/l'],
    ['lifecyclePolicy', 'a region that is no region', 'arn:aws:imagebuilder:global:123456789012:lifecycle-policy/l'],
    ['role', 'a space', 'Image Builder Role'],
    ['role', 'an empty name', ''],
    ['role', 'an 11-digit account', 'arn:aws:iam::12345678901:role/MyRole'],
    ['role', 'a user ARN', 'arn:aws:iam::123456789012:user/Bob'],
    ['role', 'a region in an IAM ARN', 'arn:aws:iam:us-east-1:123456789012:role/MyRole'],
  ])('%s rejects %s', (kind, _, arn) => {
    const shown = arn.length > 118 ? cut(arn) : `'${arn}'`;
    expect(errorOf(v => v.arn('arn', arn, kind))).toBe(
      `Stack/Pipeline: arn ${shown} must be ${KIND_NAMES[kind]}, for example '${ARN_EXAMPLES[kind]}' (pattern ${ARN_PATTERNS[kind].source})`,
    );
  });

  test('role rejects a name or ARN longer than 2048 characters', () => {
    const name = 'r'.repeat(2049);
    expect(errorOf(v => v.arn('role', name, 'role'))).toBe(
      `Stack/Pipeline: role ${cut(name)} must be between 1 and 2048 characters long (got 2049)`,
    );
  });

  test.each<[ArnKind]>([
    ['imageRecipe'], ['containerRecipe'], ['infrastructureConfiguration'], ['distributionConfiguration'], ['imagePipeline'],
    ['component'], ['workflow'], ['image'], ['lifecyclePolicy'], ['role'],
  ])('%s accepts a token', kind => {
    expect(errorOf((v, scope) => {
      v.arn('arn', lazyString('not an arn'), kind);
      v.arn('arn', `arn:aws:imagebuilder:us-east-1:123456789012:${parameter(scope)}`, kind);
    })).toBeUndefined();
  });
});
