/**
 * Property-based tests of the validation core: for generated strings, each validator accepts
 * exactly what the Image Builder API's own pattern and limits accept. The oracles below are the
 * API's patterns copied as text from the service model (not our compiled RegExp objects), so a
 * typo in src/private/api-constraints.ts shows up here.
 */
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { strictStack } from './helpers';
import { ArnKind } from '../src/private/core/api-constraints';
import { Validator } from '../src/private/core/validation';

/** Generated cases per property. */
const RUNS = 2000;

/** The API's patterns, verbatim from the service model (imagebuilder 2019-12-02). */
const API = {
  name: '^[-_A-Za-z-0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z-0-9]$',
  version: '^[0-9]+\\.[0-9]+\\.[0-9]+$',
  wildcardVersion: '^(?:[0-9]+|x)\\.(?:[0-9]+|x)\\.(?:[0-9]+|x)$',
  tagKey: '^(?!aws:)[a-zA-Z0-9\\s_.:/=+\\-@]*$',
  role: '^(?:arn:aws(?:-[a-z]+)*:iam::[0-9]{12}:role/)?[a-zA-Z_0-9+=,.@\\-_/]+$',
  imageRecipe: '^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws):image-recipe/[a-z0-9-_]+/(?:[0-9]+|x)\\.(?:[0-9]+|x)\\.(?:[0-9]+|x)$',
  containerRecipe: '^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws):container-recipe/[a-z0-9-_]+/(?:[0-9]+|x)\\.(?:[0-9]+|x)\\.(?:[0-9]+|x)$',
  infrastructureConfiguration: '^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws):infrastructure-configuration/[a-z0-9-_]+$',
  distributionConfiguration: '^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws):distribution-configuration/[a-z0-9-_]+$',
  imagePipeline: '^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws):image-pipeline/[a-z0-9-_]+$',
  component: '^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):component/[a-z0-9-_]+/(?:(?:([0-9]+|x)\\.([0-9]+|x)\\.([0-9]+|x))|(?:[0-9]+\\.[0-9]+\\.[0-9]+/[0-9]+))$',
  workflow: '^arn:aws(?:-[a-z]+)*:imagebuilder:[a-z]{2,}(?:-[a-z]+)+-[0-9]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):workflow/(build|test|distribution)/[a-z0-9-_]+/(?:(?:([0-9]+|x)\\.([0-9]+|x)\\.([0-9]+|x))|(?:[0-9]+\\.[0-9]+\\.[0-9]+/[0-9]+))$',
  image: '^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):image/[a-z0-9-_]+/(?:(?:([0-9]+|x)\\.([0-9]+|x)\\.([0-9]+|x))|(?:[0-9]+\\.[0-9]+\\.[0-9]+/[0-9]+))$',
  lifecyclePolicy: '^arn:aws(?:-[a-z]+)*:imagebuilder:[a-z]{2,}(?:-[a-z]+)+-[0-9]+:(?:[0-9]{12}|aws):lifecycle-policy/[a-z0-9-_]+$',
};

const scope = new Construct(strictStack(), 'Subject');
/** A validator's checks return their own verdict; the problems it collects are not read here. */
function validator(): Validator {
  return new Validator(scope);
}

/**
 * Runs a property comparing a validator with its oracle, and checks that the generator hit both
 * verdicts often enough for the comparison to mean something (at least 5% each).
 */
function assertAgreement<T>(arb: fc.Arbitrary<T>, check: (value: T) => boolean, oracle: (value: T) => boolean) {
  const seen = { accepted: 0, rejected: 0 };
  fc.assert(fc.property(arb, (value) => {
    const expected = oracle(value);
    expect(check(value)).toBe(expected);
    seen[expected ? 'accepted' : 'rejected']++;
  }), { numRuns: RUNS });
  expect(seen.accepted).toBeGreaterThan(RUNS * 0.05);
  expect(seen.rejected).toBeGreaterThan(RUNS * 0.05);
}

