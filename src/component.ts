import {
  aws_iam as iam,
  aws_imagebuilder as imagebuilder,
  aws_kms as kms,
  aws_s3 as s3,
  Duration,
  IResource,
  Resource,
  Stack,
  Token,
  Tokenization,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DocumentParameterDeclaration } from './document-parameter';
import { ResourceSharing } from './private/compose/sharing';
import { LIMITS, PATTERNS } from './private/core/api-constraints';
import { ANY_VERSION, arnPathPart, iamResourceForVersionedArn, imageBuilderArn, ownResourceName } from './private/core/arns';
import { brand, hasBrand } from './private/core/brands';
import { ComponentDocumentFacts, validateComponentDocument } from './private/core/documents';
import { exactDummyVersion, lookupResource } from './private/core/lookup';
import { platformOfAwsManagedComponent } from './private/core/platforms';
import { renderTagMap, Validator } from './private/core/validation';
import { documentVersion, DocumentSource, validateVersionedDocumentFields, warnOnDeployTimeReferences } from './private/core/versioned-document';
import { grantOnResource } from './private/iam/grants';
import { SharePrincipal, ShareOptions } from './sharing';
import { ComponentStepInputs } from './step-inputs';

/**
 * An Image Builder component: a build or test document that recipes run.
 */
export interface IComponent extends IResource, imagebuilder.IComponentRef {
  /**
   * The component's ARN, with a version (`1.0.0`, `x.x.x` wildcards, or a build `1.0.0/1`).
   *
   * @attribute
   */
  readonly componentArn: string;

  /**
   * The component's name, as its ARN holds it.
   *
   * @attribute
   */
  readonly componentName: string;

  /**
   * The component's version, as its ARN holds it (possibly with `x` wildcards or a build number).
   *
   * @attribute
   */
  readonly componentVersion: string;

  /**
   * The component's platform, when known: a component authored in this app knows it; an
   * imported one does not (undefined).
   */
  readonly platform?: ComponentPlatform;

  /**
   * The operating system versions the component supports, when known (a component authored in
   * this app with `supportedOsVersions`); undefined when not known or not restricted.
   */
  readonly supportedOsVersions?: string[];

  /**
   * The parameters the component's document declares, when the document was read at synth (a
   * component authored in this app from a document, file or inline text, with `validateDocument`);
   * undefined when not known. A recipe must give every parameter without a default, and no other.
   */
  readonly parameterDeclarations?: DocumentParameterDeclaration[];

  /**
   * Grants permission to read this component (`imagebuilder:GetComponent`).
   *
   * @param grantee the principal to grant to
   */
  grantRead(grantee: iam.IGrantable): iam.Grant;

  /**
   * Grants the given Image Builder actions on this component.
   *
   * @param grantee the principal to grant to
   * @param actions the actions, such as `imagebuilder:DeleteComponent`
   */
  grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant;
}

/**
 * The value of one component parameter.
 *
 * Image Builder passes every parameter value as a list of strings; these factories convert the
 * usual types the way component documents expect them.
 */
export class ComponentParameterValue {
  /** A single string value. */
  public static fromString(value: string): ComponentParameterValue {
    return new ComponentParameterValue([value]);
  }

  /** A list of string values (for parameters of type `stringList`). */
  public static fromStrings(values: string[]): ComponentParameterValue {
    return new ComponentParameterValue([...values]);
  }

  /** A number, passed as its decimal string. Tokens are accepted. */
  public static fromNumber(value: number): ComponentParameterValue {
    return new ComponentParameterValue([Tokenization.stringifyNumber(value)]);
  }

  /** A boolean, passed as `'true'` or `'false'`. */
  public static fromBoolean(value: boolean): ComponentParameterValue {
    return new ComponentParameterValue([value ? 'true' : 'false']);
  }

  /** The values passed to the component. */
  public readonly values: string[];

  private constructor(values: string[]) {
    this.values = values;
  }
}

/**
 * A component as a recipe runs it: the component and the values of its parameters.
 */
export interface ComponentConfiguration {
  /** The component to run. Wildcard versions (`1.x.x`) pick the latest matching version at build time. */
  readonly component: IComponent;

  /**
   * The values of the component's parameters, by parameter name.
   *
   * Give every parameter the component defines without a default; give no parameter it does not define.
   *
   * @default - no parameters are passed: the component's defaults apply
   */
  readonly parameters?: { [name: string]: ComponentParameterValue };
}

