import { CfnElement, CfnParameter, Duration, Lazy, RemovalPolicy, Stack, Tags, TimeZone, Token, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks } from 'cdk-nag';
import { Construct } from 'constructs';
import { strictStack } from './helpers';
import {
  AwsManagedComponentName,
  Component,
  ContainerParentImage,
  ContainerRecipe,
  DistributionConfiguration,
  IContainerRecipe,
  IImagePipeline,
  ImagePipeline,
  ImagePipelineGrants,
  ImagePipelineProps,
  ImageRecipe,
  InfrastructureConfiguration,
  IRecipe,
  ParentImage,
  PipelineExecutionStartCondition,
  PipelineSchedule,
  RecipeType,
  Workflow,
  WorkflowConfiguration,
  WorkflowOnFailure,
  WorkflowParameterValue,
  WorkflowType,
} from '../src';

const ACCOUNT = '123456789012';
const IMAGE_RECIPE_ARN = `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image-recipe/my-recipe/1.0.0`;
const CONTAINER_RECIPE_ARN = `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:container-recipe/my-container/1.0.0`;
const DEFAULT_SCANNING_REPOSITORY_ARN = {
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:ecr:us-east-1:${ACCOUNT}:repository/image-builder-image-scanning-repository`]],
};
const PIPELINE_ARN = `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image-pipeline/my-pipeline`;
const TEST_WORKFLOW_ARN = `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:workflow/test/my-tests/1.0.0`;
const BUILD_WORKFLOW_ARN = `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:workflow/build/my-build/1.0.0`;
const DISTRIBUTION_WORKFLOW_ARN = `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:workflow/distribution/my-dist/1.0.0`;

/** `/aws/imagebuilder/<kind>/<unique id>-<first part of the stack UUID>`, as the template renders it. */
function createdLogGroupName(kind: 'pipeline' | 'image', uniqueId: string) {
  return {
    'Fn::Join': ['', [
      `/aws/imagebuilder/${kind}/${uniqueId}-`,
      { 'Fn::Select': [0, { 'Fn::Split': ['-', { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] }] }] },
    ]],
  };
}

/** A container recipe of the app, pushing to the repository. */
function containerRecipe(scope: Construct, repository: ecr.IRepository): IContainerRecipe {
  return new ContainerRecipe(scope, 'ContainerRecipe', {
    containerRecipeName: 'my-container',
    parentImage: ContainerParentImage.fromEcrPublic('amazonlinux/amazonlinux', '2023'),
    components: [{ component: Component.fromAwsManagedComponent(scope, 'UpdateLinux', AwsManagedComponentName.UPDATE_LINUX) }],
    targetRepository: repository,
  });
}

function imageRecipe(scope: Construct, id = 'Recipe'): IRecipe {
  return ImageRecipe.fromImageRecipeArn(scope, id, IMAGE_RECIPE_ARN);
}

function pipeline(props: Partial<ImagePipelineProps> = {}, stack: Stack = strictStack()): { stack: Stack; pipeline: ImagePipeline } {
  const p = new ImagePipeline(stack, 'Pipeline', { recipe: props.recipe ?? imageRecipe(stack), ...props });
  return { stack, pipeline: p };
}

/** The properties of the stack's only image pipeline. */
function pipelineProperties(stack: Stack): any {
  const resources = Template.fromStack(stack).findResources('AWS::ImageBuilder::ImagePipeline');
  expect(Object.keys(resources)).toHaveLength(1);
  return Object.values(resources)[0].Properties;
}

/** Every statement of every IAM policy of the stack, resolved. */
function allPolicyStatements(stack: Stack): any[] {
  const template = Template.fromStack(stack);
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .flatMap((policy: any) => policy.Properties.PolicyDocument.Statement);
}

/** The logical ID of a construct's primary resource. */
function logicalIdOf(construct: Construct): string {
  return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
}

function arnOf(construct: Construct) {
  return { 'Fn::GetAtt': [logicalIdOf(construct), 'Arn'] };
}

/** The statements of the policies attached to the role. */
function statementsOfRole(stack: Stack, role: iam.IRole): any[] {
  const roleLogicalId = logicalIdOf(role);
  const template = Template.fromStack(stack);
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy: any) => policy.Properties.Roles.some((r: any) => r.Ref === roleLogicalId))
    .flatMap((policy: any) => policy.Properties.PolicyDocument.Statement);
}

function asList<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

/** The workflows the all-parameters pipeline runs. */
function allWorkflows(scope: Construct): WorkflowConfiguration[] {
  return [
    { workflow: Workflow.fromWorkflowArn(scope, 'BuildWorkflow', BUILD_WORKFLOW_ARN) },
    {
      workflow: Workflow.fromWorkflowArn(scope, 'TestWorkflow', TEST_WORKFLOW_ARN),
      parameters: {
        retries: WorkflowParameterValue.fromNumber(3),
        verbose: WorkflowParameterValue.fromBoolean(true),
        suites: WorkflowParameterValue.fromStrings(['smoke', 'security']),
      },
      parallelGroup: 'group-1',
      onFailure: WorkflowOnFailure.CONTINUE,
    },
    { workflow: Workflow.fromWorkflowArn(scope, 'DistributionWorkflow', DISTRIBUTION_WORKFLOW_ARN) },
  ];
}

describe('ImagePipeline defaults', () => {
  test('renders an AMI pipeline with tests, scanning, enhanced metadata and two created log groups', () => {
    const { stack } = pipeline();
    expect(pipelineProperties(stack)).toEqual({
      Name: 'stack-pipeline-013d2286',
      ImageRecipeArn: IMAGE_RECIPE_ARN,
      InfrastructureConfigurationArn: { 'Fn::GetAtt': ['PipelineInfrastructureConfigurationC46387B5', 'Arn'] },
      // Tests and enhanced metadata are the service's documented defaults: not written.
      ImageScanningConfiguration: { ImageScanningEnabled: true },
      Status: 'ENABLED',
      LoggingConfiguration: {
        PipelineLogGroupName: { Ref: 'PipelinePipelineLogGroupE63EE035' },
        ImageLogGroupName: { Ref: 'PipelineImageLogGroupE4BCFFD3' },
      },
    });
  });

  test('creates an infrastructure configuration with IMDSv2 required', () => {
    const { stack, pipeline: p } = pipeline();
    expect(p.infrastructureConfiguration).toBeInstanceOf(InfrastructureConfiguration);
    Template.fromStack(stack).hasResourceProperties('AWS::ImageBuilder::InfrastructureConfiguration', {
      InstanceMetadataOptions: { HttpTokens: 'required' },
    });
  });

  test('creates two log groups under /aws/imagebuilder/, unique to the stack, kept for a year and retained', () => {
    const { stack } = pipeline();
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Logs::LogGroup', 2);
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: Match.objectEquals({
        LogGroupName: createdLogGroupName('pipeline', 'Stack-Pipeline-013D2286'),
        RetentionInDays: 365,
      }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: Match.objectEquals({
        LogGroupName: createdLogGroupName('image', 'Stack-Pipeline-013D2286'),
        RetentionInDays: 365,
      }),
      DeletionPolicy: 'Retain',
    });
  });

  test('needs no execution role: the service-linked role may write under /aws/imagebuilder/', () => {
    const { stack, pipeline: p } = pipeline();
    expect(p.executionRole).toBeUndefined();
    // The only role is the instance role of the infrastructure configuration.
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Role', 1);
    expect(pipelineProperties(stack).ExecutionRole).toBeUndefined();
  });

  test('the generated name is valid and lowercase, so the ARN segment matches', () => {
    const { stack, pipeline: p } = pipeline();
    const name = pipelineProperties(stack).Name;
    expect(name).toMatch(/^[a-z0-9-]{3,128}$/);
    expect(stack.resolve(p.imagePipelineArn)).toEqual({ 'Fn::GetAtt': ['PipelineC660917D', 'Arn'] });
    expect(stack.resolve(p.imagePipelineName)).toEqual({ 'Fn::GetAtt': ['PipelineC660917D', 'Name'] });
  });

  test('image tests off turns scanning off by default', () => {
    const { stack } = pipeline({ imageTestsEnabled: false });
    const props = pipelineProperties(stack);
    expect(props.ImageTestsConfiguration).toEqual({ ImageTestsEnabled: false });
    expect(props.ImageScanningConfiguration).toEqual({ ImageScanningEnabled: false });
  });

  test('enabled false renders DISABLED', () => {
    const { stack } = pipeline({ enabled: false });
    expect(pipelineProperties(stack).Status).toBe('DISABLED');
  });

  test('Tags.of reaches the pipeline', () => {
    const { stack, pipeline: p } = pipeline({ tags: { team: 'images' } });
    Tags.of(p).add('cost-center', '42');
    expect(pipelineProperties(stack).Tags).toEqual({ 'team': 'images', 'cost-center': '42' });
  });

  test('empty tag maps are not rendered', () => {
    const { stack } = pipeline({ tags: {}, imageTags: {} });
    const props = pipelineProperties(stack);
    expect(props.Tags).toBeUndefined();
    expect(props.ImageTags).toBeUndefined();
  });
});

describe('ImagePipeline with all parameters', () => {
  test('renders every CreateImagePipeline field', () => {
    const stack = strictStack();
    const role = new iam.Role(stack, 'ExecutionRole', { assumedBy: new iam.ServicePrincipal('imagebuilder.amazonaws.com') });
    const infrastructureConfiguration = InfrastructureConfiguration.fromInfrastructureConfigurationArn(stack, 'Infra',
      `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:infrastructure-configuration/my-infra`);
    const distributionConfiguration = DistributionConfiguration.fromDistributionConfigurationArn(stack, 'Dist',
      `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:distribution-configuration/my-dist`);
    new ImagePipeline(stack, 'Pipeline', {
      recipe: imageRecipe(stack),
      imagePipelineName: 'My Pipeline',
      description: 'Builds the golden AMI',
      infrastructureConfiguration,
      distributionConfiguration,
      imageTestsEnabled: true,
      imageTestsTimeout: Duration.hours(2),
      enhancedImageMetadataEnabled: false,
      schedule: PipelineSchedule.cron({ hour: '4', weekDay: 'MON' }, {
        timeZone: TimeZone.EUROPE_PARIS,
        startCondition: PipelineExecutionStartCondition.EXPRESSION_MATCH_ONLY,
        autoDisableAfterFailures: 3,
      }),
      enabled: false,
      tags: { team: 'images' },
      imageTags: { pipeline: 'golden' },
      imageScanning: { enabled: true },
      workflows: allWorkflows(stack),
      executionRole: role,
      pipelineLogGroup: logs.LogGroup.fromLogGroupName(stack, 'PipelineLogs', '/builds/pipeline'),
      imageLogGroup: logs.LogGroup.fromLogGroupName(stack, 'ImageLogs', '/builds/images'),
    });

    Template.fromStack(stack).hasResource('AWS::ImageBuilder::ImagePipeline', {
      Properties: Match.objectEquals({
        Name: 'My Pipeline',
        Description: 'Builds the golden AMI',
        ImageRecipeArn: IMAGE_RECIPE_ARN,
        InfrastructureConfigurationArn: `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:infrastructure-configuration/my-infra`,
        DistributionConfigurationArn: `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:distribution-configuration/my-dist`,
        ImageTestsConfiguration: { ImageTestsEnabled: true, TimeoutMinutes: 120 },
        EnhancedImageMetadataEnabled: false,
        Schedule: {
          ScheduleExpression: 'cron(0 4 ? * MON *)',
          Timezone: 'Europe/Paris',
          PipelineExecutionStartCondition: 'EXPRESSION_MATCH_ONLY',
          AutoDisablePolicy: { FailureCount: 3 },
        },
        Status: 'DISABLED',
        Tags: { team: 'images' },
        ImageTags: { pipeline: 'golden' },
        ImageScanningConfiguration: { ImageScanningEnabled: true },
        Workflows: [
          { WorkflowArn: BUILD_WORKFLOW_ARN },
          {
            WorkflowArn: TEST_WORKFLOW_ARN,
            Parameters: [
              { Name: 'retries', Value: ['3'] },
              { Name: 'verbose', Value: ['true'] },
              { Name: 'suites', Value: ['smoke', 'security'] },
            ],
            ParallelGroup: 'group-1',
            OnFailure: 'CONTINUE',
          },
          { WorkflowArn: DISTRIBUTION_WORKFLOW_ARN },
        ],
        ExecutionRole: { 'Fn::GetAtt': ['ExecutionRole605A040B', 'Arn'] },
        LoggingConfiguration: { PipelineLogGroupName: '/builds/pipeline', ImageLogGroupName: '/builds/images' },
      }),
      DependsOn: Match.absent(),
    });
  });

  test('renders a container pipeline with its scanning repository and tags', () => {
    const stack = strictStack();
    const scanRepo = new ecr.Repository(stack, 'ScanRepo');
    new ImagePipeline(stack, 'Pipeline', {
      recipe: ContainerRecipe.fromContainerRecipeArn(stack, 'Recipe', CONTAINER_RECIPE_ARN),
      imagePipelineName: 'container-pipeline',
      imageScanning: { enabled: true, repository: scanRepo, containerTags: ['scan', 'latest'] },
    });

    Template.fromStack(stack).hasResourceProperties('AWS::ImageBuilder::ImagePipeline', Match.objectEquals({
      Name: 'container-pipeline',
      ContainerRecipeArn: CONTAINER_RECIPE_ARN,
      InfrastructureConfigurationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PipelineInfrastructureConfiguration'), 'Arn'] },
      ImageScanningConfiguration: {
        ImageScanningEnabled: true,
        EcrConfiguration: { RepositoryName: { Ref: logicalIdOf(scanRepo) }, ContainerTags: ['scan', 'latest'] },
      },
      LoggingConfiguration: {
        PipelineLogGroupName: { Ref: Match.stringLikeRegexp('^PipelinePipelineLogGroup') },
        ImageLogGroupName: { Ref: Match.stringLikeRegexp('^PipelineImageLogGroup') },
      },
      Status: 'ENABLED',
    }));
  });
});

describe('the service\'s documented defaults are not written', () => {
  test('EnhancedImageMetadataEnabled: omitted when true (the default), written when false', () => {
    for (const enhancedImageMetadataEnabled of [undefined, true]) {
      const { stack } = pipeline({ enhancedImageMetadataEnabled });
      Template.fromStack(stack).hasResourceProperties('AWS::ImageBuilder::ImagePipeline', { EnhancedImageMetadataEnabled: Match.absent() });
    }
    const { stack } = pipeline({ enhancedImageMetadataEnabled: false });
    expect(pipelineProperties(stack).EnhancedImageMetadataEnabled).toBe(false);
  });

  test('ImageTestsConfiguration: omitted when tests are enabled without a timeout, written when disabled or timed', () => {
    for (const imageTestsEnabled of [undefined, true]) {
      const { stack } = pipeline({ imageTestsEnabled });
      Template.fromStack(stack).hasResourceProperties('AWS::ImageBuilder::ImagePipeline', { ImageTestsConfiguration: Match.absent() });
    }
    const disabled = pipeline({ imageTestsEnabled: false });
    expect(pipelineProperties(disabled.stack).ImageTestsConfiguration).toEqual({ ImageTestsEnabled: false });
    const timed = pipeline({ imageTestsTimeout: Duration.hours(3) });
    expect(pipelineProperties(timed.stack).ImageTestsConfiguration).toEqual({ ImageTestsEnabled: true, TimeoutMinutes: 180 });
  });

  test('Status: written either way (the service model names no default)', () => {
    for (const [enabled, status] of [[undefined, 'ENABLED'], [true, 'ENABLED'], [false, 'DISABLED']] as const) {
      const { stack } = pipeline({ enabled });
      Template.fromStack(stack).hasResourceProperties('AWS::ImageBuilder::ImagePipeline', { Status: status });
    }
  });
});

describe('recipes', () => {
  test('an image recipe of the stack renders ImageRecipeArn only', () => {
    const stack = strictStack();
    const recipe = new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromAmiId('ami-0123456789abcdef0') });
    pipeline({ recipe }, stack);
    const props = pipelineProperties(stack);
    expect(props.ImageRecipeArn).toEqual(arnOf(recipe));
    expect(props.ContainerRecipeArn).toBeUndefined();
  });

  test('a container recipe renders ContainerRecipeArn only, and the instance role may push to exactly its repository', () => {
    const stack = strictStack();
    const repository = new ecr.Repository(stack, 'Repository');
    const recipe = containerRecipe(stack, repository);
    const { pipeline: p } = pipeline({ recipe }, stack);
    const props = pipelineProperties(stack);
    expect(props.ImageRecipeArn).toBeUndefined();
    expect(stack.resolve(props.ContainerRecipeArn)).toEqual(stack.resolve(recipe.recipeArn));

    const infra = p.infrastructureConfiguration as InfrastructureConfiguration;
    const statements = statementsOfRole(stack, infra.role!);
    const pushes = statements.filter(s => asList(s.Action).includes('ecr:PutImage'));
    // One statement for both repositories (the library writes a kind of access once).
    expect(pushes.map(s => s.Resource)).toEqual([[
      arnOf(repository),
      // Image Builder's default scanning repository: Inspector scans the copy pushed there.
      DEFAULT_SCANNING_REPOSITORY_ARN,
    ]]);
    // ECR only grants GetAuthorizationToken on '*'; every other ECR action is scoped.
    for (const s of statements.filter(st => asList(st.Action).some((a: string) => a.startsWith('ecr:')))) {
      if (s.Resource === '*') {
        expect(s.Action).toBe('ecr:GetAuthorizationToken');
      }
    }
  });

  test('the instance role may pull the parent image from its repository and push to a given scanning repository', () => {
    const stack = strictStack();
    const base = new ecr.Repository(stack, 'Base');
    const scans = new ecr.Repository(stack, 'Scans');
    const target = new ecr.Repository(stack, 'Target');
    const recipe = new ContainerRecipe(stack, 'Recipe', {
      parentImage: ContainerParentImage.fromEcrRepository(base, 'latest'),
      components: [{ component: Component.fromAwsManagedComponent(stack, 'UpdateLinux', AwsManagedComponentName.UPDATE_LINUX) }],
      targetRepository: target,
    });
    const { pipeline: p } = pipeline({ recipe, imageScanning: { repository: scans } }, stack);
    const statements = statementsOfRole(stack, (p.infrastructureConfiguration as InfrastructureConfiguration).role!);
    expect(statements.filter(s => asList(s.Action).includes('ecr:PutImage')).map(s => s.Resource))
      .toEqual([[arnOf(target), arnOf(scans)]]);
    const pullOnly = statements.filter(s => asList(s.Action).includes('ecr:BatchGetImage') && !asList(s.Action).includes('ecr:PutImage'));
    expect(pullOnly.map(s => s.Resource)).toEqual([arnOf(base)]);
  });

  test('a container recipe with scanning off grants push on its repository only', () => {
    const stack = strictStack();
    const repository = new ecr.Repository(stack, 'Repository');
    const { pipeline: p } = pipeline({ recipe: containerRecipe(stack, repository), imageScanning: { enabled: false } }, stack);
    const infra = p.infrastructureConfiguration as InfrastructureConfiguration;
    const statements = statementsOfRole(stack, infra.role!);
    expect(statements.filter(s => asList(s.Action).includes('ecr:PutImage')).map(s => s.Resource))
      .toEqual([arnOf(repository)]);
    expect(pipelineProperties(stack).ImageScanningConfiguration).toEqual({ ImageScanningEnabled: false });
  });

  test('an imported container recipe (repository unknown) grants no push', () => {
    const stack = strictStack();
    pipeline({ recipe: ContainerRecipe.fromContainerRecipeArn(stack, 'Recipe', CONTAINER_RECIPE_ARN), imageScanning: { enabled: false } }, stack);
    expect(allPolicyStatements(stack)).toEqual([]);
    expect(pipelineProperties(stack).ContainerRecipeArn).toBe(CONTAINER_RECIPE_ARN);
  });

  test('a given infrastructure configuration is used, and its role may push to the repository', () => {
    const stack = strictStack();
    const infrastructureConfiguration = new InfrastructureConfiguration(stack, 'Infra', { infrastructureConfigurationName: 'builders' });
    const repository = new ecr.Repository(stack, 'Repository');
    pipeline({ recipe: containerRecipe(stack, repository), infrastructureConfiguration, imageScanning: { enabled: false } }, stack);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ImageBuilder::InfrastructureConfiguration', 1);
    expect(pipelineProperties(stack).InfrastructureConfigurationArn).toEqual(arnOf(infrastructureConfiguration));
    const statements = statementsOfRole(stack, infrastructureConfiguration.role!);
    expect(statements.filter(s => asList(s.Action).includes('ecr:PutImage')).map(s => s.Resource))
      .toEqual([arnOf(repository)]);
  });
});

describe('execution role', () => {
  test('is created for workflows, trusted by Image Builder only, and scoped', () => {
    const stack = strictStack();
    const { pipeline: p } = pipeline({ workflows: allWorkflows(stack) }, stack);
    expect(p.executionRole).toBeDefined();
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'imagebuilder.amazonaws.com' } }],
      },
      ManagedPolicyArns: Match.absent(),
    });
    const role = p.executionRole as iam.Role;
    expect(pipelineProperties(stack).ExecutionRole).toEqual(arnOf(role));
    // The pipeline waits for the role's policy, a policy of the library (not the role's default policy).
    expect(role.node.tryFindChild('DefaultPolicy')).toBeUndefined();
    template.hasResource('AWS::ImageBuilder::ImagePipeline', {
      DependsOn: [logicalIdOf(role), logicalIdOf(p.node.findChild('ExecutionRolePolicy'))],
    });
  });

  test('never grants imagebuilder, logs, ECR, S3 or KMS actions on *, and no * action', () => {
    const stack = strictStack();
    const repository = new ecr.Repository(stack, 'Repository');
    new ImagePipeline(stack, 'Pipeline', {
      recipe: containerRecipe(stack, repository),
      workflows: [{ workflow: Workflow.fromWorkflowArn(stack, 'Build', BUILD_WORKFLOW_ARN) }],
    });
    new ImagePipeline(stack, 'AmiPipeline', {
      recipe: imageRecipe(stack, 'AmiRecipe'),
      distributionConfiguration: DistributionConfiguration.fromDistributionConfigurationArn(stack, 'Dist',
        `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:distribution-configuration/my-dist`),
      workflows: [{ workflow: Workflow.fromWorkflowArn(stack, 'Test', TEST_WORKFLOW_ARN) }],
    });
    const statements = allPolicyStatements(stack);
    expect(statements.length).toBeGreaterThan(10);
    for (const statement of statements) {
      const actions = asList(statement.Action);
      expect(actions).not.toContain('*');
      if (asList(statement.Resource).includes('*')) {
        const scopedServices = actions.filter((a: string) => /^(imagebuilder|logs|ecr|s3|kms):/.test(a));
        expect(scopedServices.filter((a: string) => a !== 'ecr:GetAuthorizationToken')).toEqual([]);
      }
    }
  });

  test('has exactly the log write permissions on the two log groups', () => {
    const { stack, pipeline: p } = pipeline({ workflows: [{ workflow: Workflow.fromWorkflowArn(strictStack(), 'T', TEST_WORKFLOW_ARN) }] });
    const logStatements = statementsOfRole(stack, p.executionRole!)
      .filter(s => asList(s.Action).some((a: string) => a.startsWith('logs:')));
    expect(logStatements).toEqual([
      {
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': ['PipelinePipelineLogGroupE63EE035', 'Arn'] },
      },
      {
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': ['PipelineImageLogGroupE4BCFFD3', 'Arn'] },
      },
    ]);
  });

  test('passes only the instance role of the infrastructure configuration', () => {
    const { stack, pipeline: p } = pipeline({ workflows: [{ workflow: Workflow.fromWorkflowArn(strictStack(), 'T', TEST_WORKFLOW_ARN) }] });
    const passRole = statementsOfRole(stack, p.executionRole!).filter(s => s.Action === 'iam:PassRole');
    const infraRole = (p.infrastructureConfiguration as InfrastructureConfiguration).role!;
    expect(passRole).toEqual([{
      Action: 'iam:PassRole',
      Effect: 'Allow',
      Resource: stack.resolve(infraRole.roleArn),
      Condition: { StringEquals: { 'iam:PassedToService': ['ec2.amazonaws.com', 'ec2.amazonaws.com.cn'] } },
      Sid: 'PassInstanceRole',
    }]);
  });

  test('may send command output to the S3 log bucket of the infrastructure configuration, and to no other bucket', () => {
    const stack = strictStack();
    const bucket = new s3.Bucket(stack, 'Logs');
    const infrastructureConfiguration = new InfrastructureConfiguration(stack, 'Infra', { s3Logs: { bucket, keyPrefix: 'builds/' } });
    const { pipeline: p } = pipeline({
      infrastructureConfiguration,
      workflows: [{ workflow: Workflow.fromWorkflowArn(stack, 'T', TEST_WORKFLOW_ARN) }],
    }, stack);
    const sendCommand = statementsOfRole(stack, p.executionRole!).find(s => s.Sid === 'RunComponentsThroughSsm');
    expect(sendCommand.Resource).toContainEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', { Ref: logicalIdOf(bucket) }]],
    });
    const s3Resources = allPolicyStatements(stack)
      .filter(s => asList(s.Resource).some((r: any) => JSON.stringify(r).includes(':s3:::')));
    expect(s3Resources.length).toBeGreaterThan(0);
    for (const statement of s3Resources) {
      expect(JSON.stringify(statement.Resource)).not.toContain(':s3:::*');
    }
  });

  test('may send command output to any bucket when the infrastructure configuration is imported', () => {
    const stack = strictStack();
    const infrastructureConfiguration = InfrastructureConfiguration.fromInfrastructureConfigurationArn(stack, 'Infra',
      `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:infrastructure-configuration/my-infra`);
    const { pipeline: p } = pipeline({
      infrastructureConfiguration,
      workflows: [{ workflow: Workflow.fromWorkflowArn(stack, 'T', TEST_WORKFLOW_ARN) }],
    }, stack);
    const statements = statementsOfRole(stack, p.executionRole!);
    expect(statements.find(s => s.Sid === 'SendCommandOutputToLogBucket')).toEqual({
      Sid: 'SendCommandOutputToLogBucket',
      Action: 'ssm:SendCommand',
      Effect: 'Allow',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::*']] },
    });
    const documents = statements.find(s => s.Sid === 'RunComponentsThroughSsm');
    expect(JSON.stringify(documents.Resource)).not.toContain(':s3:::');
    // The bucket wildcard is acknowledged for cdk-nag, with its reason.
    expect(new AwsSolutionsChecks().validateScope(stack).violations.map(violation => violation.ruleName)).toEqual([]);
    const acknowledged = Object.assign({}, ...p.node.findChild('ExecutionRolePolicy').node.metadata
      .filter(entry => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .map(entry => entry.data)) as { [id: string]: string };
    const bucketReason = Object.entries(acknowledged).find(([id]) => id.includes('AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::*]'));
    expect(bucketReason?.[1]).toMatch(/SendCommandOutputToLogBucket: the S3 bucket the imported infrastructure configuration may send the component logs to/);
  });

  test('may send command output to no bucket when the infrastructure configuration of this library has no S3 logs', () => {
    const { stack, pipeline: p } = pipeline({ workflows: [{ workflow: Workflow.fromWorkflowArn(strictStack(), 'T', TEST_WORKFLOW_ARN) }] });
    const statements = statementsOfRole(stack, p.executionRole!);
    expect(statements.map(s => s.Sid)).not.toContain('SendCommandOutputToLogBucket');
    expect(JSON.stringify(statements)).not.toContain(':s3:::');
  });

  test('may use the EBS keys of any account (a shared parent AMI), only through EC2', () => {
    const { stack, pipeline: p } = pipeline({ workflows: [{ workflow: Workflow.fromWorkflowArn(strictStack(), 'T', TEST_WORKFLOW_ARN) }] });
    const kmsStatements = statementsOfRole(stack, p.executionRole!)
      .filter(s => asList(s.Action).some((a: string) => a.startsWith('kms:')));
    const anyAccountKeys = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':kms:*:*:key/*']] };
    expect(kmsStatements).toEqual([
      {
        Sid: 'UseEbsKeysThroughEc2',
        Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'],
        Effect: 'Allow',
        Resource: anyAccountKeys,
        Condition: { StringLike: { 'kms:ViaService': 'ec2.*.amazonaws.com' } },
      },
      {
        Sid: 'GrantEbsKeysToEc2',
        Action: 'kms:CreateGrant',
        Effect: 'Allow',
        Resource: anyAccountKeys,
        Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' }, StringLike: { 'kms:ViaService': 'ec2.*.amazonaws.com' } },
      },
    ]);
  });

  test('has only the permissions of the features the pipeline uses', () => {
    const sidsOf = (props: Partial<ImagePipelineProps>, setup?: (s: Stack) => Partial<ImagePipelineProps>) => {
      const stack = strictStack();
      const extra = setup ? setup(stack) : {};
      const p = new ImagePipeline(stack, 'Pipeline', {
        recipe: imageRecipe(stack),
        workflows: [{ workflow: Workflow.fromWorkflowArn(stack, 'T', TEST_WORKFLOW_ARN) }],
        ...props,
        ...extra,
      });
      return statementsOfRole(stack, p.executionRole!).map(s => s.Sid).filter(sid => sid !== undefined);
    };
    const minimal = sidsOf({ enhancedImageMetadataEnabled: false, imageTestsEnabled: false });
    expect(minimal).toContain('CreateOutputAmi');
    expect(minimal).not.toContain('CopyAmisToTargetRegions');
    expect(minimal).not.toContain('CollectScanFindings');
    expect(minimal).not.toContain('CollectSoftwareInventory');

    const full = sidsOf({}, (s) => ({
      distributionConfiguration: DistributionConfiguration.fromDistributionConfigurationArn(s, 'Dist',
        `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:distribution-configuration/my-dist`),
    }));
    expect(full).toEqual(expect.arrayContaining(['CopyAmisToTargetRegions', 'CollectScanFindings', 'CollectSoftwareInventory']));
    expect(full).not.toContain('CreateScanningRepository');
  });

  test('a container pipeline may create and clean Image Builder\'s scanning repository, and nothing else in ECR', () => {
    const stack = strictStack();
    const p = new ImagePipeline(stack, 'Pipeline', {
      recipe: ContainerRecipe.fromContainerRecipeArn(stack, 'Recipe', CONTAINER_RECIPE_ARN),
      workflows: [{ workflow: Workflow.fromWorkflowArn(stack, 'T', TEST_WORKFLOW_ARN) }],
    });
    const ecrStatements = statementsOfRole(stack, p.executionRole!)
      .filter(s => asList(s.Action).some((a: string) => a.startsWith('ecr:')));
    const scanRepo = DEFAULT_SCANNING_REPOSITORY_ARN;
    expect(ecrStatements).toEqual([
      {
        Sid: 'CreateScanningRepository',
        Action: ['ecr:CreateRepository', 'ecr:TagResource'],
        Effect: 'Allow',
        Resource: scanRepo,
        Condition: { StringEquals: { 'aws:RequestTag/CreatedBy': 'EC2 Image Builder' } },
      },
      { Sid: 'CleanUpScannedImages', Action: 'ecr:BatchDeleteImage', Effect: 'Allow', Resource: scanRepo },
    ]);
    const ids = statementsOfRole(stack, p.executionRole!).map(s => s.Sid);
    expect(ids).not.toContain('CreateOutputAmi');
  });

  test('its unavoidable wildcards are acknowledged for cdk-nag, with reasons, and nothing else is reported', () => {
    const stack = strictStack();
    new ImagePipeline(stack, 'Pipeline', {
      recipe: imageRecipe(stack),
      distributionConfiguration: DistributionConfiguration.fromDistributionConfigurationArn(stack, 'Dist',
        `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:distribution-configuration/my-dist`),
      workflows: [{ workflow: Workflow.fromWorkflowArn(stack, 'T', TEST_WORKFLOW_ARN) }],
      imageLogGroup: logs.LogGroup.fromLogGroupName(stack, 'Logs', '/builds/images'),
    });
    // Acknowledgements of rendered resource names are made at synth.
    Template.fromStack(stack);
    const report = new AwsSolutionsChecks().validateScope(stack);
    expect(report.violations.map(violation => violation.ruleName)).toEqual([]);
    // On the library's policy, never on the role (whose default policy holds the user's statements).
    expect(stack.node.findChild('Pipeline').node.findChild('ExecutionRole').node.metadata
      .filter(entry => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)).toEqual([]);
    const acknowledged = stack.node.findChild('Pipeline').node.findChild('ExecutionRolePolicy').node.metadata
      .filter(entry => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap(entry => Object.entries(entry.data as { [id: string]: string }));
    expect(acknowledged.map(([id]) => id.replace(/^annotation::/i, ''))).toEqual(expect.arrayContaining([
      'AwsSolutions-IAM5[Resource::*]',
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:us-east-1:${ACCOUNT}:instance/*]`,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:us-east-1:${ACCOUNT}:log-group:/builds/images:*]`,
      'NIST.800.53.R5-IAMNoInlinePolicy',
    ]));
    for (const [, reason] of acknowledged) {
      expect(reason.length).toBeGreaterThan(80);
    }
  });

  test('a given execution role is used as is, and may write the log groups', () => {
    const stack = strictStack();
    const role = new iam.Role(stack, 'MyRole', { assumedBy: new iam.ServicePrincipal('imagebuilder.amazonaws.com') });
    const { pipeline: p } = pipeline({ executionRole: role }, stack);
    expect(p.executionRole).toBe(role);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Role', 2);
    expect(pipelineProperties(stack).ExecutionRole).toEqual(arnOf(role));
    expect(statementsOfRole(stack, role)).toEqual([
      { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': ['PipelinePipelineLogGroupE63EE035', 'Arn'] } },
      { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': ['PipelineImageLogGroupE4BCFFD3', 'Arn'] } },
    ]);
  });

  test('addToExecutionRolePolicy extends the role, and has no effect without one', () => {
    const stack = strictStack();
    const statement = new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [`arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:tests`] });
    const withRole = new ImagePipeline(stack, 'Pipeline', {
      recipe: imageRecipe(stack),
      workflows: [{ workflow: Workflow.fromWorkflowArn(stack, 'T', TEST_WORKFLOW_ARN) }],
    });
    expect(withRole.addToExecutionRolePolicy(statement).statementAdded).toBe(true);
    expect(statementsOfRole(stack, withRole.executionRole!)).toContainEqual({
      Action: 'states:StartExecution', Effect: 'Allow', Resource: `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:tests`,
    });

    const withoutRole = new ImagePipeline(stack, 'Plain', { recipe: imageRecipe(stack, 'PlainRecipe') });
    expect(withoutRole.addToExecutionRolePolicy(statement).statementAdded).toBe(false);
  });
});

describe('logging', () => {
  test('log groups under /aws/imagebuilder/ need no execution role', () => {
    const stack = strictStack();
    const { pipeline: p } = pipeline({
      pipelineLogGroup: logs.LogGroup.fromLogGroupName(stack, 'P', '/aws/imagebuilder/pipeline/mine'),
      imageLogGroup: new logs.LogGroup(stack, 'I', { logGroupName: '/aws/imagebuilder/mine' }),
    }, stack);
    expect(p.executionRole).toBeUndefined();
    Template.fromStack(stack).resourceCountIs('AWS::Logs::LogGroup', 1);
    expect(pipelineProperties(stack).LoggingConfiguration).toEqual({
      PipelineLogGroupName: '/aws/imagebuilder/pipeline/mine',
      ImageLogGroupName: { Ref: logicalIdOf(p.imageLogGroup) },
    });
  });

  test('a log group outside /aws/imagebuilder/ gets an execution role that may write to it', () => {
    const stack = strictStack();
    const { pipeline: p } = pipeline({ imageLogGroup: logs.LogGroup.fromLogGroupName(stack, 'I', '/builds/images') }, stack);
    expect(p.executionRole).toBeDefined();
    const logStatements = statementsOfRole(stack, p.executionRole!)
      .filter(s => asList(s.Action).some((a: string) => a.startsWith('logs:')));
    expect(logStatements).toEqual([
      { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': ['PipelinePipelineLogGroupE63EE035', 'Arn'] } },
      {
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:logs:us-east-1:${ACCOUNT}:log-group:/builds/images:*`]] },
      },
    ]);
  });

  test('a log group of this app with a generated name gets write permission too', () => {
    const stack = strictStack();
    const group = new logs.LogGroup(stack, 'Builds');
    const { pipeline: p } = pipeline({ pipelineLogGroup: group }, stack);
    expect(p.executionRole).toBeDefined();
    expect(pipelineProperties(stack).LoggingConfiguration.PipelineLogGroupName).toEqual({ Ref: logicalIdOf(group) });
    expect(statementsOfRole(stack, p.executionRole!)).toContainEqual({
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: arnOf(group),
    });
  });

  test('retention, removal policy and KMS key apply to the created groups, and CloudWatch Logs may use the key', () => {
    const stack = strictStack();
    const key = new kms.Key(stack, 'Key');
    pipeline({ logRetention: logs.RetentionDays.ONE_MONTH, logRemovalPolicy: RemovalPolicy.DESTROY, logEncryptionKey: key }, stack);
    const template = Template.fromStack(stack);
    template.allResources('AWS::Logs::LogGroup', {
      Properties: {
        RetentionInDays: 30,
        KmsKeyId: arnOf(key),
      },
      DeletionPolicy: 'Delete',
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([{
          Sid: 'AllowCloudWatchLogsForStackPipeline013D2286',
          Action: [
            'kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey',
            'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo',
          ],
          Effect: 'Allow',
          Principal: { Service: { 'Fn::Join': ['', ['logs.us-east-1.', { Ref: 'AWS::URLSuffix' }]] } },
          Resource: '*',
          Condition: {
            ArnLike: {
              'kms:EncryptionContext:aws:logs:arn': [
                { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:logs:us-east-1:${ACCOUNT}:log-group:/aws/imagebuilder/pipeline/Stack-Pipeline-013D2286-*`]] },
                { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:logs:us-east-1:${ACCOUNT}:log-group:/aws/imagebuilder/image/Stack-Pipeline-013D2286-*`]] },
              ],
            },
          },
        }]),
      },
    });
  });

  test('unencrypted created groups carry the reason they are not encrypted with a customer managed key; encrypted ones do not', () => {
    const acknowledgedOn = (group: logs.ILogGroup) => group.node.metadata
      .filter(entry => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap(entry => Object.keys(entry.data as object).map(id => id.replace(/^annotation::/i, '')));
    const { pipeline: plain } = pipeline();
    expect(acknowledgedOn(plain.pipelineLogGroup)).toEqual(['NIST.800.53.R5-CloudWatchLogGroupEncrypted', 'HIPAA.Security-CloudWatchLogGroupEncrypted', 'PCI.DSS.321-CloudWatchLogGroupEncrypted']);
    expect(acknowledgedOn(plain.imageLogGroup)).toEqual(['NIST.800.53.R5-CloudWatchLogGroupEncrypted', 'HIPAA.Security-CloudWatchLogGroupEncrypted', 'PCI.DSS.321-CloudWatchLogGroupEncrypted']);

    const stack = strictStack();
    const { pipeline: encrypted } = pipeline({ logEncryptionKey: new kms.Key(stack, 'Key') }, stack);
    expect(acknowledgedOn(encrypted.pipelineLogGroup)).toEqual([]);
    expect(acknowledgedOn(encrypted.imageLogGroup)).toEqual([]);
  });

  test('the created names change with the stack, so a retained group never blocks a new stack', () => {
    const { stack } = pipeline();
    const names = Object.values(Template.fromStack(stack).findResources('AWS::Logs::LogGroup')).map((r: any) => r.Properties.LogGroupName);
    for (const name of names) {
      expect(JSON.stringify(name)).toContain('AWS::StackId');
      expect(name['Fn::Join'][1][0]).toMatch(/^\/aws\/imagebuilder\/(pipeline|image)\/Stack-Pipeline-013D2286-$/);
    }
  });
});

