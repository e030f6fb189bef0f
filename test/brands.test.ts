/**
 * How the constructs know each other: the brand guards (`Symbol.for('cdk-imagebuilder.<Class>')`,
 * recognized whichever copy of the library made the object) and the facts on the interfaces.
 */
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { strictStack } from './helpers';
import {
  AwsManagedComponentName,
  Component,
  ComponentData,
  ComponentPlatform,
  ContainerParentImage,
  ContainerPlatform,
  ContainerRecipe,
  DistributionConfiguration,
  Image,
  ImagePipeline,
  ImageRecipe,
  InfrastructureConfiguration,
  ParentImage,
  Workflow,
  WorkflowData,
  WorkflowType,
} from '../src';

const ACCOUNT = '123456789012';
const COMPONENT_DOC = `schemaVersion: 1.0
parameters:
  - Greeting:
      type: string
  - Name:
      type: string
      default: world
phases:
  - name: build
    steps:
      - name: Hello
        action: ExecuteBash
        inputs:
          commands: ['echo {{ Greeting }} {{ Name }}']
`;
const WORKFLOW_DOC = `schemaVersion: 1.0
parameters:
  - name: topic
    type: string
  - name: retries
    type: integer
    default: 1
steps:
  - name: Approve
    action: WaitForAction
    inputs:
      snsTopicArn: arn:aws:sns:us-east-1:${ACCOUNT}:approvals
  - name: Launch
    action: LaunchInstance
    onFailure: Abort
`;

function parts() {
  const stack = strictStack();
  const component = new Component(stack, 'Component', { platform: ComponentPlatform.LINUX, data: ComponentData.fromInline(COMPONENT_DOC) });
  const recipe = new ImageRecipe(stack, 'Recipe', {
    parentImage: ParentImage.fromAmiId('ami-12345678'),
    components: [{ component: Component.fromAwsManagedComponent(stack, 'Update', AwsManagedComponentName.UPDATE_LINUX) }],
  });
  return { stack, component, recipe };
}

describe('brand guards', () => {
  test('recognize the constructs of this library, not imported ones nor other objects', () => {
    const { stack, component, recipe } = parts();
    const infrastructure = new InfrastructureConfiguration(stack, 'Infra');
    const distribution = new DistributionConfiguration(stack, 'Distribution', { amiDistributions: [{ amiName: 'my-ami-{{ imagebuilder:buildDate }}' }] });
    const pipeline = new ImagePipeline(stack, 'Pipeline', { recipe, infrastructureConfiguration: infrastructure });
    const image = pipeline.buildOnDeploy('Image');

    expect(Component.isComponent(component)).toBe(true);
    expect(Component.isComponent(Component.fromAwsManagedComponent(stack, 'Managed', 'update-linux'))).toBe(false);
    expect(ImageRecipe.isImageRecipe(recipe)).toBe(true);
    expect(ContainerRecipe.isContainerRecipe(recipe)).toBe(false);
    expect(InfrastructureConfiguration.isInfrastructureConfiguration(infrastructure)).toBe(true);
    expect(DistributionConfiguration.isDistributionConfiguration(distribution)).toBe(true);
    expect(ImagePipeline.isImagePipeline(pipeline)).toBe(true);
    expect(ImagePipeline.isImagePipeline(ImagePipeline.fromImagePipelineName(stack, 'Imported', 'other'))).toBe(false);
    expect(Image.isImage(image)).toBe(true);
    for (const other of [undefined, null, 'ImagePipeline', {}, component]) {
      expect(ImagePipeline.isImagePipeline(other)).toBe(false);
    }
  });

  test('recognize an object of another copy of the library by its Symbol.for brand', () => {
    const fromOtherCopy = { [Symbol.for('cdk-imagebuilder.Workflow')]: true };
    expect(Workflow.isWorkflow(fromOtherCopy)).toBe(true);
    expect(Component.isComponent(fromOtherCopy)).toBe(false);
  });
});

