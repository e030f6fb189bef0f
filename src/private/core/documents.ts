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

/**
 * The type of one input, as the reference's input table names it: `string`, `integer` and
 * `boolean` are single values, `list` a YAML list, `mapping` a YAML mapping, `any` whatever the
 * reference allows several of (SetRegistry `value`: string, number or list).
 */
export type InputType = 'string' | 'integer' | 'boolean' | 'list' | 'mapping' | 'any';

/** The AWSTOE action-module reference; each row names its section (`#<anchor>`). */
const TOE_ACTIONS = 'https://docs.aws.amazon.com/imagebuilder/latest/userguide/toe-action-modules.html';

interface ActionRule {
  /** The platforms the action module supports (the header of its section). */
  readonly platforms: readonly DocumentPlatform[];
  /** Whether `inputs` is a mapping or a list of mappings (every example of the section). */
  readonly shape: InputShape;
  /**
   * Every input of the section's input table (required and optional) with its type. Undefined
   * where the section has no input table the library could read: input names are not checked.
   */
  readonly inputs?: Readonly<Record<string, InputType>>;
  /** Inputs every mapping must hold. */
  readonly required: readonly string[];
  /** Groups of which at least one input must be given. */
  readonly oneOf?: readonly string[];
  /**
   * Step keys the action module sets itself and refuses to change (`ExecuteDocument`: "returns an
   * error if you try to change them"): a step may leave them out or give these values.
   */
  readonly fixedStepKeys?: Readonly<Record<string, number>>;
  /** The section of the action-module reference, `<heading> (#anchor)`. */
  readonly source: string;
}

const LINUX_MACOS: readonly DocumentPlatform[] = ['Linux', 'macOS'];
const WINDOWS: readonly DocumentPlatform[] = ['Windows'];
const S = 'string';
const B = 'boolean';
const L = 'list';
/** The inputs of InstallMSI and UninstallMSI (the same table in both sections). */
const MSI_INPUTS: Readonly<Record<string, InputType>> = { path: S, url: S, reboot: S, logOptions: S, logFile: S, properties: 'mapping', ignoreAuthenticodeSignatureErrors: B, allowUnsignedInstaller: B };

/**
 * The AWSTOE action modules, one row per section of the action-module reference
 * (toe-action-modules): the input shape, every input of the section's "Input" table with its
 * type, the required ones. An input name the table does not define is an error when it is close
 * to a defined one (a misspelling), otherwise a warning; an input of the wrong kind (a list where
 * the table says a single value, and the reverse) is an error.
 */
