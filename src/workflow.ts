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
import { PATTERNS } from './private/core/api-constraints';
import { ANY_VERSION, arnPathPart, iamResourceForVersionedArn, ownResourceName, stateMachineExecutionsArn } from './private/core/arns';
import { brand, hasBrand } from './private/core/brands';
import { validateWorkflowDocument, WorkflowDocumentFacts } from './private/core/documents';
import { exactDummyVersion, lookupResource } from './private/core/lookup';
import { renderTagMap, Validator } from './private/core/validation';
import { documentVersion, DocumentSource, validateVersionedDocumentFields, warnOnDeployTimeReferences } from './private/core/versioned-document';
import { grantOnResource } from './private/iam/grants';
import { WorkflowStepCondition, WorkflowStepInputs } from './step-inputs';

/** The kind of an Image Builder workflow. */
export enum WorkflowType {
  /** Builds the image. */
  BUILD = 'BUILD',
  /** Tests the image. */
  TEST = 'TEST',
  /** Distributes the image. */
  DISTRIBUTION = 'DISTRIBUTION',
}

/**
 * An Image Builder workflow: the build, test or distribution steps of an image build.
 */
export interface IWorkflow extends IResource, imagebuilder.IWorkflowRef {
  /**
   * The workflow's ARN, with a version (`1.0.0`, `x.x.x` wildcards, or a build `1.0.0/1`).
   *
   * @attribute
   */
  readonly workflowArn: string;

  /** Whether this is a build, test or distribution workflow. */
  readonly workflowType: WorkflowType;

  /**
   * The workflow's name, as its ARN holds it.
   *
   * @attribute
   */
  readonly workflowName: string;

  /**
   * The workflow's version, as its ARN holds it (possibly with `x` wildcards or a build number).
   *
   * @attribute
   */
  readonly workflowVersion: string;

  /**
   * The parameters the workflow's document declares, when the document was read at synth (a
   * workflow authored in this app from a document, file or inline text, with `validateDocument`);
   * undefined when not known. A pipeline or image must give every parameter without a default,
   * and no other.
   */
  readonly parameterDeclarations?: DocumentParameterDeclaration[];

  /**
   * The names of the document's `WaitForAction` steps, which pause a build until someone calls
   * `SendWorkflowStepAction` (or the step times out), when the document was read at synth;
   * undefined when not known.
   */
  readonly waitForActionSteps?: string[];

  /**
   * The statements an execution role needs for what the document's steps do, where the document
   * shows it (`sns:Publish` to the topic of a `WaitForAction` step; `states:StartExecution` and
   * `states:DescribeExecution` for the state machine of an `ExecuteStateMachine` step), when the
   * document was read at synth; undefined when not known. A pipeline or image that runs the
   * workflow puts them in the execution role it creates.
   */
  readonly executionRoleStatements?: iam.PolicyStatement[];

  /**
   * Grants permission to read this workflow (`imagebuilder:GetWorkflow`).
   *
   * @param grantee the principal to grant to
   */
  grantRead(grantee: iam.IGrantable): iam.Grant;

  /**
   * Grants the given Image Builder actions on this workflow.
   *
   * @param grantee the principal to grant to
   * @param actions the actions, such as `imagebuilder:DeleteWorkflow`
   */
  grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant;
}

/**
 * The names of the workflows AWS owns, for `Workflow.fromAwsManagedWorkflow`.
 *
 * Image Builder runs the matching ones when a pipeline lists no workflow of a kind.
 */
export class AwsManagedWorkflowName {
  /** Builds an AMI (`build-image`, a build workflow). */
  public static readonly BUILD_IMAGE = 'build-image';
  /** Tests an AMI (`test-image`, a test workflow). */
  public static readonly TEST_IMAGE = 'test-image';
  /** Distributes an AMI (`distribute-image`, a distribution workflow). */
  public static readonly DISTRIBUTE_IMAGE = 'distribute-image';
  /** Builds a container image (`build-container`, a build workflow). */
  public static readonly BUILD_CONTAINER = 'build-container';
  /** Tests a container image (`test-container`, a test workflow). */
  public static readonly TEST_CONTAINER = 'test-container';
  /** Distributes a container image (`distribute-container`, a distribution workflow). */
  public static readonly DISTRIBUTE_CONTAINER = 'distribute-container';

  private constructor() {}
}

