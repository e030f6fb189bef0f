import { aws_ec2 as ec2, aws_iam as iam, CfnWaitConditionHandle, cloud_assembly_schema as cxschema, ContextProvider, Lazy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { strictApp } from './helpers';
import {
  Component,
  ComponentPlatform,
  ContainerRecipe,
  DistributionConfiguration,
  Image,
  ImagePipeline,
  ImageRecipe,
  ImageSource,
  InfrastructureConfiguration,
  ParentImage,
  RecipeType,
  Workflow,
  WorkflowType,
} from '../src';

/** The account and Region of the stacks that look things up (not the dummy's 123456789012). */
const ENV = { account: '111122223333', region: 'eu-west-1' } as const;
const ARN_PREFIX = 'arn:aws:imagebuilder:eu-west-1:111122223333';

interface Query {
  readonly typeName: string;
  readonly exactIdentifier: string;
  readonly propertiesToReturn: string[];
}

/** The context key of a query, computed as aws-cdk-lib computes it for the stack. */
function contextKey(query: Query): string {
  const stack = new Stack(strictApp(), 'KeyStack', { env: ENV });
  return ContextProvider.getKey(stack, { provider: cxschema.ContextProvider.CC_API_PROVIDER, props: { ...query } }).key;
}

/** A stack whose app has the given answers in its context, as the CLI writes them into cdk.context.json. */
function stackWith(answers: Array<{ query: Query; answer: unknown }> = []): Stack {
  const context: { [key: string]: unknown } = {};
  for (const { query, answer } of answers) context[contextKey(query)] = answer;
  const stack = new Stack(strictApp({ context }), 'Stack', { env: ENV });
  // A stack holding only imports has no resource, which strict validation refuses.
  new CfnWaitConditionHandle(stack, 'Placeholder');
  return stack;
}

/** The missing-context entries the stack reports, as the CLI reads them from the cloud assembly. */
function missing(stack: Stack): cxschema.MissingContext[] {
  return (stack.node.root as any).synth().manifest.missing ?? [];
}

const COMPONENT_QUERY: Query = {
  typeName: 'AWS::ImageBuilder::Component',
  exactIdentifier: `${ARN_PREFIX}:component/hardening/x.x.x`,
  propertiesToReturn: ['Arn', 'Platform'],
};
const COMPONENT_ARN = `${ARN_PREFIX}:component/hardening/2.1.0/1`;

describe('Component.fromLookup', () => {
  test('asks the CLI for the component by its ARN (latest version) before it has answered, with a dummy that cannot deploy', () => {
    const stack = stackWith();
    const component = Component.fromLookup(stack, 'Hardening', { componentName: 'hardening' });

    expect(missing(stack)).toEqual([{
      key: contextKey(COMPONENT_QUERY),
      provider: 'cc-api-provider',
      props: {
        account: ENV.account,
        region: ENV.region,
        typeName: 'AWS::ImageBuilder::Component',
        exactIdentifier: COMPONENT_QUERY.exactIdentifier,
        propertiesToReturn: ['Arn', 'Platform'],
        dummyValue: [{ Arn: 'arn:aws:imagebuilder:eu-west-1:123456789012:component/hardening/0.0.0/1', Platform: 'Linux' }],
        lookupRoleArn: 'arn:${AWS::Partition}:iam::111122223333:role/cdk-hnb659fds-lookup-role-111122223333-eu-west-1',
      },
    }]);
    expect(component.componentArn).toBe('arn:aws:imagebuilder:eu-west-1:123456789012:component/hardening/0.0.0/1');
    // The dummy's facts are not facts: nothing is checked against them.
    expect(component.platform).toBeUndefined();
  });

  test('asks for a given version', () => {
    const stack = stackWith();
    Component.fromLookup(stack, 'Hardening', { componentName: 'hardening', componentVersion: '2.1.x' });
    expect(missing(stack)[0].props).toMatchObject({ exactIdentifier: `${ARN_PREFIX}:component/hardening/2.1.x` });
  });

  test('with the answer, carries the exact ARN and the platform', () => {
    const stack = stackWith([{ query: COMPONENT_QUERY, answer: [{ Arn: COMPONENT_ARN, Platform: 'Windows', Identifier: COMPONENT_ARN }] }]);
    const component = Component.fromLookup(stack, 'Hardening', { componentName: 'hardening' });

    expect(missing(stack)).toEqual([]);
    expect(component.componentArn).toBe(COMPONENT_ARN);
    expect(component.componentName).toBe('hardening');
    expect(component.componentVersion).toBe('2.1.0/1');
    expect(component.platform).toBe(ComponentPlatform.WINDOWS);
  });

  test('throws when the stack has no concrete account and Region', () => {
    const stack = new Stack(strictApp(), 'Stack');
    expect(() => Component.fromLookup(stack, 'Hardening', { componentName: 'hardening' }))
      .toThrow(/^Stack\/Hardening: env \{ account: '<AWS::AccountId>', .* must be concrete to look up an AWS::ImageBuilder::Component/);
  });

  test('throws when the answer has no resource, or several', () => {
    for (const answer of [[], [{ Arn: COMPONENT_ARN, Platform: 'Linux' }, { Arn: COMPONENT_ARN, Platform: 'Linux' }]]) {
      const stack = stackWith([{ query: COMPONENT_QUERY, answer }]);
      expect(() => Component.fromLookup(stack, 'Hardening', { componentName: 'hardening' }))
        .toThrow(`Stack/Hardening: componentName '${COMPONENT_QUERY.exactIdentifier}' must identify exactly one AWS::ImageBuilder::Component`);
    }
  });

  test('throws when the cached answer lacks a property asked for', () => {
    const stack = stackWith([{ query: COMPONENT_QUERY, answer: [{ Arn: COMPONENT_ARN }] }]);
    expect(() => Component.fromLookup(stack, 'Hardening', { componentName: 'hardening' }))
      .toThrow(`Stack/Hardening: componentName '${COMPONENT_QUERY.exactIdentifier}' must identify an AWS::ImageBuilder::Component whose lookup answer has Platform`);
  });

  test('throws when the name is a token: a context key can hold none', () => {
    const stack = stackWith();
    expect(() => Component.fromLookup(stack, 'Hardening', { componentName: Lazy.string({ produce: () => 'hardening' }) }))
      .toThrow(/^Stack\/Hardening: componentName '<token>\/x\.x\.x' must be known at synth to be looked up \(not a token\)$/);
  });

  test('throws when the name is not one an ARN holds, or the version is not a version', () => {
    const stack = stackWith();
    expect(() => Component.fromLookup(stack, 'Hardening', { componentName: 'Hardening Steps' })).toThrow(/Stack\/Hardening: componentName 'Hardening Steps'/);
    expect(() => Component.fromLookup(stack, 'Hardening', { componentName: 'hardening', componentVersion: '1.0' })).toThrow(/Stack\/Hardening: componentVersion '1.0'/);
  });
});

/** One row per looked-up type: how to look it up, the query the CLI gets, and an answer. */
interface LookupCase {
  readonly type: string;
  readonly property: string;
  readonly lookup: (stack: Stack) => { arn: string };
  readonly query: Query;
  readonly answer: { [property: string]: unknown };
  readonly dummyArn: string;
  /** The queries the answer leads to, answered (a pipeline's recipe). */
  readonly followUps?: Array<{ query: Query; answer: unknown }>;
}

/** The query for the image recipe golden/3.4.1, the one the looked-up pipeline builds, and its answer. */
const PIPELINE_RECIPE = {
  query: { typeName: 'AWS::ImageBuilder::ImageRecipe', exactIdentifier: `${ARN_PREFIX}:image-recipe/golden/3.4.1`, propertiesToReturn: ['Arn', 'ParentImage'] },
  answer: [{ Arn: `${ARN_PREFIX}:image-recipe/golden/3.4.1`, ParentImage: 'ssm:/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base' }],
};

const DUMMY_PREFIX = 'arn:aws:imagebuilder:eu-west-1:123456789012';
const CASES: LookupCase[] = [
  {
    type: 'Workflow',
    property: 'workflowName',
    lookup: stack => ({ arn: Workflow.fromLookup(stack, 'X', { workflowName: 'secure-test', workflowType: WorkflowType.TEST }).workflowArn }),
    query: { typeName: 'AWS::ImageBuilder::Workflow', exactIdentifier: `${ARN_PREFIX}:workflow/test/secure-test/x.x.x`, propertiesToReturn: ['Arn'] },
    answer: { Arn: `${ARN_PREFIX}:workflow/test/secure-test/1.2.0/1` },
    dummyArn: `${DUMMY_PREFIX}:workflow/test/secure-test/0.0.0/1`,
  },
  {
    type: 'ImageRecipe',
    property: 'imageRecipeName',
    lookup: stack => ({ arn: ImageRecipe.fromLookup(stack, 'X', { imageRecipeName: 'golden', imageRecipeVersion: '3.x.x' }).recipeArn }),
    query: { typeName: 'AWS::ImageBuilder::ImageRecipe', exactIdentifier: `${ARN_PREFIX}:image-recipe/golden/3.x.x`, propertiesToReturn: ['Arn', 'ParentImage'] },
    answer: { Arn: `${ARN_PREFIX}:image-recipe/golden/3.4.1`, ParentImage: 'arn:aws:imagebuilder:eu-west-1:aws:image/windows-server-2022-english-full-base-x86/x.x.x' },
    dummyArn: `${DUMMY_PREFIX}:image-recipe/golden/3.0.0`,
  },
  {
    type: 'ContainerRecipe',
    property: 'containerRecipeName',
    lookup: stack => ({ arn: ContainerRecipe.fromLookup(stack, 'X', { containerRecipeName: 'web' }).recipeArn }),
    query: {
      typeName: 'AWS::ImageBuilder::ContainerRecipe',
      exactIdentifier: `${ARN_PREFIX}:container-recipe/web/x.x.x`,
      propertiesToReturn: ['Arn', 'ParentImage', 'TargetRepository.RepositoryName'],
    },
    answer: { 'Arn': `${ARN_PREFIX}:container-recipe/web/1.0.3`, 'ParentImage': 'public.ecr.aws/docker/library/nginx:1.27', 'TargetRepository.RepositoryName': 'web-images' },
    dummyArn: `${DUMMY_PREFIX}:container-recipe/web/0.0.0`,
  },
  {
    type: 'InfrastructureConfiguration',
    property: 'infrastructureConfigurationName',
    lookup: stack => ({
      arn: InfrastructureConfiguration.fromLookup(stack, 'X', { infrastructureConfigurationName: 'shared-infra' }).infrastructureConfigurationArn,
    }),
    query: {
      typeName: 'AWS::ImageBuilder::InfrastructureConfiguration',
      exactIdentifier: `${ARN_PREFIX}:infrastructure-configuration/shared-infra`,
      propertiesToReturn: ['Arn'],
    },
    answer: { Arn: `${ARN_PREFIX}:infrastructure-configuration/shared-infra` },
    dummyArn: `${DUMMY_PREFIX}:infrastructure-configuration/shared-infra`,
  },
  {
    type: 'DistributionConfiguration',
    property: 'distributionConfigurationName',
    lookup: stack => ({
      arn: DistributionConfiguration.fromLookup(stack, 'X', { distributionConfigurationName: 'to-all-regions' }).distributionConfigurationArn,
    }),
    query: {
      typeName: 'AWS::ImageBuilder::DistributionConfiguration',
      exactIdentifier: `${ARN_PREFIX}:distribution-configuration/to-all-regions`,
      propertiesToReturn: ['Arn', 'Distributions'],
    },
    // As the read handler returns it (the CloudFormation schema's shape).
    answer: {
      Arn: `${ARN_PREFIX}:distribution-configuration/to-all-regions`,
      Distributions: [
        { Region: 'eu-west-1', AmiDistributionConfiguration: { Name: 'golden-{{ imagebuilder:buildDate }}' } },
        { Region: 'us-east-1', AmiDistributionConfiguration: { TargetAccountIds: ['444455556666'] } },
      ],
    },
    dummyArn: `${DUMMY_PREFIX}:distribution-configuration/to-all-regions`,
  },
  {
    type: 'ImagePipeline',
    property: 'imagePipelineName',
    lookup: stack => ({ arn: ImagePipeline.fromLookup(stack, 'X', { imagePipelineName: 'golden-ami' }).imagePipelineArn }),
    query: {
      typeName: 'AWS::ImageBuilder::ImagePipeline',
      exactIdentifier: `${ARN_PREFIX}:image-pipeline/golden-ami`,
      propertiesToReturn: ['Arn', 'ImageRecipeArn', 'InfrastructureConfigurationArn', 'DeploymentId'],
    },
    answer: {
      Arn: `${ARN_PREFIX}:image-pipeline/golden-ami`,
      ImageRecipeArn: `${ARN_PREFIX}:image-recipe/golden/3.4.1`,
      InfrastructureConfigurationArn: `${ARN_PREFIX}:infrastructure-configuration/shared-infra`,
      DeploymentId: 'c2b6b0d1-5e3a-4f4e-9f53-0a1d2c3b4e5f',
    },
    dummyArn: `${DUMMY_PREFIX}:image-pipeline/golden-ami`,
    followUps: [PIPELINE_RECIPE],
  },
];

describe.each(CASES.map(c => [c.type, c] as const))('%s.fromLookup', (_type, c) => {
  test('asks the CLI for the resource by its ARN, with a dummy in the documentation account meanwhile', () => {
    const stack = stackWith();
    const { arn } = c.lookup(stack);

    const entries = missing(stack);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      key: contextKey(c.query),
      provider: 'cc-api-provider',
      props: { account: ENV.account, region: ENV.region, ...c.query },
    });
    expect(entries[0].props).not.toHaveProperty('expectedMatchCount');
    expect(arn).toBe(c.dummyArn);
  });

  test('with the answer, carries the answered ARN', () => {
    const stack = stackWith([{ query: c.query, answer: [{ ...c.answer, Identifier: c.answer.Arn }] }, ...c.followUps ?? []]);
    const { arn } = c.lookup(stack);
    expect(missing(stack)).toEqual([]);
    expect(arn).toBe(c.answer.Arn);
  });

  test('throws when the answer has no resource', () => {
    const stack = stackWith([{ query: c.query, answer: [] }]);
    expect(() => c.lookup(stack))
      .toThrow(`Stack/X: ${c.property} '${c.query.exactIdentifier}' must identify exactly one ${c.query.typeName}: the lookup (Cloud Control GetResource) answered 0 resources`);
  });

  test('throws when the stack has no concrete account and Region', () => {
    expect(() => c.lookup(new Stack(strictApp(), 'Stack'))).toThrow(`must be concrete to look up an ${c.query.typeName}`);
  });
});

