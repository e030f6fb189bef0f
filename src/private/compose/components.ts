import { aws_imagebuilder as imagebuilder } from 'aws-cdk-lib';
import type { ComponentConfiguration } from '../../component';
import { LIMITS, PATTERNS } from '../core/api-constraints';
import { componentPlatformRule } from '../core/cross-resource';
import { checkGivenParameters } from '../core/parameters';
import { isToken, Validator } from '../core/validation';

/**
 * Validates a recipe's components and renders them for `CfnImageRecipe` / `CfnContainerRecipe`
 * (whose component shapes are the same).
 *
 * Checks: at least one component; no component (by ARN) twice; parameter names 1-256 characters
 * without NUL; parameter values without NUL. Tokens are never rejected.
 *
 * @param v the validator of the recipe
 * @param property the recipe's prop name, used in error messages (`components`)
 */
export function renderComponents(
  v: Validator,
  property: string,
  components: ComponentConfiguration[],
): imagebuilder.CfnContainerRecipe.ComponentConfigurationProperty[] {
  if (components.length === 0) {
    v.fail(property, components, 'must have at least 1 item (got 0)');
  }
  const seen = new Map<string, number>();
  return components.map((configuration, index) => {
    const path = `${property}[${index}]`;
    const componentArn = configuration.component.componentArn;
    if (!isToken(componentArn)) {
      const first = seen.get(componentArn);
      if (first !== undefined) {
        v.fail(`${path}.component`, componentArn, `must not repeat ${property}[${first}] (a recipe runs each component at most once)`);
      } else {
        seen.set(componentArn, index);
      }
    }
    checkGivenParameters(v, `${path}.parameters`, {
      noun: 'component',
      path: configuration.component.node.path,
      declared: configuration.component.parameterDeclarations,
    }, configuration.parameters);
    return {
      componentArn,
      parameters: renderParameters(v, `${path}.parameters`, configuration.parameters),
    };
  });
}

function renderParameters(
  v: Validator,
  property: string,
  parameters: ComponentConfiguration['parameters'],
): imagebuilder.CfnContainerRecipe.ComponentParameterProperty[] | undefined {
  if (parameters === undefined) {
    return undefined;
  }
  const entries = Object.entries(parameters);
  if (entries.length === 0) {
    return undefined;
  }
  return entries.map(([name, parameterValue]) => {
    if (!isToken(name)) {
      if (v.length(`${property} key`, name, LIMITS.componentParameterName)) {
        v.pattern(`${property} key`, name, PATTERNS.noNul);
      }
    }
    const values = parameterValue.values;
    values.forEach((value, i) => v.pattern(`${property}['${name}'][${i}]`, value, PATTERNS.noNulOrEmpty));
    return { name, value: values };
  });
}

/**
 * A component of another platform than the recipe's fails at build time (AWSTOE runs the
 * document on the build instance's OS). Checked where both platforms are known.
 */
export function checkComponentPlatforms(v: Validator, platform: string | undefined, components: ComponentConfiguration[]): void {
  if (platform === undefined || isToken(platform)) return;
  components.forEach((configuration, i) => {
    const componentPlatform = configuration.component.platform;
    if (componentPlatform !== undefined && !isToken(componentPlatform) && componentPlatform !== platform) {
      v.fail(`components[${i}]`, configuration.component.node.path, componentPlatformRule(componentPlatform, platform));
    }
  });
}
