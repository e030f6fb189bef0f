/**
 * The cross-resource rules of `ImageBuilderChecks`: what a recipe, pipeline or image says about
 * the resources it names, followed through `Ref`/`Fn::GetAtt` in the same template or read from
 * an AWS-managed ARN's name. A reference that does not resolve is skipped, never reported.
 */
import { LIMITS } from './api-constraints';
import type { CheckRule, Finding, TemplateResource } from './checks';
import { parseDocumentText, ParameterDeclaration, validateComponentDocument, validateWorkflowDocument } from './documents';
import { checkGivenParameters } from './parameters';
import { KnownPlatform, platformOfAwsManagedComponent, platformOfParentImage } from './platforms';
import { Validator } from './validation';

/** The rule of a component whose platform is not the recipe's: the sentence the image recipe prints. */
export function componentPlatformRule(componentPlatform: string, builds: string): string {
  return `is a ${componentPlatform} component, but the recipe builds ${builds} images (from its parent image or platform prop); use a ${builds} component`;
}

/** The rule of a distribution configuration that does not distribute what the recipe builds: the sentence pipelines and images print. */
export function distributionKindRule(recipeIsContainer: boolean): string {
  const has = recipeIsContainer ? 'AMI distributions only' : 'container distributions only';
  const needs = recipeIsContainer
    ? 'a container distribution (addContainerDistribution) for a container recipe'
    : 'an AMI distribution (addAmiDistribution) for an image recipe';
  return `must have ${needs} (it has ${has}; Image Builder would fail the build)`;
}

/**
 * The literal text of a value: a string, or an `Fn::Join` on '' whose non-literal parts (such as
 * `Ref AWS::Partition`) become `*`; undefined for anything else.
 */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const join = (value as Record<string, unknown> | null)?.['Fn::Join'];
  if (!Array.isArray(join) || join[0] !== '' || !Array.isArray(join[1])) return undefined;
  return join[1].map(part => typeof part === 'string' ? part : '*').join('');
}

/** The name in an AWS-owned Image Builder ARN of a resource type (`arn:*:imagebuilder:*:aws:component/<name>/<version>`). */
function awsManagedName(value: unknown, resourceType: string): string | undefined {
  const arn = text(value);
  const match = arn === undefined ? null : new RegExp(`^arn:[^:]+:imagebuilder:[^:]*:aws:${resourceType}/([a-z0-9-_]+)/`).exec(arn);
  return match?.[1];
}

/** What a `Ref` or `Fn::GetAtt` must ask for to name an Image Builder resource's ARN. */
const ARN_ATTRIBUTES = new Set(['Ref', 'Arn']);

function asPlatform(value: unknown): KnownPlatform | undefined {
  return value === 'Linux' || value === 'Windows' ? value : undefined;
}

/** The platform of a recipe when its template says it: a container's `PlatformOverride`, an AWS-managed parent image, a public SSM parameter. */
function recipePlatform(recipe: TemplateResource): KnownPlatform | undefined {
  const p = recipe.properties;
  const parent = text(p.ParentImage);
  return asPlatform(p.PlatformOverride) ?? (parent !== undefined ? platformOfParentImage(parent) : undefined);
}

/** A component of a recipe: its platform, and the path that names it in messages. */
function component(recipe: TemplateResource, arn: unknown): { platform?: KnownPlatform; path: string; resource?: TemplateResource } | undefined {
  const ref = recipe.index.referenced(recipe, arn);
  if (ref) {
    if (ref.resource.type !== 'AWS::ImageBuilder::Component' || !ARN_ATTRIBUTES.has(ref.attribute)) return undefined;
    return { platform: asPlatform(ref.resource.properties.Platform), path: ref.resource.path, resource: ref.resource };
  }
  const name = awsManagedName(arn, 'component');
  return name === undefined ? undefined : { platform: platformOfAwsManagedComponent(name), path: text(arn)! };
}

function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(item => item !== null && typeof item === 'object') : [];
}

function findings(path: string, run: (v: Validator) => void): Finding[] {
  const v = new Validator(path);
  run(v);
  return v.messages.map(message => ({ message, location: 'Properties' }));
}

const BUILDS = new Set(['AWS::ImageBuilder::ImagePipeline', 'AWS::ImageBuilder::Image']);

