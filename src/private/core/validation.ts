import * as fs from 'fs';
import { Annotations, Duration, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ARN_EXAMPLES, ARN_KIND_NAMES, ARN_PATTERNS, ArnKind, LIMITS, OTHER_SERVICE_IDS, PATTERN_RULES, PATTERNS } from './api-constraints';
import { ErrorSubject, formatProblemAtConstruct, ImageBuilderValidationError, Problem } from './errors';
import { scheduleExpressionRule, timeZoneRule, tokenScheduleExpressionRule } from './schedule-expression';

/** A token encoded in a string (`${Token[TOKEN.123]}`), shown as `<token>` in error messages. */
const TOKEN_MARKER = /\$\{Token\[[^\]]*\]\}/g;

/** A length or numeric range, inclusive. */
export interface Range {
  readonly min: number;
  readonly max: number;
}

/** True when the value holds an unresolved token anywhere (such values are never rejected). */
export function isToken(value: unknown): boolean {
  if (value === undefined || value === null) {
    return false;
  }
  if (Array.isArray(value)) {
    return Token.isUnresolved(value) || value.some(isToken);
  }
  return Token.isUnresolved(value);
}

const ENUM_MEMBERS = new WeakMap<object, Array<string | number>>();

/**
 * The members of an enum object, listed once per enum: a numeric enum also maps its values back
 * to its names, so only its values are members.
 */
function enumMembers(enumObject: Record<string, string | number>): Array<string | number> {
  let members = ENUM_MEMBERS.get(enumObject);
  if (!members) {
    const numeric = Object.values(enumObject).some(member => typeof member === 'number');
    members = Object.values(enumObject).filter(member => !numeric || typeof member === 'number');
    ENUM_MEMBERS.set(enumObject, members);
  }
  return members;
}

/**
 * Collects every problem of one construct's input and throws them together.
 *
 * Every check skips `undefined` (the prop was not given) and unresolved tokens.
 *
 * @example
 * const v = new Validator(this);
 * v.resourceName('imagePipelineName', props.imagePipelineName);
 * v.length('description', props.description, LIMITS.description);
 * v.throwIfInvalid();
 */
export class Validator {
  /**
   * A validator for the input of a static importer (`fromXxxArn(scope, id, ...)`): its errors name
   * the construct the importer is about to create, `<scope path>/<id>`.
   */
  public static forImport(scope: IConstruct, id: string): Validator {
    return new Validator(`${scope.node.path}/${id}`);
  }

  private readonly problems: Problem[] = [];

  constructor(private readonly scope: ErrorSubject) {}

  /** Records a problem found by the caller. */
  public fail(property: string, value: unknown, rule: string): void {
    this.problems.push({ property, value, rule });
  }

  /**
   * Records a warning (`cdk-imagebuilder:<id>`): input the API accepts on which the build is
   * likely to fail. Shown at synth; a user who means it acknowledges it with
   * `Annotations.of(scope).acknowledgeWarning('cdk-imagebuilder:<id>')`. Not for importers (no
   * construct yet).
   */
  public warn(id: string, property: string, value: unknown, rule: string): void {
    if (typeof this.scope !== 'string') {
      Annotations.of(this.scope).addWarningV2(`cdk-imagebuilder:${id}`, formatProblemAtConstruct({ property, value, rule }));
    }
  }

  /** The problems found so far. */
  public get hasProblems(): boolean {
    return this.problems.length > 0;
  }

  /**
   * The problems found so far as error lines, for checks that run at synthesis
   * (`node.addValidation({ validate: () => v.messages })`).
   */
  public get messages(): string[] {
    return this.problems.map(formatProblemAtConstruct);
  }

  /** Throws one error naming every problem found, if any. */
  public throwIfInvalid(): void {
    if (this.problems.length > 0) {
      throw new ImageBuilderValidationError(this.scope, [...this.problems]);
    }
  }

  /** The string must fully match the pattern. */
  public pattern(property: string, value: string | undefined, pattern: RegExp): boolean {
    if (value === undefined || isToken(value)) return true;
    if (!pattern.test(value)) {
      this.fail(property, value, patternRule(pattern));
      return false;
    }
    return true;
  }

