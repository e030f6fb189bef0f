import {
  Arn,
  ArnFormat,
  aws_autoscaling as autoscaling,
  aws_ec2 as ec2,
  aws_ecr as ecr,
  aws_iam as iam,
  aws_imagebuilder as imagebuilder,
  aws_s3 as s3,
  aws_sns as sns,
  Duration,
  IResource,
  Resource,
  Stack,
  Token,
  TokenComparison,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LIMITS, PATTERNS } from './private/core/api-constraints';
import { imageBuilderArn, ownResourceName } from './private/core/arns';
import { brand, hasBrand } from './private/core/brands';
import { throwValidationError } from './private/core/errors';
import { lookupArnByName } from './private/core/lookup';
import { isToken, renderTagMap, Validator } from './private/core/validation';
import { acknowledgeLibraryFindings } from './private/iam/acknowledge';
import { ACKNOWLEDGED, LibraryPolicy } from './private/iam/library-policy';

/**
 * An Image Builder infrastructure configuration: the instances that build and test images.
 */
export interface IInfrastructureConfiguration extends IResource, imagebuilder.IInfrastructureConfigurationRef {
  /**
   * The infrastructure configuration's ARN.
   *
   * @attribute
   */
  readonly infrastructureConfigurationArn: string;

  /**
   * The infrastructure configuration's name.
   *
   * @attribute
   */
  readonly infrastructureConfigurationName: string;

  /**
   * The role of the build instances, when known: an infrastructure configuration authored in
   * this app knows it (created, given, or the role of the given instance profile); undefined
   * when not known.
   */
  readonly role?: iam.IRole;

  /**
   * The bucket the build logs are written to, when known and written to S3; undefined
   * otherwise (an infrastructure configuration authored in this app without `s3Logs`, or an
   * imported one, whose bucket is not known).
   */
  readonly logBucket?: s3.IBucket;
}

/** Whether the build instances require IMDSv2 session tokens. */
export enum HttpTokens {
  /** IMDSv2 only: metadata requests must carry a session token. */
  REQUIRED = 'required',
  /** IMDSv1 and IMDSv2: session tokens are optional. */
  OPTIONAL = 'optional',
}

/** The tenancy of the build instances. */
export enum Tenancy {
  /** Shared hardware. */
  DEFAULT = 'default',
  /** Dedicated instances, on hardware dedicated to the account. */
  DEDICATED = 'dedicated',
  /** A Dedicated Host (give `hostId` or `hostResourceGroupArn`). */
  HOST = 'host',
}

/** Where the build instances are placed. */
export interface InstancePlacement {
  /**
   * The Availability Zone of the build instances, for example `us-east-1a`.
   *
   * @default - chosen by EC2 (or by the subnet, when one is given)
   */
  readonly availabilityZone?: string;

  /**
   * The tenancy of the build instances.
   *
   * @default - the tenancy of the VPC, shared by default
   */
  readonly tenancy?: Tenancy;

  /**
   * The ID of the Dedicated Host the instances run on. Requires `tenancy` `Tenancy.HOST`; not
   * with `hostResourceGroupArn`.
   *
   * @default - no specific host
   */
  readonly hostId?: string;

  /**
   * The ARN of the host resource group the instances are launched into. Requires `tenancy`
   * `Tenancy.HOST`; not with `hostId`.
   *
   * @default - no host resource group
   */
  readonly hostResourceGroupArn?: string;
}

/** Where Image Builder writes the build logs in S3. */
export interface S3LogsConfiguration {
  /**
   * The bucket the logs are written to. The instance role is granted write access to the
   * key prefix when the role is known.
   */
  readonly bucket: s3.IBucket;

  /**
   * The key prefix of the log objects.
   *
   * @default - the bucket's root
   */
  readonly keyPrefix?: string;
}

/**
 * A running instance that Image Builder builds on, instead of an instance it launches: taken from
 * an Amazon EC2 Auto Scaling group.
 */
