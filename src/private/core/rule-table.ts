import { CHECK_RULES, CheckRule } from './checks';
import { CROSS_RESOURCE_RULES } from './cross-resource';

/**
 * The rule table of `ImageBuilderChecks`: the per-resource rules, then the cross-resource rules.
 * The README's rule list is generated from it.
 */
export const RULE_TABLE: readonly CheckRule[] = [...CHECK_RULES, ...CROSS_RESOURCE_RULES];
