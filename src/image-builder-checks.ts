import * as fs from 'fs';
import { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation } from 'aws-cdk-lib';
import { TemplateIndex, TemplateResource } from './private/core/checks';
import { RULE_TABLE } from './private/core/rule-table';

/**
 * Checks every `AWS::ImageBuilder::*` resource of an app's templates, whoever wrote it (raw L1s,
 * other construct libraries, escape-hatch overrides), with the validation this library's L2s use.
 *
 * Values that are intrinsics (`Ref`, `Fn::GetAtt`...) are skipped, never reported.
 *
 * Add it with `Validations.of(app).addPlugins(new ImageBuilderChecks())`.
 */
export class ImageBuilderChecks implements IPolicyValidationPlugin {
  /** The plugin's name in validation reports. */
  public readonly name: string = 'ImageBuilderChecks';

  /** The ids of the rules this plugin checks. */
  public readonly ruleIds?: string[] = RULE_TABLE.map(rule => rule.id);

  /** Checks the app's templates (each parsed once). */
  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const index = new TemplateIndex();
    const resources: TemplateResource[] = [];
    for (const templatePath of context.templatePaths) {
      resources.push(...index.add(templatePath, JSON.parse(fs.readFileSync(templatePath, 'utf-8'))));
    }
    // One violation per rule and resource: its description names that resource's problems only,
    // so that acknowledging the rule on one construct's scope hides that construct's findings whole.
    const violations: PolicyViolation[] = [];
    for (const rule of RULE_TABLE) {
      for (const resource of resources) {
        if (!resource.type.startsWith('AWS::ImageBuilder::')) continue;
        const found = rule.check(resource);
        if (found.length === 0) continue;
        const { logicalId: resourceLogicalId, templatePath, constructPath } = resource;
        violations.push({
          ruleName: rule.id,
          description: found.map(f => `${resource.path}: ${f.message}`).join('\n'),
          fix: rule.fix,
          severity: rule.severity,
          violatingResources: [{ resourceLogicalId, templatePath, constructPath, locations: found.map(f => f.location) }],
        });
      }
    }
    return { success: violations.every(v => v.severity !== 'error'), violations };
  }
}
