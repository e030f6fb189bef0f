/**
 * cdk-nag gate: the AWS Solutions, NIST 800-53 rev 5, HIPAA Security and PCI DSS 3.2.1 packs, run as policy-validation plugins
 * on every scenario (each construct with its defaults and with all its options), find nothing
 * that is not acknowledged. Acknowledgements are listed in a snapshot, with their reasons, so
 * that a new one is reviewed like code.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { strictStack } from './helpers';
import { SCENARIOS } from './scenarios';
import {
  AwsManagedComponentName,
  Component,
  ContainerParentImage,
  ContainerRecipe,
  Image,
  ImageSource,
  ImagePipeline,
  ImageRecipe,
  InfrastructureConfiguration,
  ParentImage,
  Workflow,
  WorkflowType,
} from '../src';

/** One violation of the validation report, for one construct. */
interface Finding {
  readonly plugin: string;
  readonly rule: string;
  readonly severity: string;
  readonly constructPath: string;
  readonly description: string;
}

/** One acknowledgement made in the construct tree. */
interface Acknowledgement {
  readonly at: string;
  readonly id: string;
  readonly reason: string;
}

interface NagResult {
  readonly findings: Finding[];
  readonly acknowledgements: Acknowledgement[];
  /** The packs whose validation ran during synth (a report without violations does not list them). */
  readonly packsRun: string[];
}

/** Where CDK writes the validation report, in the failure message of synth. */
const REPORT_PATH = /A copy of this report can be found in: (\S+validation-report\.json)/;

/**
 * Synthesizes the scenario's app with both packs and reads the validation report. Synth throws
 * when a plugin reports a violation; any other error is rethrown.
 */
function runNag(stack: Stack): NagResult {
  const app = stack.node.root as App;
  const packs = [new AwsSolutionsChecks(app), new NIST80053R5Checks(app), new HIPAASecurityChecks(app), new PCIDSS321Checks(app)];
  const spies = packs.map(pack => jest.spyOn(pack, 'validate'));
  Validations.of(app).addPlugins(...packs);
  let reportFile: string;
  try {
    reportFile = path.join(app.synth().directory, 'validation-report.json');
  } catch (e) {
    const match = e instanceof Error ? REPORT_PATH.exec(e.message) : null;
    if (!match) {
      throw e;
    }
    reportFile = match[1];
  }
  const packsRun = packs.filter((_, i) => spies[i].mock.calls.length > 0).map(pack => pack.name);
  spies.forEach(spy => spy.mockRestore());
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf-8'));
  const findings: Finding[] = [];
  for (const pluginReport of report.pluginReports ?? []) {
    for (const violation of pluginReport.violations ?? []) {
      for (const construct of violation.violatingConstructs ?? [{ constructPath: '(unknown construct)' }]) {
        findings.push({
          plugin: pluginReport.pluginName,
          rule: violation.ruleName,
          severity: violation.severity,
          constructPath: construct.constructPath,
          description: violation.description,
        });
      }
    }
  }
  return { findings, acknowledgements: acknowledgementsIn(app), packsRun };
}

/** Every acknowledgement recorded in the tree, with the construct it was made on. */
function acknowledgementsIn(root: IConstruct): Acknowledgement[] {
  return root.node.findAll().flatMap(construct => construct.node.metadata
    .filter(entry => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY && entry.data)
    .flatMap(entry => Object.entries(entry.data as { [id: string]: string }).map(([id, reason]) => ({
      at: construct.node.path,
      // Rule IDs without a known namespace are recorded as annotation rules: cdk-nag reads them without it.
      id: id.replace(/^annotation::/i, ''),
      reason,
    }))));
}

function formatFinding(finding: Finding): string {
  return `${finding.rule} (${finding.plugin}, ${finding.severity}) at ${finding.constructPath}: ${finding.description}`;
}

describe('cdk-nag (AwsSolutions, NIST 800-53 rev 5, HIPAA Security, PCI DSS 3.2.1)', () => {
  const results = new Map<string, NagResult>();
  function resultOf(name: string): NagResult {
    let result = results.get(name);
    if (!result) {
      result = runNag(SCENARIOS.find(s => s.name === name)!.build());
      results.set(name, result);
    }
    return result;
  }

  describe.each(SCENARIOS.map(s => s.name))('%s', (name) => {
    test('has no unacknowledged finding', () => {
      const { findings, packsRun } = resultOf(name);
      // The scenario must not be synthesized before the packs are added: a cached assembly is not validated.
      expect(packsRun).toEqual(['AwsSolutions', 'NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321']);
      const lines = findings.map(formatFinding);
      if (lines.length > 0) {
        throw new Error(`${lines.length} unacknowledged cdk-nag finding(s) in "${name}". Fix them in the construct, or ` +
          `acknowledge them with a reason (Validations.of(construct).acknowledge({ id, reason })):\n${lines.map(l => `  - ${l}`).join('\n')}`);
      }
      expect(lines).toEqual([]);
    });

    test('acknowledges only with a reason, as reviewed', () => {
      const { acknowledgements } = resultOf(name);
      for (const ack of acknowledgements) {
        // A reason explains why the finding is acceptable: a sentence, not a label.
        expect({ id: ack.id, reasonLength: ack.reason.trim().length >= 80 }).toEqual({ id: ack.id, reasonLength: true });
      }
      expect(acknowledgements).toMatchSnapshot();
    });
  });
});

