/**
 * The EC2 Image Builder API's input patterns and limits (service model 2019-12-02, as of 2026),
 * in one place. Every construct validates through `validation.ts`, which reads these.
 *
 * Patterns are the API's own, written exactly as the service model gives them. Where the API
 * leaves one unanchored, so do we, and a second check (for the time zone, the IANA database)
 * stands in for the anchors. `ARN_PATTERNS` are the model's verbatim (test/fixtures holds the
 * model's patterns; test/api-model.test.ts compares them).
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
  /**
   * Timezone, unanchored as the API has it: the API accepts any value that holds a match, such
   * as the legacy IANA names `GMT+0`, `W-SU` or `NZ-CHAT`. `Validator.timeZone` also requires a
   * zone the IANA database (Node's `Intl`) knows, so text around a match is not accepted blindly.
   */
  timezone: /[a-zA-Z0-9]{2,}(?:\/[a-zA-Z0-9-_+]+)*/,
  /** LogGroupName. */
  logGroupName: /^[a-zA-Z0-9\-_/\.]{1,512}$/,
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
  amiName: /^[-_A-Za-z0-9{][-_A-Za-z0-9\s:{}\.]+[-_A-Za-z0-9}]$/,
  /** SsmParameterName. */
  ssmParameterName: /^[a-zA-Z0-9_.\-\/]+$/,
  /** LaunchTemplateId. */
  launchTemplateId: /^lt-[a-z0-9-_]{17}$/,
  /** InstanceProfileNameType. */
  instanceProfileName: /^[\w+=,.@-]+$/,
  /** UserDataOverride: base64. */
  userData: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
  /** AmiWatermarkName. */
  amiWatermark: /^[A-Za-z0-9()\[\]./'@_\-][A-Za-z0-9 ()\[\]./'@_\-]{1,126}[A-Za-z0-9()\[\]./'@_\-]$/,
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
  component: /^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):component\/[a-z0-9-_]+\/(?:(?:([0-9]+|x)\.([0-9]+|x)\.([0-9]+|x))|(?:[0-9]+\.[0-9]+\.[0-9]+\/[0-9]+))$/,
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
  /**
   * The `kmsKeyId` of a container recipe, of an EBS block device, and of an AMI distribution:
   * NonEmptyString, 1 to 1024 (service model: CreateContainerRecipeRequest,
   * EbsInstanceBlockDeviceSpecification, AmiDistributionConfiguration).
   */
  kmsKeyId: { min: 1, max: 1024 },
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
  /**
   * `ParentInstance.AutoScalingGroup.CapacityWaitTimeoutSeconds`: 0 or more seconds (aws-cdk-lib
   * 2.276's L1 documents 0 as "no wait"; the field is newer than our copy of the service model),
   * up to the API's Integer.
   */
  capacityWaitTimeoutSeconds: { min: 0, max: 2147483647 },
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


/**
 * Identifiers of other services that the API takes as plain strings, with the other service's
 * own documented rule where it is stricter than the API's (each cites it). One validator per kind
 * in validation.ts applies them, wherever a construct takes such a value.
 */
export const OTHER_SERVICE_IDS = {
  /**
   * IAM CreateInstanceProfile `InstanceProfileName`: 1 to 128 characters, `[\w+=,.@-]+`
   * (IAM API Reference). The Image Builder API takes the same pattern, up to 256.
   */
  instanceProfileName: { length: { min: 1, max: 128 } },
  /**
   * EC2 CreateKeyPair `KeyName`: "Constraints: Up to 255 ASCII characters" (EC2 API Reference).
   * The Image Builder API takes any NonEmptyString (1 to 1024).
   */
  keyPairName: { length: { min: 1, max: 255 }, pattern: /^[\x00-\x7F]+$/ },
  /**
   * EC2 resource IDs: the type prefix, a hyphen and 8 or 17 hexadecimal characters (EC2 User
   * Guide, "Resource IDs"). The Image Builder API takes any NonEmptyString (1 to 1024).
   */
  subnetId: { pattern: /^subnet-[0-9a-f]{8}(?:[0-9a-f]{9})?$/ },
  securityGroupId: { pattern: /^sg-[0-9a-f]{8}(?:[0-9a-f]{9})?$/ },
  /** A Dedicated Host ID, by the same EC2 rule (`h-` and 17 hexadecimal characters). */
  hostId: { pattern: /^h-[0-9a-f]{8}(?:[0-9a-f]{9})?$/ },
  /**
   * S3 general purpose bucket names: 3 to 63 characters, lowercase letters, digits, dots and
   * hyphens, starting and ending with a letter or digit (S3 User Guide, "General purpose bucket
   * naming rules"). The Image Builder API takes any NonEmptyString (1 to 1024).
   */
  s3BucketName: { pattern: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/ },
} as const;