/** What `Workflow.fromLookup` searches for. */
export interface WorkflowLookupOptions {
  /** The workflow's name, as its ARN holds it (lowercase: `[a-z0-9-_]+`). */
  readonly workflowName: string;

  /** The workflow's type (its ARN holds it: `workflow/<build|test|distribution>/...`). */
  readonly workflowType: WorkflowType;

  /**
   * The workflow's version; `x` nodes select the latest matching version, which the lookup
   * resolves to an exact one.
   *
   * @default 'x.x.x' - the latest version
   */
  readonly workflowVersion?: string;
}

/** Attributes of a workflow defined outside this app. */
export interface WorkflowAttributes {
  /**
   * The workflow's ARN
   * (`arn:aws:imagebuilder:us-east-1:123456789012:workflow/test/my-tests/1.0.0`).
   */
  readonly workflowArn: string;

  /**
   * The kind of the workflow. When the ARN's `workflow/<build|test|distribution>/` segment is
   * known at synth (even if other parts of the ARN are tokens), it must agree with it.
   */
  readonly workflowType: WorkflowType;
}

/** The permissions on a workflow, scoped to its ARN. */
export class WorkflowGrants {
  /** The grants of the given workflow (owned or imported). */
  public static fromWorkflow(workflow: IWorkflow): WorkflowGrants {
    return new WorkflowGrants(workflow);
  }

  private constructor(private readonly workflow: IWorkflow) {}

  /**
   * Grants the given Image Builder actions on this workflow. A version with `x` nodes is
   * granted with `*` in their place, IAM's wildcard.
   */
  public actions(grantee: iam.IGrantable, ...actions: string[]): iam.Grant {
    return grantOnResource(grantee, iamResourceForVersionedArn(this.workflow.workflowArn), actions);
  }

  /** Grants permission to read this workflow (`imagebuilder:GetWorkflow`). */
  public read(grantee: iam.IGrantable): iam.Grant {
    return this.actions(grantee, 'imagebuilder:GetWorkflow');
  }
}

/** Shared behaviour of workflows. */
abstract class WorkflowBase extends Resource implements IWorkflow {
  public abstract readonly workflowArn: string;

  /** A reference to this workflow, where aws-cdk-lib expects one (`IWorkflowRef`). */
  public get workflowRef(): imagebuilder.WorkflowReference {
    return { workflowArn: this.workflowArn };
  }
  public abstract readonly workflowType: WorkflowType;
  public abstract readonly workflowName: string;
  public abstract readonly workflowVersion: string;
  public abstract readonly parameterDeclarations?: DocumentParameterDeclaration[];
  public abstract readonly waitForActionSteps?: string[];
  public abstract readonly executionRoleStatements?: iam.PolicyStatement[];

  /** The permissions on this workflow. */
  public readonly grants: WorkflowGrants = WorkflowGrants.fromWorkflow(this);

  /**
   * Grants permission to read this workflow (`imagebuilder:GetWorkflow`).
   * [disable-awslint:no-grants]
   */
  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return this.grants.read(grantee);
  }

  /**
   * Grants the given Image Builder actions on this workflow.
   * [disable-awslint:no-grants]
   */
  public grant(grantee: iam.IGrantable, ...actions: string[]): iam.Grant {
    return this.grants.actions(grantee, ...actions);
  }
}

/**
 * An Image Builder workflow (`AWS::ImageBuilder::Workflow`): the build, test or distribution
 * steps of an image, checked at synth. Existing workflows are imported by ARN, or by name when
 * AWS owns them.
 *
 * Without a version, the version is derived from the content, so that a changed workflow
 * deploys without colliding with the one it replaces.
 *
 * @resource AWS::ImageBuilder::Workflow
 */
export class Workflow extends WorkflowBase {
  /**
   * Whether `x` is a `Workflow` of this library (authored in an app, not imported), whichever
   * copy of the library made it.
   */
  public static isWorkflow(x: any): x is Workflow {
    return hasBrand(x, 'Workflow');
  }