/** Strings over an alphabet that hits the patterns' edges: mostly near-valid, sometimes not. */
function textFrom(chars: string, maxLength: number): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...chars.split('')), maxLength });
}

const NAME_CHARS = 'aZ09-_ !.é';
const VERSION_PART = fc.oneof(
  fc.constantFrom('0', '1', '10', 'x', 'X', '', '01', '1073741823', '1073741824', '-1', '1.2'),
  fc.nat({ max: 2_000_000_000 }).map(String),
);
const version = fc.tuple(VERSION_PART, VERSION_PART, VERSION_PART).map(p => p.join('.'));
const buildVersion = fc.tuple(version, fc.constantFrom('', '/1', '/12', '/x', '/')).map(([v, b]) => `${v}${b}`);

const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso-b', 'AWS', 'aw', 'awsx', ''];
const REGIONS = ['us-east-1', 'cn-north-1', 'us-gov-west-1', 'eu-central-2', 'ap-southeast-5', 'local', 'us_east_1', 'US-EAST-1', ''];
const ACCOUNTS = ['123456789012', 'aws', 'aws-marketplace', 'aws-x', 'third-party', '12345678901', '1234567890123', 'AWS', ''];
const TYPES = [
  'image-recipe', 'container-recipe', 'infrastructure-configuration', 'distribution-configuration', 'image-pipeline',
  'component', 'image', 'lifecycle-policy', 'workflow/build', 'workflow/test', 'workflow/distribution', 'workflow/deploy',
];

/** ARN-shaped strings made of valid and invalid parts. */
const arnLike = fc.record({
  partition: fc.constantFrom(...PARTITIONS),
  service: fc.constantFrom('imagebuilder', 'ImageBuilder', 'ec2'),
  region: fc.constantFrom(...REGIONS),
  account: fc.constantFrom(...ACCOUNTS),
  type: fc.constantFrom(...TYPES),
  name: fc.oneof(textFrom('ab09-_', 12), textFrom('aB0 -/.', 6)),
  version: fc.option(buildVersion, { nil: undefined }),
}).map(a => `arn:${a.partition}:${a.service}:${a.region}:${a.account}:${a.type}/${a.name}${a.version === undefined ? '' : `/${a.version}`}`);

/** ARNs built from valid parts of the given kind (the oracle still decides: some parts are near the limits). */
function validArnOf(kind: ArnKind): fc.Arbitrary<string> {
  const type = {
    imageRecipe: 'image-recipe',
    containerRecipe: 'container-recipe',
    infrastructureConfiguration: 'infrastructure-configuration',
    distributionConfiguration: 'distribution-configuration',
    imagePipeline: 'image-pipeline',
    component: 'component',
    workflow: 'workflow/test',
    image: 'image',
    lifecyclePolicy: 'lifecycle-policy',
    role: 'role',
  }[kind];
  const versioned = ['imageRecipe', 'containerRecipe', 'component', 'workflow', 'image'].includes(kind);
  return fc.record({
    partition: fc.constantFrom('aws', 'aws-cn', 'aws-us-gov'),
    region: fc.constantFrom('us-east-1', 'cn-north-1', 'us-gov-west-1'),
    account: fc.constantFrom('123456789012', 'aws', 'aws-marketplace', 'third-party'),
    name: fc.stringMatching(/^[a-z0-9-_]{1,20}$/),
    version: fc.oneof(version, buildVersion),
  }).map(a => `arn:${a.partition}:imagebuilder:${a.region}:${a.account}:${type}/${a.name}${versioned ? `/${a.version}` : ''}`);
}

const ARN_KINDS: ArnKind[] = [
  'imageRecipe', 'containerRecipe', 'infrastructureConfiguration', 'distributionConfiguration', 'imagePipeline',
  'component', 'workflow', 'image', 'lifecyclePolicy',
];

