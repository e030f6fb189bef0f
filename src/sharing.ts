import { aws_iam as iam } from 'aws-cdk-lib';
import { PATTERNS } from './private/core/api-constraints';
import { organizationalUnitPrincipal, organizationPrincipal } from './private/core/org-principals';
import { Validator } from './private/core/validation';

/** The kinds of principal an Image Builder resource can be shared with. */
enum SharePrincipalKind {
  ACCOUNT = 'account',
  ORGANIZATION = 'organization',
  ORGANIZATIONAL_UNIT = 'organizationalUnit',
}

/**
 * Who a resource is shared with through AWS RAM: an AWS account, a whole organization in AWS
 * Organizations, or an organizational unit (with the accounts of its child OUs).
 *
 * Sharing with an organization or an organizational unit needs sharing with AWS Organizations
 * enabled in RAM (`aws ram enable-sharing-with-aws-organization`).
 */
export class SharePrincipal {
  /**
   * An AWS account, by its 12-digit ID (`123456789012`).
   *
   * An account outside your organization needs `allowExternalPrincipals: true` on the share,
   * and accepts the share's invitation in RAM.
   */
  public static account(accountId: string): SharePrincipal {
    return new SharePrincipal(SharePrincipalKind.ACCOUNT, accountId);
  }

  /**
   * Every account of an organization, by the organization's ARN
   * (`arn:aws:organizations::111122223333:organization/o-exampleorgid`).
   */
  public static organization(organizationArn: string): SharePrincipal {
    return new SharePrincipal(SharePrincipalKind.ORGANIZATION, organizationArn);
  }

  /**
   * Every account under an organizational unit, by the OU's ARN
   * (`arn:aws:organizations::111122223333:ou/o-exampleorgid/ou-examplerootid-exampleouid`).
   */
  public static organizationalUnit(organizationalUnitArn: string): SharePrincipal {
    return new SharePrincipal(SharePrincipalKind.ORGANIZATIONAL_UNIT, organizationalUnitArn);
  }

  /** The principal as RAM takes it: an account ID, an organization ARN or an OU ARN. */
  public readonly principal: string;

  private constructor(private readonly kind: SharePrincipalKind, principal: string) {
    this.principal = principal;
  }

  /**
   * Checks the principal with the validator of the sharing construct.
   *
   * @internal
   */
  public _validate(v: Validator, property: string): void {
    switch (this.kind) {
      case SharePrincipalKind.ACCOUNT:
        v.accountId(property, this.principal);
        break;
      case SharePrincipalKind.ORGANIZATION:
        v.pattern(property, this.principal, PATTERNS.organizationArn);
        break;
      case SharePrincipalKind.ORGANIZATIONAL_UNIT:
        v.pattern(property, this.principal, PATTERNS.organizationalUnitArn);
        break;
    }
  }

  /** Whether this is an account principal. @internal */
  public get _isAccount(): boolean {
    return this.kind === SharePrincipalKind.ACCOUNT;
  }

  /**
   * The IAM principal that stands for the same accounts, for a key policy.
   *
   * @internal
   */
  public _iamPrincipal(): iam.IPrincipal {
    switch (this.kind) {
      case SharePrincipalKind.ACCOUNT:
        return new iam.AccountPrincipal(this.principal);
      case SharePrincipalKind.ORGANIZATION:
        return organizationPrincipal(this.principal);
      case SharePrincipalKind.ORGANIZATIONAL_UNIT:
        return organizationalUnitPrincipal(this.principal);
    }
  }
}

/** How a resource is shared, for `shareWith`. */
export interface ShareOptions {
  /**
   * Whether the share may include accounts outside your organization in AWS Organizations
   * (RAM's `AllowExternalPrincipals`). The construct has one share: every `shareWith` call on it
   * must agree on this.
   *
   * @default false - only accounts, organizational units and the organization of your own
   * organization; sharing with an account outside it fails at deployment
   */
  readonly allowExternalPrincipals?: boolean;

  /**
   * Whether the principals are allowed to decrypt with the resource's KMS key
   * (`kms:Decrypt` and `kms:DescribeKey`, added to the key policy), which they need to use an
   * encrypted shared resource. The key must be defined in this app; for other keys, change their
   * key policy yourself.
   *
   * @default false - the key policy is not changed
   */
  readonly grantKeyDecrypt?: boolean;
}