  /** The string's length must be within the range. */
  public length(property: string, value: string | undefined, range: Range): boolean {
    if (value === undefined || isToken(value)) return true;
    if (value.length < range.min || value.length > range.max) {
      this.fail(property, value, `must be ${describeRange(range)} characters long (got ${value.length})`);
      return false;
    }
    return true;
  }

  /** The number must be an integer within the range. */
  /**
   * A duration the API takes in `unit`. A duration whose amount is a token converts only to its
   * own unit (aws-cdk-lib's `Duration` throws otherwise, without naming the construct), so it must
   * be given in that unit.
   */
  public durationUnit(property: string, duration: Duration | undefined, unit: 'seconds' | 'minutes'): boolean {
    if (duration === undefined || !duration.isUnresolved() || duration.unitLabel() === unit) {
      return true;
    }
    this.fail(property, duration, `must be given in ${unit} (Duration.${unit}(...)) when its amount is a token`);
    return false;
  }

  public integer(property: string, value: number | undefined, range: Range, unit?: string): boolean {
    if (value === undefined || isToken(value)) return true;
    if (!Number.isInteger(value) || value < range.min || value > range.max) {
      // Always both bounds: 'at most N' would hide that negative numbers are rejected too.
      this.fail(property, value, `must be an integer between ${range.min} and ${range.max}${unit ? ` ${unit}` : ''}`);
      return false;
    }
    return true;
  }

  /** The list's size must be within the range. */
  public count(property: string, values: readonly unknown[] | undefined, range: Range): boolean {
    if (values === undefined || Token.isUnresolved(values)) return true;
    if (values.length < range.min || values.length > range.max) {
      this.fail(property, values, `must have ${describeRange(range)} items (got ${values.length})`);
      return false;
    }
    return true;
  }

  /** The value must be one of the allowed ones. */
  public oneOf(property: string, value: string | undefined, allowed: readonly string[]): boolean {
    if (value === undefined || isToken(value)) return true;
    if (typeof value !== 'string' || !allowed.includes(value)) {
      this.fail(property, value, `must be one of ${allowed.join(', ')}`);
      return false;
    }
    return true;
  }

  /**
   * The value must be a member of the enum. TypeScript checks this at compile time; JavaScript and
   * the jsii languages (Python passes plain strings through) do not, so every enum-typed prop is
   * checked here too.
   *
   * @example v.enumValue('onFailure', props.onFailure, WorkflowOnFailure)
   */
  public enumValue(property: string, value: string | number | undefined, enumObject: Record<string, string | number>): boolean {
    if (value === undefined || isToken(value)) return true;
    const members = enumMembers(enumObject);
    if (!members.includes(value)) {
      this.fail(property, value, `must be one of ${members.join(', ')}`);
      return false;
    }
    return true;
  }

  /**
   * The name of an ECR repository, wherever the library takes one (container recipe target,
   * container distribution, scanning repository): ECR's CreateRepository rule (2 to 256
   * characters, lowercase components separated by `.`, `_`, `-` or `/`), within the API's 1 to 1024.
   */
  public ecrRepositoryName(property: string, value: string | undefined): boolean {
    return this.length(property, value, LIMITS.ecrRepositoryName) && this.pattern(property, value, PATTERNS.ecrRepositoryName);
  }

  /** A KMS key, by the ARN the API receives as `kmsKeyId` (1 to 1024 characters). */
  public kmsKey(property: string, key: { readonly keyArn: string } | undefined): boolean {
    return this.length(property, key?.keyArn, LIMITS.kmsKeyId);
  }

  /**
   * The name of an IAM instance profile: IAM's rule (1 to 128 characters of `[\w+=,.@-]`), within
   * the API's InstanceProfileNameType (the same pattern, 1 to 256).
   */
  public instanceProfileName(property: string, value: string | undefined): boolean {
    return this.length(property, value, OTHER_SERVICE_IDS.instanceProfileName.length)
      && this.pattern(property, value, PATTERNS.instanceProfileName);
  }