/** The type of a workflow a pipeline or image names: its `Type` in the template, or the type in its ARN. */
function workflowOf(owner: TemplateResource, arn: unknown): { type?: string; resource?: TemplateResource; path: string } | undefined {
  const ref = owner.index.referenced(owner, arn);
  if (ref) {
    if (ref.resource.type !== 'AWS::ImageBuilder::Workflow' || !ARN_ATTRIBUTES.has(ref.attribute)) return undefined;
    const type = ref.resource.properties.Type;
    return { type: typeof type === 'string' ? type : undefined, resource: ref.resource, path: ref.resource.path };
  }
  const literal = text(arn);
  const match = literal === undefined ? null : /:workflow\/(build|test|distribution)\//.exec(literal);
  return match ? { type: match[1].toUpperCase(), path: literal! } : undefined;
}

/**
 * The parameters a component's or workflow's inline document declares, when its `Data` is a
 * literal document the checks accept (an invalid one is another rule's finding: not read here).
 */
function declaredParameters(resource: TemplateResource): readonly ParameterDeclaration[] | undefined {
  const { Data: data, Platform: platform, Type: type } = resource.properties;
  if (typeof data !== 'string') return undefined;
  const v = new Validator(resource.path);
  const parsed = parseDocumentText(v, 'Data', data);
  if (v.messages.length > 0) return undefined;
  const facts = resource.type === 'AWS::ImageBuilder::Component'
    ? validateComponentDocument(v, 'Data', parsed, typeof platform === 'string' ? platform : undefined)
    : validateWorkflowDocument(v, 'Data', parsed, typeof type === 'string' ? type : undefined);
  return v.messages.length > 0 ? undefined : facts?.parameters;
}

/** The given parameters of a component or workflow configuration, when every name and value is a literal. */
function givenParameters(value: unknown): Record<string, { values: string[] }> | undefined {
  if (value === undefined) return {};
  if (!Array.isArray(value)) return undefined;
  const given: Record<string, { values: string[] }> = {};
  for (const p of value) {
    if (typeof p?.Name !== 'string' || !Array.isArray(p.Value) || !p.Value.every((x: unknown) => typeof x === 'string')) return undefined;
    given[p.Name] = { values: p.Value };
  }
  return given;
}

/**
 * A pipeline or image of the given recipe kind whose distribution configuration (in the same
 * template, every distribution a literal mapping) has only the other kind of distribution.
 */
function distributionKind(build: TemplateResource, container: boolean): Finding[] {
  if (!BUILDS.has(build.type)) return [];
  const p = build.properties;
  const [recipe, otherRecipe] = container ? [p.ContainerRecipeArn, p.ImageRecipeArn] : [p.ImageRecipeArn, p.ContainerRecipeArn];
  if (recipe === undefined || otherRecipe !== undefined) return [];
  const ref = build.index.referenced(build, p.DistributionConfigurationArn);
  if (ref?.resource.type !== 'AWS::ImageBuilder::DistributionConfiguration' || !ARN_ATTRIBUTES.has(ref.attribute)) return [];
  const distributions = ref.resource.properties.Distributions;
  if (!Array.isArray(distributions) || distributions.length === 0) return [];
  // An intrinsic (Fn::If...) in place of a distribution or its keys may hide either kind.
  if (!distributions.every(d => d !== null && typeof d === 'object' && Object.keys(d).every(k => !k.startsWith('Fn::')))) return [];
  const [needed, other] = container
    ? ['ContainerDistributionConfiguration', 'AmiDistributionConfiguration']
    : ['AmiDistributionConfiguration', 'ContainerDistributionConfiguration'];
  const has = (key: string) => distributions.some(d => d[key] !== undefined);
  if (has(needed) || !has(other)) return [];
  return findings(build.path, v => v.fail('DistributionConfigurationArn', ref.resource.path, distributionKindRule(container)));
}

