import { aws_kms as kms, aws_ram as ram, Lazy, Names, Resource, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { SharePrincipal, ShareOptions } from '../../sharing';
import { isToken, Validator } from '../core/validation';

/** What the principals of a share may do with the shared resource's KMS key. */
const KMS_SHARE_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'];

/** The longest name this library gives a resource share (RAM names are free text). */
const SHARE_NAME_MAX_LENGTH = 128;

/**
 * The AWS RAM share of one Image Builder resource (RAM shares `imagebuilder:Component`,
 * `imagebuilder:Image`, `imagebuilder:ImageRecipe` and `imagebuilder:ContainerRecipe`).
 *
 * A construct owns at most one: the first `shareWith` creates it (child `Share`), later calls add
 * principals to it. Its principals are rendered at synthesis.
 *
 * @example
 * // in a construct's constructor
 * this.sharing = new ResourceSharing(this, resource.attrArn, props.kmsKey);
 * // its public method
 * public shareWith(principals: SharePrincipal[], options: ShareOptions = {}): void {
 *   this.sharing.share(principals, options);
 * }
 */
export class ResourceSharing {
  private readonly principals: string[] = [];
  private resourceShare?: ram.CfnResourceShare;
  private allowExternalPrincipals?: boolean;

  /**
   * @param scope the construct that owns the resource (the share is its child `Share`)
   * @param resourceArn the ARN RAM shares: the resource's own ARN attribute (a version or build ARN)
   * @param key the KMS key the resource is encrypted with, if any
   */
  constructor(
    private readonly scope: Construct,
    private readonly resourceArn: string,
    private readonly key?: kms.IKey,
  ) {}

  /** Validates the principals and options, adds the principals to the share and grants the key. */
  public share(principals: SharePrincipal[], options: ShareOptions): void {
    const v = new Validator(this.scope);
    if (principals.length === 0) {
      v.fail('shareWith principals', [], 'must have at least 1 item');
    }
    const ownAccount = Stack.of(this.scope).account;
    principals.forEach((p, i) => {
      p._validate(v, `shareWith principals[${i}]`);
      if (p._isAccount && !isToken(p.principal) && !Token.isUnresolved(ownAccount) && p.principal === ownAccount) {
        v.fail(`shareWith principals[${i}]`, p.principal, 'must not be the account of the stack, which owns the resource');
      }
    });
    const allowExternal = options.allowExternalPrincipals ?? false;
    if (this.resourceShare && allowExternal !== this.allowExternalPrincipals) {
      v.fail('shareWith allowExternalPrincipals', allowExternal,
        `must be ${this.allowExternalPrincipals} as in the first shareWith call: the resource has one share`);
    }
    if (options.grantKeyDecrypt) {
      if (!this.key) {
        v.fail('shareWith grantKeyDecrypt', true, 'must not be true: the resource has no KMS key');
      } else if (!Resource.isOwnedResource(this.key)) {
        v.fail('shareWith grantKeyDecrypt', this.key.node.path,
          'needs a KMS key defined in this app, whose key policy it can change (allow the principals kms:Decrypt ' +
          'and kms:DescribeKey in the policy of an imported key yourself)');
      }
    }
    v.throwIfInvalid();

    for (const p of principals) {
      if (!this.principals.includes(p.principal)) {
        this.principals.push(p.principal);
      }
    }
    this.allowExternalPrincipals = allowExternal;
    this.resourceShare ??= this.createShare(allowExternal);
    if (options.grantKeyDecrypt && this.key) {
      for (const p of principals) {
        this.key.grant(p._iamPrincipal(), ...KMS_SHARE_ACTIONS);
      }
    }
  }

  private createShare(allowExternalPrincipals: boolean): ram.CfnResourceShare {
    const share: ram.CfnResourceShare = new ram.CfnResourceShare(this.scope, 'Share', {
      name: Lazy.string({ produce: () => Names.uniqueResourceName(share, { maxLength: SHARE_NAME_MAX_LENGTH, separator: '-' }) }),
      resourceArns: [this.resourceArn],
      principals: Lazy.list({ produce: () => this.principals }),
      allowExternalPrincipals,
    });
    return share;
  }
}
