/**
 * Least-privilege gate: every IAM identity policy in the templates of every scenario (the
 * policies of `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy`, and the inline `Policies` of
 * roles, users and groups) allows
 * - no `*` action and no `service:*` action, and no `NotAction`;
 * - no Image Builder, ECR, CloudWatch Logs, S3 or KMS action on `Resource: '*'` (or with
 *   `NotResource`). The one documented exception is `ecr:GetAuthorizationToken`, which ECR only
 *   grants on `*`: it must then be the only action of its statement, so that nothing rides along.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { SCENARIOS } from './scenarios';

/** The services whose actions must always be scoped to resources. */
const SCOPED_SERVICES = ['imagebuilder', 'ecr', 'logs', 's3', 'kms'];

/** The one action of those services that IAM only accepts on `Resource: '*'`. */
const UNSCOPABLE_ACTION = 'ecr:GetAuthorizationToken';

/** A statement of an identity policy, with where it is. */
interface LocatedStatement {
  readonly logicalId: string;
  readonly resourceType: string;
  readonly policyName: string;
  readonly index: number;
  readonly statement: { [key: string]: any };
}

function asList(value: unknown): unknown[] {
  if (value === undefined) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

/** Every statement of every identity policy of a template. */
function identityPolicyStatements(template: { [key: string]: any }): LocatedStatement[] {
  const located: LocatedStatement[] = [];
  const add = (logicalId: string, resourceType: string, policyName: unknown, document: any) => {
    asList(document?.Statement).forEach((statement, index) => located.push({
      logicalId,
      resourceType,
      policyName: typeof policyName === 'string' ? policyName : JSON.stringify(policyName ?? '(generated)'),
      index,
      statement: statement as { [key: string]: any },
    }));
  };
  for (const [logicalId, resource] of Object.entries<any>(template.Resources ?? {})) {
    const props = resource.Properties ?? {};
    switch (resource.Type) {
      case 'AWS::IAM::Policy':
        add(logicalId, resource.Type, props.PolicyName, props.PolicyDocument);
        break;
      case 'AWS::IAM::ManagedPolicy':
        add(logicalId, resource.Type, props.ManagedPolicyName, props.PolicyDocument);
        break;
      case 'AWS::IAM::Role':
      case 'AWS::IAM::User':
      case 'AWS::IAM::Group':
        for (const policy of asList(props.Policies) as any[]) {
          add(logicalId, resource.Type, policy.PolicyName, policy.PolicyDocument);
        }
        break;
    }
  }
  return located;
}

/** What is wrong with a statement, in words; empty when it is least privilege. */
function problemsOf(statement: { [key: string]: any }): string[] {
  if (statement.Effect !== 'Allow') {
    return [];
  }
  const problems: string[] = [];
  const actions = asList(statement.Action).map(String);
  if (statement.NotAction !== undefined) {
    problems.push('allows every action but its NotAction');
  }
  for (const action of actions) {
    if (action === '*' || /^[^:]+:\*$/.test(action)) {
      problems.push(`allows the wildcard action '${action}'`);
    }
  }

  const onEverything = asList(statement.Resource).includes('*') || statement.NotResource !== undefined;
  if (onEverything) {
    const where = statement.NotResource !== undefined ? 'every resource but its NotResource' : "Resource '*'";
    const scoped = actions.filter(action => SCOPED_SERVICES.includes(action.split(':')[0].toLowerCase()));
    for (const action of scoped.filter(a => a !== UNSCOPABLE_ACTION)) {
      problems.push(`allows '${action}' on ${where}: ${SCOPED_SERVICES.join(', ')} actions must be scoped to resources`);
    }
    if (scoped.includes(UNSCOPABLE_ACTION) && actions.length > 1) {
      problems.push(`allows '${UNSCOPABLE_ACTION}' on ${where} together with other actions `
        + `(${actions.filter(a => a !== UNSCOPABLE_ACTION).join(', ')}): it must be the only action of its statement`);
    }
  }
  return problems;
}

function report(located: LocatedStatement, problems: string[]): string {
  return [
    `${located.resourceType} ${located.logicalId} (policy ${located.policyName}), statement ${located.index}:`,
    ...problems.map(p => `  - ${p}`),
    ...JSON.stringify(located.statement, undefined, 2).split('\n').map(line => `    ${line}`),
  ].join('\n');
}

describe('the checker', () => {
  const allow = (action: unknown, resource: unknown) => ({ Effect: 'Allow', Action: action, Resource: resource });

  test('accepts scoped statements, Deny statements, and unscopable actions of other services on *', () => {
    expect(problemsOf(allow(['s3:PutObject'], 'arn:aws:s3:::bucket/logs/*'))).toEqual([]);
    expect(problemsOf(allow('ec2:DescribeImages', '*'))).toEqual([]);
    expect(problemsOf({ Effect: 'Deny', Action: '*', Resource: '*' })).toEqual([]);
  });

  test('accepts ecr:GetAuthorizationToken alone on *', () => {
    expect(problemsOf(allow('ecr:GetAuthorizationToken', '*'))).toEqual([]);
    expect(problemsOf(allow(['ecr:GetAuthorizationToken'], ['*']))).toEqual([]);
  });

  test('rejects * and service:* actions, and NotAction', () => {
    expect(problemsOf(allow('*', 'arn:aws:s3:::bucket'))).toEqual(["allows the wildcard action '*'"]);
    expect(problemsOf(allow(['ec2:DescribeImages', 'ec2:*'], 'arn:aws:ec2:*:*:image/*'))).toEqual(["allows the wildcard action 'ec2:*'"]);
    expect(problemsOf({ Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::bucket' })).toEqual(['allows every action but its NotAction']);
  });

  test.each(['imagebuilder:GetImage', 'ecr:BatchGetImage', 'logs:PutLogEvents', 's3:GetObject', 'kms:Decrypt', 'KMS:Decrypt'])(
    'rejects %s on *', (action) => {
      expect(problemsOf(allow([action], '*'))).toEqual([
        `allows '${action}' on Resource '*': imagebuilder, ecr, logs, s3, kms actions must be scoped to resources`,
      ]);
    });

  test('rejects scoped actions with NotResource', () => {
    expect(problemsOf({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::private/*' })).toHaveLength(1);
  });

  test('rejects ecr:GetAuthorizationToken on * with other actions, even of unscoped services', () => {
    expect(problemsOf(allow(['ecr:GetAuthorizationToken', 'ec2:DescribeImages'], '*'))).toEqual([
      "allows 'ecr:GetAuthorizationToken' on Resource '*' together with other actions (ec2:DescribeImages): it must be the only action of its statement",
    ]);
  });

  test('finds the statements of policies, managed policies and inline role policies', () => {
    const document = (sid: string) => ({ Version: '2012-10-17', Statement: [{ Sid: sid, Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
    const found = identityPolicyStatements({
      Resources: {
        P: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', PolicyDocument: document('policy') } },
        M: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: document('managed') } },
        R: { Type: 'AWS::IAM::Role', Properties: { Policies: [{ PolicyName: 'inline', PolicyDocument: document('role') }] } },
        K: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: document('key policy: a resource policy') } },
      },
    });
    expect(found.map(f => [f.logicalId, f.policyName, f.statement.Sid])).toEqual([
      ['P', 'p', 'policy'],
      ['M', '"(generated)"', 'managed'],
      ['R', 'inline', 'role'],
    ]);
  });
});

describe('identity policies of the scenarios', () => {
  const cache = new Map<string, LocatedStatement[]>();
  function statementsOf(name: string): LocatedStatement[] {
    let statements = cache.get(name);
    if (!statements) {
      statements = identityPolicyStatements(Template.fromStack(SCENARIOS.find(s => s.name === name)!.build()).toJSON());
      cache.set(name, statements);
    }
    return statements;
  }

  test.each(SCENARIOS.map(s => s.name))('%s: no wildcard action, no scoped-service action on *', (name) => {
    const offending = statementsOf(name)
      .map(located => ({ located, problems: problemsOf(located.statement) }))
      .filter(({ problems }) => problems.length > 0)
      .map(({ located, problems }) => report(located, problems));
    if (offending.length > 0) {
      throw new Error(`${offending.length} statement(s) of "${name}" are not least privilege:\n${offending.join('\n\n')}`);
    }
    expect(offending).toEqual([]);
  });

  test('the gate sees the policies the library writes', () => {
    const all = SCENARIOS.flatMap(s => statementsOf(s.name));
    // The instance policy (S3 logs, container push) and the pipeline execution roles are walked.
    expect(all.some(s => asList(s.statement.Action).includes('s3:PutObject'))).toBe(true);
    expect(all.some(s => asList(s.statement.Action).includes('ecr:PutImage'))).toBe(true);
    expect(all.some(s => s.resourceType === 'AWS::IAM::Policy' && /ExecutionRole/.test(s.logicalId))).toBe(true);
    // The one exception is exercised, alone in its statement.
    const tokenStatements = all.filter(s => asList(s.statement.Action).includes(UNSCOPABLE_ACTION));
    expect(tokenStatements.length).toBeGreaterThan(0);
    for (const s of tokenStatements) {
      expect(asList(s.statement.Action)).toEqual([UNSCOPABLE_ACTION]);
    }
  });
});
