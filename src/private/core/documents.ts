/**
 * The document rules of the validation core: AWSTOE component documents and Image Builder
 * workflow documents, checked at synth before Image Builder sees them.
 *
 * Sources (as of 2026):
 * - AWSTOE user guide, "Use the AWSTOE component document framework for custom components"
 *   (toe-use-documents): the document keys, phases, step keys, `onFailure`, loops, parameters.
 * - AWSTOE user guide, "Action modules supported by AWSTOE component manager"
 *   (toe-action-modules): the action modules, the platforms each supports, their inputs.
 * - Image Builder user guide, "Create a YAML workflow document" (image-workflow-create-document)
 *   and "Supported step actions for your workflow document" (wfdoc-step-actions).
 *
 * Every check reports to the caller's `Validator`, naming the step, so that all problems of a
 * document are reported at once. Values that hold unresolved tokens are never rejected.
 */
import type * as Yaml from 'yaml';
import { DOCUMENT_PATTERNS } from './api-constraints';
import { isToken, Validator } from './validation';

/** The operating system platforms of a component, as the API names them. */
export type DocumentPlatform = 'Linux' | 'Windows' | 'macOS';
const ALL_PLATFORMS: readonly DocumentPlatform[] = ['Linux', 'Windows', 'macOS'];

/** The shape of an action's inputs: a mapping, or a list of mappings. */
type InputShape = 'object' | 'list';

/** The AWSTOE action-module reference; each row names its section (`#<anchor>`). */
const TOE_ACTIONS = 'https://docs.aws.amazon.com/imagebuilder/latest/userguide/toe-action-modules.html';

interface ActionRule {
  /** The platforms the action module supports (the header of its section). */
  readonly platforms: readonly DocumentPlatform[];
  /** Whether `inputs` is a mapping or a list of mappings (every example of the section). */
  readonly shape: InputShape;
  /** Inputs every mapping must hold. */
  readonly required: readonly string[];
  /** Groups of which at least one input must be given. */
  readonly oneOf?: readonly string[];
  /** The section of the action-module reference, `<heading> (#anchor)`. */
  readonly source: string;
}

const LINUX_MACOS: readonly DocumentPlatform[] = ['Linux', 'macOS'];
const WINDOWS: readonly DocumentPlatform[] = ['Windows'];

/**
 * The AWSTOE action modules and their required inputs, one row per section of the action-module
 * reference (toe-action-modules). Optional inputs are not listed: they are never rejected.
 */
export const COMPONENT_ACTIONS: Record<string, ActionRule> = {
  // General execution.
  Assert: { platforms: ALL_PLATFORMS, shape: 'object', required: [], source: 'Assert (#action-modules-assertion)' },
  ExecuteBash: { platforms: LINUX_MACOS, shape: 'object', required: ['commands'], source: 'ExecuteBash (#action-modules-executebash)' },
  ExecuteBinary: { platforms: ALL_PLATFORMS, shape: 'object', required: ['path'], source: 'ExecuteBinary (#action-modules-executebinary)' },
  ExecuteDocument: { platforms: ALL_PLATFORMS, shape: 'object', required: ['document'], source: 'ExecuteDocument (#action-modules-executedocument)' },
  ExecutePowerShell: { platforms: WINDOWS, shape: 'object', required: [], oneOf: ['commands', 'file'], source: 'ExecutePowerShell (#action-modules-executepowershell)' },
  // File download and upload.
  S3Download: { platforms: ALL_PLATFORMS, shape: 'list', required: ['source', 'destination'], source: 'S3Download (#action-modules-s3download)' },
  S3Upload: { platforms: ALL_PLATFORMS, shape: 'list', required: ['source', 'destination'], source: 'S3Upload (#action-modules-s3upload)' },
  WebDownload: { platforms: ALL_PLATFORMS, shape: 'list', required: ['source', 'destination'], source: 'WebDownload (#action-modules-webdownload)' },
  // File system operations.
  AppendFile: { platforms: ALL_PLATFORMS, shape: 'list', required: ['path'], source: 'AppendFile (#action-modules-appendfile)' },
  CopyFile: { platforms: ALL_PLATFORMS, shape: 'list', required: ['source', 'destination'], source: 'CopyFile (#action-modules-copyfile)' },
  CopyFolder: { platforms: ALL_PLATFORMS, shape: 'list', required: ['source', 'destination'], source: 'CopyFolder (#action-modules-copyfolder)' },
  CreateFile: { platforms: ALL_PLATFORMS, shape: 'list', required: ['path'], source: 'CreateFile (#action-modules-createfile)' },
  CreateFolder: { platforms: ALL_PLATFORMS, shape: 'list', required: ['path'], source: 'CreateFolder (#action-modules-createfolder)' },
  CreateSymlink: { platforms: ALL_PLATFORMS, shape: 'list', required: ['path', 'target'], source: 'CreateSymlink (#action-modules-createsymlink)' },
  DeleteFile: { platforms: ALL_PLATFORMS, shape: 'list', required: ['path'], source: 'DeleteFile (#action-modules-deletefile)' },
  DeleteFolder: { platforms: ALL_PLATFORMS, shape: 'list', required: ['path'], source: 'DeleteFolder (#action-modules-deletefolder)' },
  ListFiles: { platforms: ALL_PLATFORMS, shape: 'list', required: ['path'], source: 'ListFiles (#action-modules-listfiles)' },
  MoveFile: { platforms: ALL_PLATFORMS, shape: 'list', required: ['source', 'destination'], source: 'MoveFile (#action-modules-movefile)' },
  MoveFolder: { platforms: ALL_PLATFORMS, shape: 'list', required: ['source', 'destination'], source: 'MoveFolder (#action-modules-movefolder)' },
  ReadFile: { platforms: ALL_PLATFORMS, shape: 'list', required: ['path'], source: 'ReadFile (#action-modules-readfile)' },
  SetFileEncoding: { platforms: ALL_PLATFORMS, shape: 'list', required: ['path'], source: 'SetFileEncoding (#action-modules-setfileencoding)' },
  SetFileOwner: { platforms: ALL_PLATFORMS, shape: 'list', required: ['path', 'owner'], source: 'SetFileOwner (#action-modules-setfileowner)' },
  SetFolderOwner: { platforms: ALL_PLATFORMS, shape: 'list', required: ['path', 'owner'], source: 'SetFolderOwner (#action-modules-setfolderowner)' },
  SetFilePermissions: { platforms: ALL_PLATFORMS, shape: 'list', required: ['path', 'permissions'], source: 'SetFilePermissions (#action-modules-setfilepermissions)' },
  SetFolderPermissions: { platforms: ALL_PLATFORMS, shape: 'list', required: ['path', 'permissions'], source: 'SetFolderPermissions (#action-modules-setfolderpermissions)' },
  // Software installation: InstallMSI and UninstallMSI take a local `path` or a `url`.
  InstallMSI: { platforms: WINDOWS, shape: 'object', required: [], oneOf: ['path', 'url'], source: 'InstallMSI (#action-modules-install-msi)' },
  UninstallMSI: { platforms: WINDOWS, shape: 'object', required: [], oneOf: ['path', 'url'], source: 'UninstallMSI (#action-modules-uninstall-msi)' },
  // System actions.
  Reboot: { platforms: ALL_PLATFORMS, shape: 'object', required: [], source: 'Reboot (#action-modules-reboot)' },
  SetRegistry: { platforms: WINDOWS, shape: 'list', required: ['path', 'name', 'value', 'type'], source: 'SetRegistry (#action-modules-setregistry)' },
  UpdateOS: { platforms: ALL_PLATFORMS, shape: 'object', required: [], source: 'UpdateOS (#action-modules-updateos)' },
};

