import { aws_iam as iam, Lazy, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** The longest name IAM takes for an inline policy (aws-cdk-lib's `iam.Policy` keeps the end of the logical ID). */
const MAX_POLICY_NAME_LENGTH = 128;

/**
 * An inline policy that a construct of this library writes for one role, rendered as
 * `iam.Policy` renders it (an `AWS::IAM::Policy` named after its own logical ID, its document an
 * `iam.PolicyDocument`, at `<id>/Resource`, so the template is the same) with the L1 alone: no
 * public property exposes the policy, so it needs none of the L2's bookkeeping (attachment
 * tracking on the role, conditional synthesis, validation of statements the library writes).
 * Only for a role the library created in the same stack (an imported role may be immutable or in
 * another account, which `iam.Policy` handles), and created with its first statement: it is never
 * empty.
 */
export class LibraryInlinePolicy extends Construct {
  private readonly document = new iam.PolicyDocument();

  constructor(scope: Construct, id: string, role: iam.IRole) {
    super(scope, id);
    const resource: iam.CfnPolicy = new iam.CfnPolicy(this, 'Resource', {
      policyDocument: this.document,
      policyName: Lazy.string({
        produce: () => (Stack.of(this).resolve(resource.logicalId) as string).slice(-MAX_POLICY_NAME_LENGTH),
      }),
      roles: [role.roleName],
    });
  }

  /** Adds statements to the policy. */
  public addStatements(...statements: iam.PolicyStatement[]): void {
    this.document.addStatements(...statements);
  }
}
