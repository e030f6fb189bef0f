import { aws_ecr as ecr } from 'aws-cdk-lib';
import { IRecipe } from './recipe';

/**
 * An Image Builder container recipe: how a container image is built and where it is pushed.
 */
export interface IContainerRecipe extends IRecipe {
  /**
   * The container recipe's ARN.
   *
   * @attribute
   */
  readonly containerRecipeArn: string;

  /**
   * The container recipe's name.
   *
   * @attribute
   */
  readonly containerRecipeName: string;

  /**
   * The container recipe's version.
   *
   * @attribute
   */
  readonly containerRecipeVersion: string;

  /**
   * The ECR repository the built images are pushed to, when known (undefined for recipes imported
   * by ARN only).
   */
  readonly targetRepository?: ecr.IRepository;
}
