/**
 * A parameter that a component or workflow document declares, as read at synth: what a recipe
 * (for a component) or a pipeline or image (for a workflow) must and may give.
 */
export interface DocumentParameterDeclaration {
  /** The parameter's name. */
  readonly name: string;

  /**
   * The parameter's type as the document writes it: `string`, `integer`, `boolean` or
   * `stringList`.
   */
  readonly parameterType: string;

  /**
   * Whether the document gives the parameter a default value: a parameter without one must be
   * given.
   */
  readonly hasDefault: boolean;
}