  /**
   * Imports a workflow by its ARN
   * (`arn:aws:imagebuilder:us-east-1:123456789012:workflow/build/my-build/1.0.0`, a wildcard
   * version such as `1.x.x`, or a build such as `1.0.0/1`).
   *
   * The workflow's kind is read from the ARN's `workflow/<build|test|distribution>/` segment,
   * which must be known at synth. An ARN with tokens elsewhere (for example the account and
   * Region of `Stack.formatArn` in an environment-agnostic stack) is fine. For an ARN whose
   * segment is a token (a parameter, or an attribute of a resource of this app), use
   * `fromWorkflowAttributes` and give the kind.
   */
  public static fromWorkflowArn(scope: Construct, id: string, workflowArn: string): IWorkflow {
    const v = Validator.forImport(scope, id);
    const workflowType = workflowTypeOfArn(workflowArn);
    if (v.arn('workflowArn', workflowArn, 'workflow') && workflowType === undefined) {
      v.fail('workflowArn', workflowArn,
        'must show its workflow/<build|test|distribution>/ segment at synth to read the workflow type from it ' +
        '(use Workflow.fromWorkflowAttributes to give the type of a token ARN)');
    }
    v.throwIfInvalid();
    return new ImportedWorkflow(scope, id, workflowArn, workflowType!, !Token.isUnresolved(workflowArn));
  }

  /**
   * Imports a workflow by its ARN and kind. The ARN may be a token.
   */
  public static fromWorkflowAttributes(scope: Construct, id: string, attrs: WorkflowAttributes): IWorkflow {
    const v = Validator.forImport(scope, id);
    v.enumValue('workflowType', attrs.workflowType, WorkflowType);
    if (v.arn('workflowArn', attrs.workflowArn, 'workflow')) {
      // Read from the literal part of the ARN, tokens or not; unknown when the segment is a token.
      const typeInArn = workflowTypeOfArn(attrs.workflowArn);
      if (typeInArn !== undefined && typeInArn !== attrs.workflowType) {
        v.fail('workflowType', attrs.workflowType, `must match the workflow ARN, which names a ${typeInArn} workflow`);
      }
    }
    v.throwIfInvalid();
    return new ImportedWorkflow(scope, id, attrs.workflowArn, attrs.workflowType, !Token.isUnresolved(attrs.workflowArn));
  }

  /**
   * Looks up a workflow of the stack's account and Region at synth, through the CDK CLI's Cloud
   * Control context provider (`AWS::ImageBuilder::Workflow`, read by its ARN
   * `workflow/<type>/<name>/<version>`), and imports it with the exact ARN (a version with `x`
   * nodes resolved) and its type.
   *
   * The stack needs a concrete account and Region. Until the CDK CLI has answered, the lookup
   * returns a dummy in account 123456789012, which can never deploy; the answer is cached in
   * `cdk.context.json`. Needs CDK CLI 2.1001.0 or later (the Cloud Control context provider).
   */
  public static fromLookup(scope: Construct, id: string, options: WorkflowLookupOptions): IWorkflow {
    const v = Validator.forImport(scope, id);
    v.enumValue('workflowType', options.workflowType, WorkflowType);
    v.arnResourceName('workflowName', options.workflowName);
    v.semanticVersion('workflowVersion', options.workflowVersion, { wildcards: true });
    v.throwIfInvalid();
    // AWS::ImageBuilder::Workflow schema: primaryIdentifier /properties/Arn; Name, Type and Version
    // are `required`; Data and Uri are writeOnly (the document is never returned). GetWorkflow's
    // workflowBuildVersionArn takes a version with `x` nodes (service model
    // WorkflowVersionArnOrBuildVersionArn). The type is in the ARN, so only Arn is asked for.
    const answer = lookupResource(scope, id, 'workflowName', {
      typeName: 'AWS::ImageBuilder::Workflow',
      resource: 'workflow',
      resourceName: `${options.workflowType.toLowerCase()}/${options.workflowName}/${options.workflowVersion ?? ANY_VERSION}`,
      propertiesToReturn: ['Arn'],
      dummy: arn => ({ Arn: `${exactDummyVersion(arn)}/1` }),
    });
    return Workflow.fromWorkflowAttributes(scope, id, { workflowArn: answer.properties.Arn, workflowType: options.workflowType });
  }