/**
 * The names of frequently used components owned by AWS, for `Component.fromAwsManagedComponent`.
 *
 * Any other AWS-owned component name works too: see the Image Builder console, or
 * `aws imagebuilder list-components --owner Amazon`.
 */
export class AwsManagedComponentName {
  /** Updates the Linux packages with the distribution's package manager (`update-linux`). */
  public static readonly UPDATE_LINUX = 'update-linux';
  /** Installs Windows updates (`update-windows`). */
  public static readonly UPDATE_WINDOWS = 'update-windows';
  /** Reboots a Linux instance (`reboot-linux`). */
  public static readonly REBOOT_LINUX = 'reboot-linux';
  /** Reboots a Windows instance (`reboot-windows`). */
  public static readonly REBOOT_WINDOWS = 'reboot-windows';
  /** Installs the AWS CLI version 2 on Linux (`aws-cli-version-2-linux`). */
  public static readonly AWS_CLI_VERSION_2_LINUX = 'aws-cli-version-2-linux';
  /** Installs the AWS CLI version 2 on Windows (`aws-cli-version-2-windows`). */
  public static readonly AWS_CLI_VERSION_2_WINDOWS = 'aws-cli-version-2-windows';
  /** Installs Python 3 on Linux (`python-3-linux`). */
  public static readonly PYTHON_3_LINUX = 'python-3-linux';
  /** Installs Python 3 on Windows (`python-3-windows`). */
  public static readonly PYTHON_3_WINDOWS = 'python-3-windows';
  /** Applies STIG hardening to Linux (`stig-build-linux`). */
  public static readonly STIG_BUILD_LINUX = 'stig-build-linux';
  /** Applies STIG hardening to Windows (`stig-build-windows`). */
  public static readonly STIG_BUILD_WINDOWS = 'stig-build-windows';
  /** Prints a greeting on Linux: useful to try a pipeline (`hello-world-linux`). */
  public static readonly HELLO_WORLD_LINUX = 'hello-world-linux';
  /** Prints a greeting on Windows: useful to try a pipeline (`hello-world-windows`). */
  public static readonly HELLO_WORLD_WINDOWS = 'hello-world-windows';
  /** Installs Docker Community Edition on Linux (`docker-ce-linux`). */
  public static readonly DOCKER_CE_LINUX = 'docker-ce-linux';
  /** Installs the Amazon CloudWatch agent on Linux (`amazon-cloudwatch-agent-linux`). */
  public static readonly AMAZON_CLOUDWATCH_AGENT_LINUX = 'amazon-cloudwatch-agent-linux';

  private constructor() {}
}


/** The operating system platform of a component. */
export enum ComponentPlatform {
  /** Linux. */
  LINUX = 'Linux',
  /** Windows. */
  WINDOWS = 'Windows',
  /** macOS. */
  MACOS = 'macOS',
}

