import { IConstruct } from 'constructs';

/** The longest rendering of a bad value that an error message quotes in full. */
const MAX_SHOWN_VALUE = 120;

/**
 * Renders a value for an error message: strings in single quotes, everything else as JSON.
 * Long values are cut, with their real length given.
 */
export function formatValue(value: unknown): string {
  let shown: string;
  if (typeof value === 'string') {
    shown = `'${value}'`;
  } else if (typeof value === 'number') {
    // JSON would show NaN and Infinity as null.
    shown = String(value);
  } else if (value === undefined) {
    shown = 'undefined';
  } else {
    try {
      shown = JSON.stringify(value) ?? String(value);
    } catch {
      shown = String(value);
    }
  }
  if (shown.length > MAX_SHOWN_VALUE) {
    const length = typeof value === 'string' ? value.length : shown.length;
    shown = `${shown.slice(0, MAX_SHOWN_VALUE - 20)}... (${length} characters)`;
  }
  return shown;
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

/** Formats one problem as the library's error line for a construct. */
export function formatProblem(scope: IConstruct, problem: Problem): string {
  return `${scope.node.path}: ${problem.property} ${formatValue(problem.value)} ${problem.rule}`;
}

/**
 * The error every construct of this library throws for bad input.
 *
 * Its message has one line per problem, each naming the construct path, the property,
 * the bad value and the rule it breaks.
 */
export class ImageBuilderValidationError extends Error {
  public readonly problems: Problem[];

  constructor(scope: IConstruct, problems: Problem[]) {
    super(problems.map(p => formatProblem(scope, p)).join('\n'));
    this.name = 'ValidationError';
    this.problems = problems;
    Object.setPrototypeOf(this, ImageBuilderValidationError.prototype);
  }
}

/** Throws the library's validation error for a single problem. */
export function throwValidationError(scope: IConstruct, property: string, value: unknown, rule: string): never {
  throw new ImageBuilderValidationError(scope, [{ property, value, rule }]);
}
