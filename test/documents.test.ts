/**
 * The document rules of the validation core (src/private/documents.ts), one test per rule:
 * the bad document rejected with its message, the good one accepted.
 */
import { CfnParameter, CfnWaitConditionHandle, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
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
    ['a missing schemaVersion', GOOD.replace('schemaVersion: 1.0\n', ''), /data schemaVersion undefined must be given \(1\.0\)/],
    ['another schemaVersion', GOOD.replace('schemaVersion: 1.0', 'schemaVersion: 0.3'), /data schemaVersion 0\.3 must be 1\.0/],
    ['no phases', 'schemaVersion: 1.0\n', /data phases undefined must be a list of at least 1 phase/],
    ['no phase AWSTOE runs', GOOD.replace('name: build', 'name: deploy'), /data phases \['deploy'\] must include at least one of build, validate, test/],
    ['a phase without a name', GOOD.replace('  - name: build\n', '  - steps:\n').replace('    steps:\n', ''), /data phases\[0\]\.name undefined must be a phase name/],
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
    ['a constant without a value', `${GOOD}constants:\n  - Con: { type: string }\n`, /data constants\[0\]\.Con\.value undefined must be given for a constant/],
    ['a constant name of 2 characters', `${GOOD}constants:\n  - Co: { type: string, value: x }\n`, /data constants\[0\] 'Co' must be a constant name of 3 to 128 characters/],
    ['a constant named like a parameter', `${GOOD}parameters:\n  - Version: { type: string, default: '1' }\nconstants:\n  - Version: { type: string, value: '2' }\n`,
      /data constants\[0\] 'Version' must not repeat a parameter or constant name/],
    ['a loop with both kinds', GOOD.replace('        inputs:', '        loop:\n          forEach: [a]\n          for: { start: 1, end: 2, updateBy: 1 }\n        inputs:'), /steps\[Hello\]\.loop \['forEach', 'for'\] must have exactly one of for, forEach/],
    ['a range that never moves', GOOD.replace('        inputs:', '        loop:\n          for: { start: 1, end: 2, updateBy: 0 }\n        inputs:'), /steps\[Hello\]\.loop\.for\.updateBy 0 must not be 0/],
    ['a forRange key (not AWSTOE\'s)', GOOD.replace('        inputs:', '        loop:\n          forRange: { start: 1, end: 2, updateBy: 1 }\n        inputs:'), /steps\[Hello\]\.loop forRange 'forRange' is not a known key/],
    ['a forEach mapping without list', GOOD.replace('        inputs:', '        loop:\n          forEach: { delimiter: "," }\n        inputs:'), /steps\[Hello\]\.loop\.forEach \['delimiter'\] must have list/],
    ['a misspelled action', GOOD.replace('action: ExecuteBash', 'action: ExecuteBsh'), /steps\[Hello\]\.action 'ExecuteBsh' must be an AWSTOE action module: did you mean `ExecuteBash`\?/],
    ['ReadFile given a mapping', GOOD.replace('action: ExecuteBash\n        inputs:\n          commands: [echo hi]', 'action: ReadFile\n        inputs:\n          path: /etc/hosts'), /steps\[Hello\]\.inputs .* must be a list of mappings for ReadFile/],
    ['ExecuteDocument with a misspelled input', GOOD.replace('action: ExecuteBash\n        inputs:\n          commands: [echo hi]', 'action: ExecuteDocument\n        inputs:\n          document: Sample-1.yaml\n          phase: build'),
      /steps\[Hello\]\.inputs\.phase 'phase' is not an input of ExecuteDocument: did you mean `phases`\?/],
    ['ExecuteDocument with a timeout (the module refuses to change it)', GOOD.replace('action: ExecuteBash\n        inputs:\n          commands: [echo hi]', 'action: ExecuteDocument\n        timeoutSeconds: 600\n        inputs:\n          document: Sample-1.yaml'),
      /steps\[Hello\]\.timeoutSeconds 600 must be left out or -1 for ExecuteDocument/],
    ['ExecuteDocument with retries', GOOD.replace('action: ExecuteBash\n        inputs:\n          commands: [echo hi]', 'action: ExecuteDocument\n        maxAttempts: 3\n        inputs:\n          document: Sample-1.yaml'),
      /steps\[Hello\]\.maxAttempts 3 must be left out or 1 for ExecuteDocument/],
    ['CreateSymlink without target', GOOD.replace('action: ExecuteBash\n        inputs:\n          commands: [echo hi]', 'action: CreateSymlink\n        inputs:\n          - path: /a'), /steps\[Hello\]\.inputs\[0\] \['path'\] must have target for CreateSymlink/],
    ['a reference to a later step of the phase', GOOD.replace('[echo hi]', '["{{ build.Later.outputs.stdout }}"]') + '      - name: Later\n        action: ExecuteBash\n        inputs:\n          commands: [echo later]\n',
      /steps\[Hello\] '\{\{ build\.Later\.outputs\.stdout \}\}' must reference a step that runs before build\.Hello/],
    ['a reference to a step of a later phase', GOOD.replace('[echo hi]', '["{{ test.Check.outputs.stdout }}"]') + '  - name: test\n    steps:\n      - name: Check\n        action: ExecuteBash\n        inputs:\n          commands: [echo check]\n',
      /steps\[Hello\] '\{\{ test\.Check\.outputs\.stdout \}\}' must reference a step that runs before build\.Hello/],
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

  test('ExecuteDocument accepts the values it sets itself (timeoutSeconds -1, maxAttempts 1), and tokens', () => {
    const step = (keys: string) => GOOD.replace('action: ExecuteBash\n        inputs:\n          commands: [echo hi]', `action: ExecuteDocument\n${keys}        inputs:\n          document: Sample-1.yaml`);
    expect(componentProblems(step('        timeoutSeconds: -1\n        maxAttempts: 1\n'))).toEqual([]);
    const stack = strictStack();
    const token = new CfnParameter(stack, 'T', { type: 'Number' }).valueAsNumber;
    const v = new Validator(stack);
    validateComponentDocument(v, 'data', {
      schemaVersion: '1.0',
      phases: [{ name: 'build', steps: [{ name: 'A', action: 'ExecuteDocument', inputs: { document: 'a.yaml' }, timeoutSeconds: token }] }],
    }, 'Linux');
    expect(v.messages).toEqual([]);
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

describe('documented forms are accepted', () => {
  const step = (action: string, inputs: string) => `schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: S\n        action: ${action}\n        inputs:\n${inputs}`;

  test.each([
    ['a for loop (toe-looping-constructs)', GOOD.replace('        inputs:', '        loop:\n          name: n\n          for: { start: 1, end: 3, updateBy: 1 }\n        inputs:')],
    ['a forEach mapping with list and delimiter', GOOD.replace('        inputs:', '        loop:\n          forEach: { list: "a,b", delimiter: "," }\n        inputs:')],
    ['any extra phase name (a cleanup phase)', `${GOOD}  - name: cleanup\n    steps:\n${STEP}`],
    ['a container-host-test phase', `${GOOD}  - name: container-host-test\n    steps:\n${STEP}`],
    ['ReadFile with a list', step('ReadFile', '          - path: /etc/hosts\n')],
    ['CreateSymlink with path, target and force', step('CreateSymlink', '          - path: /a\n            target: /b\n            force: true\n')],
    ['a reference to an earlier phase', `${GOOD}  - name: validate\n    steps:\n      - name: Check\n        action: ExecuteBash\n        inputs:\n          commands: ["echo {{ build.Hello.outputs.stdout }}"]\n`],
  ])('%s', (_what, text) => {
    expect(componentProblems(text)).toEqual([]);
  });

  test('an unknown action far from every known one, or an unknown document key, is a warning naming it', () => {
    const stack = new Stack();
    new CfnWaitConditionHandle(stack, 'Resource');
    const v = new Validator(stack);
    const document = parseDocumentText(v, 'data', `${GOOD.replace('action: ExecuteBash', 'action: InstallDriverPack')}version: 1.0.0\n`);
    validateComponentDocument(v, 'data', document, 'Linux');
    expect(v.messages).toEqual([]);
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp("steps\\[Hello\\]\\.action 'InstallDriverPack' is not an AWSTOE action module this library knows"));
    expect(warnings).toHaveLength(1);
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp("data version 'version' is not a key of the AWSTOE document framework"))).toHaveLength(1);
  });

  test('workflow step actions of the current reference, with the inputs of its examples (wfdoc-step-actions)', () => {
    const v = new Validator(strictStack());
    const launched = { 'instanceId.$': '$.stepOutputs.Launch.instanceId' };
    validateWorkflowDocument(v, 'data', {
      schemaVersion: 1.0,
      steps: [
        { name: 'Launch', action: 'LaunchInstance', inputs: { healthCheck: 'RUNNING', waitFor: 'ssmAgent', instanceTypesOverride: ['m5.large'] } },
        { name: 'FromIso', action: 'CreateImageFromIso', inputs: launched },
        { name: 'Register', action: 'RegisterImage', inputs: { architecture: 'x86_64', bootMode: 'uefi', blockDeviceMapping: [{ DeviceName: '/dev/sda1' }], includeSnapshotTags: true } },
        { name: 'Distribute', action: 'DistributeImage', inputs: { distributions: [{ 'region.$': '$.parameters.SourceRegion', 'amiTags': { A: 'b' } }] } },
        { name: 'Modify', action: 'ModifyImageAttributes', inputs: { 'distributedImages.$': '$.stepOutputs.Distribute.distributedImages', 'attributes': [{ region: 'us-west-2', launchPermission: { userIds: ['111122223333'] } }] } },
        { name: 'Apply', action: 'ApplyImageConfigurations', inputs: { 'distributedImages.$': '$.stepOutputs.Distribute.distributedImages', 'configurations': [{ region: 'us-west-2', licenseConfigurationArns: ['arn'] }] } },
        { name: 'Wait', action: 'WaitForAction', inputs: { lambdaFunctionName: 'f', payload: '{}' } },
        { name: 'Terminate', action: 'TerminateInstance', inputs: { ...launched, waitForTermination: false } },
      ],
      parameters: [{ name: 'SourceRegion', type: 'string' }],
    }, 'DISTRIBUTION');
    expect(v.messages).toEqual([]);
    const container = new Validator(strictStack());
    validateWorkflowDocument(container, 'data', {
      schemaVersion: 1.0,
      steps: [
        { name: 'Launch', action: 'LaunchInstance', inputs: { waitFor: 'ssmAgent' } },
        { name: 'Container', action: 'DistributeContainerImage', inputs: launched },
      ],
    }, 'DISTRIBUTION');
    expect(container.messages).toEqual([]);
  });

  test('a misspelled workflow step action is an error with a suggestion', () => {
    const v = new Validator(strictStack());
    validateWorkflowDocument(v, 'data', { schemaVersion: 1.0, steps: [{ name: 'A', action: 'LaunchInstence' }] }, 'BUILD');
    expect(v.messages.join()).toMatch(/steps\[A\]\.action 'LaunchInstence' must be a workflow step action: did you mean `LaunchInstance`\?/);
  });
});

