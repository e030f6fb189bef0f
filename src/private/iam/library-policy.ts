import { aws_iam as iam, Reference, Stack, Token, Tokenization } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { acknowledgeLibraryFindings } from './acknowledge';
import { LibraryInlinePolicy } from './inline-policy';
import { nagReference, OwnedPolicy, OwnedPolicyGrantee } from './owned-policy';

/**
 * A statement the library writes, with the reason its wildcard resources (if any) are needed:
 * each statement lives next to its reason, so a reason can never be lost or misattributed.
 */
export interface ReasonedStatement {
  readonly statement: iam.PolicyStatement;
  /** Why the statement needs its wildcard resources (a phrase that completes "needed for ..."). */
  readonly reason: string;
  /**
   * The only wildcard resources the reason explains, as cdk-nag names them (`*`); any other
   * wildcard of the statement (for example in an ARN the user gave) is left for cdk-nag to judge.
   *
   * @default - every wildcard resource of the statement
   */
  readonly onlyFor?: string[];
}

/** A statement with its reason: `reasoned('why', { sid, actions, resources })`. */
export function reasoned(reason: string, props: iam.PolicyStatementProps): ReasonedStatement {
  return { statement: new iam.PolicyStatement(props), reason };
}

/** The cdk-nag packs whose rules the library's acknowledgements name (AwsSolutions rules are named apiece). */
const RULE_PACKS = ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'] as const;

/** One acknowledgement of the same rule, with the same reason, for each pack that has it. */
function forEachPack(rule: string, reason: string): Array<{ id: string; reason: string }> {
  return RULE_PACKS.map(pack => ({ id: `${pack}-${rule}`, reason }));
}

/**
 * The one place that knows what this library acknowledges to cdk-nag, and why.
 *
 * The library's own statements are kept in policies the library owns (`LibraryPolicy`), never in
 * a role's default policy: an acknowledgement made on a library policy covers only the statements
 * the library wrote there. Statements a user adds to a role (its default policy, or any policy of
 * their own) are judged by cdk-nag like any other.
 */
