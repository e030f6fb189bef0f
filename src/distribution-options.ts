import { aws_ec2 as ec2, aws_ecr as ecr, aws_kms as kms, aws_ssm as ssm } from 'aws-cdk-lib';

// The distribution settings of one Region, shared by `DistributionConfiguration` and the module
// that validates and renders them (src/private/compose/distribution-settings.ts).

/**
 * Who may launch instances from the distributed AMI, besides the account that owns it
 * (the API's `LaunchPermissionConfiguration`).
 */
export interface AmiLaunchPermission {
  /**
   * The accounts that may launch the AMI (12-digit IDs, at most 1536).
   *
   * @default - no account is given launch permission
   */
  readonly userIds?: string[];

  /**
   * The user groups that may launch the AMI. The only group is `all`, which makes the AMI
   * public: every AWS account can launch it (a warning is added when it is set).
   *
   * @default - the AMI is not public
   */
  readonly userGroups?: string[];

  /**
   * The AWS Organizations organizations whose accounts may launch the AMI, by ARN
   * (`arn:aws:organizations::111122223333:organization/o-exampleorgid`), at most 25.
   *
   * @default - no organization is given launch permission
   */
  readonly organizationArns?: string[];

  /**
   * The organizational units whose accounts may launch the AMI, by ARN
   * (`arn:aws:organizations::111122223333:ou/o-exampleorgid/ou-abcd-12345678`), at most 25.
   *
   * @default - no organizational unit is given launch permission
   */
  readonly organizationalUnitArns?: string[];
}

/** An EC2 launch template that distribution updates with the new AMI ID, in one account. */
export interface LaunchTemplateConfiguration {
  /**
   * The launch template. Image Builder takes it by ID, so an imported template must be imported
   * with its ID.
   *
   * @example
   * const launchTemplate = ec2.LaunchTemplate.fromLaunchTemplateAttributes(this, 'Template', {
   *   launchTemplateId: 'lt-0123456789abcdef0',
   * });
   */
  readonly launchTemplate: ec2.ILaunchTemplate;

  /**
   * The account the launch template belongs to.
   *
   * @default - the account that distributes the AMI
   */
  readonly accountId?: string;

  /**
   * Whether the new launch template version becomes the template's default version.
   *
   * @default - Image Builder's default: the new version is set as the default
   */
  readonly setDefaultVersion?: boolean;
}

/** Windows fast launch for the distributed AMI: EC2 keeps pre-provisioned snapshots ready. */
export interface FastLaunchConfiguration {
  /**
   * Whether fast launch is enabled (`false` turns it off for the AMI).
   *
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * The launch template EC2 uses to launch the instances that create the pre-provisioned
   * snapshots (by ID when known, else by name, with its version).
   *
   * @default - EC2's default launch settings
   */
  readonly launchTemplate?: ec2.ILaunchTemplate;

  /**
   * The maximum number of instances EC2 launches at once to create snapshots: at least 6
   * (EC2's EnableFastLaunch rule).
   *
   * @default - EC2's default
   */
  readonly maxParallelLaunches?: number;

  /**
   * The number of pre-provisioned snapshots to keep ready, 1 to 10000.
   *
   * @default - EC2's default
   */
  readonly targetResourceCount?: number;

  /**
   * The account that owns the fast-launch enabled AMI.
   *
   * @default - the account that distributes the AMI
   */
  readonly accountId?: string;
}

/** An SSM parameter that distribution writes the new AMI ID to, in the distribution's Region. */
export interface SsmParameterConfiguration {
  /**
   * The parameter's name (`/golden/ami/latest`): created when missing, updated otherwise.
   * Letters, digits and `_.-/`, at most 1011 characters.
   */
  readonly parameterName: string;

  /**
   * The account that owns the parameter: one of the distribution's `targetAccountIds`.
   *
   * @default - the account that distributes the AMI
   */
  readonly amiAccountId?: string;

  /**
   * The parameter's data type. `AWS_EC2_IMAGE` makes SSM check that the value is an AMI ID.
   *
   * @default ssm.ParameterDataType.AWS_EC2_IMAGE
   */
  readonly dataType?: ssm.ParameterDataType;
}

/** Where and how the built AMI is distributed in one Region. */
export interface AmiDistributionOptions {
  /**
   * The Region to distribute to, as a Region name (`us-west-2`).
   *
   * @default - the stack's Region
   */
  readonly region?: string;

  /**
   * The name of the distributed AMI. It must include `{{ imagebuilder:buildDate }}`, and may use
   * `{{ imagebuilder:buildVersion }}`: `golden-{{ imagebuilder:buildDate }}`. 1 to 127
   * characters: letters, digits, spaces, `-_.:{}`.
   *
   * @default - the image's name followed by the build's timestamp
   */
  readonly amiName?: string;

