import { Duration } from 'aws-cdk-lib';

/** A file `S3Download` copies from Amazon S3 to the instance. */
export interface S3DownloadInput {
  /** The S3 object or prefix (`s3://bucket/key`, or `s3://bucket/prefix/*`). */
  readonly source: string;

  /** Where the file is written on the instance. */
  readonly destination: string;

  /**
   * The account that must own the bucket.
   *
   * @default - the owner is not checked
   */
  readonly expectedBucketOwner?: string;

  /**
   * Whether an existing file at the destination is replaced.
   *
   * @default - AWSTOE's default
   */
  readonly overwrite?: boolean;
}

/** A file `WebDownload` copies from an HTTPS URL to the instance. */
export interface WebDownloadInput {
  /** The HTTP or HTTPS URL of the file. */
  readonly source: string;

  /** Where the file is written on the instance. */
  readonly destination: string;

  /**
   * The file's expected checksum, checked after the download.
   *
   * @default - no checksum is checked
   */
  readonly checksum?: string;

  /**
   * The checksum's algorithm (for example `SHA256`).
   *
   * @default - AWSTOE's default
   */
  readonly algorithm?: string;

  /**
   * Whether an existing file at the destination is replaced.
   *
   * @default - AWSTOE's default
   */
  readonly overwrite?: boolean;
}

/** The packages `UpdateOS` updates. */
export interface UpdateOsInputs {
  /**
   * The only packages (or Windows updates) to install.
   *
   * @default - every available update
   */
  readonly include?: string[];

  /**
   * The packages (or Windows updates) not to install.
   *
   * @default - none is left out
   */
  readonly exclude?: string[];
}

/**
 * The inputs of a component step (`inputs` of an AWSTOE action): a mapping or a list of
 * mappings, as the action takes them. Use a helper for the common actions, or `fromObject` /
 * `fromList` for any action.
 */
export class ComponentStepInputs {
  /**
   * A mapping, for actions that take one (`ExecuteBash`, `ExecuteBinary`, `Reboot`, `UpdateOS`,
   * `ReadFile`, `InstallMSI`...).
   *
   * @param inputs the mapping, as the action takes it
   */
  public static fromObject(inputs: { [key: string]: any }): ComponentStepInputs {
    return new ComponentStepInputs(inputs);
  }

  /**
   * A list of mappings, for actions that take one (`S3Download`, `WebDownload`, `CreateFile`,
   * `CopyFile`, `SetRegistry`...).
   *
   * @param inputs the mappings, as the action takes them
   */
  public static fromList(inputs: Array<{ [key: string]: any }>): ComponentStepInputs {
    return new ComponentStepInputs(inputs);
  }

  /**
   * The commands of an `ExecuteBash` step (Linux, macOS).
   *
   * @param commands the bash commands, run in order
   */
  public static executeBash(commands: string[]): ComponentStepInputs {
    return new ComponentStepInputs({ commands });
  }

  /**
   * The commands of an `ExecutePowerShell` step (Windows).
   *
   * @param commands the PowerShell commands, run in order
   */
  public static executePowerShell(commands: string[]): ComponentStepInputs {
    return new ComponentStepInputs({ commands });
  }

  /**
   * The binary of an `ExecuteBinary` step and its arguments.
   *
   * @param path the binary to run
   * @param args its arguments
   */
  public static executeBinary(path: string, args?: string[]): ComponentStepInputs {
    return new ComponentStepInputs(definedOnly({ path, arguments: args }));
  }

  /**
   * The files of an `S3Download` step.
   *
   * @param downloads the S3 objects and where they go
   */
  public static s3Download(downloads: S3DownloadInput[]): ComponentStepInputs {
    return new ComponentStepInputs(downloads.map(d => definedOnly({
      source: d.source,
      destination: d.destination,
      expectedBucketOwner: d.expectedBucketOwner,
      overwrite: d.overwrite,
    })));
  }

  /**
   * The files of a `WebDownload` step.
   *
   * @param downloads the URLs and where they go
   */
  public static webDownload(downloads: WebDownloadInput[]): ComponentStepInputs {
    return new ComponentStepInputs(downloads.map(d => definedOnly({
      source: d.source,
      destination: d.destination,
      checksum: d.checksum,
      algorithm: d.algorithm,
      overwrite: d.overwrite,
    })));
  }

  /**
   * The delay of a `Reboot` step (`delaySeconds`, whole seconds).
   *
   * @param delay how long AWSTOE waits before it reboots
   */
  public static reboot(delay: Duration): ComponentStepInputs {
    return new ComponentStepInputs({ delaySeconds: delay.toSeconds() });
  }

  /**
   * The packages of an `UpdateOS` step.
   *
   * @param inputs the packages to include or leave out
   */
  public static updateOs(inputs: UpdateOsInputs): ComponentStepInputs {
    return new ComponentStepInputs(definedOnly({ include: inputs.include, exclude: inputs.exclude }));
  }

  private constructor(private readonly inputs: any) {}

  /** The inputs as the component document holds them: a mapping or a list of mappings. */
  public render(): any {
    return this.inputs;
  }
}

/**
 * The inputs of a workflow step, as its action takes them. A key ending in `.$` takes a JSONPath
 * reference, for example `{ 'instanceId.$': '$.stepOutputs.Launch.instanceId' }`.
 */
export class WorkflowStepInputs {
  /**
   * The inputs, as the step action takes them.
   *
   * @param inputs the mapping of inputs
   */
  public static fromObject(inputs: { [key: string]: any }): WorkflowStepInputs {
    return new WorkflowStepInputs(inputs);
  }

  private constructor(private readonly inputs: { [key: string]: any }) {}

  /** The inputs as the workflow document holds them. */
  public render(): { [key: string]: any } {
    return this.inputs;
  }
}

/**
 * The condition of a workflow step (the document's `if`): the step runs only when it holds.
 */
export class WorkflowStepCondition {
  /**
   * A condition written as the document holds it, for example
   * `{ booleanEquals: true, value: '$.parameters.waitForApproval' }`, or a logical operator
   * (`and`, `or`, `not`) over such conditions.
   *
   * @param condition the condition mapping
   */
  public static fromObject(condition: { [key: string]: any }): WorkflowStepCondition {
    return new WorkflowStepCondition(condition);
  }

  /**
   * Holds when a value, usually a JSONPath reference such as `$.parameters.waitForApproval`,
   * equals a boolean (`booleanEquals`).
   *
   * @param value the value compared, usually a JSONPath reference
   * @param expected the boolean it must equal
   */
  public static booleanEquals(value: string, expected: boolean): WorkflowStepCondition {
    return new WorkflowStepCondition({ booleanEquals: expected, value });
  }

  /**
   * Holds when a value, usually a JSONPath reference, equals a string (`stringEquals`).
   *
   * @param value the value compared, usually a JSONPath reference
   * @param expected the string it must equal
   */
  public static stringEquals(value: string, expected: string): WorkflowStepCondition {
    return new WorkflowStepCondition({ stringEquals: expected, value });
  }

  private constructor(private readonly condition: { [key: string]: any }) {}

  /** The condition as the workflow document holds it (its `if`). */
  public render(): { [key: string]: any } {
    return this.condition;
  }
}

/** The mapping without its undefined values. */
function definedOnly(mapping: { [key: string]: unknown }): { [key: string]: unknown } {
  return Object.fromEntries(Object.entries(mapping).filter(([, value]) => value !== undefined));
}