export interface ParentInstance {
  /**
   * The Auto Scaling group Image Builder takes the build instance from, in the account and Region
   * of the infrastructure configuration.
   */
  readonly autoScalingGroup: autoscaling.IAutoScalingGroup;

  /**
   * How long Image Builder waits for an instance to become available in the group before the
   * build fails (whole seconds).
   *
   * @default - no wait: the build fails as soon as the group has no instance available
   */
  readonly capacityWaitTimeout?: Duration;
}

/** What `InfrastructureConfiguration.fromLookup` searches for. */
export interface InfrastructureConfigurationLookupOptions {
  /** The infrastructure configuration's name, as its ARN holds it (lowercase: `[a-z0-9-_]+`). */
  readonly infrastructureConfigurationName: string;
}

/** Properties of an `InfrastructureConfiguration`. */
export interface InfrastructureConfigurationProps {
  /**
   * The name of the infrastructure configuration (3 to 128 letters, digits, hyphens, underscores
   * and spaces).
   *
   * @default - a unique lowercase name is generated
   */
  readonly infrastructureConfigurationName?: string;

  /**
   * The description of the infrastructure configuration.
   *
   * @default - no description
   */
  readonly description?: string;

  /**
   * The instance types to build and test on; Image Builder picks one that is available.
   *
   * @default - Image Builder's default for the image's platform
   */
  readonly instanceTypes?: ec2.InstanceType[];

  /**
   * The instance profile of the build instances. Not with `role`.
   *
   * Its role needs the `EC2InstanceProfileForImageBuilder` and `AmazonSSMManagedInstanceCore`
   * managed policies (or equivalent permissions).
   *
   * @default - an instance profile is created for `role`
   */
  readonly instanceProfile?: iam.IInstanceProfile;

  /**
   * The role of the build instances, assumable by `ec2.amazonaws.com`. An instance profile is
   * created for it. Not with `instanceProfile`.
   *
   * @default - a role is created with the `AmazonSSMManagedInstanceCore` and
   * `EC2InstanceProfileForImageBuilder` managed policies
   */
  readonly role?: iam.IRole;

  /**
   * The subnet the build instances are launched in. Requires `securityGroups`.
   *
   * @default - a subnet of the default VPC
   */
  readonly subnet?: ec2.ISubnet;

  /**
   * The security groups of the build instances. Required when `subnet` is given.
   *
   * @default - the default security group of the default VPC
   */
  readonly securityGroups?: ec2.ISecurityGroup[];

  /**
   * The key pair to log in to the build instances with, for troubleshooting.
   *
   * @default - no key pair: connect through Systems Manager Session Manager
   */
  readonly keyPair?: ec2.IKeyPair;

  /**
   * Whether a build instance is terminated when the build or a test fails. Set false to keep it
   * for troubleshooting.
   *
   * @default true
   */
  readonly terminateInstanceOnFailure?: boolean;

  /**
   * Whether Image Builder terminates the build and test instances that are still running when
   * the image creation ends without a failure. A `TerminateInstance` step of a workflow runs
   * even when this is false.
   *
   * @default - not set: Image Builder's default, the instances are terminated
   */
  readonly terminateInstanceOnCompletion?: boolean;

  /**
   * Build on a running instance taken from an Auto Scaling group, instead of an instance Image
   * Builder launches.
   *
   * @default - Image Builder launches the build and test instances
   */
  readonly parentInstance?: ParentInstance;

  /**
   * Whether the build instances require IMDSv2 session tokens.
   *
   * @default HttpTokens.REQUIRED
   */
  readonly httpTokens?: HttpTokens;

  /**
   * The number of network hops a metadata response may travel, between 1 and 64. Container
   * builds need at least 2 (the container is one hop).
   *
   * @default 2
   */
  readonly httpPutResponseHopLimit?: number;

