import { ParameterDeclaration } from './documents';
import { isToken, Validator } from './validation';

/** The document whose parameters are given: a component's or a workflow's. */
export interface ParameterDocument {
  /** `component` or `workflow`, for messages. */
  readonly noun: string;
  /** The construct path of the component or workflow, for messages. */
  readonly path: string;
  /** The parameters the document declares; undefined when it was not read at synth (nothing is checked). */
  readonly declared?: readonly ParameterDeclaration[];
}

/**
 * The one check of the parameters a recipe gives a component, or a pipeline or image gives a
 * workflow, against what the document declares:
 * - every declared parameter without a default is given, and no other (user guide, component
 *   and workflow documents: a parameter without a default value "is required at runtime"; API
 *   `ComponentConfiguration.parameters` and `WorkflowConfiguration.parameters`: values for the
 *   parameters the document defines);
 * - each value fits the declared type: one value for `string`, `integer` and `boolean`, an
 *   integer for `integer`, `true` or `false` for `boolean`. The API takes every value as a list
 *   of strings, so a mismatch fails the build, not the deployment: a warning
 *   (`cdk-imagebuilder:parameterType`).
 *
 * Messages name the construct that gives the parameters (the validator's) and the document's
 * construct. Tokens are never rejected.
 *
 * @param property the prop of the given parameters (`components[0].parameters`)
 */
export function checkGivenParameters(
  v: Validator,
  property: string,
  document: ParameterDocument,
  given: { readonly [name: string]: { readonly values: string[] } } | undefined,
): void {
  const declared = document.declared;
  if (declared === undefined) {
    return;
  }
  const of = `the document of ${document.noun} ${document.path}`;
  const names = Object.keys(given ?? {}).filter(name => !isToken(name));
  for (const name of names) {
    const declaration = declared.find(p => p.name === name);
    if (declaration === undefined) {
      v.fail(`${property} key`, name, `must be a parameter of ${of} (declared: ${declared.map(p => p.name).join(', ') || 'none'})`);
    } else {
      checkType(v, `${property}['${name}']`, declaration, given![name].values, of);
    }
  }
  const missing = declared.filter(p => !p.hasDefault && !names.includes(p.name)).map(p => p.name);
  if (missing.length > 0 && !isToken(given)) {
    v.fail(property, names, `must give ${missing.join(', ')}: ${of} declares them without a default`);
  }
}

function checkType(v: Validator, property: string, declaration: ParameterDeclaration, values: string[], of: string): void {
  const type = declaration.parameterType;
  if (type === 'stringList' || isToken(values)) {
    return;
  }
  const fits = values.length === 1 && (
    type === 'integer' ? /^-?\d+$/.test(values[0])
      : type === 'boolean' ? values[0] === 'true' || values[0] === 'false'
        : true);
  if (!fits) {
    const expected = type === 'integer' ? 'one integer' : type === 'boolean' ? 'one value, true or false' : 'one value';
    v.warn('parameterType', property, values, `should be ${expected}: ${of} declares ${declaration.name} as ${type} (the build fails otherwise)`);
  }
}