describe('facts on the interfaces', () => {
  test('a component knows its platform, OS versions and declared parameters; an imported one does not', () => {
    const { stack } = parts();
    const component = new Component(stack, 'C', {
      platform: ComponentPlatform.LINUX,
      supportedOsVersions: ['Amazon Linux 2023'],
      data: ComponentData.fromInline(COMPONENT_DOC),
    });
    expect(component.platform).toBe(ComponentPlatform.LINUX);
    expect(component.supportedOsVersions).toEqual(['Amazon Linux 2023']);
    expect(component.parameterDeclarations).toEqual([
      { name: 'Greeting', parameterType: 'string', hasDefault: false },
      { name: 'Name', parameterType: 'string', hasDefault: true },
    ]);
    const imported = Component.fromComponentArn(stack, 'I', `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:component/c/1.0.0`);
    expect([imported.platform, imported.supportedOsVersions, imported.parameterDeclarations]).toEqual([undefined, undefined, undefined]);
  });

  test('a workflow knows its declared parameters, WaitForAction steps and execution role statements', () => {
    const { stack } = parts();
    const workflow = new Workflow(stack, 'W', { workflowType: WorkflowType.BUILD, data: WorkflowData.fromInline(WORKFLOW_DOC) });
    expect(workflow.parameterDeclarations).toEqual([
      { name: 'topic', parameterType: 'string', hasDefault: false },
      { name: 'retries', parameterType: 'integer', hasDefault: true },
    ]);
    expect(workflow.waitForActionSteps).toEqual(['Approve']);
    expect(workflow.executionRoleStatements?.map(s => s.toStatementJson())).toEqual([
      { Action: 'sns:Publish', Effect: 'Allow', Resource: `arn:aws:sns:us-east-1:${ACCOUNT}:approvals` },
    ]);
    const fromS3 = new Workflow(stack, 'S3', {
      workflowType: WorkflowType.BUILD,
      data: WorkflowData.fromS3(s3.Bucket.fromBucketName(stack, 'B', 'bucket'), 'wf.yaml'),
    });
    expect([fromS3.parameterDeclarations, fromS3.waitForActionSteps, fromS3.executionRoleStatements]).toEqual([undefined, undefined, undefined]);
  });

  test('a recipe knows its components and, when given, its platform', () => {
    const { stack, recipe } = parts();
    expect(recipe.components?.map(c => c.component.componentName)).toEqual(['update-linux']);
    expect(recipe.platform).toBeUndefined();
    const container = new ContainerRecipe(stack, 'Container', {
      parentImage: ContainerParentImage.fromDockerHub('mcr.microsoft.com/windows/servercore', 'ltsc2022'),
      components: [{ component: Component.fromAwsManagedComponent(stack, 'U', AwsManagedComponentName.UPDATE_WINDOWS) }],
      targetRepository: ecr.Repository.fromRepositoryName(stack, 'Repo', 'repo'),
      platformOverride: ContainerPlatform.WINDOWS,
      imageOsVersionOverride: 'Microsoft Windows Server 2022',
    });
    expect(container.platform).toBe(ComponentPlatform.WINDOWS);
    expect(container.components).toHaveLength(1);
    expect(ImageRecipe.fromImageRecipeArn(stack, 'I', `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image-recipe/r/1.0.0`).components).toBeUndefined();
  });

  test('a pipeline knows its recipe, infrastructure, distribution and workflows; an imported one only what it was given', () => {
    const { stack, recipe } = parts();
    const distribution = new DistributionConfiguration(stack, 'Distribution', { amiDistributions: [{ region: 'eu-west-1', amiName: 'my-ami-{{ imagebuilder:buildDate }}' }] });
    const pipeline = new ImagePipeline(stack, 'Pipeline', { recipe, distributionConfiguration: distribution });
    expect(pipeline.recipe).toBe(recipe);
    expect(InfrastructureConfiguration.isInfrastructureConfiguration(pipeline.infrastructureConfiguration)).toBe(true);
    expect(pipeline.distributionConfiguration?.distributionRegions).toEqual(['eu-west-1']);
    expect(pipeline.workflows).toEqual([]);
    const imported = ImagePipeline.fromImagePipelineAttributes(stack, 'Imported', { imagePipelineName: 'other', recipe });
    expect(imported.recipe).toBe(recipe);
    expect([imported.infrastructureConfiguration, imported.distributionConfiguration, imported.workflows]).toEqual([undefined, undefined, undefined]);
  });

  test('an infrastructure configuration knows its instance role and log bucket', () => {
    const { stack } = parts();
    const bucket = s3.Bucket.fromBucketName(stack, 'Logs', 'logs');
    const infrastructure = new InfrastructureConfiguration(stack, 'Infra', { s3Logs: { bucket } });
    expect(infrastructure.role).toBeDefined();
    expect(infrastructure.logBucket).toBe(bucket);
    const imported = InfrastructureConfiguration.fromInfrastructureConfigurationName(stack, 'I', 'infra');
    expect([imported.role, imported.logBucket]).toEqual([undefined, undefined]);
  });
});