  /**
   * Imports a workflow owned by AWS, by kind and name, in the stack's partition and region:
   * `arn:<partition>:imagebuilder:<region>:aws:workflow/<build|test|distribution>/<name>/<version>`.
   *
   * @param workflowType the kind of the workflow
   * @param name the workflow's name, for example `AwsManagedWorkflowName.TEST_IMAGE` or `'test-image'`
   * @param version the version to run: an exact version, a wildcard such as `1.x.x`, or `x.x.x` for the latest. Default: `x.x.x`
   */
  public static fromAwsManagedWorkflow(
    scope: Construct,
    id: string,
    workflowType: WorkflowType,
    name: string,
    version?: string,
  ): IWorkflow {
    const v = Validator.forImport(scope, id);
    checkWorkflowType(v, workflowType);
    v.pattern('name', name, PATTERNS.arnResourceName);
    v.semanticVersion('version', version, { wildcards: true });
    v.throwIfInvalid();
    const workflowArn = Stack.of(scope).formatArn({
      service: 'imagebuilder',
      account: 'aws',
      resource: 'workflow',
      resourceName: `${workflowType.toLowerCase()}/${name}/${version ?? ANY_VERSION}`,
    });
    return new ImportedWorkflow(scope, id, workflowArn, workflowType, false, { name, version: version ?? ANY_VERSION });
  }

  public readonly workflowArn: string;
  public readonly workflowType: WorkflowType;
  public readonly workflowName: string;

  /** The workflow's version: the one given, or the one derived from the content. */
  public readonly workflowVersion: string;

  /** The parameters the document declares, when it was read at synth. */
  public readonly parameterDeclarations?: DocumentParameterDeclaration[];

  /** What the document's steps use, when the document was read at synth. */
  private readonly facts?: WorkflowDocumentFacts;

  constructor(scope: Construct, id: string, props: WorkflowProps) {
    super(scope, id, {
      physicalName: props.workflowName,
    });
    const name = ownResourceName(this, props.workflowName);

    const v = new Validator(this);
    validateVersionedDocumentFields(v, {
      nameProperty: 'workflowName',
      name: props.workflowName,
      versionProperty: 'workflowVersion',
      version: props.workflowVersion,
      description: props.description,
      changeDescription: props.changeDescription,
      tags: props.tags,
    });
    // An invalid type is reported once; the document's actions are then not judged against it.
    const typeValid = checkWorkflowType(v, props.workflowType);
    let facts: WorkflowDocumentFacts | undefined;
    const document = props.data._source.bind(this, v, {
      property: 'data',
      enabled: props.validateDocument ?? true,
      check: (dv, property, parsed) => {
        facts = validateWorkflowDocument(dv, property, parsed, typeValid ? props.workflowType : undefined);
      },
    });
    v.throwIfInvalid();
    this.facts = facts;
    this.parameterDeclarations = facts?.parameters;

    const createOnly = {
      type: props.workflowType,
      data: document.data,
      uri: document.uri,
      kmsKeyId: props.kmsKey?.keyArn,
      description: props.description,
      changeDescription: props.changeDescription,
    };
    warnOnDeployTimeReferences(this, 'workflow', 'workflowVersion', document.data);
    const version = documentVersion(this, 'workflow', props.workflowVersion, props.workflowName !== undefined,
      () => ({ ...createOnly, objectVersion: document.objectVersion }));
    const resource = new imagebuilder.CfnWorkflow(this, 'Resource', {
      name,
      version,
      ...createOnly,
      tags: renderTagMap(props.tags),
    });

    this.workflowType = props.workflowType;
    this.workflowVersion = version;
    this.workflowArn = props.workflowName === undefined
      ? resource.attrArn
      : this.getResourceArnAttribute(resource.attrArn, {
        service: 'imagebuilder',
        resource: 'workflow',
        resourceName: `${props.workflowType.toLowerCase()}/${name}/${version}`,
      });
    // CloudFormation returns no name attribute: the ARN holds the (normalized) name.
    this.workflowName = this.getResourceNameAttribute(arnPathPart(resource.attrArn, 2));
  }

  /**
   * The names of the document's `WaitForAction` steps, which pause a build until someone calls
   * `SendWorkflowStepAction` (or the step times out); undefined when the document was not read
   * at synth.
   */
  public get waitForActionSteps(): string[] | undefined {
    return this.facts?.steps.filter(step => step.action === WorkflowStepAction.WAIT_FOR_ACTION).map(step => step.name);
  }