export const COMPONENT_ACTIONS: Record<string, ActionRule> = {
  // General execution. (Assert: no input table the library could read, its input names are not checked.)
  Assert: { platforms: ALL_PLATFORMS, shape: 'object', required: [], source: 'Assert (#action-modules-assertion)' },
  ExecuteBash: { platforms: LINUX_MACOS, shape: 'object', inputs: { commands: L }, required: ['commands'], source: 'ExecuteBash (#action-modules-executebash)' },
  ExecuteBinary: { platforms: ALL_PLATFORMS, shape: 'object', inputs: { path: S, arguments: L }, required: ['path'], source: 'ExecuteBinary (#action-modules-executebinary)' },
  ExecuteDocument: {
    platforms: ALL_PLATFORMS,
    shape: 'object',
    inputs: { 'document': S, 'document-s3-bucket-owner': S, 'phases': S, 'parameters': L },
    required: ['document'],
    fixedStepKeys: { timeoutSeconds: -1, maxAttempts: 1 },
    source: 'ExecuteDocument (#action-modules-executedocument)',
  },
  ExecutePowerShell: { platforms: WINDOWS, shape: 'object', inputs: { commands: L, file: S }, required: [], oneOf: ['commands', 'file'], source: 'ExecutePowerShell (#action-modules-executepowershell)' },
  // File download and upload.
  S3Download: { platforms: ALL_PLATFORMS, shape: 'list', inputs: { source: S, destination: S, expectedBucketOwner: S, overwrite: B }, required: ['source', 'destination'], source: 'S3Download (#action-modules-s3download)' },
  S3Upload: { platforms: ALL_PLATFORMS, shape: 'list', inputs: { source: S, destination: S, recurse: S, expectedBucketOwner: S }, required: ['source', 'destination'], source: 'S3Upload (#action-modules-s3upload)' },
  WebDownload: { platforms: ALL_PLATFORMS, shape: 'list', inputs: { source: S, destination: S, overwrite: B, checksum: S, algorithm: S, ignoreCertificateErrors: B }, required: ['source', 'destination'], source: 'WebDownload (#action-modules-webdownload)' },
  // File system operations.
  AppendFile: { platforms: ALL_PLATFORMS, shape: 'list', inputs: { path: S, content: S, encoding: S }, required: ['path'], source: 'AppendFile (#action-modules-appendfile)' },
  CopyFile: { platforms: ALL_PLATFORMS, shape: 'list', inputs: { source: S, destination: S, overwrite: B }, required: ['source', 'destination'], source: 'CopyFile (#action-modules-copyfile)' },
  CopyFolder: { platforms: ALL_PLATFORMS, shape: 'list', inputs: { source: S, destination: S, overwrite: B }, required: ['source', 'destination'], source: 'CopyFolder (#action-modules-copyfolder)' },
  CreateFile: { platforms: ALL_PLATFORMS, shape: 'list', inputs: { path: S, content: S, encoding: S, owner: S, group: S, permissions: S, overwrite: B }, required: ['path'], source: 'CreateFile (#action-modules-createfile)' },
  CreateFolder: { platforms: ALL_PLATFORMS, shape: 'list', inputs: { path: S, owner: S, group: S, permissions: S, overwrite: B }, required: ['path'], source: 'CreateFolder (#action-modules-createfolder)' },
  CreateSymlink: { platforms: ALL_PLATFORMS, shape: 'list', inputs: { path: S, target: S, force: B }, required: ['path', 'target'], source: 'CreateSymlink (#action-modules-createsymlink)' },
  DeleteFile: { platforms: ALL_PLATFORMS, shape: 'list', inputs: { path: S }, required: ['path'], source: 'DeleteFile (#action-modules-deleteefile, the anchor as the page spells it)' },
  DeleteFolder: { platforms: ALL_PLATFORMS, shape: 'list', inputs: { path: S, force: B }, required: ['path'], source: 'DeleteFolder (#action-modules-deletefolder)' },
  ListFiles: { platforms: ALL_PLATFORMS, shape: 'list', inputs: { path: S, fileNamePattern: S, recursive: B }, required: ['path'], source: 'ListFiles (#action-modules-listfiles)' },
  MoveFile: { platforms: ALL_PLATFORMS, shape: 'list', inputs: { source: S, destination: S, overwrite: B }, required: ['source', 'destination'], source: 'MoveFile (#action-modules-movefile)' },
  MoveFolder: { platforms: ALL_PLATFORMS, shape: 'list', inputs: { source: S, destination: S, overwrite: B }, required: ['source', 'destination'], source: 'MoveFolder (#action-modules-movefolder)' },
  ReadFile: { platforms: ALL_PLATFORMS, shape: 'list', inputs: { path: S, encoding: S, printFileContent: B }, required: ['path'], source: 'ReadFile (#action-modules-readfile)' },
  SetFileEncoding: { platforms: ALL_PLATFORMS, shape: 'list', inputs: { path: S, encoding: S }, required: ['path'], source: 'SetFileEncoding (#action-modules-setfileencoding)' },
  SetFileOwner: { platforms: ALL_PLATFORMS, shape: 'list', inputs: { path: S, owner: S, group: S }, required: ['path', 'owner'], source: 'SetFileOwner (#action-modules-setfileowner)' },
  SetFolderOwner: { platforms: ALL_PLATFORMS, shape: 'list', inputs: { path: S, owner: S, group: S, recursive: B }, required: ['path', 'owner'], source: 'SetFolderOwner (#action-modules-setfolderowner)' },
  SetFilePermissions: { platforms: ALL_PLATFORMS, shape: 'list', inputs: { path: S, permissions: S }, required: ['path', 'permissions'], source: 'SetFilePermissions (#action-modules-setfilepermissions)' },
  SetFolderPermissions: { platforms: ALL_PLATFORMS, shape: 'list', inputs: { path: S, permissions: S, recursive: B }, required: ['path', 'permissions'], source: 'SetFolderPermissions (#action-modules-setfolderpermissions)' },
  // Software installation: InstallMSI and UninstallMSI take a local `path` or a `url`.
  InstallMSI: { platforms: WINDOWS, shape: 'object', inputs: MSI_INPUTS, required: [], oneOf: ['path', 'url'], source: 'InstallMSI (#action-modules-install-msi)' },
  UninstallMSI: { platforms: WINDOWS, shape: 'object', inputs: MSI_INPUTS, required: [], oneOf: ['path', 'url'], source: 'UninstallMSI (#action-modules-uninstall-msi)' },
  // System actions.
  Reboot: { platforms: ALL_PLATFORMS, shape: 'object', inputs: { delaySeconds: 'integer' }, required: [], source: 'Reboot (#action-modules-reboot)' },
  SetRegistry: { platforms: WINDOWS, shape: 'list', inputs: { path: S, name: S, value: 'any', type: S }, required: ['path', 'name', 'value', 'type'], source: 'SetRegistry (#action-modules-setregistry)' },
  UpdateOS: { platforms: ALL_PLATFORMS, shape: 'object', inputs: { include: L, exclude: L }, required: [], source: 'UpdateOS (#action-modules-updateos)' },
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
  /** The workflow types whose documents may use the step action (all, unless the reference restricts it). */
  readonly types: readonly DocumentWorkflowType[];
  /** Every input of the section's input table (required and optional) with its type. */
  readonly inputs: Readonly<Record<string, InputType>>;
  /** Inputs the step must give (as a value, or as a `<input>.$` JSONPath reference). */
  readonly required: readonly string[];
  /**
   * Inputs the reference marks required although the action works without them in documents
   * AWS publishes: a missing one is a warning, not an error.
   */
  readonly expected?: readonly string[];
  /** For a list input of mappings: the keys each item must hold (`<key>.$` counts). */
  readonly items?: Readonly<Record<string, readonly string[]>>;
  /** The section of the step-action reference, `<heading> (#anchor)`. */
  readonly source: string;
}

