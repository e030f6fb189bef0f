/**
 * The EC2 Image Builder API's input patterns and limits (service model 2019-12-02, as of 2026),
 * in one place. Every construct validates through `validation.ts`, which reads these.
 *
 * Patterns are the API's own, written exactly as the service model gives them. Where the API
 * leaves one unanchored (time zone), we anchor it: a value the API would accept only because
 * some substring matches is never what the user meant.
 */
export const PATTERNS = {
  /** ResourceName: every resource name (effective length 3-128). */
  resourceName: /^[-_A-Za-z-0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z-0-9]$/,
  /** VersionNumber: component and workflow versions. */
  version: /^[0-9]+\.[0-9]+\.[0-9]+$/,
  /** WildcardVersionNumber: recipe versions and version references. */
  wildcardVersion: /^(?:[0-9]+|x)\.(?:[0-9]+|x)\.(?:[0-9]+|x)$/,
  /** RoleNameOrArn. */
  roleNameOrArn: /^(?:arn:aws(?:-[a-z]+)*:iam::[0-9]{12}:role\/)?[a-zA-Z_0-9+=,.@\-_/]+$/,
  /** Timezone (anchored here; the API's pattern is not). */
  timezone: /^[a-zA-Z0-9]{2,}(?:\/[a-zA-Z0-9-_+]+)*$/,
  /** LogGroupName. */
  logGroupName: /^[a-zA-Z0-9\-_/.]{1,512}$/,
  /** ParallelGroup of a test workflow. */
  parallelGroup: /^[A-Za-z0-9][A-Za-z0-9-_+#]{0,99}$/,
  /** AccountId. */
  accountId: /^[0-9]{12}$/,
  /** Non-empty string without NUL characters. */
  noNul: /^[^\x00]+$/,
  /** String without NUL characters, possibly empty. */
  noNulOrEmpty: /^[^\x00]*$/,
  /** TagKey: no `aws:` prefix. */
  tagKey: /^(?!aws:)[a-zA-Z0-9\s_.:/=+\-@]*$/,
  /** AmiNameString. */
  amiName: /^[-_A-Za-z0-9{][-_A-Za-z0-9\s:{}.]+[-_A-Za-z0-9}]$/,
  /** SsmParameterName. */
  ssmParameterName: /^[a-zA-Z0-9_.\-/]+$/,
  /** LaunchTemplateId. */
  launchTemplateId: /^lt-[a-z0-9-_]{17}$/,
  /** InstanceProfileNameType. */
  instanceProfileName: /^[\w+=,.@-]+$/,
  /** UserDataOverride: base64. */
  userData: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
  /** AmiWatermarkName. */
  amiWatermark: /^[A-Za-z0-9()[\]./'@_-][A-Za-z0-9 ()[\]./'@_-]{1,126}[A-Za-z0-9()[\]./'@_-]$/,
  /** An AWS Organizations organization ARN. */
  organizationArn: /^arn:aws[^:]*:organizations::[0-9]{12}:organization\/o-[a-z0-9]{10,32}$/,
  /** An AWS Organizations organizational unit ARN (the API leaves the end open). */
  organizationalUnitArn: /^arn:aws[^:]*:organizations::[0-9]{12}:ou\/o-[a-z0-9]{10,32}\/ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}/,
  /** A License Manager license configuration ARN. */
  licenseConfigurationArn: /^arn:aws[^:]*:license-manager:[^:]+:[0-9]{12}:license-configuration:lic-[a-z0-9-_]{32}$/,
  /** An SNS topic ARN. */
  snsTopicArn: /^arn:aws[^:]*:sns:[^:]+:[0-9]{12}:[a-zA-Z0-9-_]{1,256}$/,
  /** The version written at the end of a versioned ARN (`.../<name>/1.0.x`); not anchored at the start. */
  trailingArnVersion: /\/((?:\d+|x)\.(?:\d+|x)\.(?:\d+|x))$/,
  /** `s3://bucket/key`, as the API takes template and document URIs. */
  s3Uri: /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/.+$/,
  /** The name segment of an Image Builder ARN (`.../component/<name>/1.0.0`): lowercase. */
  arnResourceName: /^[a-z0-9-_]+$/,
  /** An EC2 AMI ID (EC2's format; the API only limits the parent image's length). */
  amiId: /^ami-[0-9a-f]{8}(?:[0-9a-f]{9})?$/,
  /**
   * An AWS Region name (`us-east-1`, `cn-north-1`, `us-gov-west-1`, `eusc-de-east-1`). The API takes
   * `Distribution.region` as free text; this is the Region form its workflow and lifecycle ARNs use.
   */
  regionName: /^[a-z]{2,}(?:-[a-z]+)+-[0-9]+$/,
  /** The `{{ imagebuilder:buildDate }}` placeholder an AMI name must hold, with or without spaces in the braces. */
  amiNameBuildDate: /\{\{\s*imagebuilder:buildDate\s*\}\}/,
  /** ECR repository name (ECR's CreateRepository rule; Image Builder only checks the length). */
  ecrRepositoryName: /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/,
  /**
   * The Dockerfile template placeholders of a container recipe (user guide "Create a new version
   * of a container recipe"), with any spacing inside the braces.
   */
  dockerfileParentImagePlaceholder: /\{\{\{\s*imagebuilder:parentImage\s*\}\}\}/,
  dockerfileEnvironmentsPlaceholder: /\{\{\{\s*imagebuilder:environments\s*\}\}\}/,
  dockerfileComponentsPlaceholder: /\{\{\{\s*imagebuilder:components\s*\}\}\}/,
  /**
   * A container repository path in a registry (OCI distribution spec): lowercase components
   * separated by `/`, for example `amazonlinux` or `library/ubuntu`.
   */
  containerRepositoryPath: /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/,
  /** An ECR Public repository: `<registry alias>/<repository>`, the repository possibly nested. */
  ecrPublicRepositoryPath: /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)+$/,
  /** A container image tag (OCI distribution spec). */
  containerImageTag: /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/,
  /** A container image digest, as ECR gives it. */
  containerImageDigest: /^sha256:[a-f0-9]{64}$/,
  /**
   * The `:workflow/<build|test|distribution>/` segment of a workflow ARN (unanchored: it is read
   * from the literal part of an ARN that may hold tokens elsewhere); group 1 is the type.
   */
  workflowTypeSegment: /:workflow\/(build|test|distribution)\//,
} as const;