  /**
   * The statements a pipeline's execution role needs for what this workflow's steps do, where
   * the document shows it: `sns:Publish` to the topic of a `WaitForAction` step, and
   * `states:StartExecution` / `states:DescribeExecution` for the state machine of an
   * `ExecuteStateMachine` step. Inputs given by reference (`<input>.$`) are only known at build
   * time: grant those with `ImagePipeline.addToExecutionRolePolicy`. Undefined when the document
   * was not read at synth. Each read makes new statements.
   */
  public get executionRoleStatements(): iam.PolicyStatement[] | undefined {
    if (this.facts === undefined) {
      return undefined;
    }
    const statements: iam.PolicyStatement[] = [];
    for (const step of this.facts.steps) {
      const topicArn = step.inputs.snsTopicArn;
      if (step.action === WorkflowStepAction.WAIT_FOR_ACTION && typeof topicArn === 'string') {
        statements.push(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [topicArn] }));
      }
      const stateMachineArn = step.inputs.stateMachineArn;
      if (step.action === WorkflowStepAction.EXECUTE_STATE_MACHINE && typeof stateMachineArn === 'string') {
        statements.push(
          new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [stateMachineArn] }),
          new iam.PolicyStatement({ actions: ['states:DescribeExecution'], resources: [stateMachineExecutionsArn(this, stateMachineArn)] }),
        );
      }
    }
    return statements;
  }
}

brand(Workflow, 'Workflow');

/** A workflow defined outside this app. */
class ImportedWorkflow extends WorkflowBase {
  public readonly parameterDeclarations?: DocumentParameterDeclaration[] = undefined;
  public readonly waitForActionSteps?: string[] = undefined;
  public readonly executionRoleStatements?: iam.PolicyStatement[] = undefined;
  public readonly workflowName: string;
  public readonly workflowVersion: string;

  constructor(
    scope: Construct,
    id: string,
    public readonly workflowArn: string,
    public readonly workflowType: WorkflowType,
    environmentFromArn: boolean,
    known?: { readonly name: string; readonly version: string },
  ) {
    super(scope, id, environmentFromArn ? { environmentFromArn: workflowArn } : {});
    // `workflow/<type>/<name>/<version>[/<build>]`.
    this.workflowName = known?.name ?? arnPathPart(workflowArn, 2);
    this.workflowVersion = known?.version ?? (Token.isUnresolved(workflowArn)
      ? arnPathPart(workflowArn, 3)
      : workflowArn.split('/').slice(3).join('/'));
  }
}

/**
 * The kind named by a workflow ARN's `workflow/<kind>/` segment, if its literal part shows one
 * (tokens are left out, so a token never reads as a segment).
 */
function workflowTypeOfArn(workflowArn: string): WorkflowType | undefined {
  const literal = Token.isUnresolved(workflowArn)
    ? String(Tokenization.reverseString(workflowArn)
      .mapTokens({ mapToken: () => '\0' })
      .join({ join: (left: unknown, right: unknown) => `${left}${right}` }))
    : workflowArn;
  const kind = PATTERNS.workflowTypeSegment.exec(literal)?.[1];
  return kind === undefined ? undefined : kind.toUpperCase() as WorkflowType;
}

/**
 * The value of one workflow parameter.
 *
 * Image Builder passes every parameter value as a list of strings; these factories convert the
 * usual types the way workflow documents expect them.
 */
export class WorkflowParameterValue {
  /** A single string value. */
  public static fromString(value: string): WorkflowParameterValue {
    return new WorkflowParameterValue([value]);
  }

  /** A list of string values (for parameters of type `stringList`). */
  public static fromStrings(values: string[]): WorkflowParameterValue {
    return new WorkflowParameterValue([...values]);
  }

  /** A number, passed as its decimal string. Tokens are accepted. */
  public static fromNumber(value: number): WorkflowParameterValue {
    return new WorkflowParameterValue([Tokenization.stringifyNumber(value)]);
  }

  /** A boolean, passed as `'true'` or `'false'`. */
  public static fromBoolean(value: boolean): WorkflowParameterValue {
    return new WorkflowParameterValue([value ? 'true' : 'false']);
  }

  /** The values passed to the workflow. */
  public readonly values: string[];

  private constructor(values: string[]) {
    this.values = values;
  }
}

/** What Image Builder does when a workflow fails. */
export enum WorkflowOnFailure {
  /** Stop the image build: the image fails. */
  ABORT = 'ABORT',
  /** Carry on with the next workflows. */
  CONTINUE = 'CONTINUE',
}

/**
 * A workflow as a pipeline runs it: the workflow, its parameters, how test workflows are
 * grouped, and what happens when it fails.
 */
