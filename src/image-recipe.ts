import { IRecipe } from './recipe';

/**
 * An Image Builder image recipe: how an AMI is built.
 */
export interface IImageRecipe extends IRecipe {
  /**
   * The image recipe's ARN.
   *
   * @attribute
   */
  readonly imageRecipeArn: string;

  /**
   * The image recipe's name.
   *
   * @attribute
   */
  readonly imageRecipeName: string;

  /**
   * The image recipe's version.
   *
   * @attribute
   */
  readonly imageRecipeVersion: string;
}