  /**
   * The topic Image Builder publishes build notifications to. Standard topics only (no FIFO).
   * Image Builder publishes with its service-linked role; for a topic encrypted with a customer
   * managed key, the key policy must let that role use the key.
   *
   * @default - no notifications
   */
  readonly notificationTopic?: sns.ITopic;

  /**
   * Where the build logs are written in S3.
   *
   * @default - no S3 logs (logs still go to CloudWatch Logs)
   */
  readonly s3Logs?: S3LogsConfiguration;

  /**
   * Tags applied to the build instances and the resources Image Builder creates for the build
   * (up to 30; the keys `CreatedBy`, `Ec2ImageBuilderArn`, `Name` and `Tags` are reserved).
   *
   * @default - no resource tags
   */
  readonly resourceTags?: { [key: string]: string };

  /**
   * Where the build instances are placed.
   *
   * @default - EC2 places them
   */
  readonly placement?: InstancePlacement;

  /**
   * Tags of the infrastructure configuration itself.
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}

/** Shared behaviour of owned and imported infrastructure configurations. */
abstract class InfrastructureConfigurationBase extends Resource implements IInfrastructureConfiguration {
  public abstract readonly infrastructureConfigurationArn: string;

  /** A reference to this infrastructure configuration, where aws-cdk-lib expects one (`IInfrastructureConfigurationRef`). */
  public get infrastructureConfigurationRef(): imagebuilder.InfrastructureConfigurationReference {
    return { infrastructureConfigurationArn: this.infrastructureConfigurationArn };
  }
  public abstract readonly infrastructureConfigurationName: string;
  public abstract readonly role?: iam.IRole;
  public abstract readonly logBucket?: s3.IBucket;
}

/**
 * An Image Builder infrastructure configuration (`AWS::ImageBuilder::InfrastructureConfiguration`):
 * the instance profile, instance types, network and logging of the instances that build and test
 * images.
 *
 * With no props, it creates a role with the managed policies Image Builder needs, an instance
 * profile for it, and requires IMDSv2.
 */
export class InfrastructureConfiguration extends InfrastructureConfigurationBase {
  /**
   * Whether `x` is an `InfrastructureConfiguration` of this library (authored in an app, not
   * imported), whichever copy of the library made it.
   */
  public static isInfrastructureConfiguration(x: any): x is InfrastructureConfiguration {
    return hasBrand(x, 'InfrastructureConfiguration');
  }

  /**
   * Imports an infrastructure configuration by its ARN
   * (`arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/my-config`).
   */
  public static fromInfrastructureConfigurationArn(
    scope: Construct,
    id: string,
    infrastructureConfigurationArn: string,
  ): IInfrastructureConfiguration {
    const v = Validator.forImport(scope, id);
    v.arn('infrastructureConfigurationArn', infrastructureConfigurationArn, 'infrastructureConfiguration');
    v.throwIfInvalid();
    const name = Arn.split(infrastructureConfigurationArn, ArnFormat.SLASH_RESOURCE_NAME).resourceName!;
    return new ImportedInfrastructureConfiguration(scope, id, infrastructureConfigurationArn, name, true);
  }