const I = { instanceId: S } as const;
/** The inputs of RegisterImage (all optional), in the order of its table. */
const REGISTER_IMAGE_INPUTS: Readonly<Record<string, InputType>> = Object.fromEntries([
  ['architecture', S], ['blockDeviceMapping', L], ['bootMode', S], ['description', S], ['enaSupport', B], ['imageLocation', S],
  ['imdsSupport', S], ['includeSnapshotTags', B], ['kernelId', S], ['ramdiskId', S], ['rootDeviceName', S], ['sriovNetSupport', S],
  ['tpmSupport', S], ['uefiData', S], ['virtualizationType', S],
]);

/**
 * The workflow step actions, one row per section of the step-action reference
 * (wfdoc-step-actions, ${WORKFLOW_ACTIONS}): where each is allowed, every input of its input table
 * with its type, the required ones. The stage table at the top of the reference restricts
 * ExecuteComponents to build and test workflows, CollectImageScanFindings to test workflows, and
 * DistributeImage, ModifyImageAttributes, ApplyImageConfigurations and DistributeContainerImage
 * to distribution workflows; every other action is allowed in every workflow, except
 * CollectImageMetadata, whose section says it "is only valid for build workflows".
 */
export const WORKFLOW_STEP_ACTIONS: Record<string, StepActionRule> = {
  // The newest revision takes `distributedImages.$` and a list of `configurations`, each with its
  // `region`; the revision before it took one configuration at the top level (`region`,
  // `licenseConfigurationArns`, ...). Both are accepted; a missing `distributedImages` only warns.
  ApplyImageConfigurations: {
    types: ['DISTRIBUTION'],
    inputs: { distributedImages: S, configurations: L, region: S, licenseConfigurationArns: L, launchTemplateConfigurations: L, s3ExportConfiguration: 'any', fastLaunchConfigurations: L, ssmParameterConfigurations: 'any' },
    required: [],
    expected: ['distributedImages'],
    items: { configurations: ['region'] },
    source: 'ApplyImageConfigurations (#wfdoc-step-action-apply-image-configurations)',
  },
  BootstrapInstanceForContainer: { types: ANY_WORKFLOW, inputs: I, required: ['instanceId'], source: 'BootstrapInstanceForContainer (#wfdoc-step-action-bootstrap-container)' },
  CollectImageMetadata: { types: ['BUILD'], inputs: I, required: ['instanceId'], source: 'CollectImageMetadata (#wfdoc-step-action-collect-image-metadata)' },
  CollectImageScanFindings: { types: ['TEST'], inputs: I, required: ['instanceId'], source: 'CollectImageScanFindings (#wfdoc-step-action-collect-findings)' },
  CreateImage: { types: ANY_WORKFLOW, inputs: I, required: ['instanceId'], source: 'CreateImage (#wfdoc-step-action-create-img-from-inst)' },
  CreateImageFromIso: { types: ANY_WORKFLOW, inputs: I, required: ['instanceId'], source: 'CreateImageFromIso (#wfdoc-step-action-create-image-from-iso)' },
  DistributeContainerImage: { types: ['DISTRIBUTION'], inputs: I, required: ['instanceId'], source: 'DistributeContainerImage (#wfdoc-step-action-distribute-container)' },
  DistributeImage: {
    types: ['DISTRIBUTION'],
    inputs: { distributions: L },
    required: [],
    items: { distributions: ['region'] },
    source: 'DistributeImage (#wfdoc-step-action-distribute-image)',
  },
  ExecuteComponents: { types: ['BUILD', 'TEST'], inputs: I, required: ['instanceId'], source: 'ExecuteComponents (#wfdoc-step-action-exec-components)' },
  ExecuteStateMachine: { types: ANY_WORKFLOW, inputs: { stateMachineArn: S, input: S }, required: ['stateMachineArn'], source: 'ExecuteStateMachine (#wfdoc-step-action-exec-state-machine)' },
  LaunchInstance: {
    types: ANY_WORKFLOW,
    inputs: { imageIdOverride: S, instanceTypesOverride: L, waitFor: S, healthCheck: S },
    required: [],
    expected: ['waitFor'],
    source: 'LaunchInstance (#wfdoc-step-action-launch-instance)',
  },
  // As for ApplyImageConfigurations: `distributedImages.$` is new in the newest revision, so a
  // missing one only warns.
  ModifyImageAttributes: {
    types: ['DISTRIBUTION'],
    inputs: { distributedImages: S, attributes: L },
    required: [],
    expected: ['distributedImages'],
    items: { attributes: ['region'] },
    source: 'ModifyImageAttributes (#wfdoc-step-action-modify-image-attributes)',
  },
  RegisterImage: {
    types: ANY_WORKFLOW,
    inputs: REGISTER_IMAGE_INPUTS,
    required: [],
    source: 'RegisterImage (#wfdoc-step-action-register-image)',
  },
  RunCommand: {
    types: ANY_WORKFLOW,
    inputs: { instanceId: S, documentName: S, parameters: 'mapping', documentVersion: S },
    required: ['instanceId', 'documentName'],
    source: 'RunCommand (#wfdoc-step-action-run-command)',
  },
  RunSysPrep: { types: ANY_WORKFLOW, inputs: I, required: ['instanceId'], source: 'RunSysPrep (#wfdoc-step-action-run-sysprep)' },
  SanitizeInstance: { types: ANY_WORKFLOW, inputs: I, required: ['instanceId'], source: 'SanitizeInstance (#wfdoc-step-action-sanitize-instance)' },
  TerminateInstance: { types: ANY_WORKFLOW, inputs: { instanceId: S, waitForTermination: B }, required: ['instanceId'], source: 'TerminateInstance (#wfdoc-step-action-terminate-instance)' },
  WaitForAction: { types: ANY_WORKFLOW, inputs: { snsTopicArn: S, lambdaFunctionName: S, payload: S }, required: [], source: 'WaitForAction (#wfdoc-step-action-waitfor)' },
  WaitForSSMAgent: { types: ANY_WORKFLOW, inputs: I, required: ['instanceId'], source: 'WaitForSSMAgent (#wfdoc-step-action-wait-for-ssm-agent)' },
};

