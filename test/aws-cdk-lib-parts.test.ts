/**
 * The parts of aws-cdk-lib the library renders itself for synth speed, each proven equivalent to
 * the public aws-cdk-lib API it stands for: the same template, the same permissions, the same
 * acknowledgements. These tests run on every aws-cdk-lib version CI runs (npm test, and
 * `compat:newest` against the newest version the registry serves), so a change of aws-cdk-lib's
 * output fails here first.
 */
import { aws_ecr as ecr, aws_iam as iam, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { strictStack } from './helpers';
import { InfrastructureConfiguration } from '../src';
import { RecipeRepository } from '../src/private/compose/recipe-repository';
import { acknowledgeLibraryFindings } from '../src/private/iam/acknowledge';
import { LibraryInlinePolicy } from '../src/private/iam/inline-policy';

const OTHER_ACCOUNT = '210987654321';

/** The template of a stack in which `build` makes one construct and uses it. */
function templateOf(build: (stack: Stack) => void): unknown {
  const stack = strictStack();
  build(stack);
  return Template.fromStack(stack).toJSON();
}

describe('the recipe\'s repository renders what ecr.Repository renders', () => {
  /** Grants and a resource policy statement, as a user or the library would add them. */
  function use(stack: Stack, repository: ecr.IRepository): void {
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });
    repository.grantPullPush(role);
    repository.grantPull(new iam.AccountPrincipal(OTHER_ACCOUNT));
    repository.addToResourcePolicy(new iam.PolicyStatement({
      actions: ['ecr:DescribeImages'],
      principals: [new iam.AccountPrincipal(OTHER_ACCOUNT)],
    }));
  }

  test.each([
    ['retained', RemovalPolicy.RETAIN, 10],
    ['destroyed with its images', RemovalPolicy.DESTROY, 3],
  ])('%s, with grants and a resource policy', (_, removalPolicy, maxImageCount) => {
    const ours = templateOf(stack => use(stack, new RecipeRepository(stack, 'Repository', { maxImageCount, removalPolicy })));
    const l2 = templateOf(stack => use(stack, new ecr.Repository(stack, 'Repository', {
      imageScanOnPush: true,
      lifecycleRules: [{ description: `Keep the last ${maxImageCount} images`, maxImageCount }],
      removalPolicy,
      emptyOnDelete: removalPolicy === RemovalPolicy.DESTROY ? true : undefined,
    })));
    expect(ours).toEqual(l2);
  });
});

describe('the library\'s inline policy renders what iam.Policy renders', () => {
  test('for a role created in the stack, statements added after creation included', () => {
    const statements = () => [
      new iam.PolicyStatement({ sid: 'Logs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: ['arn:aws:logs:us-east-1:123456789012:log-group:/builds:*'] }),
      new iam.PolicyStatement({ sid: 'Describe', actions: ['ec2:DescribeImages'], resources: ['*'] }),
    ];
    const build = (stack: Stack, make: (scope: Construct, role: iam.IRole) => (s: iam.PolicyStatement[]) => void) => {
      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('imagebuilder.amazonaws.com') });
      const holder = new Construct(stack, 'Holder');
      const add = make(holder, role);
      add(statements());
    };
    const ours = templateOf(stack => build(stack, (scope, role) => {
      const policy = new LibraryInlinePolicy(scope, 'ExecutionRolePolicy', role);
      return s => policy.addStatements(...s);
    }));
    const l2 = templateOf(stack => build(stack, (scope, role) => {
      const policy = new iam.Policy(scope, 'ExecutionRolePolicy', { roles: [role] });
      return s => policy.addStatements(...s);
    }));
    expect(ours).toEqual(l2);
  });
});

describe('the library\'s acknowledgements have the effect of Validations.acknowledge', () => {
  const RULES = [
    { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'describe actions take no resource' },
    { id: 'NIST.800.53.R5-IAMNoInlinePolicy', reason: 'the library keeps its grants in a policy of its own' },
  ];

  test('the same rules, read back as aws-cdk-lib\'s validation report reads them', () => {
    const stack = strictStack();
    const viaValidations = new Construct(stack, 'ViaValidations');
    Validations.of(viaValidations).acknowledge(...RULES);
    const viaLibrary = new Construct(stack, 'ViaLibrary');
    acknowledgeLibraryFindings(viaLibrary, ...RULES);

    /** The acknowledged rules as aws-cdk-lib's validation report reads them: every entry of the metadata key, merged. */
    const acknowledged = (scope: Construct) => Object.assign({}, ...scope.node.metadata
      .filter(m => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .map(m => m.data));
    expect(acknowledged(viaLibrary)).toEqual(acknowledged(viaValidations));
    expect(Object.keys(acknowledged(viaLibrary))).toHaveLength(RULES.length);
  });
});

describe('the ECR actions the build instances get are those of ecr.Repository\'s grants', () => {
  /** The actions a policy of the stack grants on the repository, sorted, without repeats. */
  function actionsOn(stack: Stack, repository: ecr.IRepository): string[] {
    const arn = JSON.stringify(stack.resolve(repository.repositoryArn));
    const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
    const actions = Object.values(policies)
      .flatMap((p: any) => p.Properties.PolicyDocument.Statement)
      .filter((s: any) => JSON.stringify(s.Resource).includes(arn))
      .flatMap((s: any) => [s.Action].flat());
    return [...new Set(actions)].sort();
  }

  test.each(['pull', 'push'] as const)('%s', access => {
    const ours = strictStack();
    const infrastructure = new InfrastructureConfiguration(ours, 'Infrastructure');
    const oursRepository = new ecr.Repository(ours, 'Repository');
    infrastructure._grantContainerAccess(oursRepository, access);

    const l2 = strictStack();
    const l2Repository = new ecr.Repository(l2, 'Repository');
    const role = new iam.Role(l2, 'Role', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });
    if (access === 'push') {
      l2Repository.grantPullPush(role);
    } else {
      l2Repository.grantPull(role);
    }
    expect(actionsOn(ours, oursRepository)).toEqual(actionsOn(l2, l2Repository));
    expect(actionsOn(ours, oursRepository).length).toBeGreaterThan(0);
  });
});