  /**
   * Imports an infrastructure configuration of the stack's account and region by the name its
   * ARN holds (lowercase: `[a-z0-9-_]+`).
   */
  public static fromInfrastructureConfigurationName(
    scope: Construct,
    id: string,
    infrastructureConfigurationName: string,
  ): IInfrastructureConfiguration {
    const v = Validator.forImport(scope, id);
    v.arnResourceName('infrastructureConfigurationName', infrastructureConfigurationName);
    v.throwIfInvalid();
    const arn = imageBuilderArn(scope, 'infrastructure-configuration', infrastructureConfigurationName);
    return new ImportedInfrastructureConfiguration(scope, id, arn, infrastructureConfigurationName, false);
  }
  /**
   * Looks up an infrastructure configuration of the stack's account and Region at synth, through
   * the CDK CLI's Cloud Control context provider (`AWS::ImageBuilder::InfrastructureConfiguration`, read by its ARN),
   * and imports it: a name that does not exist fails at synth, not at deploy.
   *
   * The stack needs a concrete account and Region. Until the CDK CLI has answered, the lookup
   * returns a dummy in account 123456789012, which can never deploy; the answer is cached in
   * `cdk.context.json`. Needs CDK CLI 2.1001.0 or later (the Cloud Control context provider).
   */
  public static fromLookup(scope: Construct, id: string, options: InfrastructureConfigurationLookupOptions): IInfrastructureConfiguration {
    // AWS::ImageBuilder::InfrastructureConfiguration schema: primaryIdentifier /properties/Arn
    // (`infrastructure-configuration/<name>`, no version); Name and InstanceProfileName are `required`.
    const arn = lookupArnByName(scope, id, 'infrastructureConfigurationName', 'AWS::ImageBuilder::InfrastructureConfiguration', 'infrastructure-configuration', options.infrastructureConfigurationName);
    return InfrastructureConfiguration.fromInfrastructureConfigurationArn(scope, id, arn);
  }


  public readonly infrastructureConfigurationArn: string;
  public get infrastructureConfigurationName(): string {
    // Made on first use, like the recipe's attributes: most apps never read it.
    this.resourceName ??= this.getResourceNameAttribute(this.resource.attrName);
    return this.resourceName;
  }
  /** The L1, whose attributes the getters read when they are first used. */
  private readonly resource: imagebuilder.CfnInfrastructureConfiguration;
  private resourceName?: string;

  /**
   * The role of the build instances, when known: the role created or given, or the role of the
   * given instance profile. Undefined for an imported instance profile without a role.
   */
  public readonly role?: iam.IRole;

  /** The instance profile of the build instances. */
  public readonly instanceProfile: iam.IInstanceProfile;

  /**
   * The bucket the build logs are written to (`s3Logs.bucket`); undefined when the logs are not
   * written to S3.
   */
  public readonly logBucket?: s3.IBucket;

  /** The policy of this construct that holds the permissions it gives the instances' role. */
  private instancePolicy?: LibraryPolicy;

  /** The instances' role, when this construct created it. */
  private createdRole?: iam.Role;

  /** The instance policy's registry statements for the library's own builds, by kind of access. */
  private readonly registryStatements = new Map<'push' | 'pull', iam.PolicyStatement>();