/** The AWSTOE document framework and looping pages, for the phase, step and loop rules. */
const TOE_DOCUMENTS = 'https://docs.aws.amazon.com/imagebuilder/latest/userguide/toe-use-documents.html';
const TOE_LOOPS = 'https://docs.aws.amazon.com/imagebuilder/latest/userguide/toe-looping-constructs.html';

/**
 * The phase rules (toe-use-documents, "Phases"): a document may define any phase names, each once,
 * and must define at least one of the phases AWSTOE runs: `build`, `validate`, `test`. Image
 * Builder also runs `container-host-test` (container recipes' host tests).
 */
export const PHASE_RULES = {
  /** At least one of these phases must be defined. */
  requiredOneOf: ['build', 'validate', 'test'] as readonly string[],
  /** The phases Image Builder runs, named in messages. */
  known: ['build', 'validate', 'test', 'container-host-test'] as readonly string[],
  source: `${TOE_DOCUMENTS} "Phases"`,
};

/**
 * The loop rules (toe-looping-constructs, "Types of looping constructs"): `for` (start, end, updateBy) or
 * `forEach` (a list, or a mapping with `list` and an optional `delimiter`), with an optional `name`.
 */
export const LOOP_RULES = {
  kinds: ['for', 'forEach'] as readonly string[],
  forKeys: ['start', 'end', 'updateBy'] as readonly string[],
  source: `${TOE_LOOPS} "Types of looping constructs"`,
};

/** The `onFailure` values of a component step. */
export const COMPONENT_ON_FAILURE = ['Abort', 'Continue', 'Ignore'] as const;
/** The parameter types of a component document. */
export const COMPONENT_PARAMETER_TYPES = ['string', 'stringList'] as const;
/** The `type` values of a `SetRegistry` entry. */
const REGISTRY_TYPES = ['BINARY', 'DWORD', 'QWORD', 'SZ', 'EXPAND_SZ', 'MULTI_SZ'];
/** The keys of a component document, of a phase and of a step. */
const COMPONENT_KEYS = ['name', 'description', 'schemaVersion', 'parameters', 'constants', 'phases'];
const PHASE_KEYS = ['name', 'steps'];
const COMPONENT_STEP_KEYS = ['name', 'action', 'inputs', 'onFailure', 'timeoutSeconds', 'maxAttempts', 'loop', 'if'];
/** The only schema version of both document kinds. */
const SCHEMA_VERSION = '1.0';