/** A pattern as a person reads it, and a value it accepts. */
export interface HumanRule {
  /** The rule in words, phrased to follow "must be". */
  readonly rule: string;
  /** A valid value. */
  readonly example: string;
}

/**
 * The patterns of `PATTERNS` in words, with a valid value each: an error gives them before the
 * pattern itself (`must be <rule>, for example '<example>' (pattern ^...$)`). Patterns that only
 * find placeholders in text are left out: they are never shown to users as a rule.
 */
export const PATTERN_RULES: ReadonlyMap<RegExp, HumanRule> = new Map<RegExp, HumanRule>([
  [PATTERNS.resourceName, { rule: '3 to 128 letters, digits, hyphens, underscores and spaces, not starting or ending with a space', example: 'golden-image' }],
  [PATTERNS.version, { rule: 'a version major.minor.patch of three numbers', example: '1.0.0' }],
  [PATTERNS.wildcardVersion, { rule: 'a version major.minor.patch of three numbers, where x stands for any number from the right', example: '1.0.x' }],
  [PATTERNS.roleNameOrArn, { rule: 'an IAM role name or role ARN', example: 'arn:aws:iam::123456789012:role/ImageBuilderRole' }],
  [PATTERNS.timezone, { rule: 'an IANA time zone name', example: 'America/Los_Angeles' }],
  [PATTERNS.logGroupName, { rule: 'a log group name of letters, digits and - _ / .', example: '/aws/imagebuilder/golden-image' }],
  [PATTERNS.parallelGroup, { rule: 'a letter or digit, then up to 99 letters, digits and - _ + #', example: 'smoke-tests' }],
  [PATTERNS.accountId, { rule: 'an AWS account ID of 12 digits', example: '123456789012' }],
  [PATTERNS.noNul, { rule: 'non-empty text without NUL characters', example: 'value' }],
  [PATTERNS.noNulOrEmpty, { rule: 'text without NUL characters', example: 'value' }],
  [PATTERNS.tagKey, { rule: 'a tag key of letters, digits, spaces and _ . : / = + - @, not starting with aws:', example: 'team' }],
  [PATTERNS.amiName, { rule: 'an AMI name of letters, digits, spaces and - _ : . { }, starting with a letter, digit, - _ or { and ending with a letter, digit, - _ or }', example: 'golden-{{ imagebuilder:buildDate }}' }],
  [PATTERNS.ssmParameterName, { rule: 'an SSM parameter name of letters, digits and _ . - /', example: '/golden/ami-id' }],
  [PATTERNS.launchTemplateId, { rule: 'a launch template ID: lt- and 17 lowercase letters or digits', example: 'lt-0123456789abcdef0' }],
  [PATTERNS.instanceProfileName, { rule: 'an instance profile name of letters, digits and + = , . @ _ -', example: 'ImageBuilderInstanceProfile' }],
  [PATTERNS.userData, { rule: 'base64 text', example: 'IyEvYmluL2Jhc2g=' }],
  [PATTERNS.amiWatermark, { rule: "3 to 128 letters, digits, spaces and ( ) [ ] . / ' @ _ -, not starting or ending with a space", example: 'Golden Image' }],
  [PATTERNS.organizationArn, { rule: 'an AWS Organizations organization ARN', example: 'arn:aws:organizations::123456789012:organization/o-a1b2c3d4e5' }],
  [PATTERNS.organizationalUnitArn, { rule: 'an AWS Organizations organizational unit ARN', example: 'arn:aws:organizations::123456789012:ou/o-a1b2c3d4e5/ou-ab12-cd34ef56' }],
  [PATTERNS.licenseConfigurationArn, { rule: 'a License Manager license configuration ARN', example: 'arn:aws:license-manager:us-east-1:123456789012:license-configuration:lic-0123456789abcdef0123456789abcdef' }],
  [PATTERNS.snsTopicArn, { rule: 'a standard SNS topic ARN', example: 'arn:aws:sns:us-east-1:123456789012:image-builds' }],
  [PATTERNS.s3Uri, { rule: 'an S3 URI s3://bucket/key', example: 's3://my-bucket/templates/Dockerfile' }],
  [PATTERNS.arnResourceName, { rule: 'a name as its ARN holds it: lowercase letters, digits, - and _', example: 'golden-image' }],
  [PATTERNS.amiId, { rule: 'an AMI ID: ami- and 8 or 17 hexadecimal digits', example: 'ami-0123456789abcdef0' }],
  [PATTERNS.regionName, { rule: 'an AWS Region name', example: 'us-east-1' }],
  [PATTERNS.ecrRepositoryName, { rule: 'an ECR repository name: lowercase letters and digits, separated by single . _ - or /', example: 'team/golden-image' }],
  [PATTERNS.containerRepositoryPath, { rule: 'a container repository path: lowercase letters and digits, separated by . _ __ - or /', example: 'library/ubuntu' }],
  [PATTERNS.ecrPublicRepositoryPath, { rule: 'an ECR Public repository: <registry alias>/<repository>', example: 'amazonlinux/amazonlinux' }],
  [PATTERNS.containerImageTag, { rule: 'an image tag of up to 128 letters, digits, _ . and -, not starting with . or -', example: '2023' }],
  [OTHER_SERVICE_IDS.keyPairName.pattern, { rule: 'an EC2 key pair name of ASCII characters', example: 'build-access' }],
  [OTHER_SERVICE_IDS.subnetId.pattern, { rule: 'a subnet ID: subnet- and 8 or 17 hexadecimal digits', example: 'subnet-0123456789abcdef0' }],
  [OTHER_SERVICE_IDS.hostId.pattern, { rule: 'a Dedicated Host ID: h- and 8 or 17 hexadecimal digits', example: 'h-0123456789abcdef0' }],
  [OTHER_SERVICE_IDS.s3BucketName.pattern, { rule: 'an S3 bucket name of 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit', example: 'build-logs' }],
  [OTHER_SERVICE_IDS.securityGroupId.pattern, { rule: 'a security group ID: sg- and 8 or 17 hexadecimal digits', example: 'sg-0123456789abcdef0' }],
  [PATTERNS.containerImageDigest, { rule: 'an image digest: sha256: and 64 lowercase hexadecimal digits', example: `sha256:${'0123456789abcdef'.repeat(4)}` }],
]);

