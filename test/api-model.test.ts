/**
 * The validation core against the Image Builder service model: every pattern the library checks an
 * API field with is the model's own (test/fixtures holds the model's patterns, extracted from
 * botocore's service-2.json), and every rule in words gives an example that its pattern accepts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ARN_EXAMPLES, ARN_PATTERNS, ArnKind, PATTERN_RULES, PATTERNS } from '../src/private/core/api-constraints';

const MODEL: Record<string, string> = JSON.parse(
  fs.readFileSync(path.join(__dirname, 'fixtures', 'imagebuilder-model-patterns.json'), 'utf-8'),
).patterns;

/** The model shape each ARN kind is checked against: the shape of the request field it validates. */
const ARN_SHAPES: Record<ArnKind, string> = {
  imageRecipe: 'ImageRecipeArn',
  containerRecipe: 'ContainerRecipeArn',
  infrastructureConfiguration: 'InfrastructureConfigurationArn',
  distributionConfiguration: 'DistributionConfigurationArn',
  imagePipeline: 'ImagePipelineArn',
  // ComponentConfiguration.componentArn
  component: 'ComponentVersionArnOrBuildVersionArn',
  // WorkflowConfiguration.workflowArn
  workflow: 'WorkflowVersionArnOrBuildVersionArn',
  // A parent image given as an image ARN: a version, a wildcard version or a build.
  image: 'ImageVersionArnOrBuildVersionArn',
  lifecyclePolicy: 'LifecyclePolicyArn',
  role: 'RoleNameOrArn',
};

/** The model shape of each API pattern in PATTERNS. */
const PATTERN_SHAPES: Partial<Record<keyof typeof PATTERNS, string>> = {
  resourceName: 'ResourceName',
  version: 'VersionNumber',
  wildcardVersion: 'WildcardVersionNumber',
  roleNameOrArn: 'RoleNameOrArn',
  timezone: 'Timezone',
  logGroupName: 'LogGroupName',
  parallelGroup: 'ParallelGroup',
  accountId: 'AccountId',
  tagKey: 'TagKey',
  amiName: 'AmiNameString',
  ssmParameterName: 'SsmParameterName',
  launchTemplateId: 'LaunchTemplateId',
  instanceProfileName: 'InstanceProfileNameType',
  userData: 'UserDataOverride',
  amiWatermark: 'AmiWatermarkName',
  organizationArn: 'OrganizationArn',
  organizationalUnitArn: 'OrganizationalUnitArn',
  licenseConfigurationArn: 'LicenseConfigurationArn',
  snsTopicArn: 'SnsTopicArn',
};

/**
 * Where the library deliberately differs from the model, and the evidence. The model leaves the
 * NUL rules unanchored (`[^\x00]+`), which any string with one non-NUL character passes; the
 * CloudFormation schemas anchor them (`^[^\x00]+$`, AWS::ImageBuilder::ContainerRecipe
 * DockerfileTemplateData), and that is the rule applied.
 */
const DELIBERATE: Partial<Record<keyof typeof PATTERNS, { shape: string; ours: string }>> = {
  noNul: { shape: 'InlineDockerFileTemplate', ours: '^[^\\x00]+$' },
  noNulOrEmpty: { shape: 'ComponentParameterValue', ours: '^[^\\x00]*$' },
};

/** A pattern's source as a RegExp writes it (the model's `/` becomes `\/`). */
const sourceOf = (pattern: string) => new RegExp(pattern).source;

describe('ARN patterns', () => {
  test.each(Object.entries(ARN_SHAPES) as Array<[ArnKind, string]>)('%s is the model\'s %s', (kind, shape) => {
    expect(ARN_PATTERNS[kind].source).toBe(sourceOf(MODEL[shape]));
  });

  test.each(Object.keys(ARN_PATTERNS) as ArnKind[])('the example of %s is valid', kind => {
    expect(ARN_PATTERNS[kind].test(ARN_EXAMPLES[kind])).toBe(true);
  });
});

describe('API patterns', () => {
  test.each(Object.entries(PATTERN_SHAPES))('%s is the model\'s %s', (name, shape) => {
    expect(PATTERNS[name as keyof typeof PATTERNS].source).toBe(sourceOf(MODEL[shape!]));
  });

  test.each(Object.entries(DELIBERATE))('%s anchors the model\'s pattern, as CloudFormation does', (name, { shape, ours }) => {
    expect(`^${MODEL[shape]}$`).toBe(ours);
    expect(PATTERNS[name as keyof typeof PATTERNS].source).toBe(ours);
  });
});

describe('rules in words', () => {
  test.each([...PATTERN_RULES.entries()].map(([pattern, human]) => [pattern.source, human.example, pattern] as const))(
    '%s accepts its example %p', (_, example, pattern) => {
      expect(pattern.test(example)).toBe(true);
    });

  test('every API pattern has a rule in words', () => {
    const without = Object.keys(PATTERN_SHAPES).filter(name => !PATTERN_RULES.has(PATTERNS[name as keyof typeof PATTERNS]));
    expect(without).toEqual([]);
  });
});
