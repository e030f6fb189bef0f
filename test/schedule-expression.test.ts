import { Construct } from 'constructs';
import { strictStack } from './helpers';
import { PATTERNS } from '../src/private/core/api-constraints';
import { ImageBuilderValidationError } from '../src/private/core/errors';
import { ACCEPTED_SCHEDULE_FORMS, CRON_FIELD_NAMES, scheduleExpressionRule, timeZoneRule } from '../src/private/core/schedule-expression';
import { Validator } from '../src/private/core/validation';

const FORMS =
  "must be 'cron(minute hour day-of-month month day-of-week year)' with six fields, e.g. 'cron(0 4 ? * MON *)', " +
  "or 'rate(value unit)' with unit minute(s), hour(s) or day(s), e.g. 'rate(1 day)'";
const FIVE_FIELDS = `${FORMS} (five-field Unix cron is not accepted: Image Builder needs a sixth field, the year)`;
const SPACING = `${FORMS} (separate the fields with single spaces, with no space at the start or end)`;
const QUESTION = "must have '?' in exactly one of day-of-month and day-of-week (e.g. 'cron(0 4 * * ? *)' or 'cron(0 4 ? * MON *)')";
const RATE_FORM =
  "must be 'rate(value unit)' with a positive whole value and unit minute(s), hour(s) or day(s), e.g. 'rate(1 day)' or 'rate(12 hours)'";
const RATE_PLURAL = "must use a singular unit for a value of 1 and a plural unit otherwise (e.g. 'rate(1 day)', 'rate(2 days)')";

/** The error message a Validator gives a construct at `Stack/Pipeline` for the expression, or undefined. */
function scheduleError(expression: string): string | undefined {
  const scope = new Construct(strictStack(), 'Pipeline');
  const v = new Validator(scope);
  v.scheduleExpression('schedule.expression', expression);
  try {
    v.throwIfInvalid();
  } catch (e) {
    if (e instanceof ImageBuilderValidationError) return e.message;
    throw e;
  }
  return undefined;
}