/** The AWSTOE action modules a component step runs (AWSTOE user guide, "Action modules"). */
export enum ComponentAction {
  /** Compares values; the step fails when the comparison is false. */
  ASSERT = 'Assert',
  /** Runs bash commands (Linux, macOS). Inputs: `commands`. */
  EXECUTE_BASH = 'ExecuteBash',
  /** Runs a binary. Inputs: `path`, `arguments`. */
  EXECUTE_BINARY = 'ExecuteBinary',
  /** Runs another component document. Inputs: `document`. */
  EXECUTE_DOCUMENT = 'ExecuteDocument',
  /** Runs PowerShell commands or a script (Windows). Inputs: `commands` or `file`. */
  EXECUTE_POWERSHELL = 'ExecutePowerShell',
  /** Downloads objects from S3. Inputs: a list of `source`, `destination`. */
  S3_DOWNLOAD = 'S3Download',
  /** Uploads files to S3. Inputs: a list of `source`, `destination`. */
  S3_UPLOAD = 'S3Upload',
  /** Downloads files over HTTP(S). Inputs: a list of `source`, `destination`. */
  WEB_DOWNLOAD = 'WebDownload',
  /** Appends text to files. Inputs: a list of `path`, `content`. */
  APPEND_FILE = 'AppendFile',
  /** Copies files. Inputs: a list of `source`, `destination`. */
  COPY_FILE = 'CopyFile',
  /** Copies folders. Inputs: a list of `source`, `destination`. */
  COPY_FOLDER = 'CopyFolder',
  /** Creates files. Inputs: a list of `path` (and `content`). */
  CREATE_FILE = 'CreateFile',
  /** Creates folders. Inputs: a list of `path`. */
  CREATE_FOLDER = 'CreateFolder',
  /** Creates symbolic links. Inputs: a list of `source`, `destination`. */
  CREATE_SYMLINK = 'CreateSymlink',
  /** Deletes files. Inputs: a list of `path`. */
  DELETE_FILE = 'DeleteFile',
  /** Deletes folders. Inputs: a list of `path`. */
  DELETE_FOLDER = 'DeleteFolder',
  /** Lists files. Inputs: a list of `path`. */
  LIST_FILES = 'ListFiles',
  /** Moves files. Inputs: a list of `source`, `destination`. */
  MOVE_FILE = 'MoveFile',
  /** Moves folders. Inputs: a list of `source`, `destination`. */
  MOVE_FOLDER = 'MoveFolder',
  /** Reads a file. Inputs: `path`. */
  READ_FILE = 'ReadFile',
  /** Sets the encoding of files. Inputs: a list of `path`. */
  SET_FILE_ENCODING = 'SetFileEncoding',
  /** Sets the owner of files. Inputs: a list of `path`, `owner`. */
  SET_FILE_OWNER = 'SetFileOwner',
  /** Sets the owner of folders. Inputs: a list of `path`, `owner`. */
  SET_FOLDER_OWNER = 'SetFolderOwner',
  /** Sets the permissions of files. Inputs: a list of `path`, `permissions`. */
  SET_FILE_PERMISSIONS = 'SetFilePermissions',
  /** Sets the permissions of folders. Inputs: a list of `path`, `permissions`. */
  SET_FOLDER_PERMISSIONS = 'SetFolderPermissions',
  /** Installs an MSI package (Windows). Inputs: `path`. */
  INSTALL_MSI = 'InstallMSI',
  /** Uninstalls an MSI package (Windows). Inputs: `path`. */
  UNINSTALL_MSI = 'UninstallMSI',
  /** Reboots the instance and resumes at the next step. */
  REBOOT = 'Reboot',
  /** Sets Windows registry values (Windows). Inputs: a list of `path`, `name`, `value`, `type`. */
  SET_REGISTRY = 'SetRegistry',
  /** Installs operating system updates. */
  UPDATE_OS = 'UpdateOS',
}

/** The phases of a component document. */
export enum ComponentPhaseName {
  /** Runs on the build instance, before the image is created. */
  BUILD = 'build',
  /** Runs on the build instance after `build`, to check it. */
  VALIDATE = 'validate',
  /** Runs on the test instance launched from the new image. */
  TEST = 'test',
  /** Runs on the host of a container recipe's test instance (container images only). */
  CONTAINER_HOST_TEST = 'container-host-test',
}

/** What AWSTOE does when a step fails. */
export enum ComponentStepOnFailure {
  /** Fail the step and the document. */
  ABORT = 'Abort',
  /** Fail the step, and run the next steps. */
  CONTINUE = 'Continue',
  /** Mark the step ignored, and run the next steps. */
  IGNORE = 'Ignore',
}

/** The type of a component document parameter. */
export enum ComponentParameterType {
  /** A string. */
  STRING = 'string',
  /** A list of strings. */
  STRING_LIST = 'stringList',
}

/** A parameter of a typed component document. */
export interface ComponentDocumentParameter {
  /** The parameter's type. */
  readonly parameterType: ComponentParameterType;

  /**
   * The value used when a recipe gives none.
   *
   * @default - no default: every recipe must give a value
   */
  readonly defaultValue?: ComponentParameterValue;

  /**
   * What the parameter is for.
   *
   * @default - no description
   */
  readonly description?: string;
}

/** A numeric loop range: `start` to `end` (inclusive), by `updateBy`. */
export interface ComponentLoopRange {
  /** The first value. */
  readonly start: number;
  /** The last value. */
  readonly end: number;
  /** The increment (not 0; negative counts down). */
  readonly updateBy: number;
}

