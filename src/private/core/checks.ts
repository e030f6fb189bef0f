import { LIMITS } from './api-constraints';
import { parseDocumentText, validateComponentDocument, validateWorkflowDocument } from './documents';
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

/**
 * The literal strings at a property path (`[]` steps into every item of a list), each with its
 * location (`Properties/Workflows/0/OnFailure`). Intrinsics and missing values yield nothing.
 */
function literalsAt(properties: Record<string, unknown>, path: string): Array<{ value: string; location: string }> {
  let found: Array<{ value: unknown; location: string }> = [{ value: properties, location: 'Properties' }];
  for (const key of path.split('/')) {
    found = found.flatMap(({ value, location }) => {
      if (key === '[]') return Array.isArray(value) ? value.map((item, i) => ({ value: item, location: `${location}/${i}` })) : [];
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
      return [{ value: (value as Record<string, unknown>)[key], location: `${location}/${key}` }];
    });
  }
  return found.filter((f): f is { value: string; location: string } => typeof f.value === 'string');
}

/** Runs one Validator check on each literal at a property path. */
function findingsAt(resource: TemplateResource, path: string, run: (v: Validator, value: string, property: string) => void): Finding[] {
  return literalsAt(resource.properties, path).flatMap(({ value, location }) =>
    findings(resource.path, location, v => run(v, value, location.replace(/^Properties\//, '').replace(/\//g, '.'))));
}

/**
 * The enums the CloudFormation resource schemas declare (AWS-ImageBuilder-*.json, `enum` of each
 * property; `[]` marks a list). test/image-builder-checks.test.ts compares this table with the
 * schemas' lists (test/fixtures/cfn-schema-enums.json).
 */
export const SCHEMA_ENUMS: ReadonlyArray<{ readonly type: string; readonly path: string; readonly values: readonly string[] }> = [
  { type: 'AWS::ImageBuilder::Component', path: 'Platform', values: ['Windows', 'Linux', 'macOS'] },
  { type: 'AWS::ImageBuilder::Component', path: 'Type', values: ['BUILD', 'TEST'] },
  { type: 'AWS::ImageBuilder::ContainerRecipe', path: 'ContainerType', values: ['DOCKER'] },
  { type: 'AWS::ImageBuilder::ContainerRecipe', path: 'InstanceConfiguration/BlockDeviceMappings/[]/Ebs/VolumeType', values: ['standard', 'io1', 'io2', 'gp2', 'gp3', 'sc1', 'st1'] },
  { type: 'AWS::ImageBuilder::ContainerRecipe', path: 'PlatformOverride', values: ['Windows', 'Linux'] },
  { type: 'AWS::ImageBuilder::ContainerRecipe', path: 'TargetRepository/Service', values: ['ECR'] },
  { type: 'AWS::ImageBuilder::DistributionConfiguration', path: 'Distributions/[]/ContainerDistributionConfiguration/TargetRepository/Service', values: ['ECR'] },
  { type: 'AWS::ImageBuilder::DistributionConfiguration', path: 'Distributions/[]/SsmParameterConfigurations/[]/DataType', values: ['text', 'aws:ec2:image'] },
  { type: 'AWS::ImageBuilder::Image', path: 'Workflows/[]/OnFailure', values: ['CONTINUE', 'ABORT'] },
  { type: 'AWS::ImageBuilder::ImagePipeline', path: 'Schedule/PipelineExecutionStartCondition', values: ['EXPRESSION_MATCH_ONLY', 'EXPRESSION_MATCH_AND_DEPENDENCY_UPDATES_AVAILABLE'] },
  { type: 'AWS::ImageBuilder::ImagePipeline', path: 'Status', values: ['DISABLED', 'ENABLED'] },
  { type: 'AWS::ImageBuilder::ImagePipeline', path: 'Workflows/[]/OnFailure', values: ['CONTINUE', 'ABORT'] },
  { type: 'AWS::ImageBuilder::ImageRecipe', path: 'BlockDeviceMappings/[]/Ebs/VolumeType', values: ['standard', 'io1', 'io2', 'gp2', 'gp3', 'sc1', 'st1'] },
  { type: 'AWS::ImageBuilder::InfrastructureConfiguration', path: 'InstanceMetadataOptions/HttpTokens', values: ['required', 'optional'] },
  { type: 'AWS::ImageBuilder::InfrastructureConfiguration', path: 'Placement/Tenancy', values: ['default', 'dedicated', 'host'] },
  { type: 'AWS::ImageBuilder::LifecyclePolicy', path: 'PolicyDetails/[]/Action/Type', values: ['DELETE', 'DEPRECATE', 'DISABLE'] },
  { type: 'AWS::ImageBuilder::LifecyclePolicy', path: 'PolicyDetails/[]/ExclusionRules/Amis/LastLaunched/Unit', values: ['DAYS', 'WEEKS', 'MONTHS', 'YEARS'] },
  { type: 'AWS::ImageBuilder::LifecyclePolicy', path: 'PolicyDetails/[]/Filter/Type', values: ['AGE', 'COUNT'] },
  { type: 'AWS::ImageBuilder::LifecyclePolicy', path: 'PolicyDetails/[]/Filter/Unit', values: ['DAYS', 'WEEKS', 'MONTHS', 'YEARS'] },
  { type: 'AWS::ImageBuilder::LifecyclePolicy', path: 'ResourceType', values: ['AMI_IMAGE', 'CONTAINER_IMAGE'] },
  { type: 'AWS::ImageBuilder::LifecyclePolicy', path: 'Status', values: ['DISABLED', 'ENABLED'] },
  { type: 'AWS::ImageBuilder::Workflow', path: 'Type', values: ['BUILD', 'TEST', 'DISTRIBUTION'] },
];

/**
 * ARNs inside lists and of other kinds than the pipeline's parts (service model: ComponentConfiguration
 * componentArn, WorkflowConfiguration workflowArn, executionRole of CreateImagePipeline, CreateImage
 * and CreateLifecyclePolicy).
 */
const NESTED_ARNS: ReadonlyArray<{ readonly types: readonly string[]; readonly path: string; readonly kind: 'component' | 'workflow' | 'role' }> = [
  { types: ['AWS::ImageBuilder::ImageRecipe', 'AWS::ImageBuilder::ContainerRecipe'], path: 'Components/[]/ComponentArn', kind: 'component' },
  { types: ['AWS::ImageBuilder::ImagePipeline', 'AWS::ImageBuilder::Image'], path: 'Workflows/[]/WorkflowArn', kind: 'workflow' },
  { types: ['AWS::ImageBuilder::ImagePipeline', 'AWS::ImageBuilder::Image', 'AWS::ImageBuilder::LifecyclePolicy'], path: 'ExecutionRole', kind: 'role' },
];

/**
 * An inline document (`Data`) parsed and checked with what the resource says of it: the
 * component's `Platform`, the workflow's `Type`. Only what the L2s refuse is reported; what
 * they only warn about is not (the plugin has no construct to warn on).
 */
function documentFindings(resource: TemplateResource, kind: 'component' | 'workflow'): Finding[] {
  const text = literal(resource.properties.Data);
  if (text === undefined) return [];
  return findings(resource.path, 'Properties/Data', v => {
    if (!v.length('Data', text, LIMITS.componentData)) return;
    const document = parseDocumentText(v, 'Data', text);
    if (document === undefined) return;
    if (kind === 'component') {
      validateComponentDocument(v, 'Data', document, literal(resource.properties.Platform));
    } else {
      validateWorkflowDocument(v, 'Data', document, literal(resource.properties.Type));
    }
  });
}

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
    description: 'An ARN must have the form the API accepts: recipes, infrastructure and distribution configurations of a pipeline or image, the components of a recipe, workflows (a recipe, component or workflow ARN ends with its version) and execution roles.',
    fix: "Give the full ARN, such as 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/golden-image/1.0.x'.",
    check: resource => {
      const { type, properties: p, path } = resource;
      const parts = type === 'AWS::ImageBuilder::ImagePipeline' || type === 'AWS::ImageBuilder::Image'
        ? ARN_PROPERTIES.flatMap(([property, kind]) => findings(path, `Properties/${property}`, v => v.arn(property, literal(p[property]), kind)))
        : [];
      const nested = NESTED_ARNS.filter(n => n.types.includes(type))
        .flatMap(n => findingsAt(resource, n.path, (v, value, property) => v.arn(property, value, n.kind)));
      return [...parts, ...nested];
    },
  },
  {
    id: 'ImageBuilder-Enum',
    severity: 'error',
    description: 'A property with a fixed set of values (platform, workflow type, status, volume type, lifecycle units...) must hold one of them, spelled as the API spells it.',
    fix: "Use one of the listed values, such as 'Linux' for a component's platform.",
    check: resource => SCHEMA_ENUMS.filter(e => e.type === resource.type)
      .flatMap(e => findingsAt(resource, e.path, (v, value, property) => v.oneOf(property, value, e.values))),
  },
  {
    id: 'ImageBuilder-TimeZone',
    severity: 'error',
    description: "A pipeline schedule's time zone must be an IANA time zone name, such as Europe/Paris.",
    fix: "Use a name of the IANA time zone database, such as 'America/New_York', or leave it out for UTC.",
    check: resource => resource.type === 'AWS::ImageBuilder::ImagePipeline'
      ? findingsAt(resource, 'Schedule/Timezone', (v, value, property) => v.timeZone(property, value))
      : [],
  },
  {
    id: 'ImageBuilder-TestsTimeout',
    severity: 'error',
    description: 'Image tests time out after 60 to 1440 minutes.',
    fix: 'Give a timeoutMinutes between 60 and 1440, or leave it out for 720.',
    check: ({ type, properties: p, path }) => {
      if (type !== 'AWS::ImageBuilder::ImagePipeline' && type !== 'AWS::ImageBuilder::Image') return [];
      const minutes = (p.ImageTestsConfiguration as Record<string, unknown> | undefined)?.TimeoutMinutes;
      return typeof minutes === 'number'
        ? findings(path, 'Properties/ImageTestsConfiguration/TimeoutMinutes', v => v.integer('ImageTestsConfiguration.TimeoutMinutes', minutes, LIMITS.imageTestsTimeoutMinutes, 'minutes'))
        : [];
    },
  },
  {
    id: 'ImageBuilder-ComponentDocument',
    severity: 'error',
    description: "An inline component document must follow the AWSTOE document framework: schemaVersion, phases with steps, known actions with their inputs, steps of the component's platform.",
    fix: 'Fix the step the message names; the AWSTOE user guide lists each action and its inputs.',
    check: resource => resource.type === 'AWS::ImageBuilder::Component' ? documentFindings(resource, 'component') : [],
  },
  {
    id: 'ImageBuilder-WorkflowDocument',
    severity: 'error',
    description: "An inline workflow document must follow Image Builder's workflow schema: schemaVersion, steps with known actions and inputs, actions allowed in the workflow's type.",
    fix: 'Fix the step the message names; the Image Builder user guide lists each step action and where it is allowed.',
    check: resource => resource.type === 'AWS::ImageBuilder::Workflow' ? documentFindings(resource, 'workflow') : [],
  },
];
