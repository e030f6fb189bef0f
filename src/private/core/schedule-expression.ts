/**
 * Image Builder's schedule dialect: `cron(...)` with six fields, or `rate(...)`.
 *
 * The cron dialect (user guide "Use cron expressions in EC2 Image Builder"):
 *
 * | field        | values            | wildcards       |
 * |--------------|-------------------|-----------------|
 * | minute       | 0-59              | , - * /         |
 * | hour         | 0-23              | , - * /         |
 * | day of month | 1-31              | , - * ? / L W   |
 * | month        | 1-12 or JAN-DEC   | , - * /         |
 * | day of week  | 1-7 or SUN-SAT    | , - * ? L #     |
 * | year         | 1970-2199         | , - * /         |
 *
 * Day of month and day of week cannot both be set: exactly one of them is `?`.
 */

/** The forms a schedule expression may take, for error messages. */
export const ACCEPTED_SCHEDULE_FORMS =
  "must be 'cron(minute hour day-of-month month day-of-week year)' with six fields, e.g. 'cron(0 4 ? * MON *)', or 'rate(value unit)' with unit minute(s), hour(s) or day(s), e.g. 'rate(1 day)'";

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  /** Whether `/` increments are allowed. */
  readonly increments: boolean;
  /** Extra wildcards: `?`, `L`, `W`, `#`. */
  readonly question?: boolean;
  readonly last?: boolean;
  readonly weekday?: boolean;
  readonly nth?: boolean;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59, increments: true },
  { name: 'hour', min: 0, max: 23, increments: true },
  { name: 'day-of-month', min: 1, max: 31, increments: true, question: true, last: true, weekday: true },
  { name: 'month', min: 1, max: 12, names: MONTHS, increments: true },
  { name: 'day-of-week', min: 1, max: 7, names: WEEKDAYS, increments: false, question: true, last: true, nth: true },
  { name: 'year', min: 1970, max: 2199, increments: true },
];

/** Field names in order, for the cron builder. */
export const CRON_FIELD_NAMES = FIELDS.map(f => f.name);

/**
 * Checks a schedule expression. Returns the broken rule (phrased to follow the value), or
 * undefined when the expression is valid.
 */
export function scheduleExpressionRule(expression: string): string | undefined {
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (cron) {
    return cronRule(cron[1]);
  }
  const rate = /^rate\((.*)\)$/.exec(expression);
  if (rate) {
    return rateRule(rate[1]);
  }
  return ACCEPTED_SCHEDULE_FORMS;
}

/** The units of a rate whose value is a token, as aws-cdk-lib renders a token `Duration` in its own unit. */
const TOKEN_RATE_UNITS = ['minutes', 'hours', 'days'];

/**
 * The rule a schedule expression holding a token breaks, if any. Only a rate is checked: its
 * value is a token (`rate(<token> seconds)`), but its unit is literal and must be one Image
 * Builder takes.
 */
export function tokenScheduleExpressionRule(expression: string): string | undefined {
  const rate = /^rate\(.+ ([a-z]+)\)$/.exec(expression);
  if (rate && !TOKEN_RATE_UNITS.includes(rate[1])) {
    return 'must be given in minutes, hours or days when the rate is a token (Image Builder takes no seconds)';
  }
  return undefined;
}

function rateRule(body: string): string | undefined {
  const m = /^([0-9]+) (minute|minutes|hour|hours|day|days)$/.exec(body);
  if (!m) {
    return "must be 'rate(value unit)' with a positive whole value and unit minute(s), hour(s) or day(s), e.g. 'rate(1 day)' or 'rate(12 hours)'";
  }
  const value = Number(m[1]);
  const unit = m[2];
  if (value < 1) {
    return 'must have a rate value of at least 1';
  }
  if ((value === 1) !== !unit.endsWith('s')) {
    return "must use a singular unit for a value of 1 and a plural unit otherwise (e.g. 'rate(1 day)', 'rate(2 days)')";
  }
  return undefined;
}