/**
 * A step loop: over a list of values (`forEach`), or a numeric range (rendered as AWSTOE's `for`).
 * Give exactly one of the two.
 */
export interface ComponentStepLoop {
  /**
   * The loop's name, for `{{ name.value }}` references in nested loops.
   *
   * @default - unnamed: `{{ loop.value }}`
   */
  readonly name?: string;

  /**
   * The values to loop over.
   *
   * @default - a range loop (`range`)
   */
  readonly forEach?: string[];

  /**
   * The numeric range to loop over, rendered as the document's `for` key.
   *
   * @default - a list loop (`forEach`)
   */
  readonly range?: ComponentLoopRange;
}

/** A step of a typed component document. */
export interface ComponentStep {
  /** The step's name: letters, digits, `-` and `_`; unique in its phase. */
  readonly name: string;

  /** The action module the step runs. */
  readonly action: ComponentAction;

  /**
   * The action's inputs: a mapping or a list of mappings, as the action takes them (for example
   * `ComponentStepInputs.executeBash(['dnf -y update'])`, or `ComponentStepInputs.fromObject`
   * and `ComponentStepInputs.fromList` for any action).
   *
   * @default - no inputs
   */
  readonly inputs?: ComponentStepInputs;

  /**
   * What AWSTOE does when the step fails.
   *
   * @default - AWSTOE's default, ComponentStepOnFailure.ABORT
   */
  readonly onFailure?: ComponentStepOnFailure;

  /**
   * How long the step may run (whole seconds).
   *
   * @default - AWSTOE's default timeout
   */
  readonly timeout?: Duration;

  /**
   * How many times the step is tried before it fails.
   *
   * @default 1
   */
  readonly maxAttempts?: number;

  /**
   * Runs the step once per value of a loop.
   *
   * @default - the step runs once
   */
  readonly loop?: ComponentStepLoop;
}

/** A phase of a typed component document. */
export interface ComponentPhase {
  /** The phase. */
  readonly name: ComponentPhaseName;
  /** The phase's steps, in order (at least one). */
  readonly steps: ComponentStep[];
}

/**
 * An AWSTOE component document written with types (schema version 1.0), for
 * `ComponentData.fromDocument`.
 */
export interface ComponentDocument {
  /**
   * The document's name.
   *
   * @default - no name in the document
   */
  readonly name?: string;

  /**
   * The document's description.
   *
   * @default - no description in the document
   */
  readonly description?: string;

  /**
   * The document's parameters, by name (`{{ name }}` in the steps).
   *
   * @default - no parameters
   */
  readonly parameters?: { [name: string]: ComponentDocumentParameter };

  /** The phases, each at most once. */
  readonly phases: ComponentPhase[];
}

/**
 * The document of a component: an AWSTOE YAML (or JSON) document, from a file, an asset, inline
 * text, S3 or a typed document.
 *
 * Documents known at synth (every source except `fromS3`) are parsed and checked then, unless
 * the component sets `validateDocument: false`.
 *
 * A document in S3 (`fromAsset`, a large `fromFile`, `fromS3`) is read once, by Image Builder,
 * when CloudFormation creates the component, with the credentials of the caller (the stack's
 * CloudFormation execution role, which can read the CDK assets bucket). Build instances never
 * read it: they get the document from Image Builder.
 */
export class ComponentData {
  /**
   * A YAML or JSON document in a local file, read and checked at synth. A file of at most 16,000
   * characters is inlined in the template (`Data`); a larger one is uploaded as an asset
   * (`Uri`).
   */
  public static fromFile(path: string): ComponentData {
    return new ComponentData(DocumentSource.file(path));
  }

  /** A YAML or JSON document in a local file, read and checked at synth, always uploaded as an asset (`Uri`). */
  public static fromAsset(path: string): ComponentData {
    return new ComponentData(DocumentSource.asset(path));
  }

  /** A YAML or JSON document given as text: 1 to 16,000 characters, without NUL characters. */
  public static fromInline(document: string): ComponentData {
    return new ComponentData(DocumentSource.inline(document));
  }