  constructor(scope: Construct, id: string, props: InfrastructureConfigurationProps = {}) {
    super(scope, id, {
      physicalName: props.infrastructureConfigurationName,
    });
    const name = ownResourceName(this, props.infrastructureConfigurationName);

    const v = new Validator(this);
    v.resourceName('infrastructureConfigurationName', props.infrastructureConfigurationName);
    v.description('description', props.description);
    v.enumValue('httpTokens', props.httpTokens, HttpTokens);
    v.integer('httpPutResponseHopLimit', props.httpPutResponseHopLimit, LIMITS.httpPutResponseHopLimit);
    v.tags('resourceTags', props.resourceTags, { maxEntries: LIMITS.resourceTagCount.max });
    v.tags('tags', props.tags);
    v.instanceProfileName('instanceProfile', props.instanceProfile?.instanceProfileName);
    v.keyPairName('keyPair', props.keyPair?.keyPairName);
    v.subnetId('subnet', props.subnet?.subnetId);
    props.securityGroups?.forEach((group, i) => v.securityGroupId(`securityGroups[${i}]`, group.securityGroupId));

    if (props.role && props.instanceProfile) {
      v.fail('role', props.role.node.path, 'must not be given together with instanceProfile (the instance profile has its own role)');
    }
    if (props.subnet && (props.securityGroups === undefined || props.securityGroups.length === 0)) {
      v.fail('securityGroups', props.securityGroups ?? [], 'must have at least 1 item when subnet is given');
    }

    const topic = props.notificationTopic;
    if (topic) {
      v.pattern('notificationTopic', topic.topicArn, PATTERNS.snsTopicArn);
      if (topic.fifo) {
        v.fail('notificationTopic', topic.topicArn, 'must be a standard topic (Image Builder does not publish to FIFO topics)');
      }
    }

    v.nonEmptyString('s3Logs.keyPrefix', props.s3Logs?.keyPrefix);
    v.s3BucketName('s3Logs.bucket', props.s3Logs?.bucket.bucketName);
    const placement = this.renderPlacement(v, props.placement);
    const parentInstance = this.renderParentInstance(v, props.parentInstance);
    v.throwIfInvalid();

    if (props.instanceProfile) {
      this.instanceProfile = props.instanceProfile;
      this.role = props.instanceProfile.role;
    } else {
      this.createdRole = props.role ? undefined : this.createInstanceRole();
      this.role = props.role ?? this.createdRole;
      this.instanceProfile = new iam.InstanceProfile(this, 'InstanceProfile', { role: this.role });
    }

    this.logBucket = props.s3Logs?.bucket;
    if (props.s3Logs && this.role) {
      this.grantLogWrites(this.role, props.s3Logs);
    }

    const resource = this.resource = new imagebuilder.CfnInfrastructureConfiguration(this, 'Resource', {
      name,
      description: props.description,
      instanceProfileName: this.instanceProfile.instanceProfileName,
      instanceTypes: props.instanceTypes?.map(t => t.toString()),
      subnetId: props.subnet?.subnetId,
      securityGroupIds: props.securityGroups?.map(sg => sg.securityGroupId),
      keyPair: props.keyPair?.keyPairName,
      terminateInstanceOnFailure: props.terminateInstanceOnFailure,
      instanceMetadataOptions: {
        httpTokens: props.httpTokens ?? HttpTokens.REQUIRED,
        httpPutResponseHopLimit: props.httpPutResponseHopLimit ?? 2,
      },
      snsTopicArn: topic?.topicArn,
      logging: props.s3Logs ? {
        s3Logs: {
          s3BucketName: props.s3Logs.bucket.bucketName,
          s3KeyPrefix: props.s3Logs.keyPrefix,
        },
      } : undefined,
      resourceTags: renderTagMap(props.resourceTags),
      placement,
      tags: renderTagMap(props.tags),
    });
    // CfnInfrastructureConfiguration has these properties from aws-cdk-lib 2.276.0, newer than the
    // peer minimum (README "Compatibility"); CloudFormation takes them whatever the aws-cdk-lib
    // version, so they are written as CloudFormation names them, for every version of the range.
    if (props.terminateInstanceOnCompletion !== undefined) {
      resource.addPropertyOverride('TerminateInstanceOnCompletion', props.terminateInstanceOnCompletion);
    }
    if (parentInstance !== undefined) {
      resource.addPropertyOverride('ParentInstance', parentInstance);
    }

    this.infrastructureConfigurationArn = props.infrastructureConfigurationName === undefined
      ? resource.attrArn
      : this.getResourceArnAttribute(resource.attrArn, {
        service: 'imagebuilder',
        resource: 'infrastructure-configuration',
        resourceName: name,
      });
  }

  /**
   * Grants the build instances' role permission to push images to (and pull them from) a
   * repository: what a container recipe needs for its target repository. Scoped to the
   * repository, plus `ecr:GetAuthorizationToken`, which ECR only grants on `*`.
   *
   * The statements go to a policy of this construct attached to the role (`InstancePolicy`).
   * Throws when the role is not known (an imported instance profile without a role): grant
   * the permissions to that role yourself.
   */
  public grantContainerPush(repository: ecr.IRepository): iam.Grant {
    return repository.grantPullPush(this.registryGrantee('push'));
  }