  /** The name of an EC2 key pair: EC2's rule (up to 255 ASCII characters), within the API's 1 to 1024. */
  public keyPairName(property: string, value: string | undefined): boolean {
    return this.length(property, value, OTHER_SERVICE_IDS.keyPairName.length)
      && this.pattern(property, value, OTHER_SERVICE_IDS.keyPairName.pattern);
  }

  /** The ID of a VPC subnet (`subnet-` and 8 or 17 hexadecimal digits), within the API's 1 to 1024. */
  public subnetId(property: string, value: string | undefined): boolean {
    return this.nonEmptyString(property, value) && this.pattern(property, value, OTHER_SERVICE_IDS.subnetId.pattern);
  }

  /** The ID of an EC2 Dedicated Host (`h-` and 8 or 17 hexadecimal digits), within the API's 1 to 1024. */
  public hostId(property: string, value: string | undefined): boolean {
    return this.nonEmptyString(property, value) && this.pattern(property, value, OTHER_SERVICE_IDS.hostId.pattern);
  }

  /** The name of an S3 general purpose bucket (S3's naming rule), within the API's 1 to 1024. */
  public s3BucketName(property: string, value: string | undefined): boolean {
    return this.pattern(property, value, OTHER_SERVICE_IDS.s3BucketName.pattern);
  }

  /** The ID of a VPC security group (`sg-` and 8 or 17 hexadecimal digits), within the API's 1 to 1024. */
  public securityGroupId(property: string, value: string | undefined): boolean {
    return this.nonEmptyString(property, value) && this.pattern(property, value, OTHER_SERVICE_IDS.securityGroupId.pattern);
  }

  /** The value must match the pattern and length limits of an Image Builder resource name. */
  public resourceName(property: string, value: string | undefined): boolean {
    return this.pattern(property, value, PATTERNS.resourceName);
  }

  /**
   * A resource name as its ARN holds it (importers by name): 3 to 128 characters, lowercase
   * `[a-z0-9-_]`.
   */
  public arnResourceName(property: string, value: string | undefined): boolean {
    return this.length(property, value, LIMITS.resourceName) && this.pattern(property, value, PATTERNS.arnResourceName);
  }

  /** A description: 1 to 1024 characters. */
  public description(property: string, value: string | undefined): boolean {
    return this.length(property, value, LIMITS.description);
  }

  /** A non-empty string of at most 1024 characters (the API's NonEmptyString). */
  public nonEmptyString(property: string, value: string | undefined): boolean {
    return this.length(property, value, LIMITS.nonEmptyString);
  }