/** The cross-resource rules, appended to the rule table. */
export const CROSS_RESOURCE_RULES: readonly CheckRule[] = [
  {
    id: 'ImageBuilder-ComponentPlatform',
    severity: 'error',
    description: "A recipe's components must be of the recipe's platform (Linux or Windows), where both are known: from a component in the same template or an AWS-managed component's name, and the recipe's PlatformOverride or AWS-managed parent image.",
    fix: "Use a component of the recipe's platform (for example update-linux on an Amazon Linux parent image).",
    check: (recipe) => {
      if (recipe.type !== 'AWS::ImageBuilder::ImageRecipe' && recipe.type !== 'AWS::ImageBuilder::ContainerRecipe') return [];
      const platform = recipePlatform(recipe);
      if (platform === undefined) return [];
      return findings(recipe.path, v => list(recipe.properties.Components).forEach((configuration, i) => {
        const c = component(recipe, configuration.ComponentArn);
        if (c?.platform !== undefined && c.platform !== platform) {
          v.fail(`Components[${i}].ComponentArn`, c.path, componentPlatformRule(c.platform, platform));
        }
      }));
    },
  },
  {
    id: 'ImageBuilder-ComponentParameters',
    severity: 'error',
    description: 'A recipe gives each component in the same template the parameters its inline document declares: every one without a default, and no other.',
    fix: 'Give the parameters the component document declares, by their names.',
    check: (recipe) => {
      if (recipe.type !== 'AWS::ImageBuilder::ImageRecipe' && recipe.type !== 'AWS::ImageBuilder::ContainerRecipe') return [];
      return findings(recipe.path, v => list(recipe.properties.Components).forEach((configuration, i) => {
        const c = component(recipe, configuration.ComponentArn);
        const given = givenParameters(configuration.Parameters);
        if (c?.resource === undefined || given === undefined) return;
        checkGivenParameters(v, `Components[${i}].Parameters`, { noun: 'component', path: c.path, declared: declaredParameters(c.resource) }, given);
      }));
    },
  },
  {
    id: 'ImageBuilder-AmiDistribution',
    severity: 'error',
    description: 'A pipeline or image of an image recipe must not have a distribution configuration of container distributions only: it distributes AMIs.',
    fix: 'Add an AMI distribution (AmiDistributionConfiguration) to the distribution configuration, or use another one.',
    check: build => distributionKind(build, false),
  },
  {
    id: 'ImageBuilder-ContainerDistribution',
    severity: 'warning',
    description: 'A pipeline or image of a container recipe with a distribution configuration of AMI distributions only: it builds container images (a warning: the service documents no rejection).',
    fix: 'Add a container distribution (ContainerDistributionConfiguration) to the distribution configuration, or use another one.',
    check: build => distributionKind(build, true),
  },
  {
    id: 'ImageBuilder-Workflows',
    severity: 'error',
    description: 'A pipeline or image takes at most 1 build, 10 test and 1 distribution workflows; a parallel group only on a test workflow; and the parameters a workflow in the same template declares (every one without a default, no other).',
    fix: 'Remove the extra workflows or the parallel group, or give the parameters the workflow document declares.',
    check: (build) => {
      if (!BUILDS.has(build.type)) return [];
      const configurations = list(build.properties.Workflows);
      return findings(build.path, v => {
        const counts = new Map<string, unknown[]>();
        configurations.forEach((configuration, i) => {
          const workflow = workflowOf(build, configuration.WorkflowArn);
          if (workflow?.type === undefined) return;
          counts.set(workflow.type, [...counts.get(workflow.type) ?? [], workflow.path]);
          if (typeof configuration.ParallelGroup === 'string' && workflow.type !== 'TEST') {
            v.fail(`Workflows[${i}].ParallelGroup`, configuration.ParallelGroup,
              `must only be set on a test workflow (this is a ${workflow.type} workflow)`);
          }
          if (workflow.resource) {
            const given = givenParameters(configuration.Parameters);
            if (given !== undefined) {
              checkGivenParameters(v, `Workflows[${i}].Parameters`,
                { noun: 'workflow', path: workflow.path, declared: declaredParameters(workflow.resource) }, given);
            }
          }
        });
        const limits: Array<[string, number, string]> = [
          ['BUILD', LIMITS.pipelineBuildWorkflows.max, 'build workflow'],
          ['TEST', LIMITS.pipelineTestWorkflows.max, 'test workflows'],
          ['DISTRIBUTION', LIMITS.pipelineDistributionWorkflows.max, 'distribution workflow'],
        ];
        for (const [type, max, noun] of limits) {
          const of = counts.get(type) ?? [];
          if (of.length > max) v.fail('Workflows', of, `must have at most ${max} ${noun} (got ${of.length})`);
        }
      });
    },
  },
];
