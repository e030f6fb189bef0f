import { Duration, TimeZone } from 'aws-cdk-lib';

/**
 * When a scheduled pipeline run starts a build.
 */
export enum PipelineExecutionStartCondition {
  /** Build every time the schedule fires. */
  EXPRESSION_MATCH_ONLY = 'EXPRESSION_MATCH_ONLY',
  /**
   * Build when the schedule fires and a newer version of the parent image or of a component
   * matches the recipe's version filters (for example `x.x.x` or `1.x.x`); skip the run
   * otherwise. Image Builder's default.
   */
  EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE = 'EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE',
}

/** Options of a pipeline schedule, whatever the expression. */
export interface PipelineScheduleOptions {
  /**
   * The time zone the cron expression is evaluated in.
   *
   * Use a `TimeZone` constant (`TimeZone.EUROPE_PARIS`), or `TimeZone.of('America/Los_Angeles')`
   * for any IANA time zone name. The name is checked at synth against the IANA database and the
   * API's pattern. Rate expressions ignore the time zone.
   *
   * @default - UTC (Image Builder's default)
   */
  readonly timeZone?: TimeZone;

  /**
   * Whether a scheduled run always builds, or only when a dependency has a newer version.
   *
   * @default - not sent: Image Builder's default,
   * `PipelineExecutionStartCondition.EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE`
   */
  readonly startCondition?: PipelineExecutionStartCondition;

  /**
   * Disable the pipeline after this many consecutive failed scheduled runs, between 1 and 10.
   * The count resets when a run succeeds or the pipeline is updated; failed manual runs do not
   * count. Image Builder sends an `EC2 Image Builder Image Pipeline Automatically Disabled`
   * event (see `ImagePipeline.onPipelineAutoDisabled`).
   *
   * @default - the pipeline is never disabled automatically
   */
  readonly autoDisableAfterFailures?: number;
}

/**
 * The fields of an Image Builder cron expression. Each field takes Image Builder's syntax:
 * values, ranges (`1-5`), lists (`1,15`), `*`, increments (`0/15`, not in day-of-week), and
 * `?`, `L`, `W`, `#` where Image Builder allows them. Months and days of the week also take
 * names (`JAN`, `MON`).
 *
 * Fields not given default so that the schedule fires once a day at midnight: it never fires
 * every minute by accident.
 */
export interface CronOptions {
  /**
   * The minute, 0-59.
   *
   * @default '0'
   */
  readonly minute?: string;

  /**
   * The hour, 0-23.
   *
   * @default '0'
   */
  readonly hour?: string;

  /**
   * The day of the month, 1-31 (also `L`, `15W`, `LW`). Not with `weekDay`.
   *
   * @default - '*' (every day), or '?' when `weekDay` is given
   */
  readonly day?: string;

  /**
   * The month, 1-12 or JAN-DEC.
   *
   * @default '*'
   */
  readonly month?: string;

  /**
   * The day of the week, 1-7 (1 is Sunday) or SUN-SAT (also `FRI#2`, `5L`). Not with `day`.
   *
   * @default - '?' (any day of the week, since `day` selects the days)
   */
  readonly weekDay?: string;

  /**
   * The year, 1970-2199.
   *
   * @default '*'
   */
  readonly year?: string;
}

/**
 * When an image pipeline runs on its own, in Image Builder's schedule dialect.
 *
 * The expression, the time zone and the failure count are validated when the pipeline is
 * synthesized, with errors that name the pipeline and the bad value.
 */
