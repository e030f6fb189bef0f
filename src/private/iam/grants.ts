import { aws_iam as iam } from 'aws-cdk-lib';

/**
 * Grants Image Builder actions on one resource, by its ARN, in the grantee's identity policy
 * (Image Builder resources have no resource policies). Every grants facade of the library
 * goes through here.
 */
export function grantOnResource(grantee: iam.IGrantable, resourceArn: string, actions: string[]): iam.Grant {
  return iam.Grant.addToPrincipal({ grantee, actions, resourceArns: [resourceArn] });
}