/** The ARN patterns of Image Builder resources, as the API checks them in requests. */
export const ARN_PATTERNS = {
  imageRecipe: /^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws):image-recipe\/[a-z0-9-_]+\/(?:[0-9]+|x)\.(?:[0-9]+|x)\.(?:[0-9]+|x)$/,
  containerRecipe: /^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws):container-recipe\/[a-z0-9-_]+\/(?:[0-9]+|x)\.(?:[0-9]+|x)\.(?:[0-9]+|x)$/,
  infrastructureConfiguration: /^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws):infrastructure-configuration\/[a-z0-9-_]+$/,
  distributionConfiguration: /^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws):distribution-configuration\/[a-z0-9-_]+$/,
  imagePipeline: /^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws):image-pipeline\/[a-z0-9-_]+$/,
  component: /^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?|third-party):component\/[a-z0-9-_]+\/(?:(?:([0-9]+|x)\.([0-9]+|x)\.([0-9]+|x))|(?:[0-9]+\.[0-9]+\.[0-9]+\/[0-9]+))$/,
  workflow: /^arn:aws(?:-[a-z]+)*:imagebuilder:[a-z]{2,}(?:-[a-z]+)+-[0-9]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):workflow\/(build|test|distribution)\/[a-z0-9-_]+\/(?:(?:([0-9]+|x)\.([0-9]+|x)\.([0-9]+|x))|(?:[0-9]+\.[0-9]+\.[0-9]+\/[0-9]+))$/,
  image: /^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):image\/[a-z0-9-_]+\/(?:(?:([0-9]+|x)\.([0-9]+|x)\.([0-9]+|x))|(?:[0-9]+\.[0-9]+\.[0-9]+\/[0-9]+))$/,
  lifecyclePolicy: /^arn:aws(?:-[a-z]+)*:imagebuilder:[a-z]{2,}(?:-[a-z]+)+-[0-9]+:(?:[0-9]{12}|aws):lifecycle-policy\/[a-z0-9-_]+$/,
  role: PATTERNS.roleNameOrArn,
} as const;

/** The kinds of ARN the API checks. */
export type ArnKind = keyof typeof ARN_PATTERNS;

/** Human names of the ARN kinds, for error messages. */
export const ARN_KIND_NAMES: Record<ArnKind, string> = {
  imageRecipe: 'an image recipe ARN',
  containerRecipe: 'a container recipe ARN',
  infrastructureConfiguration: 'an infrastructure configuration ARN',
  distributionConfiguration: 'a distribution configuration ARN',
  imagePipeline: 'an image pipeline ARN',
  component: 'a component ARN',
  workflow: 'a workflow ARN',
  image: 'an image ARN',
  lifecyclePolicy: 'a lifecycle policy ARN',
  role: 'an IAM role name or ARN',
};