describe('validators accept exactly what the API accepts', () => {
  test.each(ARN_KINDS)('%s ARNs', (kind) => {
    const oracle = new RegExp(API[kind]);
    const arns = fc.oneof(
      { weight: 6, arbitrary: validArnOf(kind) },
      { weight: 4, arbitrary: arnLike },
      { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
    );
    assertAgreement(arns,
      arn => validator().arn('arn', arn, kind), arn => oracle.test(arn));
  });

  test('role names and ARNs', () => {
    const oracle = new RegExp(API.role);
    const roleLike = fc.oneof(
      fc.tuple(fc.constantFrom(...PARTITIONS), fc.constantFrom(...ACCOUNTS), textFrom('aZ_0+=,.@-/ !', 20))
        .map(([p, a, n]) => `arn:${p}:iam::${a}:role/${n}`),
      textFrom('aZ_0+=,.@-/ !:', 30),
      fc.constant('a'.repeat(2049)),
    );
    assertAgreement(roleLike, role => validator().arn('executionRole', role, 'role'), role => oracle.test(role) && role.length <= 2048);
  });

  test('resource names', () => {
    const oracle = new RegExp(API.name);
    const names = fc.oneof(
      textFrom(NAME_CHARS, 8),
      textFrom('a -', 140),
      fc.stringMatching(/^[-_A-Za-z0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z0-9]$/),
    );
    assertAgreement(names, name => validator().resourceName('name', name), name => oracle.test(name));
  });

  test.each([
    ['exact versions', false, API.version],
    ['wildcard versions', true, API.wildcardVersion],
  ])('%s', (_title, wildcards, pattern) => {
    const oracle = new RegExp(pattern);
    /** The API's rules beyond the pattern: each node at most 2^30-1, nothing but x right of an x. */
    const apiAccepts = (v: string) => {
      if (!oracle.test(v)) return false;
      const nodes = v.split('.');
      const firstX = nodes.indexOf('x');
      if (firstX >= 0 && nodes.slice(firstX).some(n => n !== 'x')) return false;
      return nodes.every(n => n === 'x' || Number(n) <= 1073741823);
    };
    const plainVersion = fc.tuple(fc.nat({ max: 99 }), fc.nat({ max: 99 }), fc.nat({ max: 99 })).map(n => n.join('.'));
    assertAgreement(fc.oneof(plainVersion, version, buildVersion, fc.string({ maxLength: 12 })),
      v => validator().semanticVersion('version', v, { wildcards }), apiAccepts);
  });

  test('tag maps', () => {
    const keyOracle = new RegExp(API.tagKey);
    const key = fc.oneof(textFrom('aZ0 _.:/=+-@!', 10), fc.constantFrom('aws:x', 'AWS:x', 'aws', 'awsx:y', ''), textFrom('k', 130));
    const value = fc.oneof(fc.string({ maxLength: 10 }), textFrom('v', 258));
    const tags = fc.dictionary(key, value, { maxKeys: 52 });
    assertAgreement(tags, t => validator().tags('tags', t), (t) => {
      const entries = Object.entries(t);
      return entries.length <= 50 && entries.every(([k, v]) => k.length >= 1 && k.length <= 128 && keyOracle.test(k) && v.length <= 256);
    });
  });
});

describe('cron expressions', () => {
  const inRange = (min: number, max: number) => fc.integer({ min, max }).map(String);
  const outOfRange = (min: number, max: number) =>
    fc.oneof(fc.integer({ min: max + 1, max: max + 100 }), fc.constant(min - 1)).filter(n => n >= 0).map(String);
  const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
  const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
  const field = (min: number, max: number, names: string[] = [], increments = true) => {
    const value = names.length ? fc.oneof(inRange(min, max), fc.constantFrom(...names)) : inRange(min, max);
    const options = [
      fc.constant('*'),
      value,
      fc.tuple(value, value).map(([a, b]) => `${a}-${b}`),
      fc.array(value, { minLength: 2, maxLength: 4 }).map(v => v.join(',')),
    ];
    if (increments) {
      options.push(fc.tuple(fc.oneof(fc.constant('*'), inRange(min, max)), fc.integer({ min: 1, max: 30 })).map(([a, s]) => `${a}/${s}`));
    }
    return fc.oneof(...options);
  };
  const validCron = fc.tuple(
    field(0, 59), field(0, 23), field(1, 31), field(1, 12, MONTHS), field(1, 7, DAYS, false), field(1970, 2199), fc.boolean(),
  ).map(([mi, h, dom, mo, dow, y, useDom]) => `cron(${mi} ${h} ${useDom ? dom : '?'} ${mo} ${useDom ? '?' : dow} ${y})`);

  test('every expression of the grammar is accepted', () => {
    fc.assert(fc.property(validCron, (cron) => {
      expect(validator().scheduleExpression('schedule', cron)).toBe(true);
    }), { numRuns: RUNS });
  });

  test('an out-of-range value in any field is rejected', () => {
    const ranges: Array<[number, number]> = [[0, 59], [0, 23], [1, 31], [1, 12], [1, 7], [1970, 2199]];
    const broken = fc.tuple(validCron, fc.integer({ min: 0, max: 5 }))
      .chain(([cron, index]) => outOfRange(...ranges[index]).map(bad => {
        const fields = cron.slice(5, -1).split(' ');
        fields[index] = bad;
        if (index === 2) fields[4] = '?';
        if (index === 4) fields[2] = '?';
        return `cron(${fields.join(' ')})`;
      }));
    fc.assert(fc.property(broken, (cron) => {
      expect(validator().scheduleExpression('schedule', cron)).toBe(false);
    }), { numRuns: RUNS });
  });

  test('five-field and seven-field expressions are rejected', () => {
    fc.assert(fc.property(validCron, fc.boolean(), (cron, drop) => {
      const fields = cron.slice(5, -1).split(' ');
      const changed = drop ? fields.slice(0, 5) : [...fields, '*'];
      expect(validator().scheduleExpression('schedule', `cron(${changed.join(' ')})`)).toBe(false);
    }), { numRuns: RUNS });
  });
});

describe('no input makes a validator crash or hang', () => {
  const HOSTILE = [
    'a'.repeat(100_000),
    'a '.repeat(50_000),
    `arn:aws:imagebuilder:us-east-1:123456789012:component/${'a'.repeat(50_000)}/1.0.0!`,
    `arn:aws${'-a'.repeat(30_000)}:imagebuilder:x`,
    `${'A'.repeat(4)}`.repeat(25_000) + '!',
    `cron(${'1,'.repeat(20_000)}1 * * * ? *)`,
    '\u0000'.repeat(1000),
  ];

  test.each(HOSTILE.map((s, i) => [i, s]))('hostile input %i is judged within a second by every validator (catastrophic backtracking would take far longer)', (_i, input) => {
    const v = validator();
    const started = process.hrtime.bigint();
    for (const kind of [...ARN_KINDS, 'role'] as ArnKind[]) v.arn('arn', input as string, kind);
    v.resourceName('name', input as string);
    v.semanticVersion('version', input as string, { wildcards: true });
    v.tags('tags', { [(input as string).slice(0, 200)]: input as string });
    v.scheduleExpression('schedule', input as string);
    v.timeZone('timeZone', input as string);
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    expect(elapsedMs).toBeLessThan(1000);
  });

  test('arbitrary strings never throw from a check', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (s) => {
      const v = validator();
      for (const kind of [...ARN_KINDS, 'role'] as ArnKind[]) v.arn('arn', s, kind);
      v.resourceName('name', s);
      v.semanticVersion('version', s, { wildcards: false });
      v.scheduleExpression('schedule', s);
      v.timeZone('timeZone', s);
      v.tags('tags', { [s]: s });
    }), { numRuns: RUNS });
  });
});