  /**
   * Grants the build instances' role permission to pull images from a repository: what a
   * container recipe needs for a parent image in ECR. Scoped to the repository, plus
   * `ecr:GetAuthorizationToken`, which ECR only grants on `*`.
   *
   * The statements go to a policy of this construct attached to the role (`InstancePolicy`).
   * Throws when the role is not known (an imported instance profile without a role): grant
   * the permissions to that role yourself.
   */
  public grantContainerPull(repository: ecr.IRepository): iam.Grant {
    return repository.grantPull(this.registryGrantee('pull'));
  }

  /**
   * What `grantContainerPush` (`push`) or `grantContainerPull` gives, for the library's own builds:
   * when this construct created the role and the repository is in the same stack and in the
   * role's account (where `repository.grantPullPush`/`grantPull` only add to the role's policy:
   * the comparison is `iam.Grant.addToPrincipalOrResource`'s), the same statements are written
   * into the instance policy without an `iam.Grant`; otherwise the public grant runs
   * (cross-account repositories and roles get their resource policy statements).
   *
   * @internal
   */
  public _grantContainerAccess(repository: ecr.IRepository, access: 'push' | 'pull'): void {
    const role = this.createdRole;
    const accounts = Token.compareStrings(repository.env.account, role?.principalAccount ?? '');
    const sameAccount = accounts === TokenComparison.SAME || accounts === TokenComparison.BOTH_UNRESOLVED;
    if (role === undefined || Stack.of(repository) !== Stack.of(this) || !sameAccount) {
      if (access === 'push') {
        this.grantContainerPush(repository);
      } else {
        this.grantContainerPull(repository);
      }
      return;
    }
    // One statement per kind of access, whatever the number of repositories (the target and the
    // scanning repository share the push statement), and the registry token once.
    const existing = this.registryStatements.get(access);
    if (existing) {
      existing.addResources(repository.repositoryArn);
      return;
    }
    const statement = new iam.PolicyStatement({
      actions: access === 'push' ? ECR_PULL_PUSH_ACTIONS : ECR_PULL_ACTIONS,
      resources: [repository.repositoryArn],
    });
    const policy = this.instancePolicyFor(role);
    policy.add({ statement, reason: REGISTRY_TOKEN_REASON, onlyFor: ['*'] });
    if (this.registryStatements.size === 0) {
      policy.add({
        statement: new iam.PolicyStatement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }),
        reason: REGISTRY_TOKEN_REASON,
        onlyFor: ['*'],
      });
    }
    this.registryStatements.set(access, statement);
  }

  /** The grantee of registry access, in this construct's instance policy. */
  private registryGrantee(access: string): iam.IPrincipal {
    if (!this.role) {
      throwValidationError(this, 'instanceProfile', this.instanceProfile.instanceProfileName,
        `must have a known role to grant it ${access} access to a repository (import the instance profile with its role, or pass role instead)`);
    }
    return this.instancePolicyFor(this.role).grantee(REGISTRY_TOKEN_REASON, ['*']);
  }

  /**
   * The role of the build instances, with the AWS managed policies Image Builder documents for
   * them.
   */
  private createInstanceRole(): iam.Role {
    const role = new iam.Role(this, 'InstanceRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description: 'Role of the EC2 Image Builder build and test instances',
      managedPolicies: instanceManagedPolicies(),
    });
    acknowledgeLibraryFindings(role, ...Object.entries(INSTANCE_MANAGED_POLICIES)
      .map(([name, purpose]) => ACKNOWLEDGED.awsManagedPolicy(name, purpose)));
    return role;
  }

  /**
   * Lets the instances write their logs under the key prefix: `s3:PutObject` only (Image Builder
   * writes log objects, it never reads, lists, tags or deletes them), plus, for a bucket encrypted
   * with a KMS key, the two key actions an SSE-KMS upload needs.
   */
  private grantLogWrites(role: iam.IRole, s3Logs: S3LogsConfiguration): void {
    const grantee = this.instancePolicyFor(role).grantee('the build log objects, whose keys Image Builder generates for ' +
      'each build under the configured key prefix (the whole bucket only when no prefix is given); the only action is s3:PutObject');
    const objectsArn = s3Logs.bucket.arnForObjects(`${s3Logs.keyPrefix ?? ''}*`);
    iam.Grant.addToPrincipal({ grantee, actions: ['s3:PutObject'], resourceArns: [objectsArn] });
    s3Logs.bucket.encryptionKey?.grant(grantee, 'kms:GenerateDataKey', 'kms:Decrypt');
  }

  /**
   * This construct's policy, attached to the role: the permissions it gives are kept apart from
   * the role's other policies (they are attached to a given role too), and only they are
   * acknowledged as this library's.
   */
  private instancePolicyFor(role: iam.IRole): LibraryPolicy {
    if (!this.instancePolicy) {
      this.instancePolicy = new LibraryPolicy(this, 'InstancePolicy', {
        role,
        roleCreatedInStack: role === this.createdRole,
        holder: 'Policy of the Image Builder build and test instances',
        purpose: 'the permissions this infrastructure configuration needs for its own build instances (writing under ' +
          'its S3 log prefix, pulling from and pushing to the given ECR repositories)',
      });
    }
    return this.instancePolicy;
  }

  /** The `ParentInstance` property, as CloudFormation names its fields. */
  private renderParentInstance(v: Validator, parent: ParentInstance | undefined): { [key: string]: unknown } | undefined {
    if (parent === undefined) {
      return undefined;
    }
    const group = parent.autoScalingGroup;
    const groupAccount = group.env.account;
    const groupRegion = group.env.region;
    const stack = Stack.of(this);
    if (!isToken(groupAccount) && !isToken(stack.account) && groupAccount !== stack.account) {
      v.fail('parentInstance.autoScalingGroup', group.node.path,
        `must be a group of this account '${stack.account}' (it is in '${groupAccount}')`);
    }
    if (!isToken(groupRegion) && !isToken(stack.region) && groupRegion !== stack.region) {
      v.fail('parentInstance.autoScalingGroup', group.node.path,
        `must be a group of this Region '${stack.region}' (it is in '${groupRegion}')`);
    }
    let capacityWaitTimeoutSeconds: number | undefined;
    const timeout = parent.capacityWaitTimeout;
    if (timeout !== undefined) {
      if (timeout.isUnresolved()) {
        if (v.durationUnit('parentInstance.capacityWaitTimeout', timeout, 'seconds')) capacityWaitTimeoutSeconds = timeout.toSeconds();
      } else {
        const seconds = timeout.toSeconds({ integral: false });
        if (v.integer('parentInstance.capacityWaitTimeout', seconds, LIMITS.capacityWaitTimeoutSeconds, 'seconds')) {
          capacityWaitTimeoutSeconds = seconds;
        }
      }
    }
    return {
      AutoScalingGroup: {
        Name: group.autoScalingGroupName,
        ...capacityWaitTimeoutSeconds !== undefined ? { CapacityWaitTimeoutSeconds: capacityWaitTimeoutSeconds } : {},
      },
    };
  }

  private renderPlacement(
    v: Validator,
    placement: InstancePlacement | undefined,
  ): imagebuilder.CfnInfrastructureConfiguration.PlacementProperty | undefined {
    if (placement === undefined) {
      return undefined;
    }
    v.nonEmptyString('placement.availabilityZone', placement.availabilityZone);
    v.hostId('placement.hostId', placement.hostId);
    v.nonEmptyString('placement.hostResourceGroupArn', placement.hostResourceGroupArn);
    v.enumValue('placement.tenancy', placement.tenancy, Tenancy);
    if (placement.hostId !== undefined && placement.hostResourceGroupArn !== undefined) {
      v.fail('placement.hostId', placement.hostId, 'must not be given together with placement.hostResourceGroupArn');
    }
    const onHost = placement.hostId ?? placement.hostResourceGroupArn;
    if (onHost !== undefined && placement.tenancy !== Tenancy.HOST && !isToken(placement.tenancy)) {
      v.fail('placement.tenancy', placement.tenancy, `must be ${Tenancy.HOST} when placement.hostId or placement.hostResourceGroupArn is given`);
    }
    const rendered = {
      availabilityZone: placement.availabilityZone,
      tenancy: placement.tenancy,
      hostId: placement.hostId,
      hostResourceGroupArn: placement.hostResourceGroupArn,
    };
    return Object.values(rendered).some(x => x !== undefined) ? rendered : undefined;
  }
}