describe('facts of a looked-up resource', () => {
  const pipelineCase = CASES.find(c => c.type === 'ImagePipeline')!;

  test('once answered, a looked-up pipeline asks for the recipe it builds, by the exact version', () => {
    const stack = stackWith([{ query: pipelineCase.query, answer: [pipelineCase.answer] }]);
    ImagePipeline.fromLookup(stack, 'Golden', { imagePipelineName: 'golden-ami' });
    const entries = missing(stack);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ key: contextKey(PIPELINE_RECIPE.query), props: PIPELINE_RECIPE.query });
  });

  test('a looked-up pipeline carries its recipe (with the recipe\'s facts) and infrastructure configuration', () => {
    const stack = stackWith([{ query: pipelineCase.query, answer: [pipelineCase.answer] }, PIPELINE_RECIPE]);
    const pipeline = ImagePipeline.fromLookup(stack, 'Golden', { imagePipelineName: 'golden-ami' });

    expect(missing(stack)).toEqual([]);
    expect(pipeline.imagePipelineName).toBe('golden-ami');
    expect(pipeline.recipe?.recipeType).toBe(RecipeType.IMAGE);
    expect(pipeline.recipe?.recipeArn).toBe(`${ARN_PREFIX}:image-recipe/golden/3.4.1`);
    expect(pipeline.recipe?.platform).toBe(ComponentPlatform.WINDOWS);
    expect(pipeline.infrastructureConfiguration?.infrastructureConfigurationArn).toBe(`${ARN_PREFIX}:infrastructure-configuration/shared-infra`);
  });

  test('a pipeline that builds containers is asked for its ContainerRecipeArn', () => {
    const query = { ...pipelineCase.query, propertiesToReturn: ['Arn', 'ContainerRecipeArn', 'InfrastructureConfigurationArn', 'DeploymentId'] };
    const answer = {
      Arn: pipelineCase.answer.Arn,
      ContainerRecipeArn: `${ARN_PREFIX}:container-recipe/web/1.0.3`,
      InfrastructureConfigurationArn: pipelineCase.answer.InfrastructureConfigurationArn,
      DeploymentId: pipelineCase.answer.DeploymentId,
    };
    const recipeQuery = {
      typeName: 'AWS::ImageBuilder::ContainerRecipe',
      exactIdentifier: answer.ContainerRecipeArn,
      propertiesToReturn: ['Arn', 'ParentImage', 'TargetRepository.RepositoryName'],
    };
    const recipeAnswer = { 'Arn': answer.ContainerRecipeArn, 'ParentImage': 'amazonlinux:2023', 'TargetRepository.RepositoryName': 'web-images' };
    const stack = stackWith([{ query, answer: [answer] }, { query: recipeQuery, answer: [recipeAnswer] }]);
    const pipeline = ImagePipeline.fromLookup(stack, 'Web', { imagePipelineName: 'golden-ami', recipeType: RecipeType.CONTAINER });
    expect(missing(stack)).toEqual([]);
    expect(pipeline.recipe?.recipeType).toBe(RecipeType.CONTAINER);
    expect(pipeline.recipe?.recipeArn).toBe(answer.ContainerRecipeArn);
  });

  test('a looked-up pipeline can be granted on, scoped to the answered ARN', () => {
    const stack = stackWith([{ query: pipelineCase.query, answer: [pipelineCase.answer] }]);
    const pipeline = ImagePipeline.fromLookup(stack, 'Golden', { imagePipelineName: 'golden-ami' });
    const role = new iam.Role(stack, 'Runner', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    pipeline.grantRead(role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Resource: pipelineCase.answer.Arn })]) },
    });
  });

  test('a looked-up container recipe knows the repository it pushes to', () => {
    const c = CASES.find(x => x.type === 'ContainerRecipe')!;
    const stack = stackWith([{ query: c.query, answer: [c.answer] }]);
    const recipe = ContainerRecipe.fromLookup(stack, 'Web', { containerRecipeName: 'web' });
    expect(recipe.containerRecipeVersion).toBe('1.0.3');
    expect(stack.resolve(recipe.targetRepository?.repositoryName)).toBe('web-images');
    // A container image URI says nothing of the platform.
    expect(recipe.parentImage).toBe('public.ecr.aws/docker/library/nginx:1.27');
    expect(recipe.platform).toBeUndefined();
  });

  test('a looked-up container recipe built on an AWS-managed image knows its platform', () => {
    const c = CASES.find(x => x.type === 'ContainerRecipe')!;
    const answer = { ...c.answer, ParentImage: 'arn:aws:imagebuilder:eu-west-1:aws:image/amazon-linux-x86-2/x.x.x' };
    const stack = stackWith([{ query: c.query, answer: [answer] }]);
    expect(ContainerRecipe.fromLookup(stack, 'Web', { containerRecipeName: 'web' }).platform).toBe(ComponentPlatform.LINUX);
  });

  test('a looked-up image recipe knows its parent image, and its platform when the parent image says it', () => {
    const c = CASES.find(x => x.type === 'ImageRecipe')!;
    const stack = stackWith([{ query: c.query, answer: [c.answer] }]);
    const recipe = ImageRecipe.fromLookup(stack, 'Golden', { imageRecipeName: 'golden', imageRecipeVersion: '3.x.x' });
    expect(recipe.imageRecipeVersion).toBe('3.4.1');
    expect(recipe.parentImage).toBe(c.answer.ParentImage);
    expect(recipe.platform).toBe(ComponentPlatform.WINDOWS);
  });

  test.each([
    ['a public SSM parameter of Amazon Linux AMIs', 'ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64', ComponentPlatform.LINUX],
    ['a public SSM parameter by ARN', 'ssm:arn:aws:ssm:eu-west-1::parameter/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base', ComponentPlatform.WINDOWS],
    ['an AMI ID', 'ami-0123456789abcdef0', undefined],
    ['an image of an account', `${ARN_PREFIX}:image/golden/1.x.x`, undefined],
  ])('a looked-up image recipe whose parent image is %s', (_what, parentImage, platform) => {
    const c = CASES.find(x => x.type === 'ImageRecipe')!;
    const stack = stackWith([{ query: c.query, answer: [{ ...c.answer, ParentImage: parentImage }] }]);
    const recipe = ImageRecipe.fromLookup(stack, 'Golden', { imageRecipeName: 'golden', imageRecipeVersion: '3.x.x' });
    expect(recipe.parentImage).toBe(parentImage);
    expect(recipe.platform).toBe(platform);
  });

  test('an image built from a looked-up Windows recipe is a Windows machine image; before the answer, nothing is assumed', () => {
    const c = CASES.find(x => x.type === 'ImageRecipe')!;
    const stack = stackWith([{ query: c.query, answer: [c.answer] }]);
    const recipe = ImageRecipe.fromLookup(stack, 'Golden', { imageRecipeName: 'golden', imageRecipeVersion: '3.x.x' });
    const image = new Image(stack, 'Image', { source: ImageSource.fromRecipe(recipe) });
    expect(image.toMachineImage().getImage(stack).osType).toBe(ec2.OperatingSystemType.WINDOWS);

    const unanswered = ImageRecipe.fromLookup(stackWith(), 'Golden', { imageRecipeName: 'golden', imageRecipeVersion: '3.x.x' });
    expect(unanswered.parentImage).toBeUndefined();
    expect(unanswered.platform).toBeUndefined();
  });

  describe('a looked-up distribution configuration', () => {
    const c = CASES.find(x => x.type === 'DistributionConfiguration')!;
    const partitionArn = (rest: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, rest]] });
    const lookup = (stack: Stack) => DistributionConfiguration.fromLookup(stack, 'Dist', { distributionConfigurationName: 'to-all-regions' });
    /** The execution role statement ids of a pipeline distributing with the configuration. */
    const statementIds = (stack: Stack, distribution = lookup(stack)) => {
      new ImagePipeline(stack, 'Pipeline', {
        recipe: new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromAmiId('ami-0123456789abcdef0') }),
        // A workflow makes the pipeline create its execution role.
        workflows: [{ workflow: Workflow.fromAwsManagedWorkflow(stack, 'Build', WorkflowType.BUILD, 'build-image', '1.0.0') }],
        distributionConfiguration: distribution,
      });
      return [...JSON.stringify(Template.fromStack(stack).toJSON()).matchAll(/"Sid":"(\w+)"/g)].map(m => m[1]);
    };

    test('knows its Regions, the kinds of image it distributes and the other accounts it reaches', () => {
      const distribution = lookup(stackWith([{ query: c.query, answer: [c.answer] }]));
      expect(distribution.distributionRegions).toEqual(['eu-west-1', 'us-east-1']);
      expect(distribution.distributedImageTypes).toEqual([RecipeType.IMAGE]);
      expect(distribution.amiDistributionFeatures).toEqual({
        launchTemplateArns: [], fastLaunch: false, licenseConfigurationArns: [], ssmParameterArns: [], crossAccountIds: ['444455556666'],
      });
    });

    test('a pipeline\'s execution role gets only the distribution permissions the answer uses', () => {
      const ids = statementIds(stackWith([{ query: c.query, answer: [c.answer] }]));
      expect(ids).toEqual(expect.arrayContaining(['CopyAmisToTargetRegions', 'DistributeToOtherAccounts']));
      expect(ids).not.toEqual(expect.arrayContaining(['EnableFastLaunch']));
      expect(ids).not.toEqual(expect.arrayContaining(['UpdateLaunchTemplates']));
      expect(ids).not.toEqual(expect.arrayContaining(['WriteAmiIdParameters']));
      expect(ids).not.toEqual(expect.arrayContaining(['AttachLicenseConfigurations']));
    });

    test('launch templates, fast launch, SSM parameters and licenses in the answer are granted, scoped to this account\'s resources', () => {
      const answer = {
        Arn: c.answer.Arn,
        Distributions: [{
          Region: 'eu-west-1',
          LaunchTemplateConfigurations: [{ LaunchTemplateId: 'lt-0123456789abcdef0' }, { LaunchTemplateId: 'lt-0fedcba9876543210', AccountId: '777788889999' }],
          FastLaunchConfigurations: [{ Enabled: true, MaxParallelLaunches: 6 }],
          SsmParameterConfigurations: [{ ParameterName: '/golden/ami-id', DataType: 'aws:ec2:image' }],
          LicenseConfigurationArns: ['arn:aws:license-manager:eu-west-1:111122223333:license-configuration:lic-0123456789abcdef0123456789abcdef'],
        }],
      };
      const stack = stackWith([{ query: c.query, answer: [answer] }]);
      const distribution = lookup(stack);
      expect(stack.resolve(distribution.amiDistributionFeatures)).toEqual({
        launchTemplateArns: [partitionArn(':ec2:eu-west-1:111122223333:launch-template/lt-0123456789abcdef0')],
        fastLaunch: true,
        licenseConfigurationArns: answer.Distributions[0].LicenseConfigurationArns,
        ssmParameterArns: [partitionArn(':ssm:eu-west-1:111122223333:parameter/golden/ami-id')],
        crossAccountIds: ['777788889999'],
      });
      expect(distribution.distributedImageTypes).toEqual([RecipeType.IMAGE]);
    });

    test('a container distribution is known as one, and refused for an image recipe\'s pipeline', () => {
      const answer = { Arn: c.answer.Arn, Distributions: [{ Region: 'eu-west-1', ContainerDistributionConfiguration: { TargetRepository: { Service: 'ECR', RepositoryName: 'web' } } }] };
      const stack = stackWith([{ query: c.query, answer: [answer] }]);
      const distribution = lookup(stack);
      expect(distribution.distributedImageTypes).toEqual([RecipeType.CONTAINER]);
      expect(() => statementIds(stack, distribution)).toThrow(/distributionConfiguration 'Stack\/Dist' must have an AMI distribution/);
    });

    test('before the CLI answers, nothing is known and the role gets every distribution permission', () => {
      const stack = stackWith();
      const distribution = lookup(stack);
      expect(distribution.distributionRegions).toBeUndefined();
      expect(distribution.amiDistributionFeatures).toBeUndefined();
      expect(statementIds(stack, distribution)).toEqual(expect.arrayContaining(['EnableFastLaunch', 'UpdateLaunchTemplates', 'DistributeToOtherAccounts']));
    });
  });

  test('a looked-up workflow keeps its type, name and exact version', () => {
    const c = CASES.find(x => x.type === 'Workflow')!;
    const stack = stackWith([{ query: c.query, answer: [c.answer] }]);
    const workflow = Workflow.fromLookup(stack, 'Test', { workflowName: 'secure-test', workflowType: WorkflowType.TEST });
    expect(workflow.workflowType).toBe(WorkflowType.TEST);
    expect(workflow.workflowName).toBe('secure-test');
    expect(workflow.workflowVersion).toBe('1.2.0/1');
  });
});

