import { IResource } from 'aws-cdk-lib';
import { ComponentConfiguration, ComponentPlatform } from './component';

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

  /**
   * The operating system platform of the images the recipe builds, when known (for example
   * from a container recipe's `platformOverride`); undefined when not known.
   */
  readonly platform?: ComponentPlatform;

  /**
   * The components the recipe runs, in order, when known (a recipe authored in this app);
   * undefined for an imported recipe.
   */
  readonly components?: ComponentConfiguration[];

  /**
   * The parent image as Image Builder holds it (an AMI ID, an image ARN, `ssm:<parameter>`, a
   * container image URI...), when known: a recipe authored in this app, or one found with
   * `fromLookup`; undefined for a recipe imported by ARN or name.
   */
  readonly parentImage?: string;
}