/** Why the instances' registry access has `ecr:GetAuthorizationToken` on `*`. */
const REGISTRY_TOKEN_REASON = 'ecr:GetAuthorizationToken, which ECR does not scope to resources ' +
  '(IAM requires \'*\'); the token only authenticates the instances to the registry, and every pull and push action ' +
  'is granted on the ARN of the given repository';

/** The actions `ecr.Repository.grantPull` grants on the repository (aws-cdk-lib's `REPO_PULL_ACTIONS`). */
const ECR_PULL_ACTIONS = ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'];

/** The actions `ecr.Repository.grantPush` adds (aws-cdk-lib's `REPO_PUSH_ACTIONS`). */
const ECR_PUSH_ACTIONS = ['ecr:CompleteLayerUpload', 'ecr:UploadLayerPart', 'ecr:InitiateLayerUpload', 'ecr:BatchCheckLayerAvailability', 'ecr:PutImage'];

/** What `ecr.Repository.grantPullPush` grants on the repository. */
const ECR_PULL_PUSH_ACTIONS = [...ECR_PULL_ACTIONS, ...ECR_PUSH_ACTIONS];

/**
 * The AWS managed policies of the role created for the build instances, with what each lets the
 * instances do: the reasons their cdk-nag findings are acknowledged.
 */