/** The workflow types, as the API names them. */
export type DocumentWorkflowType = 'BUILD' | 'TEST' | 'DISTRIBUTION';
const ANY_WORKFLOW: readonly DocumentWorkflowType[] = ['BUILD', 'TEST', 'DISTRIBUTION'];

/** The Image Builder step-action reference; each row names its section (`#<anchor>`). */
const WORKFLOW_ACTIONS = 'https://docs.aws.amazon.com/imagebuilder/latest/userguide/wfdoc-step-actions.html';

interface StepActionRule {
  /** The workflow types whose documents may use the step action (all, unless the section restricts it). */
  readonly types: readonly DocumentWorkflowType[];
  /** Inputs the step must give (as a value, or as a `<input>.$` JSONPath reference). */
  readonly required: readonly string[];
  /** The section of the step-action reference, `<heading> (#anchor)`. */
  readonly source: string;
}

/**
 * The workflow step actions, one row per section of the step-action reference
 * (wfdoc-step-actions, ${WORKFLOW_ACTIONS}). An action is restricted to workflow types only where
 * its section says so: CollectImageMetadata "is only valid for build workflows";
 * CollectImageScanFindings is not valid in build workflows (the image is scanned after the build).
 */
export const WORKFLOW_STEP_ACTIONS: Record<string, StepActionRule> = {
  ApplyImageConfigurations: { types: ANY_WORKFLOW, required: [], source: 'ApplyImageConfigurations (#wfdoc-step-action-apply-image-configurations)' },
  BootstrapInstanceForContainer: { types: ANY_WORKFLOW, required: ['instanceId'], source: 'BootstrapInstanceForContainer (#wfdoc-step-action-bootstrap-container)' },
  CollectImageMetadata: { types: ['BUILD'], required: ['instanceId'], source: 'CollectImageMetadata (#wfdoc-step-action-collect-image-metadata)' },
  CollectImageScanFindings: { types: ['TEST', 'DISTRIBUTION'], required: [], source: 'CollectImageScanFindings (#wfdoc-step-action-collect-findings)' },
  CreateImage: { types: ANY_WORKFLOW, required: ['instanceId'], source: 'CreateImage (#wfdoc-step-action-create-img-from-inst)' },
  CreateImageFromIso: { types: ANY_WORKFLOW, required: [], source: 'CreateImageFromIso (#wfdoc-step-action-create-img-from-iso)' },
  DistributeContainerImage: { types: ANY_WORKFLOW, required: [], source: 'DistributeContainerImage (#wfdoc-step-action-distribute-container-image)' },
  DistributeImage: { types: ANY_WORKFLOW, required: [], source: 'DistributeImage (#wfdoc-step-action-distribute-image)' },
  ExecuteComponents: { types: ANY_WORKFLOW, required: ['instanceId'], source: 'ExecuteComponents (#wfdoc-step-action-exec-components)' },
  ExecuteStateMachine: { types: ANY_WORKFLOW, required: ['stateMachineArn'], source: 'ExecuteStateMachine (#wfdoc-step-action-exec-state-machine)' },
  LaunchInstance: { types: ANY_WORKFLOW, required: [], source: 'LaunchInstance (#wfdoc-step-action-launch-instance)' },
  ModifyImageAttributes: { types: ANY_WORKFLOW, required: [], source: 'ModifyImageAttributes (#wfdoc-step-action-modify-image-attributes)' },
  RegisterImage: { types: ANY_WORKFLOW, required: [], source: 'RegisterImage (#wfdoc-step-action-register-image)' },
  RunCommand: { types: ANY_WORKFLOW, required: ['instanceId', 'documentName'], source: 'RunCommand (#wfdoc-step-action-run-command)' },
  RunSysPrep: { types: ANY_WORKFLOW, required: ['instanceId'], source: 'RunSysPrep (#wfdoc-step-action-run-sysprep)' },
  SanitizeInstance: { types: ANY_WORKFLOW, required: ['instanceId'], source: 'SanitizeInstance (#wfdoc-step-action-sanitize-instance)' },
  TerminateInstance: { types: ANY_WORKFLOW, required: ['instanceId'], source: 'TerminateInstance (#wfdoc-step-action-terminate-instance)' },
  WaitForAction: { types: ANY_WORKFLOW, required: [], source: 'WaitForAction (#wfdoc-step-action-waitfor)' },
  WaitForSSMAgent: { types: ANY_WORKFLOW, required: ['instanceId'], source: 'WaitForSSMAgent (#wfdoc-step-action-wait-for-ssm-agent)' },
};

/** The `onFailure` values of a workflow step. */
export const WORKFLOW_STEP_ON_FAILURE = ['Abort', 'Continue'] as const;
/** The parameter types of a workflow document. */
export const WORKFLOW_PARAMETER_TYPES = ['string', 'integer', 'boolean', 'stringList'] as const;
const WORKFLOW_KEYS = ['name', 'description', 'schemaVersion', 'parameters', 'steps', 'outputs'];
const WORKFLOW_STEP_KEYS = ['name', 'description', 'action', 'onFailure', 'rollbackEnabled', 'timeoutSeconds', 'if', 'inputs'];

type Mapping = { [key: string]: unknown };