export interface WorkflowConfiguration {
  /** The workflow to run. */
  readonly workflow: IWorkflow;

  /**
   * The values of the workflow's parameters, by parameter name (1 to 128 characters, no NUL).
   *
   * @default - no parameters are passed: the workflow document's defaults apply
   */
  readonly parameters?: { [name: string]: WorkflowParameterValue };

  /**
   * The parallel group of a test workflow: test workflows of the same group run at the same
   * time (up to five at once). Test workflows only. 1 to 100 characters: letters, digits and
   * `-_+#`, starting with a letter or digit.
   *
   * @default - the test workflow runs on its own, in list order
   */
  readonly parallelGroup?: string;

  /**
   * What Image Builder does when this workflow fails: stop the image build, or carry on (for
   * example a test workflow whose failure should not fail the image).
   *
   * @default - not sent: Image Builder's default applies
   */
  readonly onFailure?: WorkflowOnFailure;
}

/** The step actions of a workflow document (Image Builder user guide, "Supported step actions"). */
export enum WorkflowStepAction {
  /** Applies launch template, license, export, Fast Launch and SSM parameter settings to distributed AMIs (distribution). */
  APPLY_IMAGE_CONFIGURATIONS = 'ApplyImageConfigurations',
  /** Prepares an instance to build containers (build, test). */
  BOOTSTRAP_INSTANCE_FOR_CONTAINER = 'BootstrapInstanceForContainer',
  /** Collects the installed packages of the instance (build). */
  COLLECT_IMAGE_METADATA = 'CollectImageMetadata',
  /** Collects the Amazon Inspector findings of the image (test, distribution; not build). */
  COLLECT_IMAGE_SCAN_FINDINGS = 'CollectImageScanFindings',
  /** Creates an AMI from the instance (build). */
  CREATE_IMAGE = 'CreateImage',
  /** Creates an image from an ISO file (an imported disk image). */
  CREATE_IMAGE_FROM_ISO = 'CreateImageFromIso',
  /** Copies the AMI to the distribution Regions and accounts (distribution). */
  DISTRIBUTE_IMAGE = 'DistributeImage',
  /** Distributes a container image to the repositories of the distribution configuration. */
  DISTRIBUTE_CONTAINER_IMAGE = 'DistributeContainerImage',
  /** Runs the recipe's components on the instance (build, test). */
  EXECUTE_COMPONENTS = 'ExecuteComponents',
  /** Runs a Step Functions state machine and waits for it. Inputs: `stateMachineArn`. */
  EXECUTE_STATE_MACHINE = 'ExecuteStateMachine',
  /** Launches the build or test instance (build, test). */
  LAUNCH_INSTANCE = 'LaunchInstance',
  /** Changes attributes, such as launch permissions, of distributed AMIs (distribution). */
  MODIFY_IMAGE_ATTRIBUTES = 'ModifyImageAttributes',
  /** Registers an AMI from snapshots (build). */
  REGISTER_IMAGE = 'RegisterImage',
  /** Runs a Systems Manager command document on the instance (build, test). Inputs: `instanceId`, `documentName`. */
  RUN_COMMAND = 'RunCommand',
  /** Runs Sysprep on a Windows instance (build, test). */
  RUN_SYS_PREP = 'RunSysPrep',
  /** Runs the sanitization script on a Linux instance (build, test). */
  SANITIZE_INSTANCE = 'SanitizeInstance',
  /** Terminates the instance (build, test). */
  TERMINATE_INSTANCE = 'TerminateInstance',
  /** Pauses until `SendWorkflowStepAction` resumes or stops it; may notify an SNS topic (`snsTopicArn`). */
  WAIT_FOR_ACTION = 'WaitForAction',
  /** Waits until the instance's SSM agent is reachable (build, test). */
  WAIT_FOR_SSM_AGENT = 'WaitForSSMAgent',
}

/** What Image Builder does when a workflow step fails. */
export enum WorkflowStepOnFailure {
  /** Fail the workflow (rolling back the steps that support it). */
  ABORT = 'Abort',
  /** Run the next steps. */
  CONTINUE = 'Continue',
}

/** The type of a workflow document parameter. */
export enum WorkflowParameterType {
  /** A string. */
  STRING = 'string',
  /** An integer. */
  INTEGER = 'integer',
  /** A boolean. */
  BOOLEAN = 'boolean',
  /** A list of strings. */
  STRING_LIST = 'stringList',
}

