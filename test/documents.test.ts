/**
 * The document rules of the validation core (src/private/documents.ts), one test per rule:
 * the bad document rejected with its message, the good one accepted.
 */
import { CfnParameter, Token } from 'aws-cdk-lib';
import { strictStack } from './helpers';
import { ComponentAction, WorkflowStepAction } from '../src';
import { COMPONENT_ACTIONS, parseDocumentText, validateComponentDocument, validateWorkflowDocument, WORKFLOW_STEP_ACTIONS } from '../src/private/core/documents';
import { Validator } from '../src/private/core/validation';

function componentProblems(text: string, platform = 'Linux'): string[] {
  const v = new Validator(strictStack());
  const document = parseDocumentText(v, 'data', text);
  if (document !== undefined) validateComponentDocument(v, 'data', document, platform);
  return v.messages;
}

const STEP = '      - name: Hello\n        action: ExecuteBash\n        inputs:\n          commands: [echo hi]\n';
const GOOD = `schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n${STEP}`;

test('the enums name exactly the actions of the rules', () => {
  expect(Object.values(ComponentAction).sort()).toEqual(Object.keys(COMPONENT_ACTIONS).sort());
  expect(Object.values(WorkflowStepAction).sort()).toEqual(Object.keys(WORKFLOW_STEP_ACTIONS).sort());
});

test('a good document has no problems', () => {
  expect(componentProblems(GOOD)).toEqual([]);
});

