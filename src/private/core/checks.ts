import { Validator } from './validation';

/** One problem a rule found on one resource of a template. */
export interface Finding {
  /** The rule's message: the same sentence the L2s print. */
  readonly message: string;
  /** The property path in the resource, such as `Properties/Name`. */
  readonly location: string;
}

/**
 * The templates of one synthesis, indexed once: every resource by its template and logical ID, so
 * that a rule can follow a `Ref` or `Fn::GetAtt` to the resource it names in the same template.
 */
export class TemplateIndex {
  private readonly resources = new Map<string, Map<string, TemplateResource>>();

  /** Adds one template's resources (called once per template). */
  public add(templatePath: string, template: { Resources?: Record<string, any> }): TemplateResource[] {
    const byId = new Map<string, TemplateResource>();
    for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
      if (typeof resource?.Type !== 'string') continue;
      const properties = resource.Properties !== null && typeof resource.Properties === 'object' ? resource.Properties : {};
      const constructPath: string | undefined = resource.Metadata?.['aws:cdk:path'];
      byId.set(logicalId, { templatePath, logicalId, type: resource.Type, properties, constructPath, path: constructPath ?? logicalId, index: this });
    }
    this.resources.set(templatePath, byId);
    return [...byId.values()];
  }

  /**
   * The resource of the same template that a value names with `Ref` or `Fn::GetAtt`, with the
   * attribute asked for (`Ref` for a `Ref`); undefined for a literal, another intrinsic or an unknown ID.
   */
  public referenced(from: TemplateResource, value: unknown): { readonly resource: TemplateResource; readonly attribute: string } | undefined {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const keys = Object.keys(value);
    if (keys.length !== 1) return undefined;
    const v = value as Record<string, unknown>;
    let logicalId: unknown;
    let attribute: unknown = 'Ref';
    if (keys[0] === 'Ref') {
      logicalId = v.Ref;
    } else if (keys[0] === 'Fn::GetAtt') {
      const getAtt = v['Fn::GetAtt'];
      [logicalId, attribute] = Array.isArray(getAtt) ? getAtt : typeof getAtt === 'string' ? getAtt.split(/\.(.*)/s) : [];
    }
    if (typeof logicalId !== 'string' || typeof attribute !== 'string') return undefined;
    const resource = this.resources.get(from.templatePath)?.get(logicalId);
    return resource ? { resource, attribute } : undefined;
  }
}

/** One resource of a template, as the rules see it. */
export interface TemplateResource {
  readonly templatePath: string;
  readonly logicalId: string;
  /** The CloudFormation type, such as `AWS::ImageBuilder::Component`. */
  readonly type: string;
  /** The resource's `Properties` (an empty object when it has none). */
  readonly properties: Record<string, unknown>;
  /** The construct path from the `aws:cdk:path` metadata, when the template has it. */
  readonly constructPath?: string;
  /** The construct path, or the logical ID when the template has no path metadata: what messages name. */
  readonly path: string;
  /** The templates of the synthesis, to follow references. */
  readonly index: TemplateIndex;
}

/** A rule of `ImageBuilderChecks`: data (id, severity, description, fix) and its check. */
export interface CheckRule {
  /** Stable id, `ImageBuilder-<Rule>`. */
  readonly id: string;
  /** `error` when the API rejects the value; `warning` for a risk. */
  readonly severity: 'error' | 'warning';
  /** What the rule checks. */
  readonly description: string;
  /** How to fix a finding. */
  readonly fix: string;
  /** The problems of one `AWS::ImageBuilder::*` resource (values that are not literals are skipped). */
  check(resource: TemplateResource): Finding[];
}

