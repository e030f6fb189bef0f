import { Annotations, aws_iam as iam, aws_kms as kms, CfnResource, Resource, Stack, Token } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import type { IDistributionConfiguration } from './distribution-configuration';
import { LIMITS } from './private/core/api-constraints';
import { brand, hasBrand } from './private/core/brands';
import { formatProblemAtConstruct } from './private/core/errors';
import { isToken, Validator } from './private/core/validation';
import { LibraryPolicy, reasoned, ReasonedStatement } from './private/iam/library-policy';
import { EBS_KEY_ACTIONS } from './private/iam/pipeline-execution-role';

/** Properties of a `DistributionCrossAccountRole`. */
export interface DistributionCrossAccountRoleProps {
  /**
   * The accounts that build the AMIs and distribute them to this account (the accounts of the
   * distribution configurations that list this account in `targetAccountIds`).
   */
  readonly sourceAccountIds: string[];

  /**
   * Roles of the source accounts that distribute with their own identity: the execution roles
   * of image pipelines that have one (an `ImagePipeline` with workflows, or with
   * `executionRole`). Each must be a role of a source account.
   *
   * @default - only the Image Builder service-linked role of each source account
   * (`AWSServiceRoleForImageBuilder`), which distributes for pipelines without an execution role
   */
  readonly sourceRoles?: iam.IRole[];

  /**
   * The KMS keys the copies of encrypted AMIs are re-encrypted with in this account, and the
   * source accounts' keys the AMIs are encrypted with (imported by ARN). The role gets the EBS
   * copy actions on them (`kms:Decrypt`, `kms:Encrypt`, `kms:ReEncryptFrom`, `kms:ReEncryptTo`,
   * `kms:GenerateDataKeyWithoutPlaintext`, `kms:DescribeKey`, and `kms:CreateGrant` for AWS
   * resources). The key policies of the source accounts' keys must allow this account too.
   *
   * @default - no keys: for AMIs that are not encrypted, or encrypted with the default EBS key
   */
  readonly encryptionKeys?: kms.IKey[];
}

/**
 * The role EC2 Image Builder assumes in a target account to copy and tag the AMIs it distributes
 * there from other accounts: `EC2ImageBuilderDistributionCrossAccountRole`, the name Image
 * Builder looks for.
 *
 * Define it once per target account, in a stack of that account (IAM roles are global: one stack,
 * whatever the Regions the AMIs are copied to). The source account's distribution configuration
 * lists the target account in `targetAccountIds`.
 *
 * Its permissions are a least-privilege version of the AWS managed policy
 * `Ec2ImageBuilderCrossAccountDistributionAccess`: only the source accounts' Image Builder
 * service-linked role (and the given `sourceRoles`) may assume it.
 *
 * The role's logical ID is fixed (`EC2ImageBuilderDistributionCrossAccountRole`), like its name:
 * moving the construct to another construct id or parent in the same stack keeps the same
 * resource, where a new logical ID would make CloudFormation create a second role with the same
 * name (which IAM refuses) before deleting the first. Moving it to another stack still needs two
 * deployments: remove it from the old stack first.
 *
 * At synth, a second `DistributionCrossAccountRole` in the same account is an error, and an
 * `ImagePipeline` of the app that distributes to this account with an execution role this role
 * does not trust (in `sourceRoles`) is a warning.
 */
export class DistributionCrossAccountRole extends Resource {
  /** The role name Image Builder assumes in a target account. */
  public static readonly ROLE_NAME = 'EC2ImageBuilderDistributionCrossAccountRole';

  /** The role. */
  public readonly role: iam.IRole;

  /**
   * The role's ARN.
   *
   * @attribute
   */
  public readonly roleArn: string;

  constructor(scope: Construct, id: string, props: DistributionCrossAccountRoleProps) {
    super(scope, id, { physicalName: DistributionCrossAccountRole.ROLE_NAME });

    const v = new Validator(this);
    this.validateSources(v, props);
    v.throwIfInvalid();

    const role = new iam.Role(this, 'Resource', {
      roleName: this.physicalName,
      description: 'Assumed by EC2 Image Builder in the source accounts to distribute AMIs to this account',
      assumedBy: this.sourcePrincipal(props.sourceAccountIds[0], props),
    });
    // One trust statement per source account.
    for (const account of props.sourceAccountIds.slice(1)) {
      role.assumeRolePolicy!.addStatements(new iam.PolicyStatement({
        actions: ['sts:AssumeRole'],
        principals: [this.sourcePrincipal(account, props)],
      }));
    }
    const policy = new LibraryPolicy(this, 'Policy', {
      role,
      holder: 'Cross-account distribution role of Image Builder',
      purpose: 'the permissions Image Builder needs to distribute AMIs to this account',
      roleCreatedInStack: true,
    });
    policy.add(...this.statements(props.encryptionKeys ?? []));

    // The role name is fixed per account: a fixed logical ID keeps a moved construct the same resource.
    (role.node.defaultChild as CfnResource).overrideLogicalId(DistributionCrossAccountRole.ROLE_NAME);

    this.role = role;
    this.roleArn = role.roleArn;
    this.node.addValidation({ validate: () => this.checkApp(props) });
  }

