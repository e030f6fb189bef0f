import { Construct, IConstruct } from 'constructs';
import { ImageRetentionOptions, LifecyclePolicy, LifecycleRule, LifecycleSelection } from '../../lifecycle-policy';
import { IRecipe } from '../../recipe';
import { LIMITS } from '../core/api-constraints';
import { Validator } from '../core/validation';

/**
 * The lifecycle policy that keeps the images `builder` builds from `recipe` (construct ID
 * `Retention` under `builder`).
 *
 * It selects the recipe by name at every version (`x.x.x`): every image built from the recipe,
 * by scheduled and manual runs alike, and after every recipe update. An image's tags would miss
 * the manual runs, which do not take the pipeline's `imageTags`. The recipe is this builder's
 * only if no other construct builds it: synth fails when another construct of the app does. The
 * policy tags a container recipe's target repository of this app for Image Builder's deletions.
 *
 * @param builtRecipeOf the recipe a construct of the app builds, or undefined when it builds none
 */
export function createImageRetention(
  builder: Construct,
  recipe: IRecipe,
  options: ImageRetentionOptions,
  builtRecipeOf: (construct: IConstruct) => IRecipe | undefined,
): LifecyclePolicy {
  const rules = [
    ...(options.keepLast !== undefined ? [LifecycleRule.keepLast(options.keepLast)] : []),
    ...(options.rules ?? []),
  ];
  if (rules.length === 0) {
    const v = new Validator(builder);
    v.fail('retention', options, 'must give keepLast or rules');
    v.throwIfInvalid();
  }
  const policy = new LifecyclePolicy(builder, 'Retention', {
    description: `Retention of the images of ${builder.node.path}`.slice(0, LIMITS.description.max),
    selection: LifecycleSelection.recipes([recipe]),
    rules,
    executionRole: options.executionRole,
  });
  builder.node.addValidation({ validate: () => otherBuilders(builder, recipe, builtRecipeOf) });
  return policy;
}

/** The error lines for the other constructs of the app that build the same recipe. */
function otherBuilders(builder: Construct, recipe: IRecipe, builtRecipeOf: (construct: IConstruct) => IRecipe | undefined): string[] {
  const v = new Validator(builder);
  for (const other of builder.node.root.node.findAll()) {
    const built = other === builder ? undefined : builtRecipeOf(other);
    if (built !== undefined && (built === recipe || built.recipeArn === recipe.recipeArn)) {
      v.fail('retention', other.node.path,
        'must not be set when another construct builds the same recipe (the policy selects images by recipe, so it would delete that construct\'s images too): give each pipeline its own recipe');
    }
  }
  return v.messages;
}