  /**
   * A document stored in S3, in the component's Region. It is not read at synth, so it is not
   * checked: Image Builder checks it when the component is created. The principal that deploys
   * the stack must be able to read it. Image Builder reads the object once, when it creates the
   * component: a new object under the same key does not update the component. Give the object's
   * version ID (a versioned bucket) so a new version replaces the component, change the key, or
   * use `fromFile` / `fromAsset`, whose asset key follows the content.
   *
   * @param objectVersion the S3 version ID of the object; a change replaces the component (with a
   * derived version, a new one). Default: none, the component is replaced only when the key changes
   */
  public static fromS3(bucket: s3.IBucket, key: string, objectVersion?: string): ComponentData {
    return new ComponentData(DocumentSource.s3(bucket, key, objectVersion));
  }

  /** A document written with types, rendered as JSON; tokens may appear in any string. */
  public static fromDocument(document: ComponentDocument): ComponentData {
    return new ComponentData(DocumentSource.object(v => renderComponentDocument(document, v)));
  }

  private constructor(private readonly source: DocumentSource) {}

  /**
   * The document source.
   *
   * @internal
   */
  public get _source(): DocumentSource {
    return this.source;
  }
}

/** The AWSTOE form of a typed document (undefined fields are dropped by the JSON rendering). */
function renderComponentDocument(document: ComponentDocument, v: Validator): unknown {
  const parameters = document.parameters && Object.keys(document.parameters).length > 0
    ? Object.entries(document.parameters).map(([name, p]) => ({
      [name]: {
        type: p.parameterType,
        default: p.defaultValue === undefined ? undefined
          : p.parameterType === ComponentParameterType.STRING_LIST ? p.defaultValue.values : p.defaultValue.values.join(','),
        description: p.description,
      },
    }))
    : undefined;
  return {
    name: document.name,
    description: document.description,
    schemaVersion: '1.0',
    parameters,
    phases: document.phases.map(phase => ({
      name: phase.name,
      steps: phase.steps.map(step => ({
        name: step.name,
        action: step.action,
        onFailure: step.onFailure,
        timeoutSeconds: v.durationUnit(`phases[${phase.name}].steps[${step.name}].timeout`, step.timeout, 'seconds')
          ? step.timeout?.toSeconds()
          : undefined,
        maxAttempts: step.maxAttempts,
        loop: step.loop && { name: step.loop.name, forEach: step.loop.forEach, for: step.loop.range },
        inputs: step.inputs?.render(),
      })),
    })),
  };
}

/** Properties of a `Component`. */
export interface ComponentProps {
  /**
   * The component's name (3 to 128 letters, digits, hyphens, underscores and spaces). Its ARN
   * holds it lowercased.
   *
   * @default - a unique lowercase name is generated from the construct path
   */
  readonly componentName?: string;

  /**
   * The component's version: `major.minor.patch`, each number at most 1073741823 (no `x`).
   *
   * CloudFormation replaces a component when its document or another create-only property
   * changes, creating the new one before deleting the old, and Image Builder refuses a second
   * component with the same name and version. A fixed version must therefore be raised with
   * every such change; the construct warns (`cdk-imagebuilder:componentFixedVersion`).
   *
   * @default - derived from the content: `1.0.<n>`, where `n` is a number from the SHA-256 of
   * the create-only properties (document, platform, KMS key, OS versions, descriptions). A
   * changed component gets a new version; an unchanged one keeps it. Versions are not ordered by
   * time: refer to the component by its `componentArn`, not by a wildcard.
   */
  readonly componentVersion?: string;

  /** The component's document. */
  readonly data: ComponentData;

  /** The operating system platform the component runs on. */
  readonly platform: ComponentPlatform;

  /**
   * The operating system versions the component supports (1 to 25), for example
   * `Amazon Linux 2023` or `Microsoft Windows Server 2022`. Recipes whose parent image has
   * another version can't use it.
   *
   * @default - every version of the platform
   */
  readonly supportedOsVersions?: string[];

  /**
   * The component's description, 1 to 1024 characters.
   *
   * @default - no description
   */
  readonly description?: string;

  /**
   * What changed in this version, 1 to 1024 characters.
   *
   * @default - no change description
   */
  readonly changeDescription?: string;

  /**
   * The KMS key that encrypts the component's document (`KmsKeyId`, rendered as the key's ARN).
   * Principals that read the component (the pipeline's build instances) need to decrypt with it.
   *
   * @default - an AWS owned key
   */
  readonly kmsKey?: kms.IKey;

  /**
   * Whether the document is parsed and checked at synth (documents from `fromS3` never are).
   * Turn it off for a document that uses AWSTOE features the checks do not know.
   *
   * @default true
   */
  readonly validateDocument?: boolean;