describe('schedule expressions', () => {
  test('the accepted forms and the field order are stated once', () => {
    expect(ACCEPTED_SCHEDULE_FORMS).toBe(FORMS);
    expect(CRON_FIELD_NAMES).toEqual(['minute', 'hour', 'day-of-month', 'month', 'day-of-week', 'year']);
  });

  test.each([
    ['every day at midnight', 'cron(0 0 * * ? *)'],
    ['weekdays by name range', 'cron(0 10 ? * MON-FRI *)'],
    ['weekdays by number range', 'cron(0 10 ? * 2-6 *)'],
    ['the second Sunday', 'cron(15 4 ? * SUN#2 *)'],
    ['the last day of the month', 'cron(0 0 L * ? *)'],
    ['the last weekday of the month', 'cron(0 0 LW * ? *)'],
    ['the weekday nearest the 15th', 'cron(0 0 15W * ? *)'],
    ['increments, month names and a year range', 'cron(0/30 * * JAN-MAR ? 2026-2030)'],
    ['the last Friday (6L)', 'cron(0 4 ? * 6L *)'],
    ['the last day of the week', 'cron(0 4 ? * L *)'],
    ['lower-case day names', 'cron(0 10 ? * mon-fri *)'],
    ['lower-case month names', 'cron(0 0 1 jan,jul ? *)'],
    ['a lower-case nth day', 'cron(0 0 ? * fri#2 *)'],
    ['lists and a star increment', 'cron(*/5 0,12 1,15 * ? *)'],
    ['a range with an increment', 'cron(0-30/10 8-17 ? * * 1970-2199)'],
    ['the bounds of every field', 'cron(59 23 31 12 ? 2199)'],
    ['day-of-week bound 7', 'cron(0 0 ? 1 7 1970)'],
    ['a rate of 1 day', 'rate(1 day)'],
    ['a rate of 12 hours', 'rate(12 hours)'],
    ['a rate of 30 minutes', 'rate(30 minutes)'],
    ['a rate of 1 minute', 'rate(1 minute)'],
    ['a rate of 1 hour', 'rate(1 hour)'],
    ['a rate of 7 days', 'rate(7 days)'],
  ])('accepts %s: %s', (_, expression) => {
    expect(scheduleExpressionRule(expression)).toBeUndefined();
    expect(scheduleError(expression)).toBeUndefined();
  });

  test.each([
    ['five-field Unix cron', 'cron(0 4 * * *)', FIVE_FIELDS],
    ['seven fields', 'cron(0 0 * * ? * *)', FORMS],
    ['no fields', 'cron()', FORMS],
    ['double spaces', 'cron(0  0 * * ? *)', SPACING],
    ['a leading space', 'cron( 0 0 * * ? *)', SPACING],
    ['a trailing space', 'cron(0 0 * * ? * )', SPACING],
    ['? in both day fields', 'cron(0 0 ? * ? *)', QUESTION],
    ['? in neither day field (stars)', 'cron(0 0 * * * *)', QUESTION],
    ['? in neither day field (values)', 'cron(0 0 1 * MON *)', QUESTION],
    ['minute 60', 'cron(60 0 * * ? *)', "must have a valid minute field: '60' is outside 0-59"],
    ['hour 24', 'cron(0 24 * * ? *)', "must have a valid hour field: '24' is outside 0-23"],
    ['day 0', 'cron(0 0 0 * ? *)', "must have a valid day-of-month field: '0' is outside 1-31"],
    ['day 32', 'cron(0 0 32 * ? *)', "must have a valid day-of-month field: '32' is outside 1-31"],
    ['month 13', 'cron(0 0 * 13 ? *)', "must have a valid month field: '13' is outside 1-12"],
    ['month 0', 'cron(0 0 * 0 ? *)', "must have a valid month field: '0' is outside 1-12"],
    ['weekday 8', 'cron(0 0 ? * 8 *)', "must have a valid day-of-week field: '8' is outside 1-7"],
    ['weekday 0', 'cron(0 0 ? * 0 *)', "must have a valid day-of-week field: '0' is outside 1-7"],
    ['year 1969', 'cron(0 0 * * ? 1969)', "must have a valid year field: '1969' is outside 1970-2199"],
    ['year 2200', 'cron(0 0 * * ? 2200)', "must have a valid year field: '2200' is outside 1970-2199"],
    ['a range end out of bounds', 'cron(0 0 * * ? 2026-2300)', "must have a valid year field: '2026-2300' is outside 1970-2199"],
    ['/ in day-of-week', 'cron(0 0 ? * 1/2 *)', "must have a valid day-of-week field: '1/2' uses '/', which day-of-week does not allow"],
    ['#6', 'cron(0 0 ? * MON#6 *)', "must have a valid day-of-week field: 'MON#6' must have an occurrence 1 to 5 after '#' (e.g. 'FRI#2')"],
    ['# in day-of-month', 'cron(0 0 1#2 * ? *)', "must have a valid day-of-month field: '1#2' is not a value 1-31"],
    ['? in minute', 'cron(? 0 * * ? *)', "must have a valid minute field: '?' is only allowed in day-of-month and day-of-week"],
    ['? inside a list', 'cron(0 0 1,? * ? *)', "must have a valid day-of-month field: '?' must stand alone"],
    ['L in minute', 'cron(L 0 * * ? *)', "must have a valid minute field: 'L' is not a value 0-59"],
    ['W in day-of-week', 'cron(0 0 ? * 2W *)', "must have a valid day-of-week field: '2W' is not a value 1-7 or SUN-SAT"],
    ['a misspelt month', 'cron(0 0 1 JANUARY ? *)', "must have a valid month field: 'JANUARY' is not a value 1-12 or JAN-DEC"],
    ['an empty list item', 'cron(0,,30 0 * * ? *)', "must have a valid minute field: '' is empty"],
    ['an increment of 0', 'cron(0/0 0 * * ? *)', "must have a valid minute field: '0/0' must have a whole increment of at least 1 after '/'"],
    ['two increments', 'cron(0/5/5 0 * * ? *)', "must have a valid minute field: '0/5/5' has more than one '/'"],
    ['a three-part range', 'cron(1-2-3 0 * * ? *)', "must have a valid minute field: '1-2-3' is not a value or a range"],
    ['EventBridge at()', 'at(2026-01-01T00:00:00)', FORMS],
    ['free text', 'daily', FORMS],
    ['upper-case CRON', 'CRON(0 0 * * ? *)', FORMS],
    ['rate(1 days)', 'rate(1 days)', RATE_PLURAL],
    ['rate(2 day)', 'rate(2 day)', RATE_PLURAL],
    ['rate(0 days)', 'rate(0 days)', 'must have a rate value of at least 1'],
    ['rate(1 week)', 'rate(1 week)', RATE_FORM],
    ['a negative rate', 'rate(-1 days)', RATE_FORM],
    ['a fractional rate', 'rate(1.5 hours)', RATE_FORM],
    ['a rate without a unit', 'rate(5)', RATE_FORM],
  ])('rejects %s', (_, expression, rule) => {
    expect(scheduleExpressionRule(expression)).toBe(rule);
    expect(scheduleError(expression)).toBe(`Stack/Pipeline: schedule.expression '${expression}' ${rule}`);
  });

  test('rejects more than 1024 characters before reading the expression', () => {
    const expression = `rate(${'1'.repeat(1014)} days)`;
    expect(expression.length).toBe(1025);
    expect(scheduleError(expression)).toBe(
      `Stack/Pipeline: schedule.expression '${expression.slice(0, 99)}... (1025 characters) must be between 1 and 1024 characters long (got 1025)`,
    );
  });

  test('accepts 1024 characters', () => {
    const expression = `cron(${'0,'.repeat(503)}00 0 * * ? *)`;
    expect(expression.length).toBe(1024);
    expect(scheduleError(expression)).toBeUndefined();
  });
});