  /**
   * Across the app: a second role in this account is an error (IAM refuses a second role of the
   * same name); a pipeline that distributes to this account with an execution role this role does
   * not trust gets a warning (Image Builder assumes this role with the execution role).
   */
  private checkApp(props: DistributionCrossAccountRoleProps): string[] {
    const account = Stack.of(this).account;
    const all = this.node.root.node.findAll();
    const errors: string[] = [];
    const first = all.find(c => hasBrand(c, 'DistributionCrossAccountRole') && sameAccount(Stack.of(c), Stack.of(this)));
    if (first !== undefined && first !== this) {
      errors.push(formatProblemAtConstruct({
        property: 'role name',
        value: DistributionCrossAccountRole.ROLE_NAME,
        rule: `is already the name of the role ${first.node.path} in ${isToken(account) ? 'the same stack' : `account ${account}`}: ` +
          'IAM role names are unique per account, so define one DistributionCrossAccountRole per account and give it every source account and role',
      }));
    }
    if (isToken(account)) {
      return errors;
    }
    const trusted = (role: iam.IRole) => (props.sourceRoles ?? []).some(r => r === role || r.roleArn === role.roleArn);
    for (const c of all) {
      if (!hasBrand(c, 'ImagePipeline')) continue;
      const pipeline = c as IConstruct & { executionRole?: iam.IRole; distributionConfiguration?: IDistributionConfiguration };
      const role = pipeline.executionRole;
      const accounts = pipeline.distributionConfiguration?.amiDistributionFeatures?.crossAccountIds ?? [];
      if (role !== undefined && accounts.includes(account) && !trusted(role)) {
        Annotations.of(this).addWarningV2('cdk-imagebuilder:crossAccountRoleDoesNotTrustPipeline',
          `The pipeline ${c.node.path} distributes AMIs to account ${account} with its execution role ${role.node.path}, ` +
          'which Image Builder uses to assume this role, but this role does not trust it: the distribution would fail. ' +
          'Add the pipeline\'s executionRole to sourceRoles.');
      }
    }
    return errors;
  }

  private validateSources(v: Validator, props: DistributionCrossAccountRoleProps): void {
    const accounts = props.sourceAccountIds;
    if (!Token.isUnresolved(accounts)) {
      v.count('sourceAccountIds', accounts, { min: 1, max: LIMITS.targetAccountIds.max });
      const own = Stack.of(this).account;
      accounts.forEach((account, i) => {
        v.accountId(`sourceAccountIds[${i}]`, account);
        if (!isToken(account) && !isToken(own) && account === own) {
          v.fail(`sourceAccountIds[${i}]`, account, 'must not be the account of the stack (the role is for AMIs from other accounts)');
        }
      });
    }
    (props.sourceRoles ?? []).forEach((role, i) => {
      const account = role.env.account;
      if (!isToken(account) && !isToken(accounts) && !accounts.includes(account)) {
        v.fail(`sourceRoles[${i}]`, role.roleArn, `must be a role of a source account (${accounts.join(', ')})`);
      }
    });
  }

  /**
   * A source account, restricted to its Image Builder service-linked role and the given roles of
   * that account (all given roles, when the account of a role is not known at synthesis).
   */
  private sourcePrincipal(account: string, props: DistributionCrossAccountRoleProps): iam.IPrincipal {
    const partition = Stack.of(this).partition;
    const principalArns = [
      `arn:${partition}:iam::${account}:role/aws-service-role/imagebuilder.amazonaws.com/AWSServiceRoleForImageBuilder`,
      ...(props.sourceRoles ?? []).filter(r => isToken(r.env.account) || r.env.account === account).map(r => r.roleArn),
    ];
    return new iam.PrincipalWithConditions(new iam.AccountPrincipal(account), {
      ArnEquals: { 'aws:PrincipalArn': principalArns },
    });
  }

  /** The statements of the role's policy, each with the reason for its resources. */
  private statements(keys: kms.IKey[]): ReasonedStatement[] {
    const partition = Stack.of(this).partition;
    const statements = [
      reasoned('IAM grants ec2:DescribeImages only on *: EC2 does not scope Describe actions to resources', {
        sid: 'DescribeImages',
        actions: ['ec2:DescribeImages'],
        resources: ['*'],
      }),
      reasoned('Image Builder copies each build\'s AMI and its snapshots into this account, in every Region of the ' +
        'distribution: their IDs are made by the copy, and AMI ARNs hold no account; EC2 still limits the role to the AMIs ' +
        'this account owns or may use', {
        sid: 'CopyImages',
        actions: ['ec2:CopyImage'],
        resources: [`arn:${partition}:ec2:*::image/*`, `arn:${partition}:ec2:*::snapshot/*`],
      }),
      reasoned('the copied AMIs, whose IDs are made by the copy, are tagged and get their launch permissions', {
        sid: 'TagAndShareCopiedImages',
        actions: ['ec2:CreateTags', 'ec2:ModifyImageAttribute'],
        resources: [`arn:${partition}:ec2:*::image/*`],
      }),
    ];
    if (keys.length > 0) {
      const keyArns = keys.map(key => key.keyArn);
      statements.push(
        reasoned('the keys that encrypt the copied AMIs', {
          sid: 'UseEncryptionKeys',
          actions: [...EBS_KEY_ACTIONS],
          resources: keyArns,
        }),
        reasoned('EBS grants on the keys that encrypt the copied AMIs', {
          sid: 'GrantEncryptionKeysToEbs',
          actions: ['kms:CreateGrant'],
          resources: keyArns,
          conditions: { Bool: { 'kms:GrantIsForAWSResource': true } },
        }),
      );
    }
    return statements;
  }
}

brand(DistributionCrossAccountRole, 'DistributionCrossAccountRole');

/** Whether two stacks are surely in the same account: the same stack, or the same known account. */
function sameAccount(a: Stack, b: Stack): boolean {
  return a === b || (!isToken(a.account) && a.account === b.account);
}