  /**
   * Tags of the component (1 to 50).
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}

/** Attributes of a component defined outside this app. */
export interface ComponentAttributes {
  /** The component's name, as its ARN holds it (lowercase: `[a-z0-9-_]+`). */
  readonly componentName: string;

  /**
   * The component's version; `x` nodes select the latest matching version.
   *
   * @default 'x.x.x' - the latest version
   */
  readonly componentVersion?: string;
}

/** What `Component.fromLookup` searches for. */
export interface ComponentLookupOptions {
  /** The component's name, as its ARN holds it (lowercase: `[a-z0-9-_]+`). */
  readonly componentName: string;

  /**
   * The component's version; `x` nodes select the latest matching version, which the lookup
   * resolves to an exact one.
   *
   * @default 'x.x.x' - the latest version
   */
  readonly componentVersion?: string;
}

/** The permissions on a component, scoped to its ARN. */
export class ComponentGrants {
  /** The grants of the given component (owned or imported). */
  public static fromComponent(component: IComponent): ComponentGrants {
    return new ComponentGrants(component);
  }

  private constructor(private readonly component: IComponent) {}

  /**
   * Grants the given Image Builder actions on this component. A version with `x` nodes is
   * granted with `*` in their place, IAM's wildcard.
   */
  public actions(grantee: iam.IGrantable, ...actions: string[]): iam.Grant {
    return grantOnResource(grantee, iamResourceForVersionedArn(this.component.componentArn), actions);
  }

  /** Grants permission to read this component (`imagebuilder:GetComponent`). */
  public read(grantee: iam.IGrantable): iam.Grant {
    return this.actions(grantee, 'imagebuilder:GetComponent');
  }
}

/** Shared behaviour of owned and imported components. */
abstract class ComponentBase extends Resource implements IComponent {
  public abstract readonly componentArn: string;

  /** A reference to this component, where aws-cdk-lib expects one (`IComponentRef`). */
  public get componentRef(): imagebuilder.ComponentReference {
    return { componentArn: this.componentArn };
  }
  public abstract readonly componentName: string;
  public abstract readonly componentVersion: string;
  public abstract readonly platform?: ComponentPlatform;
  public abstract readonly supportedOsVersions?: string[];
  public abstract readonly parameterDeclarations?: DocumentParameterDeclaration[];

  /** The permissions on this component. */
  public readonly grants: ComponentGrants = ComponentGrants.fromComponent(this);

  /**
   * Grants permission to read this component (`imagebuilder:GetComponent`).
   * [disable-awslint:no-grants]
   */
  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return this.grants.read(grantee);
  }

  /**
   * Grants the given Image Builder actions on this component.
   * [disable-awslint:no-grants]
   */
  public grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant {
    return this.grants.actions(grantee, ...actions);
  }
}

/**
 * An Image Builder component (`AWS::ImageBuilder::Component`): an AWSTOE document that recipes
 * run to build or test an image, checked at synth. Existing components are imported by ARN, by
 * name, or by name when AWS owns them.
 *
 * Without a version, the version is derived from the content, so that a changed component
 * deploys without colliding with the one it replaces.
 *
 * @resource AWS::ImageBuilder::Component
 */
export class Component extends ComponentBase {
  /**
   * Whether `x` is a `Component` of this library (authored in an app, not imported), whichever
   * copy of the library made it.
   */
  public static isComponent(x: any): x is Component {
    return hasBrand(x, 'Component');
  }

  /**
   * Imports a component by its ARN
   * (`arn:aws:imagebuilder:us-east-1:123456789012:component/my-component/1.0.0`, a wildcard
   * version such as `1.x.x`, or a build such as `1.0.0/1`).
   */
  public static fromComponentArn(scope: Construct, id: string, componentArn: string): IComponent {
    const v = Validator.forImport(scope, id);
    v.arn('componentArn', componentArn, 'component');
    v.throwIfInvalid();
    return ImportedComponent.fromArn(scope, id, componentArn);
  }

