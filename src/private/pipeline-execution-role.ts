import { aws_iam as iam, Stack, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { nagReference } from './owned-policy';

/** The tag Image Builder puts on the instances, volumes, AMIs and snapshots it creates. */
const CREATED_BY = { key: 'CreatedBy', value: 'EC2 Image Builder' } as const;

/** The name of the repository Image Builder creates for container scans when none is given. */
export const DEFAULT_SCANNING_REPOSITORY_NAME = 'image-builder-image-scanning-repository';

/** What a pipeline uses, which decides the permissions of the execution role it creates. */
export interface ExecutionRoleNeeds {
  /** The pipeline builds container images (otherwise AMIs). */
  readonly containerBuild: boolean;
  /** The pipeline distributes AMIs with a distribution configuration. */
  readonly amiDistribution: boolean;
  /** Image scanning (Amazon Inspector findings) is enabled. */
  readonly scanning: boolean;
  /** Enhanced image metadata (SSM inventory of the build instance) is enabled. */
  readonly enhancedImageMetadata: boolean;
  /** The ARN of the build instances' role, when known: `iam:PassRole` is scoped to it. */
  readonly instanceRoleArn?: string;
  /**
   * The bucket the infrastructure configuration writes logs to, when known: the Systems Manager
   * commands that run the components send their output there.
   */
  readonly logBucketName?: string;
  /**
   * Whether the bucket the infrastructure configuration writes logs to cannot be known (an
   * infrastructure configuration imported or defined outside this library): the Systems Manager
   * commands may then send their output to any bucket, as the service-linked role allows.
   */
  readonly logBucketUnknown?: boolean;
  /**
   * For container scans, the repository Inspector scans: the given one, or Image Builder's
   * default repository (which Image Builder creates itself).
   */
  readonly scanningRepository?: { readonly arn: string; readonly createdByImageBuilder: boolean };
}

/**
 * The permissions Image Builder needs in the execution role of a pipeline, for what this
 * pipeline uses and nothing else.
 *
 * With an execution role, Image Builder runs the whole image build with it instead of its
 * service-linked role (AWSServiceRoleForImageBuilder). The statements follow that role's policy
 * and the EC2ImageBuilderExecutionPolicy managed policy, narrowed:
 * - to the features the pipeline uses (AMI or container build, distribution, scanning,
 *   inventory);
 * - to the stack's account and Region for the build resources, which Image Builder creates where
 *   the pipeline runs (distribution keeps every Region for AMIs and snapshots);
 * - to `CreatedBy: EC2 Image Builder` tags where Image Builder tags what it creates;
 * - `iam:PassRole` to the instance role when it is known;
 * - CloudWatch Logs to the pipeline's two log groups (granted separately).
 * Actions without resource-level permissions (EC2 and SSM describe/list, Inspector list) are on
 * `*`, as IAM requires.
 */
export function executionRoleStatements(scope: IConstruct, needs: ExecutionRoleNeeds): iam.PolicyStatement[] {
  const stack = Stack.of(scope);
  const p = stack.partition;
  const region = stack.region;
  const account = stack.account;
  const ec2 = (resource: string, options: { anyRegion?: boolean; noAccount?: boolean } = {}) =>
    `arn:${p}:ec2:${options.anyRegion ? '*' : region}:${options.noAccount ? '' : account}:${resource}`;
  const createdByRequest = { StringEquals: { [`aws:RequestTag/${CREATED_BY.key}`]: CREATED_BY.value } };
  const createdByResource = { StringEquals: { [`ec2:ResourceTag/${CREATED_BY.key}`]: CREATED_BY.value } };

  const statements: iam.PolicyStatement[] = [
    new iam.PolicyStatement({
      sid: 'LaunchBuildAndTestInstances',
      actions: ['ec2:RunInstances'],
      resources: [
        ec2('image/*', { noAccount: true }),
        ec2('snapshot/*', { noAccount: true }),
        // Subnets and their security groups may be shared from another account (shared VPC).
        `arn:${p}:ec2:${region}:*:subnet/*`,
        `arn:${p}:ec2:${region}:*:security-group/*`,
        ec2('network-interface/*'),
        ec2('key-pair/*'),
        ec2('launch-template/*'),
        ec2('dedicated-host/*'),
        `arn:${p}:license-manager:${region}:${account}:license-configuration:*`,
      ],
    }),
    new iam.PolicyStatement({
      sid: 'CreateTaggedInstancesAndVolumes',
      actions: ['ec2:RunInstances'],
      resources: [ec2('instance/*'), ec2('volume/*')],
      conditions: createdByRequest,
    }),
    new iam.PolicyStatement({
      sid: 'TagWhatImageBuilderCreates',
      actions: ['ec2:CreateTags'],
      resources: [`arn:${p}:ec2:${region}:*:*`],
      conditions: {
        StringEquals: {
          'ec2:CreateAction': ['RunInstances', 'CreateImage'],
          [`aws:RequestTag/${CREATED_BY.key}`]: CREATED_BY.value,
        },
      },
    }),
    new iam.PolicyStatement({
      sid: 'ManageBuildAndTestInstances',
      actions: ['ec2:StartInstances', 'ec2:StopInstances', 'ec2:TerminateInstances'],
      resources: [ec2('instance/*')],
      conditions: createdByResource,
    }),
    new iam.PolicyStatement({
      sid: 'PassInstanceRole',
      actions: ['iam:PassRole'],
      resources: [needs.instanceRoleArn ?? `arn:${p}:iam::${account}:role/*`],
      conditions: { StringEquals: { 'iam:PassedToService': ['ec2.amazonaws.com', 'ec2.amazonaws.com.cn'] } },
    }),
    new iam.PolicyStatement({
      sid: 'DescribeEc2',
      actions: [
        'ec2:DescribeHosts',
        'ec2:DescribeImages',
        'ec2:DescribeInstanceAttribute',
        'ec2:DescribeInstanceStatus',
        'ec2:DescribeInstanceTypeOfferings',
        'ec2:DescribeInstanceTypes',
        'ec2:DescribeInstances',
        'ec2:DescribeSnapshots',
        'ec2:DescribeSubnets',
        'ec2:DescribeTags',
      ],
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      sid: 'RunComponentsThroughSsm',
      actions: ['ssm:SendCommand'],
      resources: [
        `arn:${p}:ssm:${region}:*:document/AWS-RunShellScript`,
        `arn:${p}:ssm:${region}:*:document/AWS-RunPowerShellScript`,
        `arn:${p}:ssm:${region}:*:document/AWSEC2-RunSysprep`,
        ...(needs.logBucketName === undefined ? [] : [`arn:${p}:s3:::${needs.logBucketName}`]),
      ],
    }),
    ...(needs.logBucketUnknown ? [new iam.PolicyStatement({
      sid: 'SendCommandOutputToLogBucket',
      actions: ['ssm:SendCommand'],
      resources: [`arn:${p}:s3:::*`],
    })] : []),
    new iam.PolicyStatement({
      sid: 'RunCommandsOnBuildInstances',
      actions: ['ssm:SendCommand'],
      resources: [ec2('instance/*')],
      conditions: { StringEquals: { [`ssm:resourceTag/${CREATED_BY.key}`]: CREATED_BY.value } },
    }),
    new iam.PolicyStatement({
      sid: 'FollowSsmCommands',
      actions: [
        'ssm:AddTagsToResource',
        'ssm:DescribeInstanceInformation',
        'ssm:GetCommandInvocation',
        'ssm:ListCommandInvocations',
        'ssm:ListCommands',
      ],
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      sid: 'CreateSsmServiceLinkedRole',
      actions: ['iam:CreateServiceLinkedRole'],
      resources: [`arn:${p}:iam::${account}:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM`],
      conditions: { StringEquals: { 'iam:AWSServiceName': 'ssm.amazonaws.com' } },
    }),
    new iam.PolicyStatement({
      sid: 'ReadParentImageParameters',
      actions: ['ssm:GetParameter'],
      resources: [
        `arn:${p}:ssm:${region}::parameter/aws/service/*`,
        `arn:${p}:ssm:${region}:${account}:parameter/imagebuilder/*`,
      ],
    }),
    new iam.PolicyStatement({
      sid: 'PublishBuildNotifications',
      actions: ['sns:Publish'],
      resources: [`arn:${p}:sns:${region}:${account}:*`],
    }),
    new iam.PolicyStatement({
      sid: 'ManageImageBuilderRules',
      actions: ['events:DeleteRule', 'events:DescribeRule', 'events:PutRule', 'events:PutTargets', 'events:RemoveTargets'],
      resources: [`arn:${p}:events:${region}:${account}:rule/ImageBuilder-*`],
    }),
    new iam.PolicyStatement({
      sid: 'UseEbsKeysThroughEc2',
      actions: [
        'kms:Decrypt',
        'kms:DescribeKey',
        'kms:Encrypt',
        'kms:GenerateDataKeyWithoutPlaintext',
        'kms:ReEncryptFrom',
        'kms:ReEncryptTo',
      ],
      // Any account: a shared parent AMI may be encrypted with a key of its owner's account.
      resources: [`arn:${p}:kms:*:*:key/*`],
      conditions: { StringLike: { 'kms:ViaService': 'ec2.*.amazonaws.com' } },
    }),
    new iam.PolicyStatement({
      sid: 'GrantEbsKeysToEc2',
      actions: ['kms:CreateGrant'],
      resources: [`arn:${p}:kms:*:*:key/*`],
      conditions: {
        Bool: { 'kms:GrantIsForAWSResource': 'true' },
        StringLike: { 'kms:ViaService': 'ec2.*.amazonaws.com' },
      },
    }),
  ];

  if (needs.enhancedImageMetadata) {
    statements.push(
      new iam.PolicyStatement({
        sid: 'CollectSoftwareInventory',
        actions: ['ssm:CreateAssociation', 'ssm:DeleteAssociation'],
        resources: [
          `arn:${p}:ssm:${region}:*:document/AWS-GatherSoftwareInventory`,
          `arn:${p}:ssm:${region}:${account}:association/*`,
          ec2('instance/*'),
        ],
      }),
      new iam.PolicyStatement({
        sid: 'ReadSoftwareInventory',
        actions: ['ssm:DescribeAssociationExecutions', 'ssm:DescribeInstanceAssociationsStatus', 'ssm:ListInventoryEntries'],
        resources: ['*'],
      }),
    );
  }

  if (!needs.containerBuild) {
    statements.push(
      new iam.PolicyStatement({
        sid: 'CreateOutputAmi',
        actions: ['ec2:CreateImage'],
        resources: [ec2('instance/*'), ec2('image/*', { noAccount: true }), ec2('snapshot/*', { noAccount: true })],
      }),
      new iam.PolicyStatement({
        sid: 'RegisterOutputAmi',
        actions: ['ec2:RegisterImage'],
        resources: [ec2('image/*', { noAccount: true })],
        conditions: createdByRequest,
      }),
      new iam.PolicyStatement({
        sid: 'RegisterFromOwnSnapshots',
        actions: ['ec2:RegisterImage'],
        resources: [ec2('snapshot/*', { noAccount: true })],
        conditions: createdByResource,
      }),
      new iam.PolicyStatement({
        sid: 'TagOutputAmis',
        actions: ['ec2:CreateTags'],
        resources: [ec2('image/*', { anyRegion: true, noAccount: true })],
      }),
      new iam.PolicyStatement({
        sid: 'TagOwnSnapshots',
        actions: ['ec2:CreateTags'],
        resources: [ec2('snapshot/*', { anyRegion: true, noAccount: true })],
        conditions: createdByRequest,
      }),
      new iam.PolicyStatement({
        sid: 'ManageOutputAmis',
        actions: ['ec2:DeregisterImage', 'ec2:ModifyImageAttribute'],
        resources: [ec2('image/*', { anyRegion: true, noAccount: true })],
        conditions: createdByResource,
      }),
      new iam.PolicyStatement({
        sid: 'ShareOwnSnapshots',
        actions: ['ec2:ModifySnapshotAttribute'],
        resources: [ec2('snapshot/*', { anyRegion: true, noAccount: true })],
        conditions: createdByResource,
      }),
    );
  }

  if (needs.amiDistribution) {
    statements.push(
      new iam.PolicyStatement({
        sid: 'CopyAmisToTargetRegions',
        actions: ['ec2:CopyImage'],
        resources: [ec2('image/*', { anyRegion: true, noAccount: true }), ec2('snapshot/*', { anyRegion: true, noAccount: true })],
      }),
      new iam.PolicyStatement({
        sid: 'DescribeDistributionTargets',
        actions: ['ec2:DescribeExportImageTasks', 'ec2:DescribeLaunchTemplateVersions', 'ec2:DescribeLaunchTemplates'],
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'UpdateLaunchTemplates',
        actions: ['ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate'],
        resources: [`arn:${p}:ec2:*:${account}:launch-template/*`],
      }),
      new iam.PolicyStatement({
        sid: 'TagOwnLaunchTemplates',
        actions: ['ec2:CreateTags'],
        resources: [`arn:${p}:ec2:*:${account}:launch-template/*`],
        conditions: { StringEquals: { [`aws:RequestTag/${CREATED_BY.key}`]: [CREATED_BY.value, 'EC2 Fast Launch'] } },
      }),
      new iam.PolicyStatement({
        sid: 'ExportAmisToS3',
        actions: ['ec2:ExportImage'],
        resources: [ec2('image/*', { anyRegion: true, noAccount: true })],
        conditions: createdByResource,
      }),
      new iam.PolicyStatement({
        sid: 'RunExportTasks',
        actions: ['ec2:ExportImage', 'ec2:CancelExportTask', 'ec2:CreateTags'],
        resources: [`arn:${p}:ec2:*:${account}:export-image-task/*`],
      }),
      new iam.PolicyStatement({
        sid: 'PassExportRole',
        actions: ['iam:PassRole'],
        resources: [`arn:${p}:iam::${account}:role/*`],
        conditions: { StringEquals: { 'iam:PassedToService': 'vmie.amazonaws.com' } },
      }),
      new iam.PolicyStatement({
        sid: 'EnableFastLaunch',
        actions: ['ec2:EnableFastLaunch'],
        resources: [ec2('image/*', { anyRegion: true, noAccount: true }), `arn:${p}:ec2:*:${account}:launch-template/*`],
        conditions: createdByResource,
      }),
      new iam.PolicyStatement({
        sid: 'CreateFastLaunchServiceLinkedRole',
        actions: ['iam:CreateServiceLinkedRole'],
        resources: [`arn:${p}:iam::${account}:role/aws-service-role/ec2fastlaunch.amazonaws.com/*`],
        conditions: { StringEquals: { 'iam:AWSServiceName': 'ec2fastlaunch.amazonaws.com' } },
      }),
      new iam.PolicyStatement({
        sid: 'AttachLicenseConfigurations',
        actions: ['license-manager:UpdateLicenseSpecificationsForResource'],
        resources: [`arn:${p}:license-manager:*:${account}:license-configuration:*`],
      }),
      new iam.PolicyStatement({
        sid: 'DistributeToOtherAccounts',
        actions: ['sts:AssumeRole'],
        resources: [`arn:${p}:iam::*:role/EC2ImageBuilderDistributionCrossAccountRole`],
      }),
      new iam.PolicyStatement({
        sid: 'WriteAmiIdParameters',
        actions: ['ssm:GetParameter', 'ssm:PutParameter'],
        resources: [`arn:${p}:ssm:*:${account}:parameter/imagebuilder/*`],
      }),
    );
  }

  if (needs.scanning) {
    statements.push(new iam.PolicyStatement({
      sid: 'CollectScanFindings',
      actions: ['inspector2:ListCoverage', 'inspector2:ListFindings'],
      resources: ['*'],
    }));
    const repo = needs.scanningRepository;
    if (repo) {
      if (repo.createdByImageBuilder) {
        statements.push(new iam.PolicyStatement({
          sid: 'CreateScanningRepository',
          actions: ['ecr:CreateRepository', 'ecr:TagResource'],
          resources: [repo.arn],
          conditions: createdByRequest,
        }));
      }
      statements.push(new iam.PolicyStatement({
        sid: 'CleanUpScannedImages',
        actions: ['ecr:BatchDeleteImage'],
        resources: [repo.arn],
      }));
    }
  }

  return statements;
}

/** Why a statement of the execution role has a wildcard resource, by statement ID. */
const WILDCARD_REASONS: { [sid: string]: string } = {
  LaunchBuildAndTestInstances: 'RunInstances names the parent AMI, subnet, security groups, network interface, key pair, launch template, host and license configuration Image Builder picks at build time; limited to the pipeline\'s Region and, for what the account owns, its account',
  CreateTaggedInstancesAndVolumes: 'the build and test instances and their volumes are created at build time; only with the request tag CreatedBy: EC2 Image Builder',
  TagWhatImageBuilderCreates: 'only while RunInstances or CreateImage creates the resource, with the tag CreatedBy: EC2 Image Builder, in the pipeline\'s Region',
  ManageBuildAndTestInstances: 'only instances tagged CreatedBy: EC2 Image Builder, created at build time',
  PassInstanceRole: 'the instance role of the infrastructure configuration is not known to the pipeline; only roles of the account, passed to EC2',
  DescribeEc2: 'IAM grants these EC2 describe actions only on *',
  RunComponentsThroughSsm: 'AWS-owned Systems Manager documents, in the pipeline\'s Region',
  SendCommandOutputToLogBucket: 'the S3 bucket the imported infrastructure configuration may send the component logs to is not known to the pipeline (as in Image Builder\'s service-linked role); only for ssm:SendCommand output',
  RunCommandsOnBuildInstances: 'only instances tagged CreatedBy: EC2 Image Builder, created at build time',
  FollowSsmCommands: 'IAM grants these Systems Manager list and describe actions only on *',
  ReadParentImageParameters: 'the public AWS parameters and Image Builder\'s /imagebuilder/ parameters a parent image may name',
  PublishBuildNotifications: 'the notification topic of the infrastructure configuration is not known to the pipeline; limited to the account and Region',
  ManageImageBuilderRules: 'only the EventBridge rules Image Builder names ImageBuilder-*',
  UseEbsKeysThroughEc2: 'the EBS keys the parent AMI, recipe and distribution use, in any account (a shared parent AMI may be encrypted with its owner\'s key), only through EC2 (kms:ViaService)',
  GrantEbsKeysToEc2: 'grants for AWS resources on the EBS keys the parent AMI, recipe and distribution use, in any account, only through EC2',
  CollectSoftwareInventory: 'the AWS-owned inventory document, and the association and instance created at build time',
  ReadSoftwareInventory: 'IAM grants these Systems Manager list and describe actions only on *',
  CreateOutputAmi: 'the output AMI and its snapshots are created at build time',
  RegisterOutputAmi: 'the output AMI is registered at build time, with the request tag CreatedBy: EC2 Image Builder',
  RegisterFromOwnSnapshots: 'only snapshots tagged CreatedBy: EC2 Image Builder',
  TagOutputAmis: 'the output AMIs and their copies in the distribution Regions are created at build time',
  TagOwnSnapshots: 'only with the request tag CreatedBy: EC2 Image Builder',
  ManageOutputAmis: 'only AMIs tagged CreatedBy: EC2 Image Builder, in the distribution Regions',
  ShareOwnSnapshots: 'only snapshots tagged CreatedBy: EC2 Image Builder, in the distribution Regions',
  CopyAmisToTargetRegions: 'the AMI copies in the distribution Regions are created at distribution time',
  DescribeDistributionTargets: 'IAM grants these EC2 describe actions only on *',
  UpdateLaunchTemplates: 'the launch templates of the distribution configuration, in the account',
  TagOwnLaunchTemplates: 'only with the request tag CreatedBy: EC2 Image Builder or EC2 Fast Launch',
  ExportAmisToS3: 'only AMIs tagged CreatedBy: EC2 Image Builder',
  RunExportTasks: 'the export tasks are created at distribution time, in the account',
  PassExportRole: 'the export role of the distribution configuration, passed to VM Import/Export only',
  EnableFastLaunch: 'only AMIs and launch templates tagged CreatedBy: EC2 Image Builder',
  CreateFastLaunchServiceLinkedRole: 'the EC2 Fast Launch service-linked role of the account',
  AttachLicenseConfigurations: 'the license configurations of the distribution configuration, in the account',
  DistributeToOtherAccounts: 'the role Image Builder documents for cross-account distribution, in the target accounts',
  WriteAmiIdParameters: 'Image Builder\'s /imagebuilder/ parameters the distribution configuration writes',
  CollectScanFindings: 'IAM grants these Amazon Inspector list actions only on *',
};

/**
 * Acknowledges the cdk-nag `AwsSolutions-IAM5` finding of each wildcard resource of these
 * statements on the construct that holds them (the role: its default policy and the overflow
 * policies IAM splits it into are its children), with the reason the wildcard is needed. The
 * finding IDs follow cdk-nag's spelling of a resource (`Resource::arn:<AWS::Partition>:ec2:...`).
 */
export function acknowledgeWildcardResources(holder: IConstruct, statements: iam.PolicyStatement[], defaultReason?: string): void {
  // The IDs name resources as they render, known once references are resolved: at synth.
  holder.node.addValidation({
    validate: () => {
      acknowledgeResolvedWildcards(holder, statements, defaultReason);
      return [];
    },
  });
}

function acknowledgeResolvedWildcards(holder: IConstruct, statements: iam.PolicyStatement[], defaultReason?: string): void {
  const stack = Stack.of(holder);
  const reasons = new Map<string, string[]>();
  for (const statement of statements) {
    for (const resource of statement.resources) {
      const flat = nagReference(stack.resolve(resource));
      if (!flat.includes('*')) continue;
      const reason = WILDCARD_REASONS[statement.sid ?? ''] ?? defaultReason ?? 'Image Builder creates this resource at build time';
      const id = `AwsSolutions-IAM5[Resource::${flat}]`;
      reasons.set(id, [...(reasons.get(id) ?? []), statement.sid ? `${statement.sid}: ${reason}` : reason]);
    }
  }
  if (reasons.size === 0) return;
  Validations.of(holder).acknowledge(...[...reasons.entries()].map(([id, why]) => ({
    id,
    reason: `Execution role of an Image Builder pipeline, resource wildcard needed for ${why.join('; ')}.`,
  })));
}
