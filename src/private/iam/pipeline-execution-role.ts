import { Stack } from 'aws-cdk-lib';
import type { AmiDistributionFeatures } from '../../distribution-options';
import { IConstruct } from 'constructs';
import { reasoned, ReasonedStatement } from './library-policy';

/** The KMS actions EC2 uses with a key to copy, encrypt and re-encrypt EBS snapshots of an AMI. */
export const EBS_KEY_ACTIONS = [
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:Encrypt',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
] as const;

/** The tag Image Builder puts on the instances, volumes, AMIs and snapshots it creates. */
export const CREATED_BY = { key: 'CreatedBy', value: 'EC2 Image Builder' } as const;

/** The name of the repository Image Builder creates for container scans when none is given. */
export const DEFAULT_SCANNING_REPOSITORY_NAME = 'image-builder-image-scanning-repository';

/** The role Image Builder assumes in a target account to distribute an AMI there (fixed by Image Builder). */
export const CROSS_ACCOUNT_ROLE_NAME = 'EC2ImageBuilderDistributionCrossAccountRole';

/** What a pipeline uses, which decides the permissions of the execution role it creates. */
export interface ExecutionRoleNeeds {
  /** The pipeline builds container images (otherwise AMIs). */
  readonly containerBuild: boolean;
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
export function executionRoleStatements(scope: IConstruct, needs: ExecutionRoleNeeds): ReasonedStatement[] {
  const stack = Stack.of(scope);
  const p = stack.partition;
  const region = stack.region;
  const account = stack.account;
  const ec2 = (resource: string, options: { anyRegion?: boolean; noAccount?: boolean } = {}) =>
    `arn:${p}:ec2:${options.anyRegion ? '*' : region}:${options.noAccount ? '' : account}:${resource}`;
  const createdByRequest = { StringEquals: { [`aws:RequestTag/${CREATED_BY.key}`]: CREATED_BY.value } };
  const createdByResource = { StringEquals: { [`ec2:ResourceTag/${CREATED_BY.key}`]: CREATED_BY.value } };

  const statements: ReasonedStatement[] = [
    reasoned('RunInstances names the parent AMI, subnet, security groups, network interface, key pair, launch template, host and license configuration Image Builder picks at build time; limited to the pipeline\'s Region and, for what the account owns, its account', {
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
    reasoned('the build and test instances and their volumes are created at build time; only with the request tag CreatedBy: EC2 Image Builder', {
      sid: 'CreateTaggedInstancesAndVolumes',
      actions: ['ec2:RunInstances'],
      resources: [ec2('instance/*'), ec2('volume/*')],
      conditions: createdByRequest,
    }),
    reasoned('only while RunInstances or CreateImage creates the resource, with the tag CreatedBy: EC2 Image Builder, in the pipeline\'s Region', {
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
    reasoned('only instances tagged CreatedBy: EC2 Image Builder, created at build time', {
      sid: 'ManageBuildAndTestInstances',
      actions: ['ec2:StartInstances', 'ec2:StopInstances', 'ec2:TerminateInstances'],
      resources: [ec2('instance/*')],
      conditions: createdByResource,
    }),
    reasoned('the instance role of the infrastructure configuration is not known to the pipeline; only roles of the account, passed to EC2', {
      sid: 'PassInstanceRole',
      actions: ['iam:PassRole'],
      resources: [needs.instanceRoleArn ?? `arn:${p}:iam::${account}:role/*`],
      conditions: { StringEquals: { 'iam:PassedToService': ['ec2.amazonaws.com', 'ec2.amazonaws.com.cn'] } },
    }),
    reasoned('IAM grants these EC2 describe actions only on *', {
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
    reasoned('AWS-owned Systems Manager documents, in the pipeline\'s Region', {
      sid: 'RunComponentsThroughSsm',
      actions: ['ssm:SendCommand'],
      resources: [
        `arn:${p}:ssm:${region}:*:document/AWS-RunShellScript`,
        `arn:${p}:ssm:${region}:*:document/AWS-RunPowerShellScript`,
        `arn:${p}:ssm:${region}:*:document/AWSEC2-RunSysprep`,
        ...(needs.logBucketName === undefined ? [] : [`arn:${p}:s3:::${needs.logBucketName}`]),
      ],
    }),
    ...(needs.logBucketUnknown ? [reasoned('the S3 bucket the imported infrastructure configuration may send the component logs to is not known to the pipeline (as in Image Builder\'s service-linked role); only for ssm:SendCommand output', {
      sid: 'SendCommandOutputToLogBucket',
      actions: ['ssm:SendCommand'],
      resources: [`arn:${p}:s3:::*`],
    })] : []),
    reasoned('only instances tagged CreatedBy: EC2 Image Builder, created at build time', {
      sid: 'RunCommandsOnBuildInstances',
      actions: ['ssm:SendCommand'],
      resources: [ec2('instance/*')],
      conditions: { StringEquals: { [`ssm:resourceTag/${CREATED_BY.key}`]: CREATED_BY.value } },
    }),
    reasoned('IAM grants these Systems Manager list and describe actions only on *', {
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
    reasoned('the Systems Manager service-linked role of the account, created on first use', {
      sid: 'CreateSsmServiceLinkedRole',
      actions: ['iam:CreateServiceLinkedRole'],
      resources: [`arn:${p}:iam::${account}:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM`],
      conditions: { StringEquals: { 'iam:AWSServiceName': 'ssm.amazonaws.com' } },
    }),
    reasoned('the public AWS parameters and Image Builder\'s /imagebuilder/ parameters a parent image may name', {
      sid: 'ReadParentImageParameters',
      actions: ['ssm:GetParameter'],
      resources: [
        `arn:${p}:ssm:${region}::parameter/aws/service/*`,
        `arn:${p}:ssm:${region}:${account}:parameter/imagebuilder/*`,
      ],
    }),
    reasoned('the notification topic of the infrastructure configuration is not known to the pipeline; limited to the account and Region', {
      sid: 'PublishBuildNotifications',
      actions: ['sns:Publish'],
      resources: [`arn:${p}:sns:${region}:${account}:*`],
    }),
    reasoned('only the EventBridge rules Image Builder names ImageBuilder-*', {
      sid: 'ManageImageBuilderRules',
      actions: ['events:DeleteRule', 'events:DescribeRule', 'events:PutRule', 'events:PutTargets', 'events:RemoveTargets'],
      resources: [`arn:${p}:events:${region}:${account}:rule/ImageBuilder-*`],
    }),
    reasoned('the EBS keys the parent AMI, recipe and distribution use, in any account (a shared parent AMI may be encrypted with its owner\'s key), only through EC2 (kms:ViaService)', {
      sid: 'UseEbsKeysThroughEc2',
      actions: [...EBS_KEY_ACTIONS],
      // Any account: a shared parent AMI may be encrypted with a key of its owner's account.
      resources: [`arn:${p}:kms:*:*:key/*`],
      conditions: { StringLike: { 'kms:ViaService': 'ec2.*.amazonaws.com' } },
    }),
    reasoned('grants for AWS resources on the EBS keys the parent AMI, recipe and distribution use, in any account, only through EC2', {
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
      reasoned('the AWS-owned inventory document, and the association and instance created at build time', {
        sid: 'CollectSoftwareInventory',
        actions: ['ssm:CreateAssociation', 'ssm:DeleteAssociation'],
        resources: [
          `arn:${p}:ssm:${region}:*:document/AWS-GatherSoftwareInventory`,
          `arn:${p}:ssm:${region}:${account}:association/*`,
          ec2('instance/*'),
        ],
      }),
      reasoned('IAM grants these Systems Manager list and describe actions only on *', {
        sid: 'ReadSoftwareInventory',
        actions: ['ssm:DescribeAssociationExecutions', 'ssm:DescribeInstanceAssociationsStatus', 'ssm:ListInventoryEntries'],
        resources: ['*'],
      }),
    );
  }

  if (!needs.containerBuild) {
    statements.push(
      reasoned('the output AMI and its snapshots are created at build time', {
        sid: 'CreateOutputAmi',
        actions: ['ec2:CreateImage'],
        resources: [ec2('instance/*'), ec2('image/*', { noAccount: true }), ec2('snapshot/*', { noAccount: true })],
      }),
      reasoned('the output AMI is registered at build time, with the request tag CreatedBy: EC2 Image Builder', {
        sid: 'RegisterOutputAmi',
        actions: ['ec2:RegisterImage'],
        resources: [ec2('image/*', { noAccount: true })],
        conditions: createdByRequest,
      }),
      reasoned('only snapshots tagged CreatedBy: EC2 Image Builder', {
        sid: 'RegisterFromOwnSnapshots',
        actions: ['ec2:RegisterImage'],
        resources: [ec2('snapshot/*', { noAccount: true })],
        conditions: createdByResource,
      }),
      reasoned('the output AMIs and their copies in the distribution Regions are created at build time', {
        sid: 'TagOutputAmis',
        actions: ['ec2:CreateTags'],
        resources: [ec2('image/*', { anyRegion: true, noAccount: true })],
      }),
      reasoned('only with the request tag CreatedBy: EC2 Image Builder', {
        sid: 'TagOwnSnapshots',
        actions: ['ec2:CreateTags'],
        resources: [ec2('snapshot/*', { anyRegion: true, noAccount: true })],
        conditions: createdByRequest,
      }),
      reasoned('only AMIs tagged CreatedBy: EC2 Image Builder, in the distribution Regions', {
        sid: 'ManageOutputAmis',
        actions: ['ec2:DeregisterImage', 'ec2:ModifyImageAttribute'],
        resources: [ec2('image/*', { anyRegion: true, noAccount: true })],
        conditions: createdByResource,
      }),
      reasoned('only snapshots tagged CreatedBy: EC2 Image Builder, in the distribution Regions', {
        sid: 'ShareOwnSnapshots',
        actions: ['ec2:ModifySnapshotAttribute'],
        resources: [ec2('snapshot/*', { anyRegion: true, noAccount: true })],
        conditions: createdByResource,
      }),
    );
  }

  if (needs.scanning) {
    statements.push(reasoned('IAM grants these Amazon Inspector list actions only on *', {
      sid: 'CollectScanFindings',
      actions: ['inspector2:ListCoverage', 'inspector2:ListFindings'],
      resources: ['*'],
    }));
    const repo = needs.scanningRepository;
    if (repo) {
      if (repo.createdByImageBuilder) {
        statements.push(reasoned('Image Builder\'s own scanning repository, created on the first container scan, with the request tag CreatedBy: EC2 Image Builder', {
          sid: 'CreateScanningRepository',
          actions: ['ecr:CreateRepository', 'ecr:TagResource'],
          resources: [repo.arn],
          conditions: createdByRequest,
        }));
      }
      statements.push(reasoned('the images Image Builder pushed to the scanning repository for Inspector, deleted after the scan', {
        sid: 'CleanUpScannedImages',
        actions: ['ecr:BatchDeleteImage'],
        resources: [repo.arn],
      }));
    }
  }

  return statements;
}

/**
 * The permissions Image Builder needs in a pipeline's execution role to distribute its AMIs, for
 * the distribution features the configuration uses (each statement only with its feature):
 * - copying the AMI to the distribution Regions, always;
 * - launch templates: describing them and creating versions of the given ones only;
 * - fast launch: enabling it on AMIs and launch templates Image Builder tagged, EC2 Fast Launch's
 *   service-linked role;
 * - license configurations: attaching the given ones;
 * - SSM parameters: writing the given ones;
 * - other accounts: assuming `EC2ImageBuilderDistributionCrossAccountRole` in those accounts only.
 * S3 export (`s3ExportConfiguration`, VM Import/Export) is not in CloudFormation's distribution
 * configuration, so it is never granted.
 *
 * @param features what the configuration uses; undefined when not known (an imported
 * configuration): every feature is then granted on every resource of its kind, as Image Builder's
 * service-linked role allows.
 */
export function distributionStatements(scope: IConstruct, features: AmiDistributionFeatures | undefined): ReasonedStatement[] {
  const stack = Stack.of(scope);
  const p = stack.partition;
  const account = stack.account;
  const anyAmi = `arn:${p}:ec2:*::image/*`;
  const anyLaunchTemplate = `arn:${p}:ec2:*:${account}:launch-template/*`;
  const known = features !== undefined;
  const launchTemplates = known ? features.launchTemplateArns : [anyLaunchTemplate];
  const fastLaunch = known ? features.fastLaunch : true;
  const licenses = known ? features.licenseConfigurationArns : [`arn:${p}:license-manager:*:${account}:license-configuration:*`];
  const parameters = known ? features.ssmParameterArns : [`arn:${p}:ssm:*:${account}:parameter/*`];
  const accounts = known ? features.crossAccountIds : ['*'];
  const why = (feature: string) => known ? `the ${feature} of the distribution configuration` : `the ${feature} of an imported distribution configuration, which are not known to the pipeline`;

  const statements: ReasonedStatement[] = [
    reasoned('the AMI copies in the distribution Regions are created at distribution time', {
      sid: 'CopyAmisToTargetRegions',
      actions: ['ec2:CopyImage'],
      resources: [anyAmi, `arn:${p}:ec2:*::snapshot/*`],
    }),
  ];
  if (launchTemplates.length > 0 || fastLaunch) {
    statements.push(reasoned('IAM grants these EC2 describe actions only on *', {
      sid: 'DescribeLaunchTemplates',
      actions: ['ec2:DescribeLaunchTemplateVersions', 'ec2:DescribeLaunchTemplates'],
      resources: ['*'],
    }));
  }
  if (launchTemplates.length > 0) {
    statements.push(reasoned(why('launch templates'), {
      sid: 'UpdateLaunchTemplates',
      actions: ['ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate'],
      resources: launchTemplates,
    }));
  }
  if (fastLaunch) {
    statements.push(
      reasoned('only with the request tag CreatedBy: EC2 Image Builder or EC2 Fast Launch, on the launch templates fast launch creates', {
        sid: 'TagFastLaunchTemplates',
        actions: ['ec2:CreateTags'],
        resources: [anyLaunchTemplate],
        conditions: { StringEquals: { [`aws:RequestTag/${CREATED_BY.key}`]: [CREATED_BY.value, 'EC2 Fast Launch'] } },
      }),
      reasoned('only AMIs and launch templates tagged CreatedBy: EC2 Image Builder', {
        sid: 'EnableFastLaunch',
        actions: ['ec2:EnableFastLaunch'],
        resources: [anyAmi, anyLaunchTemplate],
        conditions: { StringEquals: { [`ec2:ResourceTag/${CREATED_BY.key}`]: CREATED_BY.value } },
      }),
      reasoned('the EC2 Fast Launch service-linked role of the account', {
        sid: 'CreateFastLaunchServiceLinkedRole',
        actions: ['iam:CreateServiceLinkedRole'],
        resources: [`arn:${p}:iam::${account}:role/aws-service-role/ec2fastlaunch.amazonaws.com/*`],
        conditions: { StringEquals: { 'iam:AWSServiceName': 'ec2fastlaunch.amazonaws.com' } },
      }),
    );
  }
  if (licenses.length > 0) {
    statements.push(reasoned(why('license configurations'), {
      sid: 'AttachLicenseConfigurations',
      actions: ['license-manager:UpdateLicenseSpecificationsForResource'],
      resources: licenses,
    }));
  }
  if (accounts.length > 0) {
    statements.push(reasoned(known ? 'the role Image Builder documents for cross-account distribution, in the target accounts whose IDs are known only at deployment' :
      'the role Image Builder documents for cross-account distribution, in the target accounts of an imported distribution configuration, which are not known to the pipeline', {
      sid: 'DistributeToOtherAccounts',
      actions: ['sts:AssumeRole'],
      resources: accounts.map(a => `arn:${p}:iam::${a}:role/${CROSS_ACCOUNT_ROLE_NAME}`),
    }));
  }
  if (parameters.length > 0) {
    statements.push(reasoned(why('SSM parameters'), {
      sid: 'WriteAmiIdParameters',
      actions: ['ssm:GetParameter', 'ssm:PutParameter'],
      resources: parameters,
    }));
  }
  return statements;
}