describe('timeZoneRule', () => {
  const PATTERN_RULE =
    "must be an IANA time zone name, for example 'America/Los_Angeles' (pattern [a-zA-Z0-9]{2,}(?:\\/[a-zA-Z0-9-_+]+)*)";
  const UNKNOWN = "must be an IANA time zone name such as 'Etc/UTC' or 'America/Los_Angeles'";
  const CAPITALS = "must be spelled as the IANA database spells it (each part starts with a capital letter, e.g. 'Etc/UTC', 'US/Pacific')";

  test.each([
    'Etc/UTC',
    'UTC',
    'America/Los_Angeles',
    'America/Argentina/Buenos_Aires',
    'Etc/GMT+5',
    'Etc/GMT-14',
    'Europe/Berlin',
    'Asia/Kolkata',
    'Asia/Calcutta',
    'US/Pacific',
    'EST5EDT',
    'America/Port-au-Prince',
    // Legacy names the API accepts (its pattern is not anchored) and the IANA database knows.
    'GMT+0',
    'GMT-0',
    'W-SU',
    'NZ-CHAT',
    'GB-Eire',
  ])('accepts %p', name => {
    expect(timeZoneRule(name, PATTERNS.timezone)).toBeUndefined();
  });

  test.each([
    ['an unknown zone', 'Mars/Olympus', UNKNOWN],
    ['a zone in the wrong case', 'europe/berlin', "must be spelled as the IANA database spells it ('Europe/Berlin')"],
    ['a canonical zone in upper case', 'AMERICA/NEW_YORK', "must be spelled as the IANA database spells it ('America/New_York')"],
    ['utc in lower case', 'utc', "must be spelled as the IANA database spells it ('UTC')"],
    ['an alias in lower case', 'etc/utc', CAPITALS],
    ['an alias in upper case', 'ETC/UTC', CAPITALS],
    ['another alias in lower case', 'us/pacific', CAPITALS],
    ['a short alias in lower case', 'gmt', CAPITALS],
    ['an offset', '+01:00', UNKNOWN],
    ['a name with a space', 'America/New York', UNKNOWN],
    ['a trailing slash', 'Europe/', UNKNOWN],
    ['a leading slash', '/Europe/Berlin', UNKNOWN],
    ['no two letters or digits in a row', '+:+', PATTERN_RULE],
  ])('rejects %s: %p', (_, name, rule) => {
    expect(timeZoneRule(name, PATTERNS.timezone)).toBe(rule);
  });
});
