import { IResource, Resource, Stack, Tokenization } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PATTERNS } from './private/api-constraints';
import { Validator } from './private/validation';

/**
 * An Image Builder component: a build or test document that recipes run.
 */
export interface IComponent extends IResource {
  /**
   * The component's ARN, with a version (`1.0.0`, `x.x.x` wildcards, or a build `1.0.0/1`).
   *
   * @attribute
   */
  readonly componentArn: string;
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

/** Shared behaviour of owned and imported components. */
abstract class ComponentBase extends Resource implements IComponent {
  public abstract readonly componentArn: string;
}

/**
 * Image Builder components.
 *
 * Components are imported by ARN, or by name when AWS owns them.
 */
export class Component extends ComponentBase {
  /**
   * Imports a component by its ARN
   * (`arn:aws:imagebuilder:us-east-1:123456789012:component/my-component/1.0.0`, a wildcard
   * version such as `1.x.x`, or a build such as `1.0.0/1`).
   */
  public static fromComponentArn(scope: Construct, id: string, componentArn: string): IComponent {
    const v = Validator.forImport(scope, id);
    v.arn('componentArn', componentArn, 'component');
    v.throwIfInvalid();
    return new ImportedComponent(scope, id, componentArn, true);
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
      resourceName: `${name}/${version ?? 'x.x.x'}`,
    });
    return new ImportedComponent(scope, id, componentArn, false);
  }

  /** The component's ARN. */
  public readonly componentArn: string;

  private constructor(scope: Construct, id: string, componentArn: string) {
    super(scope, id);
    this.componentArn = componentArn;
  }
}

/** A component defined outside this app. */
class ImportedComponent extends ComponentBase {
  public readonly componentArn: string;

  constructor(scope: Construct, id: string, componentArn: string, environmentFromArn: boolean) {
    super(scope, id, environmentFromArn ? { environmentFromArn: componentArn } : {});
    this.componentArn = componentArn;
  }
}