function cronRule(body: string): string | undefined {
  const parts = body.split(' ');
  if (parts.length !== 6 || parts.some(p => p === '')) {
    const fields = parts.filter(p => p !== '').length;
    const hint = fields === 5
      ? ' (five-field Unix cron is not accepted: Image Builder needs a sixth field, the year)'
      : fields === 6
        ? ' (separate the fields with single spaces, with no space at the start or end)'
        : '';
    return `${ACCEPTED_SCHEDULE_FORMS}${hint}`;
  }
  for (let i = 0; i < FIELDS.length; i++) {
    const rule = fieldRule(FIELDS[i], parts[i]);
    if (rule) {
      return `must have a valid ${FIELDS[i].name} field: ${rule}`;
    }
  }
  const dayOfMonth = parts[2];
  const dayOfWeek = parts[4];
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
    return "must have '?' in exactly one of day-of-month and day-of-week (e.g. 'cron(0 4 * * ? *)' or 'cron(0 4 ? * MON *)')";
  }
  return undefined;
}

function fieldRule(field: CronField, text: string): string | undefined {
  if (text === '?') {
    return field.question ? undefined : "'?' is only allowed in day-of-month and day-of-week";
  }
  const items = text.split(',');
  for (const item of items) {
    const rule = itemRule(field, item);
    if (rule) {
      return `'${item}' ${rule}`;
    }
  }
  return undefined;
}

function itemRule(field: CronField, item: string): string | undefined {
  if (item === '') return 'is empty';
  if (item === '?') return 'must stand alone';
  const upper = item.toUpperCase();

  if (field.last && upper === 'L') return undefined;
  if (field.weekday && (upper === 'LW' || /^[0-9]+W$/.test(upper))) {
    return upper === 'LW' ? undefined : valueRule(field, upper.slice(0, -1));
  }
  if (field.last && field.nth && /^[^#]+L$/.test(upper)) {
    return valueRule(field, upper.slice(0, -1));
  }
  if (field.nth && upper.includes('#')) {
    const [day, nth] = upper.split('#');
    if (!/^[1-5]$/.test(nth ?? '')) return "must have an occurrence 1 to 5 after '#' (e.g. 'FRI#2')";
    return valueRule(field, day);
  }

  let base = upper;
  if (upper.includes('/')) {
    if (!field.increments) return `uses '/', which ${field.name} does not allow`;
    const [start, step, ...rest] = upper.split('/');
    if (rest.length > 0) return "has more than one '/'";
    if (!/^[0-9]+$/.test(step) || Number(step) < 1) return "must have a whole increment of at least 1 after '/'";
    base = start;
  }
  if (base === '*') return undefined;
  const range = base.split('-');
  if (range.length > 2) return 'is not a value or a range';
  for (const value of range) {
    const rule = valueRule(field, value);
    if (rule) return rule;
  }
  return undefined;
}

function valueRule(field: CronField, value: string): string | undefined {
  if (/^[0-9]+$/.test(value)) {
    const n = Number(value);
    return n >= field.min && n <= field.max ? undefined : `is outside ${field.min}-${field.max}`;
  }
  if (field.names?.includes(value)) return undefined;
  const names = field.names ? ` or ${field.names[0]}-${field.names[field.names.length - 1]}` : '';
  return `is not a value ${field.min}-${field.max}${names}`;
}

/**
 * Checks an IANA time zone name: the API's pattern (which the API does not anchor: legacy names
 * such as `GMT+0` or `W-SU` pass it) and a zone this runtime's IANA database knows.
 * Returns the broken rule, or undefined.
 */
export function timeZoneRule(name: string, pattern: RegExp): string | undefined {
  if (!pattern.test(name)) {
    return `must be an IANA time zone name, for example 'America/Los_Angeles' (pattern ${pattern.source})`;
  }
  let resolved: string;
  try {
    // Newer runtimes also take UTC offsets (`+01:00`), which are no IANA names.
    if (/^[+-]/.test(name)) throw new RangeError(name);
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return "must be an IANA time zone name such as 'Etc/UTC' or 'America/Los_Angeles'";
  }
  if (resolved === name) {
    return undefined;
  }
  // Intl matches names case-insensitively; the service does not.
  if (resolved.toLowerCase() === name.toLowerCase()) {
    return `must be spelled as the IANA database spells it ('${resolved}')`;
  }
  // An alias (Intl resolves 'Etc/UTC' to 'UTC', 'US/Pacific' to 'America/Los_Angeles'): its own
  // spelling is not known here, so check the database's conventions: every part starts with an
  // upper-case letter, and no name with a '/' is all upper case. This catches 'etc/utc' and 'ETC/UTC'.
  if (name.split('/').some(part => !/^[A-Z]/.test(part)) || (name.includes('/') && name === name.toUpperCase())) {
    return "must be spelled as the IANA database spells it (each part starts with a capital letter, e.g. 'Etc/UTC', 'US/Pacific')";
  }
  return undefined;
}
