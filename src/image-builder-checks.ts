import * as fs from 'fs';
import { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation } from 'aws-cdk-lib';
import { CHECK_RULES } from './private/core/checks';

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
    for (const templatePath of context.templatePaths) {
      const template = JSON.parse(fs.readFileSync(templatePath, 'utf-8'));
      for (const [logicalId, resource] of Object.entries<any>(template.Resources ?? {})) {
        const type = resource?.Type;
        if (typeof type !== 'string' || !type.startsWith('AWS::ImageBuilder::')) continue;
        const properties = resource.Properties ?? {};
        const constructPath: string | undefined = resource.Metadata?.['aws:cdk:path'];
        for (const rule of CHECK_RULES) {
          const found = rule.check(type, properties, constructPath ?? logicalId);
          if (found.length === 0) continue;
          const resources = byRule.get(rule.id) ?? [];
          resources.push({ resourceLogicalId: logicalId, templatePath, constructPath, locations: found.map(f => f.location) });
          byRule.set(rule.id, resources);
          descriptions.set(rule.id, [descriptions.get(rule.id), ...found.map(f => `${constructPath ?? logicalId}: ${f.message}`)].filter(Boolean).join('\n'));
        }
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