function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

let yamlModule: typeof Yaml | undefined;

/**
 * The YAML parser (bundled), loaded on first use: an app without an authored document never
 * loads it, and it would otherwise be most of the CPU time of `require('cdk-imagebuilder')`.
 */
function yaml(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  yamlModule ??= require('yaml') as typeof Yaml;
  return yamlModule;
}

/**
 * Parses a YAML or JSON document. Returns the parsed value, or records a problem and returns
 * undefined. Duplicate keys are errors, as in AWSTOE.
 */
export function parseDocumentText(v: Validator, property: string, text: string): unknown {
  const doc = yaml().parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    const lines = text.split('\n');
    for (const error of doc.errors) {
      // The parser's message ends with ':' before a code frame: show the line instead, or, for an
      // error at the end of the document, the last line with text.
      let line = error.linePos?.[0].line ?? lines.length;
      while (line > 1 && (lines[line - 1] ?? '').trim() === '') line--;
      const reason = error.message.split('\n')[0].replace(/:$/, '');
      v.fail(`${property} line ${line}`, lines[line - 1], `must be valid YAML or JSON: ${reason}`);
    }
    return undefined;
  }
  return doc.toJS();
}

/** Checks the document's `schemaVersion` (a YAML `1.0` reads as the number 1). */
function checkSchemaVersion(v: Validator, property: string, value: unknown): void {
  if (value === undefined) {
    v.fail(`${property} schemaVersion`, value, `must be given (${SCHEMA_VERSION})`);
  } else if (!isToken(value) && String(value) !== SCHEMA_VERSION && value !== 1) {
    v.fail(`${property} schemaVersion`, value, `must be ${SCHEMA_VERSION}`);
  }
}

function checkKeys(v: Validator, property: string, value: Mapping, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      v.fail(`${property} ${key}`, key, `is not a known key (known: ${allowed.join(', ')})`);
    }
  }
}

/** Every string inside a value (mapping values, list items, nested). */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (isMapping(value)) return Object.values(value).flatMap(stringsIn);
  return [];
}

function isPositiveInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1;
}

/** What a component document declares, for the checks of a recipe or a pipeline. */
/**
 * A parameter a document declares: its name, its type as written, and whether it has a default
 * (the shape of the public `DocumentParameterDeclaration`).
 */
export interface ParameterDeclaration {
  readonly name: string;
  readonly parameterType: string;
  readonly hasDefault: boolean;
}

export interface ComponentDocumentFacts {
  /** The parameters (not the constants) the document declares, in order. */
  readonly parameters: ParameterDeclaration[];
}

/**
 * Checks an AWSTOE component document. `platform` is the component's platform, unless it is a
 * token.
 */
export function validateComponentDocument(
  v: Validator,
  property: string,
  document: unknown,
  platform: string | undefined,
): ComponentDocumentFacts | undefined {
  if (!isMapping(document)) {
    v.fail(property, document, 'must be a YAML or JSON mapping with schemaVersion and phases');
    return undefined;
  }
  // The document framework names these keys; AWSTOE's handling of others is not documented: warn.
  for (const key of Object.keys(document).filter(k => !COMPONENT_KEYS.includes(k))) {
    v.warn('unknownDocumentKey', `${property} ${key}`, key, `is not a key of the AWSTOE document framework (known: ${COMPONENT_KEYS.join(', ')})`);
  }
  checkSchemaVersion(v, property, document.schemaVersion);
  const declared = new Map<string, ParameterDeclaration>();
  readComponentParameters(v, property, document.parameters, declared, 'parameters');
  readComponentParameters(v, property, document.constants, declared, 'constants');

  const phases = document.phases;
  if (!Array.isArray(phases) || phases.length === 0) {
    v.fail(`${property} phases`, phases, `must be a list of at least 1 phase (at least one of ${PHASE_RULES.requiredOneOf.join(', ')})`);
    return undefined;
  }
  const seenPhases = new Set<string>();
  const stepsByPhase = new Map<string, Set<string>>();
  phases.forEach((phase, i) => {
    const where = `${property} phases[${i}]`;
    if (!isMapping(phase)) {
      v.fail(where, phase, 'must be a mapping with name and steps');
      return;
    }
    checkKeys(v, where, phase, PHASE_KEYS);
    const name = phase.name;
    if (typeof name !== 'string' || name.length === 0) {
      v.fail(`${where}.name`, name, `must be a phase name (for example ${PHASE_RULES.known.join(', ')})`);
    } else if (seenPhases.has(name)) {
      v.fail(`${where}.name`, name, 'must not repeat an earlier phase');
    } else {
      seenPhases.add(name);
    }
    const phaseLabel = typeof name === 'string' ? name : String(i);
    const steps = phase.steps;
    if (!Array.isArray(steps) || steps.length === 0) {
      v.fail(`${property} phases[${phaseLabel}].steps`, steps, 'must be a list of at least 1 step');
      return;
    }
    const names = new Set<string>();
    stepsByPhase.set(phaseLabel, names);
    steps.forEach((step, j) => validateComponentStep(v, `${property} phases[${phaseLabel}]`, step, j, names, platform));
  });
  if (!PHASE_RULES.requiredOneOf.some(name => seenPhases.has(name)) && seenPhases.size > 0) {
    v.fail(`${property} phases`, [...seenPhases], `must include at least one of ${PHASE_RULES.requiredOneOf.join(', ')}`);
  }

  // `{{ name }}` must name a parameter or constant; `{{ phase.step.outputs.x }}` a step that runs
  // before the referencing one (an earlier step of the same phase, or a step of a phase that runs earlier).
  const ran = new Set<string>();
  for (const { where, phase, step, value } of componentReferenceSites(property, phases)) {
    for (const text of stringsIn(value)) {
      for (const match of text.matchAll(DOCUMENT_PATTERNS.componentReference)) {
        const reference = match[1];
        const parts = reference.split('.');
        if (parts.length === 1) {
          // `{{ x:y }}` names are not parameters (AWSTOE reserves the colon for its own variables).
          if (!declared.has(reference) && !reference.includes(':')) {
            v.fail(where, `{{ ${reference} }}`, `must reference a declared parameter or constant (declared: ${[...declared.keys()].join(', ') || 'none'})`);
          }
        } else if ((stepsByPhase.has(parts[0]) || PHASE_RULES.known.includes(parts[0])) && parts.length >= 3) {
          const [target, targetStep] = parts;
          if (!stepsByPhase.get(target)?.has(targetStep)) {
            v.fail(where, `{{ ${reference} }}`, `must reference a step of the ${target} phase`);
          } else if (target === phase ? !ran.has(`${target}.${targetStep}`) : runsBefore(phase, target)) {
            v.fail(where, `{{ ${reference} }}`, `must reference a step that runs before ${phase}.${step} (AWSTOE runs steps in order, phases in the order ${PHASE_RULES.known.join(', ')})`);
          }
        }
      }
    }
    ran.add(`${phase}.${step}`);
  }
  const constants = new Set(Array.isArray(document.constants)
    ? document.constants.filter(isMapping).flatMap(entry => Object.keys(entry)) : []);
  return {
    parameters: [...declared.values()].filter(p => !constants.has(p.name)),
  };
}

