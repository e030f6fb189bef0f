import { aws_iam as iam, aws_logs as logs, CfnResource, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The prefix of Image Builder's own log groups (`/aws/imagebuilder/<image name>` and
 * `/aws/imagebuilder/pipeline/<pipeline name>`). Image Builder's service-linked role may write
 * under it; a log group elsewhere needs an execution role that may write to it.
 */
export const IMAGE_BUILDER_LOG_GROUP_PREFIX = '/aws/imagebuilder/';

/**
 * The name of a log group when it is known at synth: a literal name, or the literal
 * `LogGroupName` of a log group defined in this app. Undefined for a generated name.
 */
export function knownLogGroupName(group: logs.ILogGroup): string | undefined {
  if (!Token.isUnresolved(group.logGroupName)) {
    return group.logGroupName;
  }
  // Recognized by its resource type, not by class: a second copy of aws-cdk-lib has other classes.
  const child = group.node.defaultChild;
  const resource = CfnResource.isCfnResource(child) && child.cfnResourceType === logs.CfnLogGroup.CFN_RESOURCE_TYPE_NAME
    ? child as logs.CfnLogGroup
    : undefined;
  if (resource?.logGroupName !== undefined && !Token.isUnresolved(resource.logGroupName)) {
    return resource.logGroupName;
  }
  return undefined;
}

/** Whether Image Builder's service-linked role may write to a log group of this name. */
export function logGroupNameUnderPrefix(name: string | undefined): boolean {
  return name !== undefined && name.startsWith(IMAGE_BUILDER_LOG_GROUP_PREFIX);
}

/** CloudWatch Logs in the scope's Region, the principal a log group's KMS key must allow. */
export function logsServicePrincipal(scope: IConstruct): iam.ServicePrincipal {
  const stack = Stack.of(scope);
  return new iam.ServicePrincipal(`logs.${stack.region}.${stack.urlSuffix}`);
}