describe('lookups used together, synthesized with answered context', () => {
  test('an image built on deploy from a looked-up pipeline follows its answered deployment ID', () => {
    const pipelineCase = CASES.find(c => c.type === 'ImagePipeline')!;
    const stack = stackWith([{ query: pipelineCase.query, answer: [pipelineCase.answer] }, PIPELINE_RECIPE]);
    const pipeline = ImagePipeline.fromLookup(stack, 'Golden', { imagePipelineName: 'golden-ami' });
    const image = new Image(stack, 'Image', { source: ImageSource.fromPipeline(pipeline) });

    expect(missing(stack)).toEqual([]);
    expect(pipeline.deploymentId).toBe(pipelineCase.answer.DeploymentId);
    // The pipeline builds a Windows recipe (its parent image is a public Windows AMI parameter).
    expect(image.toMachineImage().getImage(stack).osType).toBe(ec2.OperatingSystemType.WINDOWS);
    Template.fromStack(stack).hasResourceProperties('AWS::ImageBuilder::Image', {
      ImagePipelineExecutionSettings: { DeploymentId: pipelineCase.answer.DeploymentId },
    });
  });

  const infrastructure = CASES.find(c => c.type === 'InfrastructureConfiguration')!;
  const distribution = CASES.find(c => c.type === 'DistributionConfiguration')!;

  test('a looked-up component in a recipe, a pipeline on looked-up infrastructure and distribution, built on deploy', () => {
    const stack = stackWith([
      { query: COMPONENT_QUERY, answer: [{ Arn: COMPONENT_ARN, Platform: 'Linux' }] },
      { query: infrastructure.query, answer: [infrastructure.answer] },
      { query: distribution.query, answer: [distribution.answer] },
    ]);
    const recipe = new ImageRecipe(stack, 'Recipe', {
      parentImage: ParentImage.fromAmiId('ami-0123456789abcdef0'),
      components: [{ component: Component.fromLookup(stack, 'Hardening', { componentName: 'hardening' }) }],
    });
    const pipeline = new ImagePipeline(stack, 'Pipeline', {
      recipe,
      infrastructureConfiguration: InfrastructureConfiguration.fromLookup(stack, 'Infra', { infrastructureConfigurationName: 'shared-infra' }),
      distributionConfiguration: DistributionConfiguration.fromLookup(stack, 'Dist', { distributionConfigurationName: 'to-all-regions' }),
    });
    pipeline.buildOnDeploy('Image');

    expect(missing(stack)).toEqual([]);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ImageBuilder::ImageRecipe', {
      Components: [{ ComponentArn: COMPONENT_ARN }],
    });
    template.hasResourceProperties('AWS::ImageBuilder::ImagePipeline', {
      InfrastructureConfigurationArn: infrastructure.answer.Arn,
      DistributionConfigurationArn: distribution.answer.Arn,
    });
    template.resourceCountIs('AWS::ImageBuilder::Image', 1);
  });

  test('before the CLI answers, the same app synthesizes with dummies and reports every query', () => {
    const stack = stackWith();
    const recipe = new ImageRecipe(stack, 'Recipe', {
      parentImage: ParentImage.fromAmiId('ami-0123456789abcdef0'),
      components: [{ component: Component.fromLookup(stack, 'Hardening', { componentName: 'hardening' }) }],
    });
    new ImagePipeline(stack, 'Pipeline', {
      recipe,
      infrastructureConfiguration: InfrastructureConfiguration.fromLookup(stack, 'Infra', { infrastructureConfigurationName: 'shared-infra' }),
    }).buildOnDeploy('Image');

    expect(missing(stack).map(m => (m.props as cxschema.CcApiContextQuery).typeName)).toEqual(['AWS::ImageBuilder::Component', 'AWS::ImageBuilder::InfrastructureConfiguration']);
  });
});