/** Whether phase `a` runs before phase `b` (both among the phases Image Builder runs, in its order). */
function runsBefore(a: string, b: string): boolean {
  const order = PHASE_RULES.known;
  return order.includes(a) && order.includes(b) && order.indexOf(a) < order.indexOf(b);
}

/** Where a component's `{{ ... }}` references are, in document order: each step of each phase. */
function componentReferenceSites(property: string, phases: unknown[]): Array<{ where: string; phase: string; step: string; value: unknown }> {
  return phases.flatMap((phase, i) => {
    if (!isMapping(phase)) return [];
    const phaseName = typeof phase.name === 'string' ? phase.name : String(i);
    const phaseWhere = `${property} phases[${phaseName}]`;
    if (!Array.isArray(phase.steps)) return [{ where: phaseWhere, phase: phaseName, step: '', value: phase }];
    return phase.steps.map((step, j) => {
      const stepName = isMapping(step) && typeof step.name === 'string' ? step.name : String(j);
      return { where: `${phaseWhere}.steps[${stepName}]`, phase: phaseName, step: stepName, value: step };
    });
  });
}

/**
 * Reads `parameters` or `constants`: a list of single-key mappings, `- Name: { type, default,
 * description }` (constants: `{ type: string, value }`).
 */
function readComponentParameters(v: Validator, property: string, list: unknown, declared: Map<string, ParameterDeclaration>, key: string): void {
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    v.fail(`${property} ${key}`, list, 'must be a list of `- Name: { type: string }` mappings');
    return;
  }
  list.forEach((entry, i) => {
    const where = `${property} ${key}[${i}]`;
    if (!isMapping(entry) || Object.keys(entry).length !== 1) {
      v.fail(where, entry, 'must be a mapping with exactly one key, the name');
      return;
    }
    const [name, spec] = Object.entries(entry)[0];
    if (!DOCUMENT_PATTERNS.parameterName.test(name)) {
      v.fail(where, name, `must be named by ${DOCUMENT_PATTERNS.parameterName.source}`);
    }
    if (declared.has(name)) {
      v.fail(where, name, 'must not repeat a parameter or constant name');
    }
    if (!isMapping(spec)) {
      v.fail(`${where}.${name}`, spec, 'must be a mapping with type');
      return;
    }
    const types: readonly string[] = key === 'constants' ? ['string'] : COMPONENT_PARAMETER_TYPES;
    if (typeof spec.type !== 'string' || !types.includes(spec.type)) {
      v.fail(`${where}.${name}.type`, spec.type, `must be one of ${types.join(', ')}`);
    }
    if (key === 'constants' && spec.value === undefined) {
      v.fail(`${where}.${name}.value`, spec.value, 'must be given for a constant');
    }
    declared.set(name, {
      name,
      parameterType: typeof spec.type === 'string' ? spec.type : 'string',
      hasDefault: key === 'constants' || spec.default !== undefined,
    });
  });
}

