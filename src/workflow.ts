import { IResource, Resource, Stack, Token, Tokenization } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PATTERNS } from './private/api-constraints';
import { Validator } from './private/validation';

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
export interface IWorkflow extends IResource {
  /**
   * The workflow's ARN, with a version (`1.0.0`, `x.x.x` wildcards, or a build `1.0.0/1`).
   *
   * @attribute
   */
  readonly workflowArn: string;

  /** Whether this is a build, test or distribution workflow. */
  readonly workflowType: WorkflowType;
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

/** Shared behaviour of workflows. */
abstract class WorkflowBase extends Resource implements IWorkflow {
  public abstract readonly workflowArn: string;
  public abstract readonly workflowType: WorkflowType;
}

/**
 * Image Builder workflows, imported for use in image pipelines.
 *
 * Workflows are imported by ARN, or by name when AWS owns them.
 */
export class Workflow extends WorkflowBase {
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
    v.enumValue('workflowType', workflowType, WorkflowType);
    v.pattern('name', name, PATTERNS.arnResourceName);
    v.semanticVersion('version', version, { wildcards: true });
    v.throwIfInvalid();
    const workflowArn = Stack.of(scope).formatArn({
      service: 'imagebuilder',
      account: 'aws',
      resource: 'workflow',
      resourceName: `${workflowType.toLowerCase()}/${name}/${version ?? 'x.x.x'}`,
    });
    return new ImportedWorkflow(scope, id, workflowArn, workflowType, false);
  }

  public readonly workflowArn: string;
  public readonly workflowType: WorkflowType;

  private constructor(scope: Construct, id: string, workflowArn: string, workflowType: WorkflowType) {
    super(scope, id);
    this.workflowArn = workflowArn;
    this.workflowType = workflowType;
  }
}

/** A workflow defined outside this app. */
class ImportedWorkflow extends WorkflowBase {
  public readonly workflowArn: string;
  public readonly workflowType: WorkflowType;

  constructor(scope: Construct, id: string, workflowArn: string, workflowType: WorkflowType, environmentFromArn: boolean) {
    super(scope, id, environmentFromArn ? { environmentFromArn: workflowArn } : {});
    this.workflowArn = workflowArn;
    this.workflowType = workflowType;
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
