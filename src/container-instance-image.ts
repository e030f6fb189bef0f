import { aws_ec2 as ec2, aws_ssm as ssm } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LIMITS, PATTERNS } from './private/core/api-constraints';
import { Validator } from './private/core/validation';

/** The property name used in error messages. */
const PROPERTY = 'instanceConfiguration.image';

/**
 * The AMI of the EC2 instance that builds and tests a container image (not the container's
 * parent image): an AMI ID, an EC2 machine image, or an SSM parameter that holds an AMI ID.
 */
export class ContainerInstanceImage {
  /** An AMI, by its ID (`ami-0123456789abcdef0`). */
  public static fromAmiId(amiId: string): ContainerInstanceImage {
    return new ContainerInstanceImage((_scope, v) => {
      v.pattern(PROPERTY, amiId, PATTERNS.amiId);
      return amiId;
    });
  }

  /**
   * The AMI of an EC2 machine image, such as
   * `ecs.EcsOptimizedImage.amazonLinux2023()`. Images looked up from SSM parameters are resolved
   * by CloudFormation at deployment.
   */
  public static fromMachineImage(machineImage: ec2.IMachineImage): ContainerInstanceImage {
    return new ContainerInstanceImage(scope => machineImage.getImage(scope).imageId);
  }

  /**
   * The AMI whose ID an SSM parameter holds, by the parameter's name (for example
   * `/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id`). Image Builder reads
   * the parameter at build time (`ssm:<name>`).
   */
  public static fromSsmParameterName(parameterName: string): ContainerInstanceImage {
    return new ContainerInstanceImage((_scope, v) => {
      if (v.length(PROPERTY, parameterName, LIMITS.ssmParameterName)) {
        v.pattern(PROPERTY, parameterName, PATTERNS.ssmParameterName);
      }
      return `ssm:${parameterName}`;
    });
  }

  /**
   * The AMI whose ID an SSM parameter holds. Image Builder reads the parameter (by its ARN) at
   * build time (`ssm:<ARN>`).
   */
  public static fromSsmParameter(parameter: ssm.IParameter): ContainerInstanceImage {
    return new ContainerInstanceImage(() => `ssm:${parameter.parameterArn}`);
  }

  /** Any value the API accepts as the build instance's image, passed as it is. */
  public static fromString(image: string): ContainerInstanceImage {
    return new ContainerInstanceImage(() => image);
  }

  private constructor(private readonly produce: (scope: Construct, v: Validator) => string) {}

  /**
   * The `InstanceConfiguration.Image` value of the recipe, checked with the recipe's validator.
   *
   * @internal
   */
  public _render(scope: Construct, v: Validator): string {
    const image = this.produce(scope, v);
    v.nonEmptyString(PROPERTY, image);
    return image;
  }
}