function validateComponentStep(
  v: Validator,
  phaseWhere: string,
  step: unknown,
  index: number,
  names: Set<string>,
  platform: string | undefined,
): void {
  if (!isMapping(step)) {
    v.fail(`${phaseWhere}.steps[${index}]`, step, 'must be a mapping with name and action');
    return;
  }
  const name = step.name;
  const where = typeof name === 'string' ? `${phaseWhere}.steps[${name}]` : `${phaseWhere}.steps[${index}]`;
  checkKeys(v, where, step, COMPONENT_STEP_KEYS);
  if (typeof name !== 'string' || (!isToken(name) && !DOCUMENT_PATTERNS.stepName.test(name))) {
    v.fail(`${where}.name`, name, `must be a step name matching ${DOCUMENT_PATTERNS.stepName.source}`);
  } else if (names.has(name)) {
    v.fail(`${where}.name`, name, 'must be unique in its phase');
  } else {
    names.add(name);
  }

  const action = step.action;
  const rule = typeof action === 'string' ? COMPONENT_ACTIONS[action] : undefined;
  if (rule === undefined) {
    unknownAction(v, `${where}.action`, action, Object.keys(COMPONENT_ACTIONS), 'an AWSTOE action module', 'unknownComponentAction', TOE_ACTIONS);
  } else {
    if (platform !== undefined && !isToken(platform) && !rule.platforms.includes(platform as DocumentPlatform)) {
      v.fail(`${where}.action`, action, `is not supported on ${platform} (only on ${rule.platforms.join(', ')})`);
    }
    checkInputs(v, `${where}.inputs`, step.inputs, rule, action as string);
  }

  if (step.onFailure !== undefined && !(COMPONENT_ON_FAILURE as readonly unknown[]).includes(step.onFailure)) {
    v.fail(`${where}.onFailure`, step.onFailure, `must be one of ${COMPONENT_ON_FAILURE.join(', ')}`);
  }
  // timeoutSeconds: a positive number of seconds, or -1 for no timeout.
  if (step.timeoutSeconds !== undefined && !isToken(step.timeoutSeconds)
    && !(isPositiveInteger(step.timeoutSeconds) || step.timeoutSeconds === -1)) {
    v.fail(`${where}.timeoutSeconds`, step.timeoutSeconds, 'must be a positive integer, or -1 for no timeout');
  }
  if (step.maxAttempts !== undefined && !isToken(step.maxAttempts) && !isPositiveInteger(step.maxAttempts)) {
    v.fail(`${where}.maxAttempts`, step.maxAttempts, 'must be a positive integer');
  }
  if (step.loop !== undefined) {
    checkLoop(v, `${where}.loop`, step.loop);
  }
}

function checkInputs(v: Validator, where: string, inputs: unknown, rule: ActionRule, action: string): void {
  if (isToken(inputs)) return;
  const needsInputs = rule.required.length > 0 || rule.oneOf !== undefined;
  if (inputs === undefined) {
    if (needsInputs) {
      v.fail(where, inputs, `must be given for ${action} (${describeRequired(rule)})`);
    }
    return;
  }
  const entries: unknown[] = rule.shape === 'list' ? (Array.isArray(inputs) ? inputs : [undefined]) : [inputs];
  if (rule.shape === 'list' && (!Array.isArray(inputs) || inputs.length === 0)) {
    v.fail(where, inputs, `must be a list of mappings for ${action}, each with ${rule.required.join(', ')}`);
    return;
  }
  if (rule.shape === 'object' && !isMapping(inputs)) {
    v.fail(where, inputs, `must be a mapping for ${action}${needsInputs ? ` (${describeRequired(rule)})` : ''}`);
    return;
  }
  entries.forEach((entry, i) => {
    const at = rule.shape === 'list' ? `${where}[${i}]` : where;
    if (!isMapping(entry)) {
      v.fail(at, entry, `must be a mapping with ${rule.required.join(', ')}`);
      return;
    }
    const missing = rule.required.filter(key => entry[key] === undefined);
    if (missing.length > 0) {
      v.fail(at, Object.keys(entry), `must have ${missing.join(', ')} for ${action}`);
    }
    if (rule.oneOf && !rule.oneOf.some(key => entry[key] !== undefined)) {
      v.fail(at, Object.keys(entry), `must have one of ${rule.oneOf.join(', ')} for ${action}`);
    }
    if (action === 'ExecuteBash' || action === 'ExecutePowerShell') {
      const commands = entry.commands;
      if (commands !== undefined && !isToken(commands) && !(Array.isArray(commands) && commands.length > 0)) {
        v.fail(`${at}.commands`, commands, 'must be a list of at least 1 command');
      }
    }
    if (action === 'SetRegistry' && typeof entry.type === 'string' && !REGISTRY_TYPES.includes(entry.type) && !entry.type.includes('{{')) {
      v.fail(`${at}.type`, entry.type, `must be one of ${REGISTRY_TYPES.join(', ')}`);
    }
  });
}

function describeRequired(rule: ActionRule): string {
  const parts = [...rule.required];
  if (rule.oneOf) parts.push(`one of ${rule.oneOf.join(', ')}`);
  return `requires ${parts.join(', ')}`;
}

