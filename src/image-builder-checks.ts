import * as fs from 'fs';
import { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation } from 'aws-cdk-lib';
import { CHECK_RULES, TemplateIndex, TemplateResource } from './private/core/checks';

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
  public readonly ruleIds?: string[] = CHECK_RULES.map(rule => rule.id);

  /** Checks the app's templates (each parsed once). */
  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const byRule = new Map<string, PolicyViolation['violatingResources'][number][]>();
    const descriptions = new Map<string, string>();
    const index = new TemplateIndex();
    const resources: TemplateResource[] = [];
    for (const templatePath of context.templatePaths) {
      resources.push(...index.add(templatePath, JSON.parse(fs.readFileSync(templatePath, 'utf-8'))));
    }
    for (const resource of resources) {
      if (!resource.type.startsWith('AWS::ImageBuilder::')) continue;
      for (const rule of CHECK_RULES) {
        const found = rule.check(resource);
        if (found.length === 0) continue;
        const { logicalId: resourceLogicalId, templatePath, constructPath } = resource;
        const violating = byRule.get(rule.id) ?? [];
        violating.push({ resourceLogicalId, templatePath, constructPath, locations: found.map(f => f.location) });
        byRule.set(rule.id, violating);
        descriptions.set(rule.id, [descriptions.get(rule.id), ...found.map(f => `${resource.path}: ${f.message}`)].filter(Boolean).join('\n'));
      }
    }
    const violations: PolicyViolation[] = CHECK_RULES.filter(rule => byRule.has(rule.id)).map(rule => ({
      ruleName: rule.id,
      description: descriptions.get(rule.id)!,
      fix: rule.fix,
      severity: rule.severity,
      violatingResources: byRule.get(rule.id)!,
    }));
    return { success: violations.every(v => v.severity !== 'error'), violations };
  }
}
