import { aws_ecr as ecr, aws_iam as iam, aws_kms as kms, aws_logs as logs, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { IDistributionConfiguration } from './distribution-configuration';
import { IInfrastructureConfiguration } from './infrastructure-configuration';
import { WorkflowConfiguration } from './workflow';

/** How Amazon Inspector scans an AMI build (the API's `ImageScanningTypes`). */
export enum ImageScanningType {
  /**
   * Inspector scans the test instance during the image tests. Amazon Inspector EC2 scanning must
   * be activated in the account.
   */
  TEST_INSTANCE_CVE = 'TEST_INSTANCE_CVE',
  /**
   * Inspector starts an on-demand scan of the output AMI during the image tests. Needs an image
   * recipe; Inspector need not be activated in the account. The only type with a scan gate
   * (`failOn`).
   */
  ON_DEMAND_AMI_CVE = 'ON_DEMAND_AMI_CVE',
}

/** The severity of an Amazon Inspector finding, for a scan gate. */
export enum Severity {
  /** Low severity and above: every finding but informational ones. */
  LOW = 'LOW',
  /** Medium severity and above. */
  MEDIUM = 'MEDIUM',
  /** High severity and above. */
  HIGH = 'HIGH',
  /** Critical findings only. */
  CRITICAL = 'CRITICAL',
}

/** Vulnerability scanning of the images a build produces, by Amazon Inspector. */
export interface ImageScanningOptions {
  /**
   * Whether Image Builder keeps the Amazon Inspector findings of each image. Scans run during
   * the test phase, so image tests must be enabled. Inspector must be activated in the account
   * (EC2 scanning for AMIs, ECR enhanced scanning for container images) for findings to exist.
   *
   * @default - true when image tests are enabled
   */
  readonly enabled?: boolean;

  /**
   * Container builds only: the repository Image Builder pushes the image to for Inspector to
   * scan. It must exist in the build's Region.
   *
   * @default - Image Builder's own `image-builder-image-scanning-repository`, which Image Builder
   * creates on the first scan. The recipe's target repository is not used, so scan copies never
   * mix with the images you publish.
   */
  readonly repository?: ecr.IRepository;

  /**
   * Container builds only: the tags Image Builder gives the image it pushes for scanning (each
   * 1 to 1024 characters).
   *
   * @default - no tags
   */
  readonly containerTags?: string[];

  /**
   * AMI builds only: how Inspector scans the image (`ImageScanningTypes`).
   *
   * Needs aws-cdk-lib 2.276 or later to reach the template through the L1's typed props; the
   * library writes it as a property override, so it renders with any supported aws-cdk-lib.
   *
   * @default - `ImageScanningType.ON_DEMAND_AMI_CVE` when `failOn` is given; otherwise not sent
   * (Image Builder scans the test instance, `TEST_INSTANCE_CVE`)
   */
  readonly scanningType?: ImageScanningType;

  /**
   * AMI builds only: a CVE gate. The image fails its test phase when the on-demand scan of the
   * output AMI finds a vulnerability of this severity or higher (rendered as the API's
   * `ScanResultCondition.MaximumSeverityLabel`, the severity just below). The test phase waits
   * for the scan. Needs the `ImageScanningType.ON_DEMAND_AMI_CVE` scanning type (the default
   * when this is given).
   *
   * @default - findings never fail the build
   */
  readonly failOn?: Severity;

  /**
   * With `failOn`: whether only the findings with a fix available count (`FixAvailable`).
   *
   * @default - not sent: Image Builder counts only findings with a fix available
   */
  readonly onlyFixable?: boolean;
}

/**
 * The build settings an `ImagePipeline` and an `Image` share: where and how the image is built,
 * tested, scanned, distributed and logged.
 */
export interface ImageBuildOptions {
  /**
   * The instances that build and test the images.
   *
   * @default - an `InfrastructureConfiguration` with its secure defaults (IMDSv2 required, an
   * instance role with only the managed policies Image Builder needs). For a container recipe,
   * the instance role of an `InfrastructureConfiguration` (given or created) may push to exactly
   * the recipe's target repository and the scanning repository, and pull from the parent
   * image's repository, when they are known.
   */
  readonly infrastructureConfiguration?: IInfrastructureConfiguration;

  /**
   * Where the images are distributed. It must distribute the kind of image the recipe builds
   * (AMI distributions for an image recipe, container distributions for a container recipe).
   *
   * @default - no distribution configuration: AMIs stay in the build's Region and account;
   * container images are pushed to the recipe's target repository
   */
  readonly distributionConfiguration?: IDistributionConfiguration;

  /**
   * Whether the recipe's test components run after each build. Only `false` is written to the
   * template (with a timeout, both are): tests are Image Builder's default.
   *
   * @default true
   */
  readonly imageTestsEnabled?: boolean;

  /**
   * How long the tests may run: a whole number of minutes, between 60 and 1440. A token must be
   * given in minutes (`Duration.minutes(parameter)`). Image Builder documents that it does not
   * enforce this value yet.
   *
   * @default - not sent: Image Builder stores 720 minutes
   */
  readonly imageTestsTimeout?: Duration;

  /**
   * Whether Image Builder collects the image's OS version and package list (through a Systems
   * Manager inventory of the build instance). Only `false` is written to the template: collecting
   * it is Image Builder's default.
   *
   * @default true
   */
  readonly enhancedImageMetadataEnabled?: boolean;

  /**
   * Vulnerability scanning of the images by Amazon Inspector.
   *
   * @default - scanning is enabled when image tests are enabled; container scans use Image
   * Builder's default repository; no scan gate
   */
  readonly imageScanning?: ImageScanningOptions;

  /**
   * The build, test and distribution workflows to run, instead of the AWS-managed ones: at most
   * one build workflow, up to ten test workflows and at most one distribution workflow.
   * Workflows run with an execution role (see `executionRole`).
   *
   * @default - Image Builder runs its managed workflows for the recipe's type
   */
  readonly workflows?: WorkflowConfiguration[];

  /**
   * The role Image Builder assumes to build the images, instead of its service-linked role. It
   * must trust `imagebuilder.amazonaws.com`. It is given write access to the log groups; any
   * other permission is yours to give (the AWS managed policy
   * `service-role/EC2ImageBuilderExecutionPolicy` covers Image Builder's own needs).
   *
   * @default - a role is created when the build needs one (it has workflows, or a log group
   * outside `/aws/imagebuilder/` or whose name is not known at synth), with only the permissions
   * this build uses, in a policy of the library; otherwise Image Builder uses its service-linked
   * role. Distribution permissions follow the features the distribution configuration uses
   * (launch templates by ID, fast launch, license configurations, SSM parameters, cross-account
   * roles of the target accounts only); with an imported distribution configuration, whose
   * features are not known, the role gets every distribution permission (launch templates,
   * license configurations and SSM parameters of the account, the cross-account role in any
   * account)
   */
  readonly executionRole?: iam.IRole;

  /**
   * The log group of the image builds (the build and test logs of each image).
   *
   * @default - a log group is created, named `/aws/imagebuilder/image/<unique id>-<stack id part>`:
   * under `/aws/imagebuilder/`, where the service-linked role may write, yet distinct from the
   * group Image Builder would create and from the groups of earlier stacks, so deploying never
   * fails on an existing name
   */
  readonly imageLogGroup?: logs.ILogGroup;

  /**
   * How long the log groups the construct creates keep their events.
   *
   * @default logs.RetentionDays.ONE_YEAR - long enough to investigate a year of builds and to
   * meet common one-year audit retention rules, without keeping logs forever
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * What happens to the log groups the construct creates when they leave the stack.
   *
   * @default RemovalPolicy.RETAIN - build logs outlive the construct; the names of later stacks
   * differ, so a retained group never blocks a new deployment
   */
  readonly logRemovalPolicy?: RemovalPolicy;

  /**
   * The KMS key that encrypts the log groups the construct creates. For a key of this app, the
   * key policy is extended to let CloudWatch Logs use it for these groups; for an imported key,
   * the key policy must already allow it.
   *
   * @default - CloudWatch Logs' default encryption
   */
  readonly logEncryptionKey?: kms.IKey;
}