  /**
   * The description of the distributed AMI.
   *
   * @default - no description
   */
  readonly amiDescription?: string;

  /**
   * Tags for the distributed AMI (at most 50; keys must not start with `aws:`).
   *
   * @default - no tags
   */
  readonly amiTags?: { [key: string]: string };

  /**
   * The KMS key that encrypts the distributed AMI: a key of the distribution's Region. The
   * target accounts need to use it: see `DistributionConfiguration.grantKeyUsage()`.
   *
   * @default - no key is given: Image Builder's default encryption applies
   */
  readonly kmsKey?: kms.IKey;

  /**
   * The accounts the AMI is copied to (12-digit IDs, at most 1536). Each needs the
   * `EC2ImageBuilderDistributionCrossAccountRole` role.
   *
   * @default - the AMI stays in the account that builds it
   */
  readonly targetAccountIds?: string[];

  /**
   * Who may launch instances from the AMI.
   *
   * @default - only the owning account
   */
  readonly launchPermission?: AmiLaunchPermission;

  /**
   * License Manager license configurations to associate with the AMI, by ARN (at most 50).
   *
   * @default - no license configuration
   */
  readonly licenseConfigurationArns?: string[];

  /**
   * Launch templates to update with the new AMI ID (at most 100).
   *
   * @default - no launch template is updated
   */
  readonly launchTemplates?: LaunchTemplateConfiguration[];

  /**
   * Windows fast launch settings for the AMI (at most 1000).
   *
   * @default - fast launch is not configured
   */
  readonly fastLaunchConfigurations?: FastLaunchConfiguration[];

  /**
   * SSM parameters to write the new AMI ID to.
   *
   * @default - no SSM parameter is written
   */
  readonly ssmParameters?: SsmParameterConfiguration[];
}

/**
 * The ECR repository a container distribution pushes to: a repository of this app, or the name of a
 * repository in the distribution's Region.
 */
export class DistributionRepository {
  /**
   * A repository of this app, or one imported into it. It must be in the distribution's Region
   * and account.
   */
  public static fromRepository(repository: ecr.IRepository): DistributionRepository {
    return new DistributionRepository(repository.repositoryName, repository);
  }

  /**
   * The name of a repository in the distribution's Region (for example in another Region than
   * the stack's, where it can't be referenced as an `ecr.IRepository`).
   */
  public static fromRepositoryName(repositoryName: string): DistributionRepository {
    return new DistributionRepository(repositoryName);
  }

  /** The repository's name. */
  public readonly repositoryName: string;

  /** The repository, when given as one. */
  public readonly repository?: ecr.IRepository;

  private constructor(repositoryName: string, repository?: ecr.IRepository) {
    this.repositoryName = repositoryName;
    this.repository = repository;
  }
}

/** Where the built container image is distributed in one Region. */
export interface ContainerDistributionOptions {
  /**
   * The Region to distribute to, as a Region name (`eu-west-1`).
   *
   * @default - the stack's Region
   */
  readonly region?: string;

  /** The ECR repository the image is pushed to, in that Region. */
  readonly targetRepository: DistributionRepository;

  /**
   * Tags of the distributed image (`latest`, `1.0`).
   *
   * @default - no tags are given: Image Builder's default tagging applies
   */
  readonly containerTags?: string[];

  /**
   * The description of the container distribution.
   *
   * @default - no description
   */
  readonly containerDescription?: string;
}


/**
 * What the AMI distributions of a distribution configuration use, in the terms of the IAM
 * permissions a pipeline's execution role needs to carry them out: each list holds the resources
 * of this account that distribution changes, so that the created execution role is granted only
 * what the configuration uses.
 */
export interface AmiDistributionFeatures {
  /**
   * The ARNs of the launch templates of this account that distribution updates with the new AMI
   * ID (`launchTemplates`). Launch templates of other accounts are updated through their
   * cross-account role.
   */
  readonly launchTemplateArns: string[];

  /** Whether any AMI distribution configures Windows fast launch (`fastLaunchConfigurations`). */
  readonly fastLaunch: boolean;

  /** The license configurations attached to the distributed AMIs (`licenseConfigurationArns`). */
  readonly licenseConfigurationArns: string[];

  /**
   * The ARNs of the SSM parameters of this account that distribution writes the AMI ID to
   * (`ssmParameters`; a parameter whose name is a token is any parameter of its Region).
   */
  readonly ssmParameterArns: string[];

  /**
   * The other accounts distribution reaches through their `EC2ImageBuilderDistributionCrossAccountRole`
   * (`targetAccountIds`, and the accounts of launch templates, fast launch and SSM parameters);
   * `*` when an account list is not known before deployment.
   */
  readonly crossAccountIds: string[];
}