describe('action inputs follow the input tables of the references', () => {
  const componentStep = (action: string, inputs: string) =>
    `schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: S\n        action: ${action}\n        inputs:\n${inputs}`;
  function warnings(check: (v: Validator) => void): string[] {
    const stack = new Stack();
    new CfnWaitConditionHandle(stack, 'Resource');
    const v = new Validator(stack);
    check(v);
    expect(v.messages).toEqual([]);
    return Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map(w => String(w.entry.data));
  }
  const workflow = (steps: unknown[], type = 'DISTRIBUTION') => {
    const v = new Validator(strictStack());
    validateWorkflowDocument(v, 'data', { schemaVersion: 1.0, steps }, type);
    return v.messages.join('\n');
  };
  const launched = { 'instanceId.$': '$.stepOutputs.Launch.instanceId' };
  const launch = { name: 'Launch', action: 'LaunchInstance', inputs: { waitFor: 'ssmAgent' } };

  test('every action lists its inputs with a type, and its required inputs among them', () => {
    for (const [action, rule] of [...Object.entries(COMPONENT_ACTIONS), ...Object.entries(WORKFLOW_STEP_ACTIONS)]) {
      if (rule.inputs === undefined) continue;
      expect([action, rule.required.filter(k => !(k in rule.inputs!))]).toEqual([action, []]);
      expect([action, rule.source]).toEqual([action, expect.stringMatching(/^\w+ \(#[a-z0-9-]+/)]);
    }
  });

  test('a component input name close to a defined one is an error with a suggestion', () => {
    expect(componentProblems(componentStep('CreateSymlink', '          - path: /a\n            target: /b\n            Force: true\n')).join())
      .toMatch(/steps\[S\]\.inputs\[0\]\.Force 'Force' is not an input of CreateSymlink: did you mean `force`\?/);
  });

  test('a component input name far from every defined one is a warning naming it', () => {
    const found = warnings(v => validateComponentDocument(v, 'data',
      parseDocumentText(v, 'data', componentStep('ReadFile', '          - path: /a\n            tailLines: 10\n')), 'Linux'));
    expect(found.join()).toMatch(/steps\[S\]\.inputs\[0\]\.tailLines 'tailLines' is not an input of ReadFile in the reference/);
  });

  test('a component input of the wrong kind is an error; a boolean given another word is a warning', () => {
    expect(componentProblems(componentStep('ReadFile', '          - path: [/a, /b]\n')).join())
      .toMatch(/steps\[S\]\.inputs\[0\]\.path \['\/a', '\/b'\] must be a single string value for ReadFile, not a list/);
    expect(componentProblems(componentStep('UpdateOS', '          exclude: kernel\n')).join())
      .toMatch(/steps\[S\]\.inputs\.exclude 'kernel' must be a list for UpdateOS/);
    // A variable is resolved at run time: only its reference is checked, not its kind.
    expect(componentProblems(componentStep('ExecuteBinary', '          path: /bin/x\n          arguments: "{{ args }}"\n')))
      .toEqual([expect.stringMatching(/'\{\{ args \}\}' must reference a declared parameter/)]);
    const found = warnings(v => validateComponentDocument(v, 'data',
      parseDocumentText(v, 'data', componentStep('ReadFile', '          - path: /a\n            printFileContent: often\n')), 'Linux'));
    expect(found.join()).toMatch(/printFileContent 'often' is a boolean input of ReadFile/);
  });

  test('a workflow input name close to a defined one is an error; a far one is a warning', () => {
    expect(workflow([launch, { name: 'T', action: 'TerminateInstance', inputs: { ...launched, waitForTerminaton: true } }]))
      .toMatch(/steps\[T\]\.inputs\.waitForTerminaton 'waitForTerminaton' is not an input of TerminateInstance: did you mean `waitForTermination`\?/);
    const found = warnings(v => validateWorkflowDocument(v, 'data',
      { schemaVersion: 1.0, steps: [{ ...launch, inputs: { waitFor: 'ssmAgent', placementGroup: 'g' } }] }, 'BUILD'));
    expect(found.join()).toMatch(/steps\[Launch\]\.inputs\.placementGroup 'placementGroup' is not an input of LaunchInstance in the reference/);
  });

  test('a workflow input of the wrong kind is an error; a JSONPath input is not checked', () => {
    expect(workflow([{ ...launch, inputs: { waitFor: 'ssmAgent', instanceTypesOverride: 'm5.large' } }], 'BUILD'))
      .toMatch(/steps\[Launch\]\.inputs\.instanceTypesOverride 'm5\.large' must be a list for LaunchInstance/);
    expect(workflow([{ ...launch, inputs: { 'waitFor': 'ssmAgent', 'instanceTypesOverride.$': '$.parameters.types' } }], 'BUILD'))
      .toMatch(/^data steps\[Launch\] '\$\.parameters\.types' must reference a declared parameter \(declared: none\)$/);
  });

  test('LaunchInstance without waitFor is a warning (the reference marks it required)', () => {
    const found = warnings(v => validateWorkflowDocument(v, 'data', { schemaVersion: 1.0, steps: [{ name: 'Launch', action: 'LaunchInstance' }] }, 'TEST'));
    expect(found.join()).toMatch(/steps\[Launch\]\.inputs \[\] has no waitFor, which the reference marks required for LaunchInstance/);
  });

  test('each distribution and configuration names its region', () => {
    expect(workflow([{ name: 'D', action: 'DistributeImage', inputs: { distributions: [{ description: 'x' }] } }]))
      .toMatch(/steps\[D\]\.inputs\.distributions\[0\] \{ description: 'x' \} must be a mapping with region for DistributeImage/);
    expect(workflow([
      { name: 'D', action: 'DistributeImage' },
      { name: 'A', action: 'ApplyImageConfigurations', inputs: { 'distributedImages.$': '$.stepOutputs.D.distributedImages', 'configurations': [{ licenseConfigurationArns: ['arn'] }] } },
    ])).toMatch(/steps\[A\]\.inputs\.configurations\[0\] .* must be a mapping with region for ApplyImageConfigurations/);
    // The revision before the newest took one configuration at the top level: accepted, with a warning.
    const found = warnings(v => validateWorkflowDocument(v, 'data',
      { schemaVersion: 1.0, steps: [{ name: 'A', action: 'ApplyImageConfigurations', inputs: { region: 'us-east-1', licenseConfigurationArns: ['arn'] } }] }, 'DISTRIBUTION'));
    expect(found.join()).toMatch(/steps\[A\]\.inputs \['region', 'licenseConfigurationArns'\] has no distributedImages, which the reference marks required for ApplyImageConfigurations/);
  });

  test('a workflow distributes either AMIs or container images', () => {
    expect(workflow([launch, { name: 'C', action: 'DistributeContainerImage', inputs: launched }, { name: 'D', action: 'DistributeImage' }]))
      .toMatch(/steps\[D\]\.action 'DistributeImage' must not be in a workflow that distributes a container image \(step C: DistributeContainerImage\)/);
  });

  test('stage restrictions of the reference', () => {
    expect(workflow([launch, { name: 'X', action: 'ExecuteComponents', inputs: launched }])).toMatch(/steps\[X\]\.action 'ExecuteComponents' is not allowed in a DISTRIBUTION workflow \(only in BUILD, TEST\)/);
    expect(workflow([launch, { name: 'F', action: 'CollectImageScanFindings', inputs: launched }])).toMatch(/is not allowed in a DISTRIBUTION workflow \(only in TEST\)/);
    expect(workflow([{ name: 'D', action: 'DistributeImage' }], 'TEST')).toMatch(/steps\[D\]\.action 'DistributeImage' is not allowed in a TEST workflow \(only in DISTRIBUTION\)/);
    expect(workflow([launch, { name: 'T', action: 'TerminateInstance', inputs: launched }])).toEqual('');
  });
});