/**
 * Actions that distribute AMIs: a workflow with DistributeContainerImage must not use them (the
 * reference's "Important" note: a single workflow distributes either AMIs or container images).
 */
const AMI_DISTRIBUTION_ACTIONS = ['DistributeImage', 'ModifyImageAttributes', 'ApplyImageConfigurations'];

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
    } else if (key === 'constants' && (name.length < 3 || name.length > 128)) {
      // AWSTOE guide, "Use variables in your custom component document" (#user-defined-vars-constants):
      // a constant's name is 3 to 128 characters.
      v.fail(where, name, 'must be a constant name of 3 to 128 characters');
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
    for (const [key, fixed] of Object.entries(rule.fixedStepKeys ?? {})) {
      if (step[key] !== undefined && !isToken(step[key]) && step[key] !== fixed) {
        v.fail(`${where}.${key}`, step[key], `must be left out or ${fixed} for ${action} (the action module sets it and refuses another value)`);
      }
    }
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
    if (rule.inputs !== undefined) {
      checkInputTable(v, at, entry, rule.inputs, action, { unknownId: 'unknownComponentInput', reference: `${TOE_ACTIONS}#${anchorOf(rule.source)}`, jsonPath: false });
    }
  });
}

/** The `#anchor` of a table row's `source`. */
function anchorOf(source: string): string {
  return /#([a-z0-9-]+)/.exec(source)?.[1] ?? '';
}

