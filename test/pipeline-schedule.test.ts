import { CfnParameter, Duration, Lazy, Stack, TimeZone, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { strictStack } from './helpers';
import { ImagePipeline, ImageRecipe, PipelineExecutionStartCondition, PipelineSchedule } from '../src';

/** A pipeline at `Stack/Pipeline` with the given schedule. */
function pipelineWith(schedule: PipelineSchedule, stack: Stack = strictStack()): Stack {
  const recipe = ImageRecipe.fromImageRecipeArn(stack, 'Recipe', 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/my-recipe/1.0.0');
  new ImagePipeline(stack, 'Pipeline', { recipe, schedule });
  return stack;
}

function renderedSchedule(schedule: PipelineSchedule): unknown {
  const template = Template.fromStack(pipelineWith(schedule));
  const pipelines = template.findResources('AWS::ImageBuilder::ImagePipeline');
  return Object.values(pipelines)[0].Properties.Schedule;
}

describe('PipelineSchedule.cron', () => {
  test('defaults to once a day at midnight', () => {
    expect(PipelineSchedule.cron({}).expressionString).toBe('cron(0 0 * * ? *)');
  });

  test('a day of the week puts ? in the day of the month', () => {
    expect(PipelineSchedule.cron({ hour: '4', weekDay: 'MON' }).expressionString).toBe('cron(0 4 ? * MON *)');
  });

  test('a day of the month keeps ? in the day of the week', () => {
    expect(PipelineSchedule.cron({ minute: '30', hour: '2', day: '1', month: 'JAN,JUL' }).expressionString)
      .toBe('cron(30 2 1 JAN,JUL ? *)');
  });

  test('? in the day of the month alone selects every day of the week', () => {
    expect(PipelineSchedule.cron({ day: '?' }).expressionString).toBe('cron(0 0 ? * * *)');
  });

  test('passes every field through', () => {
    expect(PipelineSchedule.cron({ minute: '0/15', hour: '8-17', day: '?', month: '*', weekDay: 'MON-FRI', year: '2030' }).expressionString)
      .toBe('cron(0/15 8-17 ? * MON-FRI 2030)');
  });

  test('both days given is rejected by the pipeline with the ? rule', () => {
    expect(() => pipelineWith(PipelineSchedule.cron({ day: '1', weekDay: 'MON' })))
      .toThrow("Stack/Pipeline: schedule.expression 'cron(0 0 1 * MON *)' must have '?' in exactly one of day-of-month and day-of-week");
  });

  test('a field out of range is rejected by the pipeline, naming the field', () => {
    expect(() => pipelineWith(PipelineSchedule.cron({ hour: '24' })))
      .toThrow("Stack/Pipeline: schedule.expression 'cron(0 24 * * ? *)' must have a valid hour field: '24' is outside 0-23");
  });
});

describe('PipelineSchedule.rate', () => {
  test.each([
    [Duration.days(1), 'rate(1 day)'],
    [Duration.days(7), 'rate(7 days)'],
    [Duration.hours(12), 'rate(12 hours)'],
    [Duration.hours(48), 'rate(2 days)'],
    [Duration.minutes(1), 'rate(1 minute)'],
    [Duration.minutes(90), 'rate(90 minutes)'],
  ])('%s renders %s', (interval, expected) => {
    expect(PipelineSchedule.rate(interval).expressionString).toBe(expected);
  });

  test('an interval that is not whole minutes is rejected by the pipeline', () => {
    expect(() => pipelineWith(PipelineSchedule.rate(Duration.seconds(90))))
      .toThrow("Stack/Pipeline: schedule.expression 'rate(90 seconds)' must be 'rate(value unit)' with a positive whole value and unit minute(s), hour(s) or day(s)");
  });

  test('a zero interval is rejected by the pipeline', () => {
    expect(() => pipelineWith(PipelineSchedule.rate(Duration.days(0))))
      .toThrow(/schedule.expression 'rate\(0 seconds\)' must be 'rate\(value unit\)'/);
  });
});

describe('PipelineSchedule.expression', () => {
  test('keeps the expression as given', () => {
    expect(PipelineSchedule.expression('cron(0 10 ? * 1-5 *)').expressionString).toBe('cron(0 10 ? * 1-5 *)');
  });

  test('keeps the options', () => {
    const schedule = PipelineSchedule.expression('rate(1 day)', {
      timeZone: TimeZone.EUROPE_PARIS,
      startCondition: PipelineExecutionStartCondition.EXPRESSION_MATCH_ONLY,
      autoDisableAfterFailures: 3,
    });
    expect(schedule.timeZone?.timezoneName).toBe('Europe/Paris');
    expect(schedule.startCondition).toBe(PipelineExecutionStartCondition.EXPRESSION_MATCH_ONLY);
    expect(schedule.autoDisableAfterFailures).toBe(3);
  });
});

describe('rendering', () => {
  test('an expression alone renders only the expression', () => {
    expect(renderedSchedule(PipelineSchedule.cron({ hour: '4', weekDay: 'MON' }))).toEqual({ ScheduleExpression: 'cron(0 4 ? * MON *)' });
  });

  test('renders the time zone, start condition and auto-disable policy', () => {
    expect(renderedSchedule(PipelineSchedule.cron({ hour: '4' }, {
      timeZone: TimeZone.AMERICA_LOS_ANGELES,
      startCondition: PipelineExecutionStartCondition.EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE,
      autoDisableAfterFailures: 10,
    }))).toEqual({
      ScheduleExpression: 'cron(0 4 * * ? *)',
      Timezone: 'America/Los_Angeles',
      PipelineExecutionStartCondition: 'EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE',
      AutoDisablePolicy: { FailureCount: 10 },
    });
  });

  test('takes any IANA time zone name through TimeZone.of', () => {
    expect(renderedSchedule(PipelineSchedule.expression('rate(12 hours)', { timeZone: TimeZone.of('Etc/UTC') })))
      .toEqual({ ScheduleExpression: 'rate(12 hours)', Timezone: 'Etc/UTC' });
  });
});

describe('validation through the pipeline', () => {
  test.each([
    ['five-field Unix cron', 'cron(0 4 * * 1)', /must be 'cron\(minute hour day-of-month month day-of-week year\)' with six fields.*five-field Unix cron is not accepted/],
    ['bare cron fields', '0 4 ? * MON *', /'0 4 \? \* MON \*' must be 'cron\(minute hour day-of-month month day-of-week year\)' with six fields, e\.g\. 'cron\(0 4 \? \* MON \*\)', or 'rate\(value unit\)'/],
    ['EventBridge at()', 'at(2030-01-01T00:00:00)', /'at\(2030-01-01T00:00:00\)' must be 'cron\(minute hour/],
    ['free text', 'every monday', /'every monday' must be 'cron\(minute hour/],
    ['a bad rate unit', 'rate(2 weeks)', /'rate\(2 weeks\)' must be 'rate\(value unit\)' with a positive whole value and unit minute\(s\), hour\(s\) or day\(s\)/],
    ['a singular unit for a plural value', 'rate(2 day)', /'rate\(2 day\)' must use a singular unit for a value of 1 and a plural unit otherwise/],
    ['an increment in the day of the week', 'cron(0 4 ? * 1/2 *)', /must have a valid day-of-week field: '1\/2' uses '\/', which day-of-week does not allow/],
    ['a rate of zero', 'rate(0 days)', /'rate\(0 days\)' must have a rate value of at least 1/],
    ['a day name Image Builder does not know', 'cron(0 4 ? * MONDAY *)', /must have a valid day-of-week field: 'MONDAY' is not a value 1-7 or SUN-SAT/],
    ['? outside the day fields', 'cron(? 4 * * ? *)', /must have a valid minute field: '\?' is only allowed in day-of-month and day-of-week/],
    ['both day fields set', 'cron(0 4 1 * MON *)', /must have '\?' in exactly one of day-of-month and day-of-week/],
    ['a year out of range', 'cron(0 4 * * ? 2200)', /must have a valid year field: '2200' is outside 1970-2199/],
    ['seven fields (Quartz cron with seconds)', 'cron(0 0 4 * * ? *)', /must be 'cron\(minute hour day-of-month month day-of-week year\)' with six fields/],
  ])('rejects %s', (_label, expression, message) => {
    expect(() => pipelineWith(PipelineSchedule.expression(expression))).toThrow(message);
  });

  test.each([
    ['a cron expression valid for both EventBridge and Image Builder', 'cron(0 12 * * ? *)'],
    ['a rate in minutes, valid for both', 'rate(5 minutes)'],
    ['a rate of one day', 'rate(1 day)'],
    ['weekdays by number', 'cron(0 10 ? * 1-5 *)'],
    ['lowercase month and day names', 'cron(0 4 ? jan,jul mon *)'],
    ['the second Friday', 'cron(0 8 ? * FRI#2 *)'],
    ['the last day of the month', 'cron(0 0 L * ? *)'],
    ['the weekday nearest the 15th', 'cron(0 0 15W * ? *)'],
    ['increments and a year range', 'cron(0/15 8-17 ? * MON-FRI 2030-2035)'],
  ])('accepts %s', (_label, expression) => {
    Template.fromStack(pipelineWith(PipelineSchedule.expression(expression)))
      .hasResourceProperties('AWS::ImageBuilder::ImagePipeline', { Schedule: { ScheduleExpression: expression } });
  });

  test('accepts a cron builder field that is a token', () => {
    const stack = strictStack();
    const hour = new CfnParameter(stack, 'Hour').valueAsString;
    Template.fromStack(pipelineWith(PipelineSchedule.cron({ hour, weekDay: 'MON' }), stack))
      .hasResourceProperties('AWS::ImageBuilder::ImagePipeline', {
        Schedule: { ScheduleExpression: { 'Fn::Join': ['', ['cron(0 ', { Ref: 'Hour' }, ' ? * MON *)']] } },
      });
  });

  test('accepts a rate whose interval is a token, in minutes', () => {
    const stack = strictStack();
    const minutes = new CfnParameter(stack, 'Minutes', { type: 'Number' }).valueAsNumber;
    Template.fromStack(pipelineWith(PipelineSchedule.rate(Duration.minutes(minutes)), stack))
      .hasResourceProperties('AWS::ImageBuilder::ImagePipeline', {
        Schedule: { ScheduleExpression: { 'Fn::Join': ['', ['rate(', { Ref: 'Minutes' }, ' minutes)']] } },
      });
  });

  test.each([
    ['hours', (n: number) => Duration.hours(n)],
    ['days', (n: number) => Duration.days(n)],
  ])('accepts a rate whose interval is a token, in %s, rendered in that unit', (unit, make) => {
    const stack = strictStack();
    const n = new CfnParameter(stack, 'Interval', { type: 'Number' }).valueAsNumber;
    Template.fromStack(pipelineWith(PipelineSchedule.rate(make(n)), stack))
      .hasResourceProperties('AWS::ImageBuilder::ImagePipeline', {
        Schedule: { ScheduleExpression: { 'Fn::Join': ['', ['rate(', { Ref: 'Interval' }, ` ${unit})`]] } },
      });
  });

  test('rejects a rate whose interval is a token in seconds', () => {
    const stack = strictStack();
    const n = new CfnParameter(stack, 'Interval', { type: 'Number' }).valueAsNumber;
    expect(() => pipelineWith(PipelineSchedule.rate(Duration.seconds(n)), stack))
      .toThrow("Stack/Pipeline: schedule.expression 'rate(<token> seconds)' must be given in minutes, hours or days when the rate is a token (Image Builder takes no seconds)");
  });

  test('accepts a token expression', () => {
    const stack = strictStack();
    const expression = new CfnParameter(stack, 'Schedule').valueAsString;
    const template = Template.fromStack(pipelineWith(PipelineSchedule.expression(expression), stack));
    template.hasResourceProperties('AWS::ImageBuilder::ImagePipeline', { Schedule: { ScheduleExpression: { Ref: 'Schedule' } } });
  });

  test('rejects a time zone that is not an IANA time zone', () => {
    expect(() => pipelineWith(PipelineSchedule.cron({}, { timeZone: TimeZone.of('Mars/Olympus_Mons') })))
      .toThrow("Stack/Pipeline: schedule.timeZone 'Mars/Olympus_Mons' must be an IANA time zone name such as 'Etc/UTC' or 'America/Los_Angeles'");
  });

  test('rejects a time zone that does not match the API pattern', () => {
    expect(() => pipelineWith(PipelineSchedule.cron({}, { timeZone: TimeZone.of('UTC+2') })))
      .toThrow(/Stack\/Pipeline: schedule.timeZone 'UTC\+2' must be /);
  });

  test('rejects a time zone spelled otherwise than the IANA database spells it', () => {
    expect(() => pipelineWith(PipelineSchedule.cron({}, { timeZone: TimeZone.of('europe/paris') })))
      .toThrow("Stack/Pipeline: schedule.timeZone 'europe/paris' must be spelled as the IANA database spells it ('Europe/Paris')");
  });

  test('accepts a time zone alias of the IANA database', () => {
    expect(renderedSchedule(PipelineSchedule.cron({}, { timeZone: TimeZone.of('US/Pacific') })))
      .toEqual({ ScheduleExpression: 'cron(0 0 * * ? *)', Timezone: 'US/Pacific' });
  });

  test('accepts a token time zone', () => {
    const stack = strictStack();
    const zone = TimeZone.of(Lazy.string({ produce: () => 'Asia/Tokyo' }));
    Template.fromStack(pipelineWith(PipelineSchedule.cron({}, { timeZone: zone }), stack))
      .hasResourceProperties('AWS::ImageBuilder::ImagePipeline', { Schedule: { Timezone: 'Asia/Tokyo' } });
  });

  test.each([0, 11, 2.5])('rejects %s consecutive failures', (count) => {
    expect(() => pipelineWith(PipelineSchedule.cron({}, { autoDisableAfterFailures: count })))
      .toThrow(`Stack/Pipeline: schedule.autoDisableAfterFailures ${count} must be an integer between 1 and 10`);
  });

  test('accepts a token failure count', () => {
    const stack = strictStack();
    const count = Token.asNumber(new CfnParameter(stack, 'Failures', { type: 'Number' }));
    Template.fromStack(pipelineWith(PipelineSchedule.cron({}, { autoDisableAfterFailures: count }), stack))
      .hasResourceProperties('AWS::ImageBuilder::ImagePipeline', { Schedule: { AutoDisablePolicy: { FailureCount: { Ref: 'Failures' } } } });
  });

  test('reports every schedule problem together', () => {
    expect(() => pipelineWith(PipelineSchedule.expression('cron(0 4 * * 1)', {
      timeZone: TimeZone.of('Nowhere/Town'),
      autoDisableAfterFailures: 0,
    }))).toThrow(/schedule.expression[^\n]*\n[^\n]*schedule.timeZone 'Nowhere\/Town'[^\n]*\n[^\n]*schedule.autoDisableAfterFailures 0/);
  });
});