/** A literal string, or undefined for a missing value or an intrinsic (never reported). */
function literal(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Runs one Validator check on one property and turns its messages into findings. */
function findings(path: string, location: string, run: (v: Validator) => void): Finding[] {
  const v = new Validator(path);
  run(v);
  return v.messages.map(message => ({ message, location }));
}

/**
 * The resources with a version, and whether it may end in `x` nodes: a recipe may (Image Builder
 * numbers the patch, as the recipe constructs' `imageRecipeVersion`/`containerRecipeVersion` allow);
 * a component or workflow version is exact.
 */
const VERSIONED_TYPES = new Map<string, boolean>([
  ['AWS::ImageBuilder::Component', false],
  ['AWS::ImageBuilder::Workflow', false],
  ['AWS::ImageBuilder::ImageRecipe', true],
  ['AWS::ImageBuilder::ContainerRecipe', true],
]);

const ARN_PROPERTIES: Array<[string, 'imageRecipe' | 'containerRecipe' | 'infrastructureConfiguration' | 'distributionConfiguration']> = [
  ['ImageRecipeArn', 'imageRecipe'],
  ['ContainerRecipeArn', 'containerRecipe'],
  ['InfrastructureConfigurationArn', 'infrastructureConfiguration'],
  ['DistributionConfigurationArn', 'distributionConfiguration'],
];

/** The per-resource rules (the whole table, with the cross-resource rules, is RULE_TABLE in rule-table.ts). */
export const CHECK_RULES: readonly CheckRule[] = [
  {
    id: 'ImageBuilder-Name',
    severity: 'error',
    description: 'A resource name must be 3 to 128 letters, digits, hyphens, underscores and spaces, not starting or ending with a space.',
    fix: "Use a name such as 'golden-image'.",
    check: ({ properties: p, path }) => findings(path, 'Properties/Name', v => v.resourceName('Name', literal(p.Name))),
  },
  {
    id: 'ImageBuilder-Version',
    severity: 'error',
    description: 'A component or workflow version must be major.minor.patch of three numbers; a recipe version may end in x nodes (1.0.x).',
    fix: "Use a version such as '1.0.0'.",
    check: ({ type, properties: p, path }) => VERSIONED_TYPES.has(type)
      ? findings(path, 'Properties/Version', v => v.semanticVersion('Version', literal(p.Version), { wildcards: VERSIONED_TYPES.get(type)! }))
      : [],
  },
  {
    id: 'ImageBuilder-Description',
    severity: 'error',
    description: 'A description must be 1 to 1024 characters long.',
    fix: 'Shorten the description, or leave it out instead of giving an empty one.',
    check: ({ properties: p, path }) => findings(path, 'Properties/Description', v => v.description('Description', literal(p.Description))),
  },
  {
    id: 'ImageBuilder-Tags',
    severity: 'error',
    description: 'Tags: 1 to 50 entries, keys of 1 to 128 characters not starting with aws:, values up to 256 characters.',
    fix: 'Rename or remove the offending tags.',
    check: ({ properties: p, path }) => {
      const tags = p.Tags;
      if (tags === null || typeof tags !== 'object' || Array.isArray(tags)) return [];
      if (Object.values(tags).some(value => typeof value !== 'string')) return [];
      return findings(path, 'Properties/Tags', v => v.tags('Tags', tags as Record<string, string>));
    },
  },
  {
    id: 'ImageBuilder-Schedule',
    severity: 'error',
    description: "A pipeline's schedule expression must be cron(...) in Image Builder's dialect or rate(...).",
    fix: "Use an expression such as 'cron(0 0 * * ? *)'.",
    check: ({ type, properties: p, path }) => {
      if (type !== 'AWS::ImageBuilder::ImagePipeline') return [];
      const schedule = p.Schedule as Record<string, unknown> | undefined;
      const expression = literal(schedule?.ScheduleExpression);
      return findings(path, 'Properties/Schedule/ScheduleExpression', v => v.scheduleExpression('Schedule.ScheduleExpression', expression));
    },
  },
  {
    id: 'ImageBuilder-Arn',
    severity: 'error',
    description: 'A recipe, infrastructure configuration or distribution configuration ARN must have the form the API accepts (a recipe ARN ends with its version).',
    fix: "Give the full ARN, such as 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/golden-image/1.0.x'.",
    check: ({ type, properties: p, path }) => {
      if (type !== 'AWS::ImageBuilder::ImagePipeline' && type !== 'AWS::ImageBuilder::Image') return [];
      return ARN_PROPERTIES.flatMap(([property, kind]) =>
        findings(path, `Properties/${property}`, v => v.arn(property, literal(p[property]), kind)));
    },
  },
];