describe('grants', () => {
  test('grantStartExecution allows starting this pipeline only', () => {
    const { stack, pipeline: p } = pipeline();
    const role = new iam.Role(stack, 'Ci', { assumedBy: new iam.AccountRootPrincipal() });
    p.grantStartExecution(role);
    expect(statementsOfRole(stack, role)).toEqual([{
      Action: 'imagebuilder:StartImagePipelineExecution',
      Effect: 'Allow',
      Resource: { 'Fn::GetAtt': ['PipelineC660917D', 'Arn'] },
    }]);
  });

  test('grantRead allows reading the pipeline and listing its images', () => {
    const { stack, pipeline: p } = pipeline();
    const role = new iam.Role(stack, 'Ci', { assumedBy: new iam.AccountRootPrincipal() });
    p.grantRead(role);
    expect(statementsOfRole(stack, role)).toEqual([{
      Action: ['imagebuilder:GetImagePipeline', 'imagebuilder:ListImagePipelineImages'],
      Effect: 'Allow',
      Resource: { 'Fn::GetAtt': ['PipelineC660917D', 'Arn'] },
    }]);
  });

  test('grant gives the given actions, and the grants facade does the same', () => {
    const stack = strictStack();
    const imported = ImagePipeline.fromImagePipelineArn(stack, 'Imported', PIPELINE_ARN);
    const role = new iam.Role(stack, 'Ci', { assumedBy: new iam.AccountRootPrincipal() });
    imported.grant(role, 'imagebuilder:UpdateImagePipeline');
    ImagePipeline.fromImagePipelineName(stack, 'ByName', 'other-pipeline');
    ImagePipelineGrants.fromImagePipeline(imported).startExecution(role);
    expect(statementsOfRole(stack, role)).toEqual([
      { Action: 'imagebuilder:UpdateImagePipeline', Effect: 'Allow', Resource: PIPELINE_ARN },
      { Action: 'imagebuilder:StartImagePipelineExecution', Effect: 'Allow', Resource: PIPELINE_ARN },
    ]);
  });
});