/**
 * Checks the names and kinds of one mapping of inputs against an action's input table. A name the
 * table does not define is an error when it is close to a defined one (a misspelling), otherwise a
 * warning: AWS adds inputs, and the library must not block them. A value of the wrong kind (a list
 * where the table says a single value or a mapping, and the reverse) is an error; a boolean or
 * integer input given a string that does not read as one is a warning. Values holding a variable
 * or chaining expression (`{{ ... }}`), JSONPath inputs (`<name>.$`) and tokens are resolved later
 * and not checked.
 */
function checkInputTable(
  v: Validator,
  where: string,
  entry: Mapping,
  table: Readonly<Record<string, InputType>>,
  action: string,
  options: { readonly unknownId: string; readonly reference: string; readonly jsonPath: boolean },
): void {
  const known = Object.keys(table);
  for (const [given, value] of Object.entries(entry)) {
    if (isToken(given)) continue;
    const isPath = options.jsonPath && given.endsWith('.$');
    const name = isPath ? given.slice(0, -2) : given;
    const type = table[name];
    if (type === undefined) {
      const close = closest(name, known);
      if (close !== undefined) {
        v.fail(`${where}.${given}`, given, `is not an input of ${action}: did you mean \`${close}\`? (inputs: ${known.join(', ')})`);
      } else {
        v.warn(options.unknownId, `${where}.${given}`, given,
          `is not an input of ${action} in the reference (inputs: ${known.join(', ') || 'none'}); it is passed unchecked (${options.reference})`);
      }
      continue;
    }
    if (isPath || value === undefined || value === null || isToken(value) || type === 'any') continue;
    if (typeof value === 'string' && value.includes('{{')) continue;
    const list = Array.isArray(value);
    const mapping = isMapping(value);
    if (type === 'list' && !list) {
      v.fail(`${where}.${given}`, value, `must be a list for ${action} (${options.reference})`);
    } else if (type === 'mapping' && !mapping) {
      v.fail(`${where}.${given}`, value, `must be a mapping for ${action} (${options.reference})`);
    } else if (type !== 'list' && type !== 'mapping' && (list || mapping)) {
      v.fail(`${where}.${given}`, value, `must be a single ${type} value for ${action}, not a ${list ? 'list' : 'mapping'} (${options.reference})`);
    } else if (type === 'boolean' && typeof value === 'string' && !/^(true|false)$/i.test(value)) {
      v.warn('documentInputType', `${where}.${given}`, value, `is a boolean input of ${action}: true or false`);
    } else if (type === 'integer' && typeof value === 'string' && !/^-?\d+$/.test(value)) {
      v.warn('documentInputType', `${where}.${given}`, value, `is an integer input of ${action}`);
    }
  }
}