const INSTANCE_MANAGED_POLICIES: { [name: string]: string } = {
  AmazonSSMManagedInstanceCore: 'lets the Systems Manager agent register the instance and receive the commands through ' +
    'which Image Builder runs the build and test components',
  EC2InstanceProfileForImageBuilder: 'lets the instance read the components of its build and write to Image Builder\'s ' +
    'own log groups and buckets',
};

let sharedInstanceManagedPolicies: iam.IManagedPolicy[] | undefined;

/**
 * The AWS managed policies of a created instance role, as `iam.IManagedPolicy`: the same objects
 * for every role, made on first use. Their ARNs name no stack (`arn:${AWS::Partition}:iam::aws:
 * policy/<name>`); making them anew cost about 60 µs per role (400 roles, micro-benchmark).
 */
function instanceManagedPolicies(): iam.IManagedPolicy[] {
  sharedInstanceManagedPolicies ??= Object.keys(INSTANCE_MANAGED_POLICIES).map(name => iam.ManagedPolicy.fromAwsManagedPolicyName(name));
  return sharedInstanceManagedPolicies;
}

brand(InfrastructureConfiguration, 'InfrastructureConfiguration');

/** An infrastructure configuration defined outside this app. */
class ImportedInfrastructureConfiguration extends InfrastructureConfigurationBase {
  public readonly role?: iam.IRole = undefined;
  public readonly logBucket?: s3.IBucket = undefined;
  public readonly infrastructureConfigurationArn: string;
  public readonly infrastructureConfigurationName: string;

  constructor(scope: Construct, id: string, arn: string, name: string, environmentFromArn: boolean) {
    super(scope, id, environmentFromArn ? { environmentFromArn: arn } : {});
    this.infrastructureConfigurationArn = arn;
    this.infrastructureConfigurationName = name;
  }
}