  /** Imports a component of the stack's account and Region by name and version. */
  public static fromComponentAttributes(scope: Construct, id: string, attrs: ComponentAttributes): IComponent {
    const v = Validator.forImport(scope, id);
    v.arnResourceName('componentName', attrs.componentName);
    v.semanticVersion('componentVersion', attrs.componentVersion, { wildcards: true });
    v.throwIfInvalid();
    const version = attrs.componentVersion ?? ANY_VERSION;
    const componentArn = imageBuilderArn(scope, 'component', `${attrs.componentName}/${version}`);
    return new ImportedComponent(scope, id, componentArn, attrs.componentName, version, false);
  }

  /**
   * Looks up a component of the stack's account and Region at synth, through the CDK CLI's Cloud
   * Control context provider (`AWS::ImageBuilder::Component`, read by its ARN), and imports it
   * with what the lookup learned: the exact ARN (a version with `x` nodes resolved) and the
   * platform, which recipes check their parent image against.
   *
   * The stack needs a concrete account and Region. Until the CLI has answered, the component is a
   * dummy in account 123456789012, which can never deploy. The answer is cached in
   * `cdk.context.json`. Needs CDK CLI 2.1001.0 or later.
   */
  public static fromLookup(scope: Construct, id: string, options: ComponentLookupOptions): IComponent {
    const v = Validator.forImport(scope, id);
    v.arnResourceName('componentName', options.componentName);
    v.semanticVersion('componentVersion', options.componentVersion, { wildcards: true });
    v.throwIfInvalid();
    // AWS::ImageBuilder::Component schema: primaryIdentifier /properties/Arn (the build version ARN,
    // `.../1.0.0/1`); the read handler calls GetComponent, whose componentBuildVersionArn also takes a
    // version ARN with `x` nodes (service model ComponentVersionArnOrBuildVersionArn). Name, Platform
    // and Version are `required`, so every answer has them; SupportedOsVersions is optional (the
    // CLI fails a lookup whose resource lacks a property asked for) and Data/Uri are writeOnly
    // (never returned).
    const answer = lookupResource(scope, id, 'componentName', {
      typeName: 'AWS::ImageBuilder::Component',
      resource: 'component',
      resourceName: `${options.componentName}/${options.componentVersion ?? ANY_VERSION}`,
      propertiesToReturn: ['Arn', 'Platform'],
      dummy: arn => ({ Arn: `${exactDummyVersion(arn)}/1`, Platform: ComponentPlatform.LINUX }),
    });
    // The dummy's platform is no fact: a recipe would check its parent image against it.
    const platform: ComponentPlatform | undefined = answer.answered && Object.values(ComponentPlatform).includes(answer.properties.Platform)
      ? answer.properties.Platform
      : undefined;
    return ImportedComponent.fromArn(scope, id, answer.properties.Arn, platform);
  }

  /**
   * Imports a component owned by AWS, by name, in the stack's partition and region.
   *
   * @param name the component's name, for example `AwsManagedComponentName.UPDATE_LINUX` or `'update-linux'`
   * @param version the version to run: an exact version, a wildcard such as `1.x.x`, or `x.x.x` for the latest. Default: `x.x.x`
   */
  public static fromAwsManagedComponent(scope: Construct, id: string, name: string, version?: string): IComponent {
    const v = Validator.forImport(scope, id);
    v.pattern('name', name, PATTERNS.arnResourceName);
    v.semanticVersion('version', version, { wildcards: true });
    v.throwIfInvalid();
    const componentArn = Stack.of(scope).formatArn({
      service: 'imagebuilder',
      account: 'aws',
      resource: 'component',
      resourceName: `${name}/${version ?? ANY_VERSION}`,
    });
    const platform = Token.isUnresolved(name) ? undefined : platformOfAwsManagedComponent(name) as ComponentPlatform | undefined;
    return new ImportedComponent(scope, id, componentArn, name, version ?? ANY_VERSION, false, platform);
  }

  public readonly componentArn: string;
  public readonly componentName: string;

  /** The component's version: the one given, or the one derived from the content. */
  public readonly componentVersion: string;

  /** The component's platform (always known for a component authored in this app). */
  public readonly platform?: ComponentPlatform;

  /** The operating system versions the component supports, when restricted (`supportedOsVersions`). */
  public readonly supportedOsVersions?: string[];

  /** The parameters the document declares, when it was read at synth. */
  public readonly parameterDeclarations?: DocumentParameterDeclaration[];

  private readonly sharing: ResourceSharing;