describe('component document rules', () => {
  test.each([
    ['YAML that does not parse', 'phases: [\n', /data line 1 'phases: \[' must be valid YAML or JSON: .* at line \d+, column \d+$/],
    ['a duplicate key', `${GOOD}phases: []\n`, /must be valid YAML or JSON: Map keys must be unique/],
    ['a document that is not a mapping', '- a\n- b\n', /data \['a', 'b'\] must be a YAML or JSON mapping/],
    ['an unknown top-level key', `${GOOD}outputs: []\n`, /data outputs 'outputs' is not a known key/],
    ['a missing schemaVersion', GOOD.replace('schemaVersion: 1.0\n', ''), /data schemaVersion undefined must be given \(1\.0\)/],
    ['another schemaVersion', GOOD.replace('schemaVersion: 1.0', 'schemaVersion: 0.3'), /data schemaVersion 0\.3 must be 1\.0/],
    ['no phases', 'schemaVersion: 1.0\n', /data phases undefined must be a list of at least 1 phase/],
    ['an unknown phase', GOOD.replace('name: build', 'name: deploy'), /data phases\[0\]\.name 'deploy' must be one of build, validate, test/],
    ['a repeated phase', `${GOOD}  - name: build\n    steps:\n${STEP}`, /data phases\[1\]\.name 'build' must not repeat an earlier phase/],
    ['a phase without steps', 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps: []\n', /data phases\[build\]\.steps \[\] must be a list of at least 1 step/],
    ['a step that is not a mapping', 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - Hello\n', /data phases\[build\]\.steps\[0\] 'Hello' must be a mapping/],
    ['an empty commands list', GOOD.replace('[echo hi]', '[]'), /steps\[Hello\]\.inputs\.commands \[\] must be a list of at least 1 command/],
    ['inputs of the wrong shape', GOOD.replace('        inputs:\n          commands: [echo hi]\n', '        inputs: [echo hi]\n'), /steps\[Hello\]\.inputs \['echo hi'\] must be a mapping for ExecuteBash/],
    ['a list action given a mapping', GOOD.replace('action: ExecuteBash\n        inputs:\n          commands: [echo hi]', 'action: DeleteFile\n        inputs:\n          path: /tmp/x'), /steps\[Hello\]\.inputs .* must be a list of mappings for DeleteFile/],
    ['missing inputs', GOOD.replace('        inputs:\n          commands: [echo hi]\n', ''), /steps\[Hello\]\.inputs undefined must be given for ExecuteBash \(requires commands\)/],
    ['parameters that are not a list', `${GOOD}parameters: {}\n`, /data parameters \{\} must be a list/],
    ['a parameter with two names', `${GOOD}parameters:\n  - A: { type: string }\n    B: { type: string }\n`, /data parameters\[0\] .* must be a mapping with exactly one key/],
    ['a parameter of an unknown type', `${GOOD}parameters:\n  - A: { type: number }\n`, /data parameters\[0\]\.A\.type 'number' must be one of string, stringList/],
    ['a repeated parameter', `${GOOD}parameters:\n  - A: { type: string }\n  - A: { type: string }\n`, /data parameters\[1\] 'A' must not repeat/],
    ['a constant without a value', `${GOOD}constants:\n  - C: { type: string }\n`, /data constants\[0\]\.C\.value undefined must be given for a constant/],
    ['a loop with both kinds', GOOD.replace('        inputs:', '        loop:\n          forEach: [a]\n          forRange: { start: 1, end: 2, updateBy: 1 }\n        inputs:'), /steps\[Hello\]\.loop \['forEach', 'forRange'\] must have exactly one of forEach, forRange/],
    ['a range that never moves', GOOD.replace('        inputs:', '        loop:\n          forRange: { start: 1, end: 2, updateBy: 0 }\n        inputs:'), /steps\[Hello\]\.loop\.forRange\.updateBy 0 must not be 0/],
  ])('rejects %s', (_what, text, message) => {
    expect(componentProblems(text).join('\n')).toMatch(message);
  });

  test('every problem names the property (aws-cdk-lib prefixes a synth-time message with the construct path)', () => {
    for (const message of componentProblems('schemaVersion: 2\nphases: []\n')) {
      expect(message).toMatch(/^data /);
    }
  });

  test('{{ x:y }} and dotted references to loops are not parameters', () => {
    expect(componentProblems(GOOD.replace('[echo hi]', '["echo {{ loop.value }} {{ ssm:param }} {{ .Docker.Format }}"]'))).toEqual([]);
  });

  test('tokens are accepted in steps and inputs', () => {
    const stack = strictStack();
    const token = new CfnParameter(stack, 'P').valueAsString;
    expect(Token.isUnresolved(token)).toBe(true);
    const v = new Validator(stack);
    validateComponentDocument(v, 'data', {
      schemaVersion: '1.0',
      phases: [{ name: 'build', steps: [{ name: 'A', action: 'ExecuteBash', inputs: token, timeoutSeconds: token, maxAttempts: token }] }],
    }, token);
    expect(v.messages).toEqual([]);
  });

  test('the platform check applies to each platform-specific action', () => {
    expect(componentProblems(GOOD, 'Windows').join()).toMatch(/'ExecuteBash' is not supported on Windows \(only on Linux, macOS\)/);
    for (const action of ['InstallMSI', 'UninstallMSI']) {
      expect(componentProblems(GOOD.replace('action: ExecuteBash\n        inputs:\n          commands: [echo hi]', `action: ${action}\n        inputs:\n          path: /x.msi`)).join())
        .toMatch(new RegExp(`'${action}' is not supported on Linux \\(only on Windows\\)`));
    }
  });
});

describe('workflow document rules', () => {
  function workflowProblems(document: unknown, type = 'BUILD'): string[] {
    const v = new Validator(strictStack());
    validateWorkflowDocument(v, 'data', document, type);
    return v.messages;
  }

  test('a document that is not a mapping', () => {
    expect(workflowProblems('steps').join()).toMatch(/data 'steps' must be a YAML or JSON mapping with schemaVersion and steps/);
  });

  test('inputs that are not a mapping', () => {
    expect(workflowProblems({ schemaVersion: 1, steps: [{ name: 'A', action: 'LaunchInstance', inputs: ['x'] }] }).join())
      .toMatch(/data steps\[A\]\.inputs \['x'\] must be a mapping/);
  });

  test('parameters that are not a list, or unnamed', () => {
    expect(workflowProblems({ schemaVersion: 1, parameters: {}, steps: [{ name: 'A', action: 'WaitForAction' }] }).join())
      .toMatch(/data parameters \{\} must be a list/);
    expect(workflowProblems({ schemaVersion: 1, parameters: [{ type: 'string' }], steps: [{ name: 'A', action: 'WaitForAction' }] }).join())
      .toMatch(/data parameters\[0\]\.name undefined must match/);
  });

  test('each step action is allowed for its workflow types only', () => {
    for (const [action, rule] of Object.entries(WORKFLOW_STEP_ACTIONS)) {
      for (const type of ['BUILD', 'TEST', 'DISTRIBUTION']) {
        const inputs = Object.fromEntries(rule.required.map(k => [k, 'x']));
        const problems = workflowProblems({ schemaVersion: 1, steps: [{ name: 'A', action, inputs }] }, type);
        expect([action, type, problems.length]).toEqual([action, type, rule.types.includes(type as any) ? 0 : 1]);
      }
    }
  });

  test('tokens are accepted as the type, inputs and timeouts', () => {
    const stack = strictStack();
    const token = new CfnParameter(stack, 'P').valueAsString;
    const v = new Validator(stack);
    validateWorkflowDocument(v, 'data', { schemaVersion: '1.0', steps: [{ name: 'A', action: 'TerminateInstance', inputs: token, timeoutSeconds: token }] }, token);
    expect(v.messages).toEqual([]);
  });
});