/** A valid ARN of each kind, for error messages. */
export const ARN_EXAMPLES: Record<ArnKind, string> = {
  imageRecipe: 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/golden-image/1.0.x',
  containerRecipe: 'arn:aws:imagebuilder:us-east-1:123456789012:container-recipe/golden-image/1.0.x',
  infrastructureConfiguration: 'arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/build-infra',
  distributionConfiguration: 'arn:aws:imagebuilder:us-east-1:123456789012:distribution-configuration/golden-images',
  imagePipeline: 'arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/golden-image',
  component: 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x',
  workflow: 'arn:aws:imagebuilder:us-east-1:aws:workflow/test/test-image/x.x.x',
  image: 'arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86/x.x.x',
  lifecyclePolicy: 'arn:aws:imagebuilder:us-east-1:123456789012:lifecycle-policy/keep-ten',
  role: 'arn:aws:iam::123456789012:role/ImageBuilderRole',
};

/**
 * The patterns of component (AWSTOE) and workflow documents, which `documents.ts` checks: names
 * and references inside a document, not fields of the API.
 */
export const DOCUMENT_PATTERNS = {
  /**
   * A step name: letters, digits, `-` and `_`. Steps are referenced by name in
   * `{{ phase.step.outputs.x }}` (components) and `$.stepOutputs.step.x` (workflows), so a name
   * with a dot or a space could not be referenced; AWSTOE and Image Builder name steps this way.
   */
  stepName: /^[A-Za-z0-9][A-Za-z0-9_-]*$/,
  /** A parameter or constant name of a document. */
  parameterName: /^[A-Za-z0-9_-]+$/,
  /** `{{ reference }}` in a component document; group 1 is the reference. */
  componentReference: /\{\{\s*([A-Za-z0-9_.:-]+)\s*\}\}/g,
  /** `$.stepOutputs.<step>` in a workflow document; group 1 is the step. */
  workflowStepOutputReference: /\$\.stepOutputs\.([A-Za-z0-9_-]+)/g,
  /** `$.parameters.<name>` in a workflow document; group 1 is the parameter. */
  workflowParameterReference: /\$\.parameters\.([A-Za-z0-9_-]+)/g,
} as const;