export class PipelineSchedule {
  /**
   * A schedule from a cron expression built field by field.
   *
   * Fields left out are `*`, except the minute (`0`) and the day field that `?` fills. The
   * example renders `cron(0 4 ? * MON *)`: every Monday at 04:00.
   *
   * @example
   * const schedule = imagebuilder.PipelineSchedule.cron({ hour: '4', weekDay: 'MON' });
   */
  public static cron(options: CronOptions, scheduleOptions: PipelineScheduleOptions = {}): PipelineSchedule {
    const weekDay = options.weekDay;
    let day: string;
    let dayOfWeek: string;
    if (weekDay !== undefined) {
      day = options.day ?? '?';
      dayOfWeek = weekDay;
    } else {
      day = options.day ?? '*';
      dayOfWeek = day === '?' ? '*' : '?';
    }
    const fields = [
      options.minute ?? '0',
      options.hour ?? '0',
      day,
      options.month ?? '*',
      dayOfWeek,
      options.year ?? '*',
    ];
    return new PipelineSchedule(`cron(${fields.join(' ')})`, scheduleOptions);
  }

  /**
   * A schedule from an Image Builder expression: `cron(minute hour day month weekDay year)` with
   * six fields, for example `cron(0 4 ? * MON *)`, or `rate(value unit)` with the unit
   * `minute(s)`, `hour(s)` or `day(s)`, for example `rate(12 hours)`.
   *
   * Five-field Unix cron and EventBridge-only syntax (such as `at(...)`) are rejected at synth.
   */
  public static expression(expression: string, scheduleOptions: PipelineScheduleOptions = {}): PipelineSchedule {
    return new PipelineSchedule(expression, scheduleOptions);
  }

  /**
   * A schedule that fires at a fixed rate: `rate(...)` in whole days, hours or minutes (the
   * largest unit that divides the duration). The duration must be a whole number of minutes.
   *
   * For example `PipelineSchedule.rate(Duration.days(7))` renders `rate(7 days)`.
   *
   * An interval that is a token (`Duration.hours(parameter)`) renders in its own unit,
   * `rate(<n> hours)`, which must be minutes, hours or days. The value is checked only at
   * deployment: Image Builder wants a singular unit for 1, so it should then be at least 2.
   */
  public static rate(interval: Duration, scheduleOptions: PipelineScheduleOptions = {}): PipelineSchedule {
    return new PipelineSchedule(renderRate(interval), scheduleOptions);
  }

  /** The schedule expression, as sent to Image Builder. */
  public readonly expressionString: string;

  /**
   * The time zone of the expression.
   *
   * @default - UTC
   */
  public readonly timeZone?: TimeZone;

  /**
   * When a scheduled run starts a build.
   *
   * @default - Image Builder's default
   */
  public readonly startCondition?: PipelineExecutionStartCondition;

  /**
   * The number of consecutive failed scheduled runs after which the pipeline is disabled.
   *
   * @default - never disabled automatically
   */
  public readonly autoDisableAfterFailures?: number;

  protected constructor(expression: string, options: PipelineScheduleOptions) {
    this.expressionString = expression;
    this.timeZone = options.timeZone;
    this.startCondition = options.startCondition;
    this.autoDisableAfterFailures = options.autoDisableAfterFailures;
  }
}

/**
 * `rate(<n> <unit>)` in the largest of days, hours and minutes that divides the interval. An
 * interval that is not a whole number of minutes renders in seconds, which Image Builder does not
 * take: the pipeline's validation then rejects it with the accepted forms.
 */
function renderRate(interval: Duration): string {
  if (interval.isUnresolved()) {
    // A token converts only to its own unit (aws-cdk-lib's Duration): render it in that unit,
    // as Image Builder's plural unit. `formatTokenToNumber` stringifies the number token, so it
    // renders as a reference rather than as its encoded number. Seconds and milliseconds, which
    // Image Builder does not take, are rejected by the pipeline.
    return `rate(${interval.formatTokenToNumber()})`;
  }
  const seconds = interval.toSeconds({ integral: false });
  const units: Array<[number, string]> = [[86400, 'day'], [3600, 'hour'], [60, 'minute']];
  for (const [size, unit] of units) {
    if (seconds > 0 && seconds % size === 0) {
      const n = seconds / size;
      return `rate(${n} ${n === 1 ? unit : `${unit}s`})`;
    }
  }
  return `rate(${seconds} seconds)`;
}
