import { aws_iam as iam } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** A policy of this library that takes statements: an `iam.Policy`, or a `LibraryInlinePolicy`. */
export interface OwnedPolicy extends IConstruct {
  addStatements(...statements: iam.PolicyStatement[]): void;
}

/**
 * A role as a grantee whose statements go to a policy that a construct of this library owns,
 * attached to the role. The permissions the library gives a role (created or given by the user)
 * are kept apart from the role's other policies, so that they are reviewed and acknowledged as
 * this library's. Resource policies see the role itself.
 */
export class OwnedPolicyGrantee implements iam.IPrincipal {
  public readonly grantPrincipal: iam.IPrincipal = this;
  public readonly assumeRoleAction: string;
  public readonly policyFragment: iam.PrincipalPolicyFragment;
  public readonly principalAccount?: string;

  /**
   * @param onStatement called with each statement added, for the owner's records (its reasons)
   */
  constructor(role: iam.IRole, public readonly policy: OwnedPolicy, private readonly onStatement?: (statement: iam.PolicyStatement) => void) {
    this.assumeRoleAction = role.assumeRoleAction;
    this.policyFragment = role.policyFragment;
    this.principalAccount = role.principalAccount;
  }

  public addToPolicy(statement: iam.PolicyStatement): boolean {
    return this.addToPrincipalPolicy(statement).statementAdded;
  }

  public addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    this.policy.addStatements(statement);
    this.onStatement?.(statement);
    return { statementAdded: true, policyDependable: this.policy };
  }
}

/**
 * A resolved CloudFormation value as cdk-nag names it in a finding ID: `Fn::Join` joined,
 * `Ref` as `<Name>`, `Fn::GetAtt` as `<Name.Attribute>`, `${X}` as `<X>`.
 */
export function nagReference(value: unknown): string {
  if (typeof value === 'string') {
    return value.replace(/\$\{/g, '<').replace(/}/g, '>');
  }
  const node = value as { [key: string]: any } | undefined;
  if (node === undefined || node === null) {
    return '';
  }
  if (node['Fn::Join']) {
    const [delimiter, items] = node['Fn::Join'];
    return (items as unknown[]).map(nagReference).join(delimiter);
  }
  if (node['Fn::Sub']) {
    return nagReference(node['Fn::Sub']);
  }
  if (node['Fn::GetAtt']) {
    const [resource, attribute] = node['Fn::GetAtt'];
    return `<${nagReference(resource)}.${nagReference(attribute)}>`;
  }
  if (node['Fn::ImportValue']) {
    return nagReference(node['Fn::ImportValue']);
  }
  if (node.Ref) {
    return `<${nagReference(node.Ref)}>`;
  }
  return JSON.stringify(node);
}