/** Length and range limits of the API. */
export const LIMITS = {
  /** NonEmptyString: descriptions, parent images, working directories, repository names... */
  nonEmptyString: { min: 1, max: 1024 },
  resourceName: { min: 3, max: 128 },
  description: { min: 1, max: 1024 },
  /** Each version node (major, minor, patch) is at most 2^30-1. */
  versionNode: { min: 0, max: 1073741823 },
  roleNameOrArn: { min: 1, max: 2048 },
  timezone: { min: 3, max: 100 },
  scheduleExpression: { min: 1, max: 1024 },
  autoDisableFailureCount: { min: 1, max: 10 },
  imageTestsTimeoutMinutes: { min: 60, max: 1440 },
  logGroupName: { min: 1, max: 512 },
  parallelGroup: { min: 1, max: 100 },
  workflowParameterName: { min: 1, max: 128 },
  componentParameterName: { min: 1, max: 256 },
  tagKey: { min: 1, max: 128 },
  tagValue: { min: 0, max: 256 },
  /** TagMap: tags, imageTags, amiTags. */
  tagCount: { min: 1, max: 50 },
  /** ResourceTagMap: infrastructure resource tags. */
  resourceTagCount: { min: 1, max: 30 },
  dockerfileTemplateData: { min: 1, max: 16000 },
  componentData: { min: 1, max: 16000 },
  amiName: { min: 1, max: 127 },
  ssmParameterName: { min: 1, max: 1011 },
  instanceProfileName: { min: 1, max: 256 },
  userData: { min: 1, max: 21847 },
  httpPutResponseHopLimit: { min: 1, max: 64 },
  targetAccountIds: { min: 1, max: 1536 },
  launchPermissionUserIds: { min: 1, max: 1536 },
  organizationArns: { min: 1, max: 25 },
  organizationalUnitArns: { min: 1, max: 25 },
  licenseConfigurationArns: { min: 1, max: 50 },
  launchTemplateConfigurations: { min: 1, max: 100 },
  fastLaunchConfigurations: { min: 1, max: 1000 },
  fastLaunchTargetResourceCount: { min: 1, max: 10000 },
  /**
   * Fast launch `maxParallelLaunches`: Image Builder's model says at least 1, but EC2's EnableFastLaunch,
   * which Image Builder calls at distribution, takes 6 or more. The top is the API's Integer.
   */
  fastLaunchMaxParallelLaunches: { min: 6, max: 2147483647 },
  /** ECR repository names (ECR's CreateRepository rule). */
  ecrRepositoryName: { min: 2, max: 256 },
  /** The image count of an ECR lifecycle rule (`countNumber`: at least 1, an Integer). */
  ecrLifecycleImageCount: { min: 1, max: 2147483647 },
  amiWatermarks: { min: 1, max: 5 },
  ebsIops: { min: 100, max: 64000 },
  ebsVolumeSize: { min: 1, max: 16000 },
  ebsThroughput: { min: 125, max: 1000 },
  supportedOsVersions: { min: 1, max: 25 },
  /**
   * Workflows of one pipeline or image: at most one build workflow, up to ten test workflows and
   * at most one distribution workflow (user guide "Configure image pipeline workflows"; the model
   * has no limit).
   */
  pipelineBuildWorkflows: { min: 0, max: 1 },
  pipelineTestWorkflows: { min: 0, max: 10 },
  pipelineDistributionWorkflows: { min: 0, max: 1 },
  /** An image scanning container tag (EcrConfiguration.containerTags items). */
  scanningContainerTag: { min: 1, max: 1024 },
  /** Lifecycle policy rules (LifecyclePolicyDetails). */
  lifecyclePolicyDetails: { min: 1, max: 3 },
  /** Lifecycle filter value: an age in its unit, or a count of images to keep. */
  lifecycleFilterValue: { min: 1, max: 1000 },
  /** Lifecycle filter `retainAtLeast`. */
  lifecycleRetainAtLeast: { min: 1, max: 10 },
  /** Lifecycle AMI exclusion `lastLaunched.value`, in its unit. */
  lifecycleLastLaunchedValue: { min: 1, max: 365 },
  /** Recipes of a lifecycle policy's resource selection. */
  lifecycleRecipes: { min: 1, max: 50 },
  /** Accounts of a lifecycle AMI exclusion (AccountList). */
  lifecycleSharedAccounts: { min: 1, max: 1536 },
} as const;

/** Tag keys that infrastructure `resourceTags` may not use. */
export const RESERVED_RESOURCE_TAG_KEYS = ['CreatedBy', 'Ec2ImageBuilderArn', 'Name', 'Tags'] as const;
