import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** A finding of a rule pack (cdk-nag) on something this library wrote, and why it is accepted. */
export interface LibraryAcknowledgement {
  /** The rule ID as the pack reports it, e.g. `AwsSolutions-IAM5[Resource::*]`. */
  readonly id: string;
  /** Why the finding is accepted. */
  readonly reason: string;
}

/**
 * The namespace `Validations.acknowledge` gives a rule ID written without one (aws-cdk-lib's
 * `Annotation`): rule packs' findings are matched on the ID without it.
 */
const DEFAULT_RULE_NAMESPACE = 'Annotation';

/**
 * Acknowledges rule-pack findings on a construct of this library: one `aws:cdk:acknowledged-rules`
 * metadata entry holding every given rule, the entry `Validations.of(scope).acknowledge()` writes
 * and that policy-validation plugins (cdk-nag) and the validation report read.
 *
 * `Validations.acknowledge` also captures a stack trace for every rule and walks the construct's
 * subtree to drop matching construct-annotation warnings; the library acknowledges only plugin
 * findings on what it wrote, which need neither, and the stack trace was most of the cost of a
 * pipeline's acknowledgements.
 */
export function acknowledgeLibraryFindings(scope: IConstruct, ...rules: LibraryAcknowledgement[]): void {
  const data: { [qualifiedId: string]: string } = {};
  for (const rule of rules) {
    if (rule.id.split('[')[0].includes('::')) {
      throw new Error(`acknowledgeLibraryFindings: '${rule.id}' must be a rule ID without a namespace`);
    }
    data[`${DEFAULT_RULE_NAMESPACE}::${rule.id}`] = rule.reason;
  }
  scope.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, data);
}