export const ACKNOWLEDGED = {
  /**
   * A policy of the library attached to one role: inline by design. Every pack that has the rule
   * (NIST 800-53 R5, HIPAA Security, PCI DSS 3.2.1) reports it under its own ID.
   */
  inlinePolicy: (purpose: string) => forEachPack('IAMNoInlinePolicy',
    `The policy holds only ${purpose}, scoped to their resources. It is inline by design: AWS recommends inline ` +
    'policies to keep a strict one-to-one relationship between a policy and its identity, so these permissions can ' +
    'never be attached to another principal, and they are removed with the construct that created them.'),
  /** A log group the library creates, without a customer managed key unless one is given. */
  logGroupDefaultEncryption: forEachPack('CloudWatchLogGroupEncrypted',
    'CloudWatch Logs encrypts every log group at rest with keys it manages. A customer managed key means a ' +
    'key (and its cost and key policy) per build, so it is opt-in: pass logEncryptionKey to encrypt these ' +
    'build logs with your own KMS key.'),
  /**
   * The CloudFormation validator bundled with aws-cdk-lib (2.276) predates the scan types and
   * scan gate of Image Builder images and pipelines, which the L1s and the API already carry.
   */
  scanFieldsUnknownToValidator: {
    id: 'CloudFormation-Validate::F3002',
    reason: 'ImageScanningConfiguration.ImageScanningTypes and ScanResultCondition are properties of ' +
      'AWS::ImageBuilder::Image and AWS::ImageBuilder::ImagePipeline (aws-cdk-lib 2.276 L1s, Image Builder API) that the ' +
      'resource schema bundled with the CloudFormation validator does not list yet; the library writes every other ' +
      'property of this resource from typed props.',
  },
  /** An AWS managed policy the library attaches to a role it creates, with what it lets the role do. */
  awsManagedPolicy: (name: string, purpose: string) => ({
    id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${name}]`,
    reason: `${name} is an AWS managed policy that Image Builder documents as required for its build and test ` +
      `instances: it ${purpose}. AWS updates it as the service changes, which a copy in a customer managed policy ` +
      'would not follow. Users who need their own policies give `role` or `instanceProfile` instead.',
  }),
  /** A wildcard resource of a library statement, with the reasons of the statements that use it. */
  wildcardResource: (holder: string, flatResource: string, reasons: string[]) => ({
    id: `AwsSolutions-IAM5[Resource::${flatResource}]`,
    reason: `${holder}, resource wildcard needed for ${reasons.join('; ')}.`,
  }),
} as const;

/** What a library policy is for, for its acknowledgements. */
export interface LibraryPolicyProps {
  /** The role the policy is attached to. */
  readonly role: iam.IRole;
  /** Who holds the permissions ("Execution role of an Image Builder pipeline"). */
  readonly holder: string;
  /** What the policy holds ("the permissions this pipeline uses"). */
  readonly purpose: string;
  /**
   * Whether the role was created by the library in the same stack: the policy is then written
   * as an L1 (`LibraryInlinePolicy`, the same template as `iam.Policy`, at a lower synth cost);
   * otherwise it is an `iam.Policy`, which handles imported, immutable and cross-account roles.
   *
   * @default false
   */
  readonly roleCreatedInStack?: boolean;
}

/**
 * An inline policy that the library owns and fills with reasoned statements, attached to one
 * role. Its cdk-nag acknowledgements are made on the policy itself, so they cover exactly the
 * statements the library put in it, and nothing a user adds to the role.
 */
export class LibraryPolicy {
  /** The policy (at `scope/id`: its logical ID follows the scope and id). */
  public readonly policy: OwnedPolicy;
  private readonly statements: ReasonedStatement[] = [];
  private readonly deferred: Array<() => ReasonedStatement[]> = [];

  constructor(scope: Construct, id: string, private readonly props: LibraryPolicyProps) {
    this.policy = props.roleCreatedInStack
      ? new LibraryInlinePolicy(scope, id, props.role)
      : new iam.Policy(scope, id, { roles: [props.role] });
    acknowledgeLibraryFindings(this.policy, ...ACKNOWLEDGED.inlinePolicy(props.purpose));
    // The finding IDs name resources as they render, known once references are resolved: at synth.
    this.policy.node.addValidation({
      validate: () => {
        this.deferred.splice(0).forEach(produce => this.add(...produce()));
        acknowledgeWildcards(this.policy, this.props.holder, this.statements);
        return [];
      },
    });
  }

  /** Adds the library's statements, each with its reason. */
  public add(...statements: ReasonedStatement[]): void {
    for (const s of statements) {
      this.policy.addStatements(s.statement);
      this.statements.push(s);
    }
  }

  /**
   * Adds the library's statements that depend on what is known only at synth (for example the
   * distributions added to a configuration after it was given to a pipeline): produced once,
   * when the app is synthesized, before the acknowledgements are made.
   */
  public addAtSynth(produce: () => ReasonedStatement[]): void {
    this.deferred.push(produce);
  }

  /**
   * A grantee whose statements (from aws-cdk-lib grant methods) go to this policy, each recorded
   * with the given reason, which explains only the wildcard resources `onlyFor` (as cdk-nag names
   * them) when given.
   */
  public grantee(reason: string, onlyFor?: string[]): OwnedPolicyGrantee {
    return new OwnedPolicyGrantee(this.props.role, this.policy, statement => this.statements.push({ statement, reason, onlyFor }));
  }
}

/**
 * Acknowledges cdk-nag's `AwsSolutions-IAM5` finding for each wildcard resource of these
 * statements, on the construct that holds them, with the reasons of the statements that use it.
 * The finding IDs follow cdk-nag's spelling of a resource (`Resource::arn:<AWS::Partition>:...`).
 */
function acknowledgeWildcards(holder: IConstruct, holderLabel: string, statements: ReasonedStatement[]): void {
  const stack = Stack.of(holder);
  const reasons = new Map<string, string[]>();
  for (const { statement, reason, onlyFor } of statements) {
    for (const resource of statement.resources) {
      if (!mayHoldWildcard(resource)) continue;
      const flat = nagReference(stack.resolve(resource));
      if (!flat.includes('*') || (onlyFor && !onlyFor.includes(flat))) continue;
      const why = statement.sid ? `${statement.sid}: ${reason}` : reason;
      const list = reasons.get(flat) ?? [];
      if (!list.includes(why)) list.push(why);
      reasons.set(flat, list);
    }
  }
  if (reasons.size === 0) return;
  acknowledgeLibraryFindings(holder, ...[...reasons.entries()].map(([flat, why]) =>
    ACKNOWLEDGED.wildcardResource(holderLabel, flat, why)));
}

/**
 * Whether a statement's resource may hold a wildcard once resolved: a written-out ARN holds one
 * if it shows one; a reference to a resource or its attribute (`Ref`, `Fn::GetAtt`) never does,
 * so only other tokens need resolving.
 */
function mayHoldWildcard(resource: string): boolean {
  if (!Token.isUnresolved(resource)) {
    return resource.includes('*');
  }
  const fragments = Tokenization.reverseString(resource);
  return !(fragments.length === 1 && Reference.isReference(fragments.firstToken));
}
