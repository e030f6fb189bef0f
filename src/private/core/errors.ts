import { Aws, Duration, IResolvable, Reference, Token, Tokenization, ValidationError } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';

/** The longest rendering of a bad value that an error message quotes in full. */
const MAX_SHOWN_VALUE = 120;

/** The items of a list an error message shows before it summarises the rest. */
const MAX_SHOWN_ITEMS = 5;

/**
 * Characters that would vanish or mislead on screen: C0 and C1 controls (NUL, tab, newline,
 * escape...), zero-width and bidirectional formatting characters, line and paragraph separators,
 * and the byte order mark.
 */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** Short escapes for the most common control characters. */
const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A string with every invisible character escaped (`\0` shown as `\u0000`, a newline as `\n`), and backslashes doubled. */
function escapeInvisible(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(INVISIBLE, c => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Renders a value for an error message so that it can be read: strings in single quotes with
 * invisible characters escaped, constructs by their path, durations as given
 * (`Duration.seconds(90)`), lists and objects summarised (never `[object Object]`). Long values
 * are cut, with their real length given.
 */
export function formatValue(value: unknown): string {
  let shown = describeValue(value, 0);
  if (shown.length > MAX_SHOWN_VALUE) {
    const length = typeof value === 'string' ? `${value.length} characters` : `${shown.length} characters in full`;
    shown = `${shown.slice(0, MAX_SHOWN_VALUE - 20)}... (${length})`;
  }
  return shown;
}

function describeValue(value: unknown, depth: number): string {
  if (typeof value === 'string') {
    return `'${escapeInvisible(Token.isUnresolved(value) ? describeTokens(value) : value)}'`;
  }
  if (typeof value === 'number' && Token.isUnresolved(value)) {
    return '<token>';
  }
  if (Array.isArray(value) && Token.isUnresolved(value)) {
    return '<list known at deployment>';
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    // JSON would show NaN and Infinity as null.
    return String(value);
  }
  if (value === undefined || value === null) {
    return String(value);
  }
  if (typeof value === 'function') {
    return value.name ? `function ${value.name}` : 'function';
  }
  // aws-cdk-lib's own value class, which offers no public guard.
  if (value instanceof Duration) {
    // `Duration.seconds(90)`, as the user wrote it (not converted to other units).
    return value.isUnresolved() ? `Duration.${value.unitLabel()}(<token>)` : value.toString();
  }
  if (Construct.isConstruct(value)) {
    return `<${value.node.path}>`;
  }
  if (Array.isArray(value)) {
    // As many items as fit (at least one, at most MAX_SHOWN_ITEMS), then how many more there are.
    const items: string[] = [];
    let length = 0;
    for (const item of value.slice(0, MAX_SHOWN_ITEMS)) {
      const shown = describeValue(item, depth + 1);
      if (items.length > 0 && length + shown.length > MAX_SHOWN_VALUE / 2) break;
      items.push(shown);
      length += shown.length + 2;
    }
    if (value.length > items.length) {
      items.push(`... ${value.length - items.length} more (${value.length} items)`);
    }
    return `[${items.join(', ')}]`;
  }
  if (typeof value === 'object') {
    const prototype = Object.getPrototypeOf(value);
    const className = prototype && prototype !== Object.prototype ? prototype.constructor?.name : undefined;
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && typeof v !== 'function');
    if (className && entries.length === 0) {
      return className;
    }
    if (depth >= 3) {
      return className ?? '{...}';
    }
    const body = entries.map(([k, v]) => `${k}: ${describeValue(v, depth + 1)}`).join(', ');
    return `${className ? `${className} ` : ''}${body ? `{ ${body} }` : '{}'}`;
  }
  return String(value);
}

/** The pseudo parameters' tokens (each one object, shared by every stack), with their names. */
const PSEUDO_PARAMETERS: Array<[IResolvable | undefined, string]> = ([
  [Aws.ACCOUNT_ID, 'AWS::AccountId'],
  [Aws.PARTITION, 'AWS::Partition'],
  [Aws.REGION, 'AWS::Region'],
  [Aws.URL_SUFFIX, 'AWS::URLSuffix'],
  [Aws.STACK_NAME, 'AWS::StackName'],
  [Aws.STACK_ID, 'AWS::StackId'],
] as Array<[string, string]>).map(([token, name]) => [Tokenization.reverseString(token).firstToken, name]);

/**
 * A string holding tokens as a reader can place it: its literal parts as written, each reference
 * by what it refers to (`<Stack/Key.Arn>` for a resource attribute, `<AWS::Partition>` for a
 * pseudo parameter), any other token as `<token>`. Never the token's internal form
 * (`${Token[TOKEN.91]}`), which names nothing the user wrote.
 */
function describeTokens(value: string): string {
  const described = Tokenization.reverseString(value).mapTokens({
    mapToken: (token: IResolvable) => {
      if (Reference.isReference(token)) {
        return `<${token.target.node.path}.${token.displayName}>`;
      }
      const pseudo = PSEUDO_PARAMETERS.find(([pseudoToken]) => pseudoToken === token);
      if (pseudo) {
        return `<${pseudo[1]}>`;
      }
      return '<token>';
    },
  }).join({ join: (left: unknown, right: unknown) => `${left}${right}` });
  return String(described);
}

/**
 * One problem with one property: `<property> <value> <rule>`.
 */
export interface Problem {
  /** The property path as the user wrote it, e.g. `schedule.expression` or `workflows[1].parallelGroup`. */
  readonly property: string;
  /** The bad value. */
  readonly value: unknown;
  /** The rule it breaks, phrased to follow the value: `must match ^...$`. */
  readonly rule: string;
}

/**
 * What an error is about: a construct, or the path of one that is not made yet (a static importer
 * validates its input before it creates the construct `<scope path>/<id>`).
 */
export type ErrorSubject = IConstruct | string;

/** The construct path an error names. */
function subjectPath(subject: ErrorSubject): string {
  return typeof subject === 'string' ? subject : subject.node.path;
}

/** Formats one problem as the library's error line for a construct. */
export function formatProblem(subject: ErrorSubject, problem: Problem): string {
  return `${subjectPath(subject)}: ${formatProblemAtConstruct(problem)}`;
}

/**
 * Formats one problem without the construct path, for the messages aws-cdk-lib itself prefixes
 * with the path (synth-time validation errors `[path] ...`, annotations): `<property> <value> <rule>`.
 */
export function formatProblemAtConstruct(problem: Problem): string {
  return `${problem.property} ${formatValue(problem.value)} ${problem.rule}`;
}

/**
 * The error's name (aws-cdk-lib also writes it as the error code for the toolkit). aws-cdk-lib
 * types it as a literal string brand; this is one.
 */
const ERROR_NAME = 'ValidationError' as ConstructorParameters<typeof ValidationError>[0];

/**
 * The error every construct of this library throws for bad input.
 *
 * Its message has one line per problem, each naming the construct path, the property,
 * the bad value and the rule it breaks.
 *
 * It is an aws-cdk-lib `ValidationError`, so `Errors.isValidationError` (and the CDK toolkit)
 * recognizes it, with the construct path of the construct it is about. aws-cdk-lib exports that
 * class from its root but marks it `@internal`: its constructor (`name`, `message`, `scope`) is the
 * same from the peer minimum 2.269 to 2.278, and test/errors.test.ts checks the recognition on
 * every aws-cdk-lib version CI runs.
 */
export class ImageBuilderValidationError extends ValidationError {
  public readonly problems!: Problem[];

  constructor(subject: ErrorSubject, problems: Problem[]) {
    // An importer's error names a construct not made yet: no scope to attach.
    const scope = typeof subject === 'string' ? undefined : subject;
    super(ERROR_NAME, problems.map(p => formatProblem(subject, p)).join('\n'), scope as IConstruct);
    // Not enumerable: Node.js prints an uncaught error's own enumerable properties after its
    // message, which already shows every problem.
    Object.defineProperty(this, 'problems', { value: problems, enumerable: false, writable: false, configurable: true });
    Object.setPrototypeOf(this, ImageBuilderValidationError.prototype);
  }
}

/** Throws the library's validation error for a single problem. */
export function throwValidationError(subject: ErrorSubject, property: string, value: unknown, rule: string): never {
  throw new ImageBuilderValidationError(subject, [{ property, value, rule }]);
}
