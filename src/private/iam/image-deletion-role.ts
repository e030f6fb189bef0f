import { Lazy, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { reasoned, ReasonedStatement } from './library-policy';
import { CREATED_BY } from './pipeline-execution-role';

/** What an image built, which decides what its deletion role may delete. */
export interface DeletionNeeds {
  /** The image may have built AMIs (an image recipe, or a pipeline whose recipe is not known). */
  readonly amis: boolean;
  /** The image may have built container images. */
  readonly containers: boolean;
  /** The image is distributed (copies in other Regions), or its distribution is not known. */
  readonly distributed: boolean;
  /**
   * The Regions the image is distributed to, when known (a distribution configuration of this
   * app): deletions are limited to them (`aws:RequestedRegion`). Read at synth, so distributions
   * added later count.
   */
  readonly distributionRegions?: () => string[];
  /** The container recipe's target repository, when known. */
  readonly targetRepositoryArn?: string;
}

/**
 * The permissions Image Builder needs to delete what an image built, when its resource is
 * replaced or deleted, and nothing else (narrowed from the AWS managed
 * EC2ImageBuilderLifecycleExecutionPolicy, which deletes images the same way):
 * - AMIs and snapshots only when tagged `CreatedBy: EC2 Image Builder` (Image Builder tags every
 *   AMI and snapshot it creates), in the stack's Region; when the image is distributed, in the
 *   stack's Region and the distribution's Regions (`aws:RequestedRegion`), or any Region when the
 *   distribution is not known;
 * - container images only in the recipe's target repository when it is known, else in the
 *   account's repositories of the stack's Region (any Region when distributed);
 * - describe actions, which IAM grants only on `*`.
 */
export function deletionRoleStatements(scope: IConstruct, needs: DeletionNeeds): ReasonedStatement[] {
  const stack = Stack.of(scope);
  const p = stack.partition;
  const regions = needs.distributed ? '*' : stack.region;
  const knownRegions = needs.distributed && needs.distributionRegions ? needs.distributionRegions : undefined;
  const createdBy = {
    StringEquals: {
      [`aws:ResourceTag/${CREATED_BY.key}`]: CREATED_BY.value,
      ...knownRegions ? {
        'aws:RequestedRegion': Lazy.list({ produce: () => [...new Set([stack.region, ...knownRegions()])] }),
      } : {},
    },
  };
  const where = !needs.distributed ? 'in the stack\'s Region'
    : knownRegions ? 'in the stack\'s Region and the distribution\'s Regions (aws:RequestedRegion)'
      : 'in every Region the image may be distributed to (the distribution is not known)';
  const statements: ReasonedStatement[] = [];
  if (needs.amis) {
    statements.push(
      reasoned(`the AMIs of the image, which Image Builder creates at build time: only AMIs tagged CreatedBy: EC2 Image Builder, ${where}`, {
        sid: 'DeregisterImageBuilderAmis',
        actions: ['ec2:DeregisterImage'],
        resources: [`arn:${p}:ec2:${regions}::image/*`],
        conditions: createdBy,
      }),
      reasoned(`the snapshots of the image's AMIs, created at build time: only snapshots tagged CreatedBy: EC2 Image Builder, ${where}`, {
        sid: 'DeleteImageBuilderSnapshots',
        actions: ['ec2:DeleteSnapshot'],
        resources: [`arn:${p}:ec2:${regions}::snapshot/*`],
        conditions: createdBy,
      }),
      reasoned('IAM grants these EC2 describe actions only on *', {
        sid: 'DescribeAmisAndSnapshots',
        actions: ['ec2:DescribeImages', 'ec2:DescribeSnapshots'],
        resources: ['*'],
      }),
    );
  }
  if (needs.containers) {
    statements.push(reasoned(needs.targetRepositoryArn
      ? 'the images of the recipe\'s target repository'
      : `the container images the image pushed, to repositories not known at synth, of the account ${where}`, {
      sid: 'DeleteContainerImages',
      actions: ['ecr:BatchDeleteImage', 'ecr:BatchGetImage', 'ecr:DescribeImages'],
      resources: [needs.targetRepositoryArn ?? `arn:${p}:ecr:${regions}:${stack.account}:repository/*`],
    }));
  }
  return statements;
}