describe('events', () => {
  function patternOf(stack: Stack, ruleId: string): any {
    const rules = Template.fromStack(stack).findResources('AWS::Events::Rule');
    const entry = Object.entries(rules).find(([logicalId]) => logicalId.startsWith(`Pipeline${ruleId}`) || logicalId.startsWith(`Imported${ruleId}`));
    return (entry![1] as any).Properties.EventPattern;
  }

  const imagePrefix = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:imagebuilder:us-east-1:${ACCOUNT}:image/my-recipe/`]] };
  const pipelineArn = { 'Fn::GetAtt': ['PipelineC660917D', 'Arn'] };

  test('onEvent names this pipeline in resources, and keeps the other fields', () => {
    const { stack, pipeline: p } = pipeline();
    const topic = new sns.Topic(stack, 'Topic');
    p.onEvent('Any', {
      target: new targets.SnsTopic(topic),
      eventPattern: { detailType: ['EC2 Image Builder CVE Detected'], resources: ['arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/other'] },
      description: 'all events of the pipeline',
    });
    expect(patternOf(stack, 'Any')).toEqual({
      'source': ['aws.imagebuilder'],
      'detail-type': ['EC2 Image Builder CVE Detected'],
      'resources': [pipelineArn],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Events::Rule', {
      Description: 'all events of the pipeline',
      Targets: [{ Arn: { Ref: logicalIdOf(topic) }, Id: 'Target0' }],
    });
  });

  test('onCveDetected', () => {
    const { stack, pipeline: p } = pipeline();
    p.onCveDetected('Cve', { eventPattern: { detail: { 'finding-severity-counts': { critical: events.Match.greaterThan(0) } } } });
    expect(patternOf(stack, 'Cve')).toEqual({
      'source': ['aws.imagebuilder'],
      'detail-type': ['EC2 Image Builder CVE Detected'],
      'resources': [pipelineArn],
      'detail': { 'finding-severity-counts': { critical: [{ numeric: ['>', 0] }] } },
    });
  });

  test('onPipelineAutoDisabled', () => {
    const { stack, pipeline: p } = pipeline();
    p.onPipelineAutoDisabled('Disabled');
    expect(patternOf(stack, 'Disabled')).toEqual({
      'source': ['aws.imagebuilder'],
      'detail-type': ['EC2 Image Builder Image Pipeline Automatically Disabled'],
      'resources': [pipelineArn],
    });
  });

  test('onImageBuildStateChange matches the images named after the pipeline\'s recipe', () => {
    const { stack, pipeline: p } = pipeline();
    p.onImageBuildStateChange('State');
    expect(patternOf(stack, 'State')).toEqual({
      'source': ['aws.imagebuilder'],
      'detail-type': ['EC2 Image Builder Image State Change'],
      'resources': [{ prefix: imagePrefix }],
    });
  });

  test('onImageBuildSucceeded and onImageBuildFailed narrow the status', () => {
    const { stack, pipeline: p } = pipeline();
    p.onImageBuildSucceeded('Succeeded');
    p.onImageBuildFailed('Failed');
    expect(patternOf(stack, 'Succeeded')).toEqual({
      'source': ['aws.imagebuilder'],
      'detail-type': ['EC2 Image Builder Image State Change'],
      'resources': [{ prefix: imagePrefix }],
      'detail': { state: { status: ['AVAILABLE'] } },
    });
    expect(patternOf(stack, 'Failed').detail).toEqual({ state: { status: ['FAILED'] } });
  });

  test('a recipe of this app gives a prefix from its ARN attribute', () => {
    const stack = strictStack();
    const recipe = new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromAmiId('ami-0123456789abcdef0') });
    const { pipeline: p } = pipeline({ recipe }, stack);
    p.onImageBuildFailed('Failed');
    const prefix = patternOf(stack, 'Failed').resources[0].prefix;
    expect(JSON.stringify(prefix)).toMatch(/"Fn::Select":\[1,\{"Fn::Split":\["\/",\{"Fn::GetAtt":\["Recipe[0-9A-F]+","Arn"\]\}\]\}\]/);
    expect(prefix['Fn::Join'][1]).toContainEqual(`:imagebuilder:us-east-1:${ACCOUNT}:image/`);
  });

  test('an imported pipeline with its recipe scopes image events; without it, the image event methods throw', () => {
    const stack = strictStack();
    const withRecipe = ImagePipeline.fromImagePipelineAttributes(stack, 'Imported', {
      imagePipelineArn: PIPELINE_ARN,
      recipe: imageRecipe(stack),
    });
    withRecipe.onImageBuildFailed('Failed');
    expect(patternOf(stack, 'Failed').resources).toEqual([{ prefix: imagePrefix }]);

    const withoutRecipe = ImagePipeline.fromImagePipelineArn(stack, 'NoRecipe', PIPELINE_ARN);
    withoutRecipe.onCveDetected('Cve');
    expect(() => withoutRecipe.onImageBuildSucceeded('Succeeded'))
      .toThrow(`Stack/NoRecipe: onImageBuildStateChange '${PIPELINE_ARN}' needs the recipe of the pipeline`);
  });
});

describe('imports', () => {
  test('fromImagePipelineArn reads the name and the environment', () => {
    const stack = strictStack();
    const imported = ImagePipeline.fromImagePipelineArn(stack, 'Imported', 'arn:aws:imagebuilder:eu-west-1:210987654321:image-pipeline/theirs');
    expect(imported.imagePipelineName).toBe('theirs');
    expect(imported.env).toEqual({ account: '210987654321', region: 'eu-west-1' });
  });

  test('fromImagePipelineArn throws for an ARN that is not a pipeline ARN', () => {
    const stack = strictStack();
    expect(() => ImagePipeline.fromImagePipelineArn(stack, 'Imported', IMAGE_RECIPE_ARN))
      .toThrow(/^Stack\/Imported: imagePipelineArn 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe\/my-recipe\/1\.0\.0' must be an image pipeline ARN, for example/);
  });

  test('fromImagePipelineArn accepts a token', () => {
    const stack = strictStack();
    const arn = new CfnParameter(stack, 'PipelineArn').valueAsString;
    const imported = ImagePipeline.fromImagePipelineArn(stack, 'Imported', arn);
    expect(stack.resolve(imported.imagePipelineName)).toEqual({ 'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', { Ref: 'PipelineArn' }] }] }] }] });
  });

  test('fromImagePipelineName builds the ARN in the stack account and region', () => {
    const stack = strictStack();
    const imported = ImagePipeline.fromImagePipelineName(stack, 'Imported', 'my-pipeline');
    expect(stack.resolve(imported.imagePipelineArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:imagebuilder:us-east-1:${ACCOUNT}:image-pipeline/my-pipeline`]],
    });
  });

  test('fromImagePipelineName throws for a name that is not an ARN name segment', () => {
    const stack = strictStack();
    expect(() => ImagePipeline.fromImagePipelineName(stack, 'Imported', 'My Pipeline'))
      .toThrow("Stack/Imported: imagePipelineName 'My Pipeline' must be a name as its ARN holds it: lowercase letters, digits, - and _, for example 'golden-image' (pattern ^[a-z0-9-_]+$)");
  });

  test('fromImagePipelineName throws for a name longer than 128 characters', () => {
    const stack = strictStack();
    expect(() => ImagePipeline.fromImagePipelineName(stack, 'Imported', 'p'.repeat(129)))
      .toThrow(/^Stack\/Imported: imagePipelineName 'p+\.\.\. \(129 characters\) must be between 3 and 128 characters long \(got 129\)$/);
  });

  test('fromImagePipelineAttributes throws for a name shorter than 3 characters', () => {
    const stack = strictStack();
    expect(() => ImagePipeline.fromImagePipelineAttributes(stack, 'Imported', { imagePipelineName: 'pp' }))
      .toThrow("Stack/Imported: imagePipelineName 'pp' must be between 3 and 128 characters long (got 2)");
  });

  test('fromImagePipelineName accepts a name of 128 characters', () => {
    const stack = strictStack();
    expect(ImagePipeline.fromImagePipelineName(stack, 'Imported', 'p'.repeat(128)).imagePipelineName).toBe('p'.repeat(128));
  });

  test('fromImagePipelineName accepts a token', () => {
    const stack = strictStack();
    const imported = ImagePipeline.fromImagePipelineName(stack, 'Imported', Lazy.string({ produce: () => 'my-pipeline' }));
    expect(stack.resolve(imported.imagePipelineName)).toBe('my-pipeline');
  });

  test('fromImagePipelineAttributes needs the ARN or the name', () => {
    const stack = strictStack();
    expect(() => ImagePipeline.fromImagePipelineAttributes(stack, 'Imported', {}))
      .toThrow('Stack/Imported: imagePipelineArn undefined must be given, or imagePipelineName');
  });
});