/**
 * Reports an action name the tables do not know: an error when it is close to a known one (a
 * misspelling), otherwise a warning, since AWS adds actions the library cannot check yet.
 */
function unknownAction(v: Validator, where: string, action: unknown, known: string[], what: string, warningId: string, reference: string): void {
  if (isToken(action)) return;
  if (typeof action !== 'string' || action.length === 0) {
    v.fail(where, action, `must be ${what} (for example ${known[0]})`);
    return;
  }
  const close = known.find(name => editDistance(name.toLowerCase(), action.toLowerCase()) <= Math.max(1, Math.floor(name.length / 5)));
  if (close !== undefined) {
    v.fail(where, action, `must be ${what}: did you mean \`${close}\`?`);
  } else {
    v.warn(warningId, where, action, `is not ${what} this library knows; it is passed to Image Builder unchecked (known: ${reference})`);
  }
}

/** The Levenshtein distance between two strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * A loop (LOOP_RULES): `for` (start, end, updateBy) or `forEach` (a list, or a mapping with
 * `list` and an optional `delimiter`), with an optional `name`.
 */
function checkLoop(v: Validator, where: string, loop: unknown): void {
  if (isToken(loop)) return;
  if (!isMapping(loop)) {
    v.fail(where, loop, 'must be a mapping with for or forEach');
    return;
  }
  checkKeys(v, where, loop, ['name', ...LOOP_RULES.kinds]);
  const kinds = LOOP_RULES.kinds.filter(k => loop[k] !== undefined);
  if (kinds.length !== 1) {
    v.fail(where, Object.keys(loop), `must have exactly one of ${LOOP_RULES.kinds.join(', ')} (for example for: { start: 1, end: 3, updateBy: 1 })`);
    return;
  }
  if (loop.for !== undefined) {
    const range = loop.for;
    if (!isMapping(range) || LOOP_RULES.forKeys.some(k => range[k] === undefined)) {
      v.fail(`${where}.for`, range, `must have ${LOOP_RULES.forKeys.join(', ')}`);
    } else if (range.updateBy === 0) {
      v.fail(`${where}.for.updateBy`, range.updateBy, 'must not be 0');
    }
  }
  const each = loop.forEach;
  if (isMapping(each) && each.list === undefined) {
    v.fail(`${where}.forEach`, Object.keys(each), 'must have list (and optionally delimiter), or be a list of values');
  }
}

/** What a workflow document uses, for the permissions of a pipeline's execution role. */
export interface WorkflowDocumentFacts {
  /** The steps, in order: their action and their literal inputs. */
  readonly steps: ReadonlyArray<{ readonly name: string; readonly action: string; readonly inputs: Mapping }>;
  /** The parameters the document declares, in order. */
  readonly parameters: ParameterDeclaration[];
}

/**
 * Checks an Image Builder workflow document. `workflowType` is the workflow's type, unless it is
 * a token.
 */