/** A parameter of a typed workflow document (`$.parameters.<name>` in the steps). */
export interface WorkflowDocumentParameter {
  /** The parameter's name: letters, digits, `-` and `_`. */
  readonly name: string;

  /** The parameter's type. */
  readonly parameterType: WorkflowParameterType;

  /**
   * The value used when a pipeline gives none.
   *
   * @default - no default: every pipeline must give a value
   */
  readonly defaultValue?: WorkflowParameterValue;

  /**
   * What the parameter is for.
   *
   * @default - no description
   */
  readonly description?: string;
}

/** A step of a typed workflow document. */
export interface WorkflowStep {
  /** The step's name: letters, digits, `-` and `_`; unique in the workflow. */
  readonly name: string;

  /** The step action. */
  readonly action: WorkflowStepAction;

  /**
   * What the step does.
   *
   * @default - no description
   */
  readonly description?: string;

  /**
   * The step's inputs, as the action takes them. A key ending in `.$` takes a JSONPath
   * reference to an earlier step's output.
   *
   * @example
   * const inputs = imagebuilder.WorkflowStepInputs.fromObject({
   *   "instanceId.$": '$.stepOutputs.Launch.instanceId',
   * });
   *
   * @default - no inputs
   */
  readonly inputs?: WorkflowStepInputs;

  /**
   * What Image Builder does when the step fails.
   *
   * @default - Image Builder's default, WorkflowStepOnFailure.ABORT
   */
  readonly onFailure?: WorkflowStepOnFailure;

  /**
   * Whether the step is rolled back when the workflow fails.
   *
   * @default - Image Builder's default, true
   */
  readonly rollbackEnabled?: boolean;

  /**
   * How long the step may run (whole seconds).
   *
   * @default - the step action's default timeout
   */
  readonly timeout?: Duration;

  /**
   * A condition (the document's `if`): the step runs only when it holds, for example
   * `WorkflowStepCondition.booleanEquals('$.parameters.waitForApproval', true)`.
   *
   * @default - the step always runs
   */
  readonly condition?: WorkflowStepCondition;
}

/** An output of a typed workflow document. */
export interface WorkflowDocumentOutput {
  /** The output's name. */
  readonly name: string;
  /** Its value, usually a step output reference such as `$.stepOutputs.CreateImage.imageId`. */
  readonly value: string;
}

/** An Image Builder workflow document written with types (schema version 1.0), for `WorkflowData.fromDocument`. */
export interface WorkflowDocument {
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
   * The document's parameters.
   *
   * @default - no parameters
   */
  readonly parameters?: WorkflowDocumentParameter[];

  /** The steps, in order (at least one). */
  readonly steps: WorkflowStep[];

  /**
   * The document's outputs.
   *
   * @default - no outputs
   */
  readonly outputs?: WorkflowDocumentOutput[];
}

/**
 * The document of a workflow: an Image Builder YAML (or JSON) workflow document, from a file, an
 * asset, inline text, S3 or a typed document.
 *
 * Documents known at synth (every source except `fromS3`) are parsed and checked then, unless
 * the workflow sets `validateDocument: false`. A document in S3 is read once, by Image Builder,
 * when CloudFormation creates the workflow, with the credentials of the caller (the stack's
 * CloudFormation execution role).
 */
export class WorkflowData {
  /**
   * A YAML or JSON document in a local file, read and checked at synth. A file of at most 16,000
   * characters is inlined (`Data`); a larger one is uploaded as an asset (`Uri`).
   */
  public static fromFile(path: string): WorkflowData {
    return new WorkflowData(DocumentSource.file(path));
  }

  /** A YAML or JSON document in a local file, read and checked at synth, always uploaded as an asset (`Uri`). */
  public static fromAsset(path: string): WorkflowData {
    return new WorkflowData(DocumentSource.asset(path));
  }

  /** A YAML or JSON document given as text: 1 to 16,000 characters, without NUL characters. */
  public static fromInline(document: string): WorkflowData {
    return new WorkflowData(DocumentSource.inline(document));
  }