  /**
   * The text of a local file read at synth (a Dockerfile template or a document), or undefined
   * when the path is not an existing file (a directory would be uploaded as a zip archive).
   */
  public fileText(property: string, path: string): string | undefined {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(path);
    } catch {
      stat = undefined;
    }
    if (stat === undefined || !stat.isFile()) {
      this.fail(property, path, 'must be the path of an existing file (directories are uploaded as zip archives)');
      return undefined;
    }
    return fs.readFileSync(path, 'utf-8');
  }

  /** The value must be an ARN of the given kind. */
  public arn(property: string, value: string | undefined, kind: ArnKind): boolean {
    if (value === undefined || isToken(value)) return true;
    const pattern = ARN_PATTERNS[kind];
    if (!pattern.test(value)) {
      this.fail(property, value, `must be ${ARN_KIND_NAMES[kind]}, for example '${ARN_EXAMPLES[kind]}' (pattern ${pattern.source})`);
      return false;
    }
    if (kind === 'role') {
      return this.length(property, value, LIMITS.roleNameOrArn);
    }
    return true;
  }

  /** An AWS account ID: 12 digits. */
  public accountId(property: string, value: string | undefined): boolean {
    return this.pattern(property, value, PATTERNS.accountId);
  }

  /**
   * A semantic version `major.minor.patch`; with `wildcards`, any node may be `x`, as long as
   * every node right of the first `x` is `x` too. Each number is at most 2^30-1.
   */
  public semanticVersion(property: string, value: string | undefined, options: { wildcards: boolean }): boolean {
    if (value === undefined || isToken(value)) return true;
    const pattern = options.wildcards ? PATTERNS.wildcardVersion : PATTERNS.version;
    if (!this.pattern(property, value, pattern)) return false;
    const rule = versionNodeRule(value);
    if (rule) {
      this.fail(property, value, rule);
      return false;
    }
    return true;
  }

  /** An Image Builder schedule expression: `cron(...)` in Image Builder's dialect, or `rate(...)`. */
  public scheduleExpression(property: string, value: string | undefined): boolean {
    if (value === undefined) return true;
    if (isToken(value)) {
      const tokenRule = tokenScheduleExpressionRule(value);
      if (tokenRule) {
        this.fail(property, value.replace(TOKEN_MARKER, '<token>'), tokenRule);
      }
      return tokenRule === undefined;
    }
    if (!this.length(property, value, LIMITS.scheduleExpression)) return false;
    const rule = scheduleExpressionRule(value);
    if (rule) {
      this.fail(property, value, rule);
      return false;
    }
    return true;
  }

  /**
   * An IANA time zone name: the API's length and (unanchored) pattern, and a zone the IANA
   * database knows (Node's `Intl`), legacy names such as `US/Pacific` or `GMT+0` included.
   */
  public timeZone(property: string, value: string | undefined): boolean {
    if (value === undefined || isToken(value)) return true;
    if (!this.length(property, value, LIMITS.timezone)) return false;
    const rule = timeZoneRule(value, PATTERNS.timezone);
    if (rule) {
      this.fail(property, value, rule);
      return false;
    }
    return true;
  }

  /**
   * A tag map: 1 to 50 entries (30 for resource tags), keys 1-128 characters without the `aws:`
   * prefix, values up to 256 characters. An empty map is treated as not given. No other key is
   * refused: the API reserves none.
   */
  public tags(
    property: string,
    tags: Record<string, string> | undefined,
    options: { maxEntries?: number } = {},
  ): boolean {
    if (tags === undefined || Token.isUnresolved(tags)) return true;
    const before = this.problems.length;
    const entries = Object.entries(tags);
    const maxEntries = options.maxEntries ?? LIMITS.tagCount.max;
    if (entries.length > maxEntries) {
      this.fail(property, Object.keys(tags), `must have at most ${maxEntries} entries (got ${entries.length})`);
    }
    for (const [key, value] of entries) {
      if (isToken(key)) continue;
      this.length(`${property} key`, key, LIMITS.tagKey);
      this.pattern(`${property} key`, key, PATTERNS.tagKey);
      this.length(`${property}['${key}']`, value, LIMITS.tagValue);
    }
    return this.problems.length === before;
  }
}

/**
 * A tag map as the API takes it: undefined when it is not given or empty (the API takes at least
 * one entry; `Validator.tags` treats an empty map as not given). A token is passed as it is.
 */
export function renderTagMap(tags: { [key: string]: string } | undefined): { [key: string]: string } | undefined {
  if (tags === undefined || Token.isUnresolved(tags)) {
    return tags;
  }
  return Object.keys(tags).length > 0 ? tags : undefined;
}

/**
 * The rule of a pattern as an error gives it: the rule in words and a valid value when the pattern
 * has them (`PATTERN_RULES`), then the pattern itself.
 */
function patternRule(pattern: RegExp): string {
  const human = PATTERN_RULES.get(pattern);
  return human === undefined
    ? `must match ${pattern.source}`
    : `must be ${human.rule}, for example '${human.example}' (pattern ${pattern.source})`;
}

/** `between 1 and 1024` or `at most 256`. */
function describeRange(range: Range): string {
  return range.min <= 0 ? `at most ${range.max}` : `between ${range.min} and ${range.max}`;
}

/**
 * The extra rules of a version that matches the version pattern: nodes within 2^30-1, and no
 * number right of an `x`. Returns the broken rule, or undefined.
 */
function versionNodeRule(version: string): string | undefined {
  const nodes = version.split('.');
  const firstX = nodes.indexOf('x');
  if (firstX >= 0 && nodes.slice(firstX).some(n => n !== 'x')) {
    return 'must not have a number right of an x wildcard (x.x.x, 1.x.x and 1.2.x are valid)';
  }
  if (nodes.some(n => n !== 'x' && Number(n) > LIMITS.versionNode.max)) {
    return `must have each version number at most ${LIMITS.versionNode.max}`;
  }
  return undefined;
}