  constructor(scope: Construct, id: string, props: ComponentProps) {
    super(scope, id, {
      physicalName: props.componentName,
    });
    const name = ownResourceName(this, props.componentName);

    const v = new Validator(this);
    validateVersionedDocumentFields(v, {
      nameProperty: 'componentName',
      name: props.componentName,
      versionProperty: 'componentVersion',
      version: props.componentVersion,
      description: props.description,
      changeDescription: props.changeDescription,
      tags: props.tags,
    });
    // An invalid platform is reported once; the document's actions are then not judged against it.
    const platformValid = v.enumValue('platform', props.platform, ComponentPlatform);
    if (v.count('supportedOsVersions', props.supportedOsVersions, LIMITS.supportedOsVersions)) {
      props.supportedOsVersions?.forEach((os, i) => v.length(`supportedOsVersions[${i}]`, os, LIMITS.nonEmptyString));
    }
    let facts: ComponentDocumentFacts | undefined;
    const document = props.data._source.bind(this, v, {
      property: 'data',
      enabled: props.validateDocument ?? true,
      check: (dv, property, parsed) => {
        facts = validateComponentDocument(dv, property, parsed, platformValid ? props.platform : undefined);
      },
    });
    v.throwIfInvalid();
    this.parameterDeclarations = facts?.parameters;
    this.supportedOsVersions = props.supportedOsVersions;

    const createOnly = {
      platform: props.platform,
      data: document.data,
      uri: document.uri,
      kmsKeyId: props.kmsKey?.keyArn,
      supportedOsVersions: props.supportedOsVersions,
      description: props.description,
      changeDescription: props.changeDescription,
    };
    warnOnDeployTimeReferences(this, 'component', 'componentVersion', document.data);
    const version = documentVersion(this, 'component', props.componentVersion, props.componentName !== undefined,
      () => ({ ...createOnly, objectVersion: document.objectVersion }));
    const resource = new imagebuilder.CfnComponent(this, 'Resource', {
      name,
      version,
      ...createOnly,
      tags: renderTagMap(props.tags),
    });

    this.platform = props.platform;
    this.componentVersion = version;
    this.componentArn = props.componentName === undefined
      ? resource.attrArn
      : this.getResourceArnAttribute(resource.attrArn, {
        service: 'imagebuilder',
        resource: 'component',
        resourceName: `${name}/${version}`,
      });
    this.componentName = this.getResourceNameAttribute(resource.attrName);
    this.sharing = new ResourceSharing(this, resource.attrArn, props.kmsKey);
  }

  /**
   * Shares this component build with other accounts, organizations or organizational units
   * through AWS RAM (`imagebuilder:Component`), so their recipes can run it. The component has
   * one resource share (child `Share`): calling this again adds principals to it.
   *
   * With `grantKeyDecrypt`, the principals are allowed `kms:Decrypt` and `kms:DescribeKey` on the
   * component's `kmsKey` (a key of this app), which they need to read an encrypted component.
   *
   * @param principals the accounts, organizations and organizational units to share with
   * @param options how the component is shared
   */
  public shareWith(principals: SharePrincipal[], options: ShareOptions = {}): void {
    this.sharing.share(principals, options);
  }
}
brand(Component, 'Component');

/** A component defined outside this app. */
class ImportedComponent extends ComponentBase {
  /** Imports by ARN: the name and version are read from it (`component/<name>/<version>[/<build>]`). */
  public static fromArn(scope: Construct, id: string, componentArn: string, platform?: ComponentPlatform): ImportedComponent {
    const version = Token.isUnresolved(componentArn)
      ? arnPathPart(componentArn, 2)
      : componentArn.split('/').slice(2).join('/');
    return new ImportedComponent(scope, id, componentArn, arnPathPart(componentArn, 1), version, true, platform);
  }

  public readonly supportedOsVersions?: string[] = undefined;
  public readonly parameterDeclarations?: DocumentParameterDeclaration[] = undefined;

  constructor(
    scope: Construct,
    id: string,
    public readonly componentArn: string,
    public readonly componentName: string,
    public readonly componentVersion: string,
    environmentFromArn: boolean,
    /** The platform, when a lookup learned it. */
    public readonly platform?: ComponentPlatform,
  ) {
    super(scope, id, environmentFromArn ? { environmentFromArn: componentArn } : {});
  }
}