export function validateWorkflowDocument(
  v: Validator,
  property: string,
  document: unknown,
  workflowType: string | undefined,
): WorkflowDocumentFacts | undefined {
  if (!isMapping(document)) {
    v.fail(property, document, 'must be a YAML or JSON mapping with schemaVersion and steps');
    return undefined;
  }
  checkKeys(v, property, document, WORKFLOW_KEYS);
  checkSchemaVersion(v, property, document.schemaVersion);
  const declarations = readWorkflowParameters(v, property, document.parameters);
  const parameters = new Set(declarations.map(p => p.name));

  const steps = document.steps;
  if (!Array.isArray(steps) || steps.length === 0) {
    v.fail(`${property} steps`, steps, 'must be a list of at least 1 step');
    return undefined;
  }
  const earlier = new Set<string>();
  const facts: Array<{ name: string; action: string; inputs: Mapping }> = [];
  steps.forEach((step, i) => {
    if (!isMapping(step)) {
      v.fail(`${property} steps[${i}]`, step, 'must be a mapping with name and action');
      return;
    }
    const name = step.name;
    const where = typeof name === 'string' ? `${property} steps[${name}]` : `${property} steps[${i}]`;
    checkKeys(v, where, step, WORKFLOW_STEP_KEYS);
    if (typeof name !== 'string' || (!isToken(name) && !DOCUMENT_PATTERNS.stepName.test(name))) {
      v.fail(`${where}.name`, name, `must be a step name matching ${DOCUMENT_PATTERNS.stepName.source}`);
    } else if (earlier.has(name)) {
      v.fail(`${where}.name`, name, 'must be unique in the workflow');
    }

    const action = step.action;
    const rule = typeof action === 'string' ? WORKFLOW_STEP_ACTIONS[action] : undefined;
    if (rule === undefined) {
      unknownAction(v, `${where}.action`, action, Object.keys(WORKFLOW_STEP_ACTIONS), 'a workflow step action', 'unknownWorkflowStepAction', WORKFLOW_ACTIONS);
      if (typeof name === 'string') facts.push({ name, action: String(action), inputs: isMapping(step.inputs) ? step.inputs : {} });
    } else {
      if (workflowType !== undefined && !isToken(workflowType) && !rule.types.includes(workflowType as DocumentWorkflowType)) {
        v.fail(`${where}.action`, action, `is not allowed in a ${workflowType} workflow (only in ${rule.types.join(', ')})`);
      }
      const inputs = isMapping(step.inputs) ? step.inputs : {};
      if (step.inputs !== undefined && !isMapping(step.inputs) && !isToken(step.inputs)) {
        v.fail(`${where}.inputs`, step.inputs, 'must be a mapping');
      }
      const missing = rule.required.filter(key => inputs[key] === undefined && inputs[`${key}.$`] === undefined);
      if (missing.length > 0 && !isToken(step.inputs)) {
        v.fail(`${where}.inputs`, Object.keys(inputs), `must have ${missing.join(', ')} (or ${missing.map(m => `${m}.$`).join(', ')}) for ${action}`);
      }
      facts.push({ name: typeof name === 'string' ? name : String(i), action: action as string, inputs });
    }
    if (step.onFailure !== undefined && !(WORKFLOW_STEP_ON_FAILURE as readonly unknown[]).includes(step.onFailure)) {
      v.fail(`${where}.onFailure`, step.onFailure, `must be one of ${WORKFLOW_STEP_ON_FAILURE.join(', ')}`);
    }
    if (step.rollbackEnabled !== undefined && typeof step.rollbackEnabled !== 'boolean') {
      v.fail(`${where}.rollbackEnabled`, step.rollbackEnabled, 'must be true or false');
    }
    if (step.timeoutSeconds !== undefined && !isToken(step.timeoutSeconds) && !isPositiveInteger(step.timeoutSeconds)) {
      v.fail(`${where}.timeoutSeconds`, step.timeoutSeconds, 'must be a positive integer');
    }
    if (step.if !== undefined && !isMapping(step.if)) {
      v.fail(`${where}.if`, step.if, 'must be a condition mapping (for example { booleanEquals: true, value: $.parameters.x })');
    }
    checkWorkflowReferences(v, where, [step.inputs, step.if], earlier, parameters);
    if (typeof name === 'string') earlier.add(name);
  });

  const outputs = document.outputs;
  if (outputs !== undefined) {
    if (!Array.isArray(outputs)) {
      v.fail(`${property} outputs`, outputs, 'must be a list of { name, value } mappings');
    } else {
      outputs.forEach((output, i) => {
        if (!isMapping(output) || output.name === undefined || output.value === undefined) {
          v.fail(`${property} outputs[${i}]`, output, 'must be a mapping with name and value');
          return;
        }
        checkWorkflowReferences(v, `${property} outputs[${String(output.name)}]`, [output.value], earlier, parameters);
      });
    }
  }
  return { steps: facts, parameters: declarations };
}

/** `$.stepOutputs.<step>` must name an earlier step; `$.parameters.<name>` a declared parameter. */
function checkWorkflowReferences(v: Validator, where: string, values: unknown[], earlier: Set<string>, parameters: Set<string>): void {
  for (const text of stringsIn(values)) {
    for (const match of text.matchAll(DOCUMENT_PATTERNS.workflowStepOutputReference)) {
      if (!earlier.has(match[1])) {
        v.fail(where, match[0], `must reference an earlier step (earlier: ${[...earlier].join(', ') || 'none'})`);
      }
    }
    for (const match of text.matchAll(DOCUMENT_PATTERNS.workflowParameterReference)) {
      if (!parameters.has(match[1])) {
        v.fail(where, match[0], `must reference a declared parameter (declared: ${[...parameters].join(', ') || 'none'})`);
      }
    }
  }
}

/** Reads workflow `parameters`: a list of `{ name, type, default, description }` mappings. */
function readWorkflowParameters(v: Validator, property: string, list: unknown): ParameterDeclaration[] {
  const names = new Set<string>();
  const declarations: ParameterDeclaration[] = [];
  if (list === undefined) return declarations;
  if (!Array.isArray(list)) {
    v.fail(`${property} parameters`, list, 'must be a list of { name, type } mappings');
    return declarations;
  }
  list.forEach((parameter, i) => {
    const where = `${property} parameters[${i}]`;
    if (!isMapping(parameter)) {
      v.fail(where, parameter, 'must be a mapping with name and type');
      return;
    }
    const name = parameter.name;
    if (typeof name !== 'string' || !DOCUMENT_PATTERNS.parameterName.test(name)) {
      v.fail(`${where}.name`, name, `must match ${DOCUMENT_PATTERNS.parameterName.source}`);
    } else if (names.has(name)) {
      v.fail(`${where}.name`, name, 'must not repeat a parameter name');
    } else {
      names.add(name);
      declarations.push({
        name,
        parameterType: typeof parameter.type === 'string' ? parameter.type : 'string',
        hasDefault: parameter.default !== undefined,
      });
    }
    if (typeof parameter.type !== 'string' || !(WORKFLOW_PARAMETER_TYPES as readonly string[]).includes(parameter.type)) {
      v.fail(`${where}.type`, parameter.type, `must be one of ${WORKFLOW_PARAMETER_TYPES.join(', ')}`);
    }
  });
  return declarations;
}
