import { aws_iam as iam, aws_imagebuilder as imagebuilder, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { reasoned, ReasonedStatement } from './library-policy';
import { CREATED_BY } from './pipeline-execution-role';
import { imageBuilderArn } from '../core/arns';

/** The tag Image Builder puts on the AMIs it deprecates (user guide "How lifecycle management rules work"). */
const DEPRECATED_BY = { key: 'DeprecatedBy', value: 'EC2 Image Builder' } as const;

/**
 * The tag an ECR repository needs for Image Builder to run lifecycle actions on its images (user
 * guide "Lifecycle management prerequisites for Image Builder images").
 */
export const LIFECYCLE_EXECUTION_ACCESS = { key: 'LifecycleExecutionAccess', value: 'EC2 Image Builder' } as const;

/** A rule of a lifecycle policy as the policy renders it, with what its role needs. */
export interface RenderedRule {
  /** `DELETE`, `DEPRECATE` or `DISABLE`. */
  readonly action: string;
  readonly detail: imagebuilder.CfnLifecyclePolicy.PolicyDetailProperty;
  readonly includeResources: imagebuilder.CfnLifecyclePolicy.IncludeResourcesProperty;
  /** The rule has AMI exclusions (which Image Builder checks on the AMIs). */
  readonly amiExclusions: boolean;
  readonly ageWithoutRetainAtLeast: boolean;
}

/** The selection of a lifecycle policy as the policy renders it. */
export interface RenderedSelection {
  readonly resourceSelection: imagebuilder.CfnLifecyclePolicy.ResourceSelectionProperty;
  readonly byTags: boolean;
  /** The names the ARNs of the selected recipes hold, when every selected recipe is known. */
  readonly recipeArnNames?: string[];
}

/** What the rules of a lifecycle policy do, which decides the permissions of the role it creates. */
export interface LifecycleRoleNeeds {
  /** A rule deletes Image Builder images. */
  readonly deleteImages: boolean;
  /**
   * The names (as ARNs hold them) of the recipes whose images the policy selects, when known:
   * image deletion is scoped to `image/<name>/*`.
   */
  readonly imageNames?: string[];
  /** The policy selects images by their tags. */
  readonly selectByTags: boolean;
  /** AMIs are read: a rule acts on AMIs or has AMI exclusions. */
  readonly readAmis: boolean;
  readonly deprecateAmis: boolean;
  readonly disableAmis: boolean;
  readonly deregisterAmis: boolean;
  readonly deleteSnapshots: boolean;
  readonly deleteContainers: boolean;
}

/**
 * The permissions Image Builder needs to run a lifecycle policy's rules, and nothing else.
 *
 * They follow the AWS managed policy `service-role/EC2ImageBuilderLifecycleExecutionPolicy`,
 * split by what each rule does (user guide "How lifecycle management rules work": deprecate sets
 * the AMI's deprecation time and tags it `DeprecatedBy`; disable disables the AMI and removes that
 * tag; delete deregisters the AMIs, deletes their snapshots, or deletes the container images), and
 * narrowed:
 * - AMIs and snapshots: only those tagged `CreatedBy: EC2 Image Builder`, in every Region (AMIs
 *   are distributed to other Regions);
 * - ECR: repositories of this account tagged `LifecycleExecutionAccess: EC2 Image Builder`, the
 *   tag Image Builder requires anyway;
 * - `imagebuilder:DeleteImage`: the images of the selected recipes when they are known, otherwise
 *   the images of this account and Region (the managed policy has `*`);
 * - `tag:GetResources` only for a selection by tags (the managed policy grants it to "get
 *   resources based on tags").
 * `ec2:DescribeImages` and `tag:GetResources` have no resource-level permissions: `*`.
 */
export function lifecycleRoleStatements(scope: IConstruct, needs: LifecycleRoleNeeds): ReasonedStatement[] {
  const stack = Stack.of(scope);
  const p = stack.partition;
  const amis = `arn:${p}:ec2:*::image/*`;
  const snapshots = `arn:${p}:ec2:*::snapshot/*`;
  const createdBy = { [`aws:ResourceTag/${CREATED_BY.key}`]: CREATED_BY.value };
  const amisReason = 'the AMIs Image Builder created (condition CreatedBy: EC2 Image Builder), in every Region the images were distributed to';
  const statements: ReasonedStatement[] = [];
  // Every statement has a wildcard resource, explained by its reason.
  const add = (statement: iam.PolicyStatementProps, reason: string) => statements.push(reasoned(reason, statement));

  if (needs.deleteImages) {
    const names = needs.imageNames ?? ['*'];
    add({
      sid: 'DeleteImageBuilderImages',
      actions: ['imagebuilder:DeleteImage'],
      resources: names.map(name => imageBuilderArn(scope, 'image', `${name}/*`)),
    }, needs.imageNames
      ? 'the image build versions of the selected recipes (image/<recipe>/<version>/<build>), which Image Builder creates at each build'
      : 'the images this policy selects by tags or by recipe names, which only Image Builder knows at run time');
  }
  if (needs.selectByTags) {
    add({ sid: 'FindImagesByTags', actions: ['tag:GetResources'], resources: ['*'] },
      'tag:GetResources has no resource-level permissions: Image Builder finds the images the policy selects by their tags');
  }
  if (needs.readAmis) {
    add({ sid: 'DescribeAmis', actions: ['ec2:DescribeImages'], resources: ['*'] },
      'ec2:DescribeImages has no resource-level permissions: Image Builder reads the AMIs of the selected images');
    add({
      sid: 'ReadAmiAttributes',
      actions: ['ec2:DescribeImageAttribute'],
      resources: [amis],
      conditions: { StringEquals: createdBy },
    }, `reading the launch permissions and last launch time of ${amisReason}`);
  }
  const amiActions = [
    ...(needs.deprecateAmis ? ['ec2:EnableImageDeprecation'] : []),
    ...(needs.disableAmis ? ['ec2:DisableImage'] : []),
    ...(needs.deregisterAmis ? ['ec2:DeregisterImage'] : []),
  ];
  if (amiActions.length > 0) {
    add({ sid: 'ChangeAmis', actions: amiActions, resources: [amis], conditions: { StringEquals: createdBy } },
      `deprecating, disabling or deregistering ${amisReason}`);
  }
  const tagActions = [
    ...(needs.deprecateAmis ? ['ec2:CreateTags'] : []),
    ...(needs.disableAmis ? ['ec2:DeleteTags'] : []),
  ];
  if (tagActions.length > 0) {
    add({
      sid: 'TagDeprecatedAmis',
      actions: tagActions,
      resources: [amis],
      conditions: {
        'StringEquals': { ...createdBy, [`aws:RequestTag/${DEPRECATED_BY.key}`]: DEPRECATED_BY.value },
        'ForAllValues:StringEquals': { 'aws:TagKeys': [DEPRECATED_BY.key] },
      },
    }, `adding or removing only the DeprecatedBy tag on ${amisReason}`);
  }
  if (needs.deleteSnapshots) {
    add({ sid: 'DeleteSnapshots', actions: ['ec2:DeleteSnapshot'], resources: [snapshots], conditions: { StringEquals: createdBy } },
      'deleting the snapshots of the deregistered AMIs, which Image Builder created (condition CreatedBy: EC2 Image Builder), in every Region');
  }
  if (needs.deleteContainers) {
    add({
      sid: 'DeleteContainerImages',
      actions: ['ecr:BatchGetImage', 'ecr:BatchDeleteImage'],
      resources: [`arn:${p}:ecr:*:${stack.account}:repository/*`],
      conditions: {
        StringEquals: { [`ecr:ResourceTag/${LIFECYCLE_EXECUTION_ACCESS.key}`]: LIFECYCLE_EXECUTION_ACCESS.value },
      },
    }, 'the repositories of this account that their owner tagged LifecycleExecutionAccess: EC2 Image Builder, ' +
      'which Image Builder requires to delete their container images, in every Region they were distributed to');
  }
  return statements;
}