describe('validation', () => {
  test('imagePipelineName must be a valid name', () => {
    expect(() => pipeline({ imagePipelineName: 'My Pipeline!' }))
      .toThrow("Stack/Pipeline: imagePipelineName 'My Pipeline!' must be 3 to 128 letters, digits, hyphens, underscores and spaces, not starting or ending with a space, for example 'golden-image' (pattern ^[-_A-Za-z-0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z-0-9]$)");
  });

  test('a token imagePipelineName is accepted', () => {
    const stack = strictStack();
    pipeline({ imagePipelineName: new CfnParameter(stack, 'Name').valueAsString }, stack);
    expect(pipelineProperties(stack).Name).toEqual({ Ref: 'Name' });
  });

  test('description must be 1 to 1024 characters', () => {
    expect(() => pipeline({ description: '' })).toThrow("Stack/Pipeline: description '' must be between 1 and 1024 characters long (got 0)");
    expect(() => pipeline({ description: 'x'.repeat(1025) })).toThrow(/description 'x+\.\.\. \(1025 characters\) must be between 1 and 1024 characters long \(got 1025\)/);
  });

  test('a token description is accepted', () => {
    const stack = strictStack();
    pipeline({ description: Lazy.string({ produce: () => 'built by CI' }) }, stack);
    expect(pipelineProperties(stack).Description).toBe('built by CI');
  });

  test('the recipe ARN must match the recipe type', () => {
    /** A recipe of another library that says it is a container recipe but has an image recipe ARN. */
    class MislabelledRecipe extends Construct implements IRecipe {
      public readonly recipeType = RecipeType.CONTAINER;
      public readonly recipeArn = IMAGE_RECIPE_ARN;
      public readonly env = { account: ACCOUNT, region: 'us-east-1' };
      public readonly stack = Stack.of(this);
      public applyRemovalPolicy() {}
    }
    const stack = strictStack();
    expect(() => pipeline({ recipe: new MislabelledRecipe(stack, 'Recipe') }, stack))
      .toThrow(/^Stack\/Pipeline: recipe 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe\/my-recipe\/1\.0\.0' must be a container recipe ARN, for example/);
  });

  test('a token recipe ARN is accepted', () => {
    const stack = strictStack();
    const recipe = ImageRecipe.fromImageRecipeArn(stack, 'Recipe', new CfnParameter(stack, 'RecipeArn').valueAsString);
    pipeline({ recipe }, stack);
    expect(pipelineProperties(stack).ImageRecipeArn).toEqual({ Ref: 'RecipeArn' });
  });

  test.each([
    [Duration.minutes(59), 'imageTestsTimeout Duration.minutes(59) must be between 60 and 1440 minutes (it is 59 minutes)'],
    [Duration.hours(25), 'imageTestsTimeout Duration.hours(25) must be between 60 and 1440 minutes (it is 1500 minutes)'],
    // As given: not '1 hour 30 seconds', which hides that the input was in seconds.
    [Duration.seconds(3630), 'imageTestsTimeout Duration.seconds(3630) must be a whole number of minutes'],
  ])('imageTestsTimeout %s is rejected', (timeout, message) => {
    expect(() => pipeline({ imageTestsTimeout: timeout })).toThrow(`Stack/Pipeline: ${message}`);
  });

  test('a token imageTestsTimeout is accepted', () => {
    const stack = strictStack();
    pipeline({ imageTestsTimeout: Duration.minutes(new CfnParameter(stack, 'Timeout', { type: 'Number' }).valueAsNumber) }, stack);
    expect(pipelineProperties(stack).ImageTestsConfiguration).toEqual({ ImageTestsEnabled: true, TimeoutMinutes: { Ref: 'Timeout' } });
  });

  test.each([
    ['hours', (n: number) => Duration.hours(n)],
    ['seconds', (n: number) => Duration.seconds(n)],
  ])('a token imageTestsTimeout in %s is rejected (a token converts only to its own unit)', (unit, make) => {
    const stack = strictStack();
    expect(() => pipeline({ imageTestsTimeout: make(new CfnParameter(stack, 'Timeout', { type: 'Number' }).valueAsNumber) }, stack))
      .toThrow(`Stack/Pipeline: imageTestsTimeout Duration.${unit}(<token>) must be given in minutes (Duration.minutes(...)) when its amount is a token`);
  });

  describe.each(['tags', 'imageTags'] as const)('%s', (property) => {
    const withTags = (tags: { [key: string]: string }, stack: Stack = strictStack()) => pipeline({ [property]: tags }, stack);
    const tokenKey = () => Lazy.string({ produce: () => 'owner' });

    test('a key must not start with aws:', () => {
      expect(() => withTags({ 'aws:owner': 'me' }))
        .toThrow(`Stack/Pipeline: ${property} key 'aws:owner' must be a tag key of letters, digits, spaces and _ . : / = + - @, not starting with aws:, for example 'team' (pattern ^(?!aws:)[a-zA-Z0-9\\s_.:/=+\\-@]*$)`);
    });

    test('a key must be at most 128 characters', () => {
      expect(() => withTags({ ['k'.repeat(129)]: 'v' }))
        .toThrow(new RegExp(`Stack/Pipeline: ${property} key 'k+\\.\\.\\. \\(129 characters\\) must be between 1 and 128 characters long \\(got 129\\)`));
    });

    test('a token key is accepted (neither its prefix nor its length is known)', () => {
      const stack = strictStack();
      withTags({ [tokenKey()]: 'me' }, stack);
      expect(pipelineProperties(stack)[property === 'tags' ? 'Tags' : 'ImageTags']).toEqual({ owner: 'me' });
    });

    test('a value must be at most 256 characters', () => {
      expect(() => withTags({ owner: 'x'.repeat(257) }))
        .toThrow(new RegExp(`Stack/Pipeline: ${property}\\['owner'\\] 'x+\\.\\.\\. \\(257 characters\\) must be at most 256 characters long \\(got 257\\)`));
    });

    test('a token value is accepted', () => {
      const stack = strictStack();
      withTags({ owner: new CfnParameter(stack, 'Owner').valueAsString }, stack);
      expect(pipelineProperties(stack)[property === 'tags' ? 'Tags' : 'ImageTags']).toEqual({ owner: { Ref: 'Owner' } });
    });

    test('at most 50 entries', () => {
      const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
      expect(() => withTags(tooMany))
        .toThrow(new RegExp(`Stack/Pipeline: ${property} \\['k0', 'k1', 'k2', 'k3', 'k4', \\.\\.\\. 46 more \\(51 items\\)\\] must have at most 50 entries \\(got 51\\)`));
    });

    test('50 entries are accepted, token keys and values included', () => {
      const stack = strictStack();
      const fifty = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, Lazy.string({ produce: () => 'v' })]));
      withTags({ ...fifty, [tokenKey()]: 'me' }, stack);
      expect(Object.keys(pipelineProperties(stack)[property === 'tags' ? 'Tags' : 'ImageTags'])).toHaveLength(50);
    });
  });

  test('scanning needs image tests', () => {
    expect(() => pipeline({ imageTestsEnabled: false, imageScanning: { enabled: true } }))
      .toThrow('Stack/Pipeline: imageScanning.enabled true must not be true when imageTestsEnabled is false (Image Builder scans images during the test phase');
  });

  test('a scanning repository is rejected on an AMI pipeline', () => {
    const stack = strictStack();
    const repository = ecr.Repository.fromRepositoryName(stack, 'Repo', 'scans');
    expect(() => pipeline({ imageScanning: { repository } }, stack))
      .toThrow("Stack/Pipeline: imageScanning.repository 'scans' must only be given for a container pipeline (this pipeline builds AMIs from an image recipe)");
  });

  test('scanning container tags are rejected on an AMI pipeline', () => {
    expect(() => pipeline({ imageScanning: { containerTags: ['scan'] } }))
      .toThrow("Stack/Pipeline: imageScanning.containerTags ['scan'] must only be given for a container pipeline");
  });

  test('scanning settings are rejected when scanning is disabled', () => {
    const stack = strictStack();
    const recipe = ContainerRecipe.fromContainerRecipeArn(stack, 'Recipe', CONTAINER_RECIPE_ARN);
    expect(() => pipeline({ recipe, imageScanning: { enabled: false, containerTags: ['scan'] } }, stack))
      .toThrow("Stack/Pipeline: imageScanning.containerTags ['scan'] must only be given when image scanning is enabled");
  });

  test('scanning container tags must be 1 to 1024 characters', () => {
    const stack = strictStack();
    const recipe = ContainerRecipe.fromContainerRecipeArn(stack, 'Recipe', CONTAINER_RECIPE_ARN);
    expect(() => pipeline({ recipe, imageScanning: { containerTags: ['ok', ''] } }, stack))
      .toThrow("Stack/Pipeline: imageScanning.containerTags[1] '' must be between 1 and 1024 characters long (got 0)");
  });

  test('token scanning container tags are accepted', () => {
    const stack = strictStack();
    const recipe = ContainerRecipe.fromContainerRecipeArn(stack, 'Recipe', CONTAINER_RECIPE_ARN);
    pipeline({ recipe, imageScanning: { containerTags: [new CfnParameter(stack, 'Tag').valueAsString] } }, stack);
    expect(pipelineProperties(stack).ImageScanningConfiguration.EcrConfiguration).toEqual({ ContainerTags: [{ Ref: 'Tag' }] });
  });

  describe('workflows', () => {
    const withWorkflows = (make: (scope: Construct) => WorkflowConfiguration[]) => {
      const stack = strictStack();
      return pipeline({ workflows: make(stack) }, stack);
    };
    const test1 = (scope: Construct, id = 'Test') => Workflow.fromWorkflowArn(scope, id, TEST_WORKFLOW_ARN);
    const build1 = (scope: Construct, id = 'Build') => Workflow.fromWorkflowArn(scope, id, BUILD_WORKFLOW_ARN);

    test('parameter names must be 1 to 128 characters', () => {
      expect(() => withWorkflows(s => [{ workflow: test1(s), parameters: { ['p'.repeat(129)]: WorkflowParameterValue.fromString('v') } }]))
        .toThrow(/Stack\/Pipeline: workflows\[0\]\.parameters name 'p+\.\.\. \(129 characters\) must be between 1 and 128 characters long \(got 129\)/);
      expect(() => withWorkflows(s => [{ workflow: test1(s), parameters: { '': WorkflowParameterValue.fromString('v') } }]))
        .toThrow("Stack/Pipeline: workflows[0].parameters name '' must be between 1 and 128 characters long (got 0)");
    });

    test('parameter names must not hold NUL', () => {
      expect(() => withWorkflows(s => [{ workflow: test1(s), parameters: { 'a\u0000b': WorkflowParameterValue.fromString('v') } }]))
        .toThrow("Stack/Pipeline: workflows[0].parameters name 'a\\u0000b' must be non-empty text without NUL characters, for example 'value' (pattern ^[^\\x00]+$)");
    });

    test('a token parameter name is accepted', () => {
      const stack = strictStack();
      const name = Lazy.string({ produce: () => 'retries' });
      pipeline({ workflows: [{ workflow: test1(stack), parameters: { [name]: WorkflowParameterValue.fromNumber(3) } }] }, stack);
      expect(pipelineProperties(stack).Workflows[0].Parameters).toEqual([{ Name: 'retries', Value: ['3'] }]);
    });

    test('parameter values must not hold NUL', () => {
      expect(() => withWorkflows(s => [{ workflow: test1(s), parameters: { name: WorkflowParameterValue.fromStrings(['ok', 'a\u0000']) } }]))
        .toThrow("Stack/Pipeline: workflows[0].parameters['name'][1] 'a\\u0000' must be text without NUL characters, for example 'value' (pattern ^[^\\x00]*$)");
    });

    test('token parameter values are accepted', () => {
      const stack = strictStack();
      const value = new CfnParameter(stack, 'Value').valueAsString;
      pipeline({ workflows: [{ workflow: test1(stack), parameters: { name: WorkflowParameterValue.fromString(value) } }] }, stack);
      expect(pipelineProperties(stack).Workflows[0].Parameters).toEqual([{ Name: 'name', Value: [{ Ref: 'Value' }] }]);
    });

    test('parallelGroup must match the API pattern', () => {
      expect(() => withWorkflows(s => [{ workflow: test1(s), parallelGroup: '-group' }]))
        .toThrow("Stack/Pipeline: workflows[0].parallelGroup '-group' must be a letter or digit, then up to 99 letters, digits and - _ + #, for example 'smoke-tests' (pattern ^[A-Za-z0-9][A-Za-z0-9-_+#]{0,99}$)");
      expect(() => withWorkflows(s => [{ workflow: test1(s), parallelGroup: 'g'.repeat(101) }]))
        .toThrow(`Stack/Pipeline: workflows[0].parallelGroup '${'g'.repeat(101)}' must be between 1 and 100 characters long (got 101)`);
    });

    test('a token parallelGroup is accepted', () => {
      const stack = strictStack();
      pipeline({ workflows: [{ workflow: test1(stack), parallelGroup: new CfnParameter(stack, 'Group').valueAsString }] }, stack);
      expect(pipelineProperties(stack).Workflows[0].ParallelGroup).toEqual({ Ref: 'Group' });
    });

    test('parallelGroup is only for test workflows', () => {
      expect(() => withWorkflows(s => [{ workflow: build1(s), parallelGroup: 'group-1' }]))
        .toThrow("Stack/Pipeline: workflows[0].parallelGroup 'group-1' must only be set on a test workflow (this is a BUILD workflow)");
    });

    test('a test workflow whose ARN is a token takes a parallelGroup (its kind is given)', () => {
      const stack = strictStack();
      const workflow = Workflow.fromWorkflowAttributes(stack, 'W', {
        workflowArn: new CfnParameter(stack, 'WorkflowArn').valueAsString,
        workflowType: WorkflowType.TEST,
      });
      pipeline({ workflows: [{ workflow, parallelGroup: 'group-1' }] }, stack);
      expect(pipelineProperties(stack).Workflows).toEqual([{ WorkflowArn: { Ref: 'WorkflowArn' }, ParallelGroup: 'group-1' }]);
    });

    test('onFailure is rendered on every kind of workflow (the API restricts only parallelGroup to test workflows)', () => {
      const { stack } = withWorkflows(s => [
        { workflow: build1(s), onFailure: WorkflowOnFailure.ABORT },
        { workflow: test1(s), onFailure: WorkflowOnFailure.CONTINUE },
        { workflow: Workflow.fromWorkflowArn(s, 'Dist', DISTRIBUTION_WORKFLOW_ARN), onFailure: WorkflowOnFailure.ABORT },
      ]);
      expect(pipelineProperties(stack).Workflows).toEqual([
        { WorkflowArn: BUILD_WORKFLOW_ARN, OnFailure: 'ABORT' },
        { WorkflowArn: TEST_WORKFLOW_ARN, OnFailure: 'CONTINUE' },
        { WorkflowArn: DISTRIBUTION_WORKFLOW_ARN, OnFailure: 'ABORT' },
      ]);
    });

    test('the workflow ARN must be a workflow ARN', () => {
      expect(() => withWorkflows(s => [{
        workflow: Workflow.fromWorkflowAttributes(s, 'W', {
          workflowArn: Lazy.string({ produce: () => 'unused' }),
          workflowType: WorkflowType.TEST,
        }),
      }])).not.toThrow();
      /** A workflow of another library with a bad ARN. */
      class OddWorkflow extends Construct {
        public readonly workflowArn = 'arn:aws:imagebuilder:us-east-1:123456789012:workflow/test/My Tests/1.0.0';
        public readonly workflowType = WorkflowType.TEST;
        public readonly workflowName = 'My Tests';
        public readonly workflowVersion = '1.0.0';
        public readonly workflowRef = { workflowArn: this.workflowArn };
        public readonly env = { account: ACCOUNT, region: 'us-east-1' };
        public readonly stack = Stack.of(this);
        public applyRemovalPolicy() {}
        public grantRead(): iam.Grant { throw new Error('unused'); }
        public grant(): iam.Grant { throw new Error('unused'); }
      }
      expect(() => withWorkflows(s => [{ workflow: new OddWorkflow(s, 'Odd') }]))
        .toThrow(/^Stack\/Pipeline: workflows\[0\]\.workflow 'arn:aws:imagebuilder:us-east-1:123456789012:workflow\/test\/My Tests\/1\.0\.0' must be a workflow ARN, for example/);
    });

    test('at most 10 test workflows', () => {
      expect(() => withWorkflows(s => Array.from({ length: 11 }, (_, i) => ({ workflow: test1(s, `T${i}`) }))))
        .toThrow(/^Stack\/Pipeline: workflows \['arn:aws:imagebuilder:us-east-1:123456789012:workflow\/test\/my-tests\/1\.0\.0', \.\.\. 10 more \(11 items\)\] must have at most 10 test workflows \(got 11\)$/);
    });

    test('one build, 10 test and one distribution workflow are accepted (12 in all)', () => {
      const { stack } = withWorkflows(s => [
        { workflow: build1(s) },
        ...Array.from({ length: 10 }, (_, i) => ({ workflow: test1(s, `T${i}`) })),
        { workflow: Workflow.fromWorkflowArn(s, 'Dist', DISTRIBUTION_WORKFLOW_ARN) },
      ]);
      const arns = pipelineProperties(stack).Workflows.map((w: any) => w.WorkflowArn);
      expect(arns).toEqual([BUILD_WORKFLOW_ARN, ...Array(10).fill(TEST_WORKFLOW_ARN), DISTRIBUTION_WORKFLOW_ARN]);
    });

    test('token workflow ARNs count by their given type', () => {
      const { stack } = withWorkflows(s => Array.from({ length: 10 }, (_, i) => ({
        workflow: Workflow.fromWorkflowAttributes(s, `T${i}`, {
          workflowArn: new CfnParameter(s, `TestArn${i}`).valueAsString,
          workflowType: WorkflowType.TEST,
        }),
      })));
      expect(pipelineProperties(stack).Workflows).toHaveLength(10);
    });

    test('at most one build workflow', () => {
      expect(() => withWorkflows(s => [{ workflow: build1(s, 'B1') }, { workflow: build1(s, 'B2') }]))
        .toThrow(/^Stack\/Pipeline: workflows \['arn:aws:imagebuilder:us-east-1:123456789012:workflow\/build\/my-build\/1\.0\.0', \.\.\. 1 more \(2 items\)\] must have at most 1 build workflow \(got 2\)$/);
    });

    test('at most one distribution workflow', () => {
      expect(() => withWorkflows(s => [
        { workflow: Workflow.fromWorkflowArn(s, 'D1', DISTRIBUTION_WORKFLOW_ARN) },
        { workflow: Workflow.fromWorkflowArn(s, 'D2', DISTRIBUTION_WORKFLOW_ARN) },
      ])).toThrow(/^Stack\/Pipeline: workflows \['arn:aws:imagebuilder:us-east-1:123456789012:workflow\/distribution\/my-dist\/1\.0\.0', \.\.\. 1 more \(2 items\)\] must have at most 1 distribution workflow \(got 2\)$/);
    });

    test('an empty list renders no workflows and needs no execution role', () => {
      const { stack, pipeline: p } = withWorkflows(() => []);
      expect(pipelineProperties(stack).Workflows).toBeUndefined();
      expect(p.executionRole).toBeUndefined();
    });
  });

  test('a log group name must match the API pattern', () => {
    const stack = strictStack();
    expect(() => pipeline({ pipelineLogGroup: logs.LogGroup.fromLogGroupName(stack, 'L', 'build logs') }, stack))
      .toThrow("Stack/Pipeline: pipelineLogGroup 'build logs' must be a log group name of letters, digits and - _ / ., for example '/aws/imagebuilder/golden-image' (pattern ^[a-zA-Z0-9\\-_/\\.]{1,512}$)");
  });

  test('a token log group name is accepted', () => {
    const stack = strictStack();
    const name = new CfnParameter(stack, 'LogGroup').valueAsString;
    pipeline({ imageLogGroup: logs.LogGroup.fromLogGroupName(stack, 'L', name) }, stack);
    expect(pipelineProperties(stack).LoggingConfiguration.ImageLogGroupName).toEqual({ Ref: 'LogGroup' });
  });

  test('log settings of created groups are rejected when both groups are given', () => {
    const stack = strictStack();
    expect(() => pipeline({
      pipelineLogGroup: logs.LogGroup.fromLogGroupName(stack, 'P', '/aws/imagebuilder/pipeline/p'),
      imageLogGroup: logs.LogGroup.fromLogGroupName(stack, 'I', '/aws/imagebuilder/i'),
      logRetention: logs.RetentionDays.ONE_WEEK,
      logRemovalPolicy: RemovalPolicy.DESTROY,
    }, stack)).toThrow(new RegExp([
      'Stack/Pipeline: logRetention 7 must not be given when both pipelineLogGroup and imageLogGroup are given \\(it applies only to the log groups the pipeline creates\\)',
      "Stack/Pipeline: logRemovalPolicy 'destroy' must not be given when both pipelineLogGroup and imageLogGroup are given",
    ].join('[^\\n]*\\n')));
  });

  test('a given execution role must be a valid role ARN', () => {
    const stack = strictStack();
    const role = iam.Role.fromRoleArn(stack, 'Role', 'arn:aws:iam::12345:role/builder');
    expect(() => pipeline({ executionRole: role }, stack))
      .toThrow(/^Stack\/Pipeline: executionRole 'arn:aws:iam::12345:role\/builder' must be an IAM role name or ARN, for example/);
  });

  test('a token execution role ARN is accepted', () => {
    const stack = strictStack();
    const role = iam.Role.fromRoleArn(stack, 'Role', Token.asString(new CfnParameter(stack, 'RoleArn')));
    pipeline({ executionRole: role }, stack);
    expect(pipelineProperties(stack).ExecutionRole).toEqual({ Ref: 'RoleArn' });
  });

  test('reports every problem of the pipeline together, one line each, in one error', () => {
    const stack = strictStack();
    let message = '';
    try {
      pipeline({
        imagePipelineName: '!',
        description: '',
        imageTestsEnabled: false,
        imageScanning: { enabled: true },
        imageTestsTimeout: Duration.minutes(10),
        schedule: PipelineSchedule.expression('daily', { timeZone: TimeZone.of('Mars/Base'), autoDisableAfterFailures: 11 }),
        tags: { 'aws:x': 'y' },
        imageTags: { owner: 'x'.repeat(257) },
        workflows: [{ workflow: Workflow.fromWorkflowArn(stack, 'Build', BUILD_WORKFLOW_ARN), parallelGroup: 'g' }],
        pipelineLogGroup: logs.LogGroup.fromLogGroupName(stack, 'Logs', 'build logs'),
      }, stack);
    } catch (e) {
      message = (e as Error).message;
    }
    const lines = message.split('\n');
    expect(lines.every(line => line.startsWith('Stack/Pipeline: '))).toBe(true);
    expect(lines.map(line => line.split(' ')[1])).toEqual([
      'imagePipelineName',
      'description',
      'tags',
      "imageTags['owner']",
      'schedule.expression',
      'schedule.timeZone',
      'schedule.autoDisableAfterFailures',
      'imageTestsTimeout',
      'imageScanning.enabled',
      'workflows[0].parallelGroup',
      'pipelineLogGroup',
    ]);
  });
});

test('snapshot of a scheduled container pipeline with workflows and events', () => {
  const stack = strictStack();
  const repository = new ecr.Repository(stack, 'Repository', { removalPolicy: RemovalPolicy.DESTROY, emptyOnDelete: true });
  const p: IImagePipeline = new ImagePipeline(stack, 'Pipeline', {
    recipe: containerRecipe(stack, repository),
    schedule: PipelineSchedule.cron({ hour: '3', weekDay: 'SUN' }, { timeZone: TimeZone.EUROPE_BERLIN, autoDisableAfterFailures: 3 }),
    imageTags: { pipeline: 'containers' },
    workflows: [
      { workflow: Workflow.fromAwsManagedWorkflow(stack, 'Build', WorkflowType.BUILD, 'build-container') },
      { workflow: Workflow.fromAwsManagedWorkflow(stack, 'Test', WorkflowType.TEST, 'test-container'), parallelGroup: 'tests' },
    ],
  });
  p.onImageBuildFailed('BuildFailed');
  p.grantStartExecution(new iam.Role(stack, 'Ci', { assumedBy: new iam.AccountRootPrincipal() }));
  expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
});
