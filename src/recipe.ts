import { IResource } from 'aws-cdk-lib';

/**
 * The kind of recipe a pipeline builds: an AMI from an image recipe, or a container image from a
 * container recipe.
 */
export enum RecipeType {
  /** An image recipe: the pipeline builds AMIs (`ImageRecipeArn`). */
  IMAGE = 'IMAGE',
  /** A container recipe: the pipeline builds container images (`ContainerRecipeArn`). */
  CONTAINER = 'CONTAINER',
}

/**
 * A recipe an image pipeline can build: an image recipe or a container recipe.
 *
 * A pipeline renders exactly one recipe ARN, chosen by `recipeType`.
 */
export interface IRecipe extends IResource {
  /** Whether this is an image recipe or a container recipe. */
  readonly recipeType: RecipeType;
  /**
   * The recipe's ARN (`...:image-recipe/name/1.0.0` or `...:container-recipe/name/1.0.0`).
   *
   * @attribute
   */
  readonly recipeArn: string;
}