/**
 * The library acknowledges findings only on the policies it owns: a statement a user adds to a
 * role through any public extension point is judged by cdk-nag like any other.
 */
describe('cdk-nag judges the statements users add', () => {
  const userStatement = () => new iam.PolicyStatement({ actions: ['ssm:SendCommand'], resources: ['*'] });

  test('a statement on * added through every public extension point is reported', () => {
    const stack = strictStack({}, 'UserStatements');
    const recipe = new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromAmiId('ami-0123456789abcdef0') });
    const repository = ecr.Repository.fromRepositoryName(stack, 'Repository', 'golden');
    const containerRecipe = new ContainerRecipe(stack, 'ContainerRecipe', {
      parentImage: ContainerParentImage.fromEcrPublic('amazonlinux/amazonlinux', '2023'),
      components: [{ component: Component.fromAwsManagedComponent(stack, 'UpdateLinux', AwsManagedComponentName.UPDATE_LINUX) }],
      targetRepository: repository,
    });
    const workflows = [{ workflow: Workflow.fromAwsManagedWorkflow(stack, 'Build', WorkflowType.BUILD, 'build-image', '1.0.0') }];

    // 1. A pipeline's created execution role (addToExecutionRolePolicy) and 2. its infrastructure's created instance role.
    const pipeline = new ImagePipeline(stack, 'Pipeline', { recipe, workflows });
    pipeline.addToExecutionRolePolicy(userStatement());
    (pipeline.infrastructureConfiguration as InfrastructureConfiguration).role!.addToPrincipalPolicy(userStatement());
    // 7. The created execution role of a lifecycle policy (here the pipeline's retention).
    pipeline.addRetention({ keepLast: 5 }).executionRole.addToPrincipalPolicy(userStatement());
    // 3. An image's created execution role and 4. its created deletion role.
    const image = new Image(stack, 'Image', { source: ImageSource.fromRecipe(recipe, { workflows }), deletionSettings: {} });
    image.addToExecutionRolePolicy(userStatement());
    image.deletionRole!.addToPrincipalPolicy(userStatement());
    // 5. A role the user gives as execution role (the library adds its log policy beside it), and
    // 6. a role the user gives to a container pipeline's infrastructure (the library adds its instance policy).
    const givenExecutionRole = new iam.Role(stack, 'GivenExecutionRole', { assumedBy: new iam.ServicePrincipal('imagebuilder.amazonaws.com') });
    const givenInstanceRole = new iam.Role(stack, 'GivenInstanceRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });
    const containerPipeline = new ImagePipeline(stack, 'ContainerPipeline', {
      recipe: containerRecipe,
      executionRole: givenExecutionRole,
      infrastructureConfiguration: new InfrastructureConfiguration(stack, 'Infrastructure', { role: givenInstanceRole }),
    });
    containerPipeline.addToExecutionRolePolicy(userStatement());
    givenInstanceRole.addToPrincipalPolicy(userStatement());

    const { findings } = runNag(stack);
    const wildcardFindings = findings
      .filter(f => f.rule === 'AwsSolutions-IAM5[Resource::*]')
      .map(f => f.constructPath.replace(/\/Resource$/, ''))
      .sort();
    expect(wildcardFindings).toEqual([
      'UserStatements/GivenExecutionRole/DefaultPolicy',
      'UserStatements/GivenInstanceRole/DefaultPolicy',
      'UserStatements/Image/DeletionRole/DefaultPolicy',
      'UserStatements/Image/ExecutionRole/DefaultPolicy',
      'UserStatements/Pipeline/ExecutionRole/DefaultPolicy',
      'UserStatements/Pipeline/InfrastructureConfiguration/InstanceRole/DefaultPolicy',
      'UserStatements/Pipeline/Retention/ExecutionRole/DefaultPolicy',
    ]);
    // The user's inline policies are judged too; the library's own are acknowledged.
    for (const pack of ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321']) {
      const inline = findings.filter(f => f.rule === `${pack}-IAMNoInlinePolicy`).map(f => f.constructPath.replace(/\/Resource$/, '')).sort();
      expect({ pack, inline }).toEqual({ pack, inline: wildcardFindings });
    }
  });

  test('a wildcard the user passes to a library grant is not covered by the library\'s reason', () => {
    const stack = strictStack({}, 'UserWildcardGrant');
    const infrastructure = new InfrastructureConfiguration(stack, 'Infrastructure');
    // The library acknowledges the '*' of ecr:GetAuthorizationToken in its instance policy, and nothing else there.
    infrastructure.grantContainerPush(ecr.Repository.fromRepositoryArn(stack, 'AnyRepository', 'arn:aws:ecr:us-east-1:123456789012:repository/*'));
    const { findings } = runNag(stack);
    expect(findings.filter(f => f.rule.startsWith('AwsSolutions-IAM5')).map(f => `${f.rule} at ${f.constructPath}`)).toEqual([
      'AwsSolutions-IAM5[Resource::arn:aws:ecr:us-east-1:123456789012:repository/*] at UserWildcardGrant/Infrastructure/InstancePolicy/Resource',
    ]);
  });
});