/** The known name within a misspelling's distance of `name` (case-insensitive), if any. */
function closest(name: string, known: readonly string[]): string | undefined {
  return known.find(k => editDistance(k.toLowerCase(), name.toLowerCase()) <= Math.max(1, Math.floor(k.length / 5)));
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
  const close = closest(action, known);
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
      const given = (key: string, m: Mapping = inputs): boolean => m[key] !== undefined || m[`${key}.$`] !== undefined;
      const missing = rule.required.filter(key => !given(key));
      if (missing.length > 0 && !isToken(step.inputs)) {
        v.fail(`${where}.inputs`, Object.keys(inputs), `must have ${missing.join(', ')} (or ${missing.map(m => `${m}.$`).join(', ')}) for ${action}`);
      }
      if (!isToken(step.inputs)) {
        const reference = `${WORKFLOW_ACTIONS}#${anchorOf(rule.source)}`;
        for (const key of (rule.expected ?? []).filter(k => !given(k))) {
          v.warn('workflowStepInputExpected', `${where}.inputs`, Object.keys(inputs), `has no ${key}, which the reference marks required for ${action} (${reference})`);
        }
        checkInputTable(v, `${where}.inputs`, inputs, rule.inputs, action as string, { unknownId: 'unknownWorkflowStepInput', reference, jsonPath: true });
        for (const [key, itemKeys] of Object.entries(rule.items ?? {})) {
          const list = inputs[key];
          if (!Array.isArray(list)) continue;
          list.forEach((item, j) => {
            if (isToken(item)) return;
            const lacking = isMapping(item) ? itemKeys.filter(k => !given(k, item)) : itemKeys;
            if (lacking.length > 0) {
              v.fail(`${where}.inputs.${key}[${j}]`, item, `must be a mapping with ${lacking.join(', ')} for ${action} (${reference})`);
            }
          });
        }
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

  const distributesContainer = facts.find(f => f.action === 'DistributeContainerImage');
  for (const step of facts.filter(f => AMI_DISTRIBUTION_ACTIONS.includes(f.action))) {
    if (distributesContainer !== undefined) {
      v.fail(`${property} steps[${step.name}].action`, step.action,
        `must not be in a workflow that distributes a container image (step ${distributesContainer.name}: DistributeContainerImage); a workflow distributes either AMIs or container images (${WORKFLOW_ACTIONS}#wfdoc-step-action-distribute-container)`);
    }
  }

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