  /**
   * A document stored in S3, in the workflow's Region. It is not read at synth, so it is neither
   * checked nor used to derive execution role permissions. Image Builder reads the object once,
   * when it creates the workflow: a new object under the same key does not update the workflow.
   * Give the object's version ID (a versioned bucket) so a new version replaces the workflow,
   * change the key, or use `fromFile` / `fromAsset`, whose asset key follows the content.
   *
   * @param objectVersion the S3 version ID of the object; a change replaces the workflow (with a
   * derived version, a new one). Default: none, the workflow is replaced only when the key changes
   */
  public static fromS3(bucket: s3.IBucket, key: string, objectVersion?: string): WorkflowData {
    return new WorkflowData(DocumentSource.s3(bucket, key, objectVersion));
  }

  /** A document written with types, rendered as JSON; tokens may appear in any string. */
  public static fromDocument(document: WorkflowDocument): WorkflowData {
    return new WorkflowData(DocumentSource.object(v => renderWorkflowDocument(document, v)));
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

/** The workflow document form of a typed document (undefined fields are dropped by the JSON rendering). */
function renderWorkflowDocument(document: WorkflowDocument, v: Validator): unknown {
  return {
    name: document.name,
    description: document.description,
    schemaVersion: '1.0',
    parameters: document.parameters?.map(p => ({
      name: p.name,
      type: p.parameterType,
      default: p.defaultValue === undefined ? undefined : renderParameterDefault(p.parameterType, p.defaultValue.values),
      description: p.description,
    })),
    steps: document.steps.map(step => ({
      name: step.name,
      action: step.action,
      description: step.description,
      onFailure: step.onFailure,
      rollbackEnabled: step.rollbackEnabled,
      timeoutSeconds: v.durationUnit(`steps[${step.name}].timeout`, step.timeout, 'seconds') ? step.timeout?.toSeconds() : undefined,
      if: step.condition?.render(),
      inputs: step.inputs?.render(),
    })),
    outputs: document.outputs?.map(o => ({ name: o.name, value: o.value })),
  };
}

function renderParameterDefault(type: WorkflowParameterType, values: string[]): unknown {
  switch (type) {
    case WorkflowParameterType.STRING_LIST: return values;
    case WorkflowParameterType.BOOLEAN: return values[0] === 'true';
    case WorkflowParameterType.INTEGER: return Token.isUnresolved(values[0]) ? values[0] : Number(values[0]);
    default: return values.join(',');
  }
}

/** Properties of a `Workflow`. */
export interface WorkflowProps {
  /**
   * The workflow's name (3 to 128 letters, digits, hyphens, underscores and spaces). Its ARN
   * holds it lowercased.
   *
   * @default - a unique lowercase name is generated from the construct path
   */
  readonly workflowName?: string;

  /**
   * The workflow's version: `major.minor.patch`, each number at most 1073741823 (no `x`).
   *
   * CloudFormation replaces a workflow when its document or another create-only property
   * changes, and Image Builder refuses a second workflow with the same name and version: a fixed
   * version must be raised with every such change; the construct warns
   * (`cdk-imagebuilder:workflowFixedVersion`).
   *
   * @default - derived from the content: `1.0.<n>`, `n` from the SHA-256 of the create-only
   * properties (document, type, KMS key, descriptions)
   */
  readonly workflowVersion?: string;

  /** Whether this is a build, test or distribution workflow. */
  readonly workflowType: WorkflowType;

  /** The workflow's document. */
  readonly data: WorkflowData;

  /**
   * The workflow's description, 1 to 1024 characters.
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
   * The KMS key that encrypts the workflow's document (`KmsKeyId`, rendered as the key's ARN).
   *
   * @default - an AWS owned key
   */
  readonly kmsKey?: kms.IKey;

  /**
   * Whether the document is parsed and checked at synth (documents from `fromS3` never are).
   * Turn it off for a document that uses features the checks do not know; no execution role
   * permissions are then derived from it.
   *
   * @default true
   */
  readonly validateDocument?: boolean;

  /**
   * Tags of the workflow (1 to 50).
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}

/**
 * The workflow type: a `WorkflowType` member, known at synth (a workflow's ARN holds its type in
 * lowercase, which a token cannot give).
 */
function checkWorkflowType(v: Validator, workflowType: WorkflowType): boolean {
  if (Token.isUnresolved(workflowType)) {
    v.fail('workflowType', workflowType, 'must be a WorkflowType known at synth, not a token (the workflow ARN holds the type in lowercase)');
    return false;
  }
  return v.enumValue('workflowType', workflowType, WorkflowType);
}
