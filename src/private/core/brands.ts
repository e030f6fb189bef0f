/**
 * Brands: how the library's constructs recognize each other without `instanceof`, which fails
 * when two copies of the library are loaded (as aws-cdk-lib does with `Stack.isStack`). Each
 * construct class marks its prototype with `Symbol.for('cdk-imagebuilder.<ClassName>')`; the
 * class's static guard (`Component.isComponent(x)`) and the library's own code read the mark.
 */

/** The construct classes that carry a brand, by the class name in their symbol. */
export type BrandName =
  | 'Component'
  | 'Workflow'
  | 'ImageRecipe'
  | 'ContainerRecipe'
  | 'InfrastructureConfiguration'
  | 'DistributionConfiguration'
  | 'ImagePipeline'
  | 'Image'
  | 'LifecyclePolicy'
  | 'DistributionCrossAccountRole';

function brandSymbol(name: BrandName): symbol {
  return Symbol.for(`cdk-imagebuilder.${name}`);
}

/** Marks every instance of a class (through its prototype) with the brand `name`. */
export function brand(constructor: { prototype: object }, name: BrandName): void {
  Object.defineProperty(constructor.prototype, brandSymbol(name), { value: true });
}

/** Whether `x` carries the brand `name`, whichever copy of the library made it. */
export function hasBrand(x: unknown, name: BrandName): boolean {
  return x !== null && typeof x === 'object' && (x as { [key: symbol]: unknown })[brandSymbol(name)] === true;
}
