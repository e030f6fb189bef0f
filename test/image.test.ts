import * as path from 'path';
import { CfnElement, CfnParameter, Duration, Lazy, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { strictStack } from './helpers';
import {
  AwsManagedComponentName,
  AwsManagedWorkflowName,
  Component,
  ContainerParentImage,
  ContainerRecipe,
  DistributionConfiguration,
  DistributionRepository,
  Image,
  ImageSource,
  ImageSourceConfig,
  ImagePipeline,
  ImageRecipe,
  ImageScanningType,
  InfrastructureConfiguration,
  IRecipe,
  ParentImage,
  Severity,
  Workflow,
  WorkflowData,
  WorkflowParameterValue,
  WorkflowType,
} from '../src';

const ACCOUNT = '123456789012';
const IMAGE_RECIPE_ARN = `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image-recipe/my-recipe/1.0.0`;
const PIPELINE_ARN = `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image-pipeline/my-pipeline`;
const IMAGE_ARN = `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image/my-recipe/1.0.0/1`;

let recipes = 0;
function imageRecipe(scope: Construct): IRecipe {
  return ImageRecipe.fromImageRecipeArn(scope, `Recipe${++recipes}`, IMAGE_RECIPE_ARN);
}

function containerRecipe(scope: Construct, repository: ecr.IRepository) {
  return new ContainerRecipe(scope, 'ContainerRecipe', {
    parentImage: ContainerParentImage.fromEcrPublic('amazonlinux/amazonlinux', '2023'),
    components: [{ component: Component.fromAwsManagedComponent(scope, 'UpdateLinux', AwsManagedComponentName.UPDATE_LINUX) }],
    targetRepository: repository,
  });
}

function logicalIdOf(construct: Construct): string {
  return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
}

/** The only image resource of the stack. */
function imageResource(stack: Stack): any {
  const resources = Template.fromStack(stack).findResources('AWS::ImageBuilder::Image');
  expect(Object.keys(resources)).toHaveLength(1);
  return Object.values(resources)[0];
}

function statementsOfPolicy(stack: Stack, policy: Construct): any[] {
  return Template.fromStack(stack).toJSON().Resources[logicalIdOf(policy)].Properties.PolicyDocument.Statement;
}

describe('Image built from a pipeline', () => {
  test('renders the pipeline\'s execution settings (its DeploymentId, rebuilt on update) and nothing else', () => {
    const stack = strictStack();
    const pipeline = new ImagePipeline(stack, 'Pipeline', { recipe: imageRecipe(stack) });
    const image = pipeline.buildOnDeploy('GoldenImage');
    expect(image.node.path).toBe('Stack/Pipeline/GoldenImage');
    const resource = imageResource(stack);
    expect(resource.Properties).toEqual({
      ImagePipelineExecutionSettings: { DeploymentId: { 'Fn::GetAtt': [logicalIdOf(pipeline), 'DeploymentId'] }, OnUpdate: true },
    });
    // Retained by default: nothing is deleted.
    expect(resource.DeletionPolicy).toBe('Retain');
    expect(resource.UpdateReplacePolicy).toBe('Retain');
  });

  test('buildOnDeploy creates the image in the pipeline\'s scope: the pipeline\'s tags reach it', () => {
    const stack = strictStack();
    const pipeline = new ImagePipeline(stack, 'Pipeline', { recipe: imageRecipe(stack) });
    const image = pipeline.buildOnDeploy('GoldenImage', { rebuildOnPipelineUpdate: false });
    expect(image.node.scope).toBe(pipeline);
    Tags.of(pipeline).add('team', 'images');
    expect(imageResource(stack).Properties).toEqual({
      ImagePipelineExecutionSettings: { DeploymentId: { 'Fn::GetAtt': [logicalIdOf(pipeline), 'DeploymentId'] }, OnUpdate: false },
      Tags: { team: 'images' },
    });
  });

  test('rebuildOnPipelineUpdate false renders OnUpdate false', () => {
    const stack = strictStack();
    const pipeline = new ImagePipeline(stack, 'Pipeline', { recipe: imageRecipe(stack) });
    new Image(stack, 'Image', { source: ImageSource.fromPipeline(pipeline, { rebuildOnPipelineUpdate: false }), tags: { team: 'images' } });
    expect(imageResource(stack).Properties).toEqual({
      ImagePipelineExecutionSettings: { DeploymentId: { 'Fn::GetAtt': [logicalIdOf(pipeline), 'DeploymentId'] }, OnUpdate: false },
      Tags: { team: 'images' },
    });
  });

  test('pipeline.deploymentId is the DeploymentId attribute', () => {
    const stack = strictStack();
    const pipeline = new ImagePipeline(stack, 'Pipeline', { recipe: imageRecipe(stack) });
    expect(stack.resolve(pipeline.deploymentId)).toEqual({ 'Fn::GetAtt': [logicalIdOf(pipeline), 'DeploymentId'] });
  });

  test('an imported pipeline needs its deployment ID', () => {
    const stack = strictStack();
    const imported = ImagePipeline.fromImagePipelineArn(stack, 'Imported', PIPELINE_ARN);
    expect(() => new Image(stack, 'Image', { source: ImageSource.fromPipeline(imported) }))
      .toThrow(/Stack\/Image: source.imagePipeline '.*my-pipeline' must have a known deploymentId .*fromImagePipelineAttributes\(\{ imagePipelineArn, deploymentId \}\)/);
    const withId = ImagePipeline.fromImagePipelineAttributes(stack, 'WithId', { imagePipelineArn: PIPELINE_ARN, deploymentId: 'd-123' });
    new Image(stack, 'Image2', { source: ImageSource.fromPipeline(withId) });
    expect(imageResource(stack).Properties.ImagePipelineExecutionSettings).toEqual({ DeploymentId: 'd-123', OnUpdate: true });
  });

  test('throws when a source of your own gives a recipe or build options with a pipeline', () => {
    const stack = strictStack();
    const pipeline = new ImagePipeline(stack, 'Pipeline', { recipe: imageRecipe(stack) });
    const recipe = imageRecipe(stack);
    class Both extends ImageSource {
      public bind(): ImageSourceConfig {
        return { imagePipeline: pipeline, recipe, buildOptions: { imageTestsEnabled: false } };
      }
    }
    expect(() => new Image(stack, 'Image', { source: new Both() }))
      .toThrow(/Stack\/Image: source 'Stack\/Recipe\d+' must not give a recipe or build options with a pipeline/);
  });

  test('throws when a source of your own gives neither a pipeline nor a recipe, or rebuildOnPipelineUpdate without a pipeline', () => {
    const stack = strictStack();
    const recipe = imageRecipe(stack);
    class Config extends ImageSource {
      constructor(private readonly config: ImageSourceConfig) {
        super();
      }
      public bind(): ImageSourceConfig {
        return this.config;
      }
    }
    expect(() => new Image(stack, 'Image', { source: new Config({}) }))
      .toThrow(/Stack\/Image: source undefined must give a pipeline or a recipe \(ImageSource.fromPipeline or ImageSource.fromRecipe\)/);
    expect(() => new Image(stack, 'Image2', { source: new Config({ recipe, rebuildOnPipelineUpdate: true }) }))
      .toThrow(/Stack\/Image2: source.rebuildOnPipelineUpdate true must only be given with a pipeline/);
  });
});

describe('an image that waits for an action', () => {
  const APPROVAL = path.join(__dirname, 'fixtures', 'documents', 'test-with-approval.yaml');
  /** The topic the approval workflow's required parameter names. */
  const APPROVAL_PARAMETERS = { approvalTopicArn: WorkflowParameterValue.fromString(`arn:aws:sns:us-east-1:${ACCOUNT}:approvals`) };

  test('warns when the pipeline it is built from has a WaitForAction step: the deployment waits for it', () => {
    const stack = strictStack();
    const approve = new Workflow(stack, 'Approve', { workflowType: WorkflowType.TEST, data: WorkflowData.fromFile(APPROVAL) });
    const pipeline = new ImagePipeline(stack, 'Pipeline', { recipe: imageRecipe(stack), workflows: [{ workflow: approve, parameters: APPROVAL_PARAMETERS }] });
    pipeline.buildOnDeploy('GoldenImage');
    Annotations.fromStack(stack).hasWarning('/Stack/Pipeline/GoldenImage', Match.stringLikeRegexp(
      'built during the deployment, and its workflow Stack/Approve \\(step \\w+\\) waits for an action.*SendWorkflowStepAction'));
    // The pipeline alone does not warn: its builds do not hold a deployment.
    Annotations.fromStack(stack).hasNoWarning('/Stack/Pipeline', Match.anyValue());
  });

  test('warns for an image built from parts with such a workflow, not for workflows without one', () => {
    const stack = strictStack();
    const approve = new Workflow(stack, 'Approve', { workflowType: WorkflowType.TEST, data: WorkflowData.fromFile(APPROVAL) });
    new Image(stack, 'Waits', { source: ImageSource.fromRecipe(imageRecipe(stack), { workflows: [{ workflow: approve, parameters: APPROVAL_PARAMETERS }] }) });
    new Image(stack, 'Managed', {
      source: ImageSource.fromRecipe(imageRecipe(stack), {
        workflows: [{ workflow: Workflow.fromAwsManagedWorkflow(stack, 'Test', WorkflowType.TEST, AwsManagedWorkflowName.TEST_IMAGE) }],
      }),
    });
    Annotations.fromStack(stack).hasWarning('/Stack/Waits', Match.stringLikeRegexp('WaitForAction'));
    Annotations.fromStack(stack).hasNoWarning('/Stack/Managed', Match.anyValue());
  });
});

describe('Image built from parts', () => {
  test('renders the recipe and the build settings like a pipeline, with its own log group', () => {
    const stack = strictStack();
    const image = new Image(stack, 'Image', { source: ImageSource.fromRecipe(imageRecipe(stack)) });
    const resource = imageResource(stack);
    expect(resource.Properties).toEqual({
      ImageRecipeArn: IMAGE_RECIPE_ARN,
      InfrastructureConfigurationArn: { 'Fn::GetAtt': [logicalIdOf(image.infrastructureConfiguration!), 'Arn'] },
      // Tests and enhanced metadata are the service's defaults: not written.
      ImageScanningConfiguration: { ImageScanningEnabled: true },
      LoggingConfiguration: { LogGroupName: { Ref: logicalIdOf(image.node.findChild('ImageLogGroup') as Construct) } },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: { 'Fn::Join': ['', ['/aws/imagebuilder/image/Stack-Image-0AAF7F44-', Match.anyValue()]] },
      RetentionInDays: 365,
    });
    expect(image.executionRole).toBeUndefined();
  });

  test('the service\'s defaults are not written: tests and enhanced metadata only when turned off', () => {
    const stack = strictStack();
    new Image(stack, 'Defaults', { source: ImageSource.fromRecipe(imageRecipe(stack), { imageTestsEnabled: true, enhancedImageMetadataEnabled: true }) });
    new Image(stack, 'Off', { source: ImageSource.fromRecipe(imageRecipe(stack), { imageTestsEnabled: false, enhancedImageMetadataEnabled: false }) });
    const template = Template.fromStack(stack);
    template.resourcePropertiesCountIs('AWS::ImageBuilder::Image', {
      ImageTestsConfiguration: Match.absent(),
      EnhancedImageMetadataEnabled: Match.absent(),
    }, 1);
    template.hasResourceProperties('AWS::ImageBuilder::Image', {
      ImageTestsConfiguration: { ImageTestsEnabled: false },
      EnhancedImageMetadataEnabled: false,
    });
  });

  test('every build setting reaches its property', () => {
    const stack = strictStack();
    const repository = new ecr.Repository(stack, 'Repository');
    const recipe = containerRecipe(stack, repository);
    const infrastructureConfiguration = new InfrastructureConfiguration(stack, 'Infra');
    const distributionConfiguration = new DistributionConfiguration(stack, 'Dist', {
      containerDistributions: [{ targetRepository: DistributionRepository.fromRepositoryName('golden') }],
    });
    const image = new Image(stack, 'Image', {
      source: ImageSource.fromRecipe(recipe, {
        infrastructureConfiguration,
        distributionConfiguration,
        imageTestsEnabled: true,
        imageTestsTimeout: Duration.hours(2),
        enhancedImageMetadataEnabled: false,
        imageScanning: { enabled: true, containerTags: ['scan'] },
        workflows: [{ workflow: Workflow.fromAwsManagedWorkflow(stack, 'Build', WorkflowType.BUILD, 'build-container', '1.0.0') }],
        imageLogGroup: logs.LogGroup.fromLogGroupName(stack, 'Logs', '/builds/images'),
      }),
      tags: { team: 'images' },
    });
    const props = imageResource(stack).Properties;
    expect(props).toEqual({
      ContainerRecipeArn: { 'Fn::GetAtt': [logicalIdOf(recipe), 'Arn'] },
      InfrastructureConfigurationArn: { 'Fn::GetAtt': [logicalIdOf(infrastructureConfiguration), 'Arn'] },
      DistributionConfigurationArn: { 'Fn::GetAtt': [logicalIdOf(distributionConfiguration), 'Arn'] },
      ImageTestsConfiguration: { ImageTestsEnabled: true, TimeoutMinutes: 120 },
      EnhancedImageMetadataEnabled: false,
      ImageScanningConfiguration: { ImageScanningEnabled: true, EcrConfiguration: { ContainerTags: ['scan'] } },
      Workflows: [{ WorkflowArn: expect.anything() }],
      ExecutionRole: { 'Fn::GetAtt': [logicalIdOf(image.executionRole as iam.Role), 'Arn'] },
      LoggingConfiguration: { LogGroupName: '/builds/images' },
      Tags: { team: 'images' },
    });
  });

  test('a typed CVE gate renders the on-demand AMI scan and its condition', () => {
    const stack = strictStack();
    new Image(stack, 'Image', { source: ImageSource.fromRecipe(imageRecipe(stack), { imageScanning: { failOn: Severity.HIGH, onlyFixable: true } }) });
    expect(imageResource(stack).Properties.ImageScanningConfiguration).toEqual({
      ImageScanningEnabled: true,
      ImageScanningTypes: ['ON_DEMAND_AMI_CVE'],
      ScanResultCondition: { MaximumSeverityLabel: 'MEDIUM', FixAvailable: true },
    });
  });

  test('the scan gate maps each severity to the highest one allowed', () => {
    const expected = { LOW: 'INFORMATIONAL', MEDIUM: 'LOW', HIGH: 'MEDIUM', CRITICAL: 'HIGH' };
    for (const [failOn, label] of Object.entries(expected)) {
      const stack = strictStack();
      new Image(stack, 'Image', { source: ImageSource.fromRecipe(imageRecipe(stack), { imageScanning: { failOn: failOn as Severity } }) });
      expect(imageResource(stack).Properties.ImageScanningConfiguration.ScanResultCondition).toEqual({ MaximumSeverityLabel: label });
    }
  });

  test('throws on scan settings that do not apply', () => {
    const stack = strictStack();
    const repository = new ecr.Repository(stack, 'Repository');
    expect(() => new Image(stack, 'Container', {
      source: ImageSource.fromRecipe(containerRecipe(stack, repository), {
        imageScanning: { failOn: Severity.HIGH },
      }),
    })).toThrow(/Stack\/Container: imageScanning.failOn 'HIGH' must only be given for an AMI build/);
    expect(() => new Image(stack, 'Test', {
      source: ImageSource.fromRecipe(imageRecipe(stack), {
        imageScanning: { failOn: Severity.HIGH, scanningType: ImageScanningType.TEST_INSTANCE_CVE },
      }),
    })).toThrow(/Stack\/Test: imageScanning.scanningType 'TEST_INSTANCE_CVE' must be ON_DEMAND_AMI_CVE when failOn is given/);
    expect(() => new Image(stack, 'Fixable', { source: ImageSource.fromRecipe(imageRecipe(stack), { imageScanning: { onlyFixable: false } }) }))
      .toThrow(/Stack\/Fixable: imageScanning.onlyFixable false must only be given with failOn/);
    expect(() => new Image(stack, 'Plain', { source: ImageSource.fromRecipe(imageRecipe(stack), { imageScanning: { failOn: 'SEVERE' as Severity } }) }))
      .toThrow(/Stack\/Plain: imageScanning.failOn 'SEVERE' must be one of LOW, MEDIUM, HIGH, CRITICAL/);
    expect(() => new Image(stack, 'Off', { source: ImageSource.fromRecipe(imageRecipe(stack), { imageScanning: { enabled: false, failOn: Severity.LOW } }) }))
      .toThrow(/Stack\/Off: imageScanning.failOn 'LOW' must only be given when image scanning is enabled/);
  });

  test('rejects a distribution configuration that distributes the other kind of image, at synth', () => {
    const stack = strictStack();
    const repository = new ecr.Repository(stack, 'Repository');
    const amiOnly = new DistributionConfiguration(stack, 'AmiOnly', { amiDistributions: [{ amiName: 'golden-{{ imagebuilder:buildDate }}' }] });
    new Image(stack, 'Image', { source: ImageSource.fromRecipe(containerRecipe(stack, repository), { distributionConfiguration: amiOnly }) });
    expect(() => Template.fromStack(stack)).toThrow(
      /Stack\/Image: distributionConfiguration 'Stack\/AmiOnly' must have a container distribution \(addContainerDistribution\) for a container recipe \(it has AMI distributions only/);
  });
});

describe('an image waits for the permissions of its build instances', () => {
  /** The logical IDs the only image resource of the stack depends on. */
  function dependsOn(stack: Stack): string[] {
    return imageResource(stack).DependsOn ?? [];
  }

  test('built from parts: the infrastructure configuration, its instance policy and the statements added to its role', () => {
    const stack = strictStack();
    const image = new Image(stack, 'Image', { source: ImageSource.fromRecipe(containerRecipe(stack, new ecr.Repository(stack, 'Repository'))) });
    const infrastructure = image.infrastructureConfiguration as InfrastructureConfiguration;
    const role = infrastructure.role as iam.Role;
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['ssm:GetParameter'],
      resources: [`arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/build`],
    }));

    expect(dependsOn(stack)).toEqual(expect.arrayContaining([
      logicalIdOf(infrastructure),
      logicalIdOf(role),
      logicalIdOf(role.node.findChild('DefaultPolicy')),
      logicalIdOf(infrastructure.node.findChild('InstancePolicy')),
      logicalIdOf(infrastructure.node.findChild('InstanceProfile')),
    ]));
  });

  test('built from a pipeline: the pipeline\'s infrastructure configuration and its instance policy', () => {
    const stack = strictStack();
    const pipeline = new ImagePipeline(stack, 'Pipeline', { recipe: containerRecipe(stack, new ecr.Repository(stack, 'Repository')) });
    pipeline.buildOnDeploy('Image');
    const infrastructure = pipeline.infrastructureConfiguration as InfrastructureConfiguration;

    expect(dependsOn(stack)).toEqual(expect.arrayContaining([
      logicalIdOf(infrastructure),
      logicalIdOf(infrastructure.node.findChild('InstancePolicy')),
    ]));
  });

  test('with an imported infrastructure configuration, nothing to wait for', () => {
    const stack = strictStack();
    new Image(stack, 'Image', {
      source: ImageSource.fromRecipe(imageRecipe(stack), {
        infrastructureConfiguration: InfrastructureConfiguration.fromInfrastructureConfigurationName(stack, 'Infra', 'shared-builders'),
      }),
    });
    expect(dependsOn(stack)).toEqual([]);
  });
});

describe('Image attributes', () => {
  test('imageId, imageUri, imageVersion and toMachineImage', () => {
    const stack = strictStack();
    const image = new Image(stack, 'Image', { source: ImageSource.fromRecipe(imageRecipe(stack)) });
    const id = logicalIdOf(image);
    expect(stack.resolve(image.imageId)).toEqual({ 'Fn::GetAtt': [id, 'ImageId'] });
    expect(stack.resolve(image.imageArn)).toEqual({ 'Fn::GetAtt': [id, 'Arn'] });
    expect(stack.resolve(image.imageVersion)).toEqual({
      'Fn::Join': ['', [
        { 'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': [id, 'Arn'] }] }] },
        '/',
        { 'Fn::Select': [3, { 'Fn::Split': ['/', { 'Fn::GetAtt': [id, 'Arn'] }] }] },
      ]],
    });
    expect(() => image.imageUri).toThrow(/Stack\/Image: imageUri '.*' is not available: this image builds an AMI \(image recipe\); use imageId or toMachineImage\(\)/);

    new ec2.LaunchTemplate(stack, 'LaunchTemplate', { machineImage: image.toMachineImage() });
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: { ImageId: { 'Fn::GetAtt': [id, 'ImageId'] } },
    });
  });

  test('a container image has imageUri, and no imageId or machine image', () => {
    const stack = strictStack();
    const repository = new ecr.Repository(stack, 'Repository');
    const image = new Image(stack, 'Image', { source: ImageSource.fromRecipe(containerRecipe(stack, repository)) });
    expect(stack.resolve(image.imageUri)).toEqual({ 'Fn::GetAtt': [logicalIdOf(image), 'ImageUri'] });
    expect(() => image.toMachineImage()).toThrow(/Stack\/Image: imageId '.*' is not available: this image builds a container image \(container recipe\); use imageUri/);
  });

  test('imported by ARN, with grantRead; a bad ARN is rejected', () => {
    const stack = strictStack();
    const image = Image.fromImageArn(stack, 'Imported', IMAGE_ARN);
    expect(image.imageArn).toBe(IMAGE_ARN);
    const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
    image.grantRead(role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'imagebuilder:GetImage', Effect: 'Allow', Resource: IMAGE_ARN }] },
    });
    expect(() => Image.fromImageArn(stack, 'Bad', 'arn:aws:imagebuilder:us-east-1:123456789012:image/Bad Name/1.0.0/1'))
      .toThrow(/^Stack\/Bad: imageArn 'arn:aws:imagebuilder:us-east-1:123456789012:image\/Bad Name\/1.0.0\/1' must/);
  });
});

describe('deletion settings', () => {
  test('create a least-privilege deletion role, in a policy of the library, and destroy by default', () => {
    const stack = strictStack();
    const pipeline = new ImagePipeline(stack, 'Pipeline', { recipe: imageRecipe(stack) });
    const image = pipeline.buildOnDeploy('Image', { deletionSettings: {} });
    const resource = imageResource(stack);
    expect(resource.DeletionPolicy).toBe('Delete');
    expect(resource.UpdateReplacePolicy).toBe('Delete');
    const role = image.deletionRole as iam.Role;
    expect(resource.Properties.DeletionSettings).toEqual({ ExecutionRole: { 'Fn::GetAtt': [logicalIdOf(role), 'Arn'] } });
    const policy = image.node.findChild('DeletionRolePolicy') as Construct;
    expect(resource.DependsOn).toEqual(expect.arrayContaining([logicalIdOf(role), logicalIdOf(policy)]));
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'imagebuilder.amazonaws.com' } }] },
      ManagedPolicyArns: Match.absent(),
    });
    const partition = { Ref: 'AWS::Partition' };
    const createdBy = { StringEquals: { 'aws:ResourceTag/CreatedBy': 'EC2 Image Builder' } };
    expect(statementsOfPolicy(stack, policy)).toEqual([
      {
        Sid: 'DeregisterImageBuilderAmis',
        Action: 'ec2:DeregisterImage',
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', ['arn:', partition, ':ec2:us-east-1::image/*']] },
        Condition: createdBy,
      },
      {
        Sid: 'DeleteImageBuilderSnapshots',
        Action: 'ec2:DeleteSnapshot',
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', ['arn:', partition, ':ec2:us-east-1::snapshot/*']] },
        Condition: createdBy,
      },
      { Sid: 'DescribeAmisAndSnapshots', Action: ['ec2:DescribeImages', 'ec2:DescribeSnapshots'], Effect: 'Allow', Resource: '*' },
    ]);
  });

  test('a distributed AMI may be deleted in the distribution\'s Regions only, and only when Image Builder tagged it', () => {
    const stack = strictStack();
    const distributionConfiguration = new DistributionConfiguration(stack, 'Dist', {
      amiDistributions: [{ region: 'eu-west-1', amiName: 'golden-{{ imagebuilder:buildDate }}' }],
    });
    const image = new Image(stack, 'Image', { source: ImageSource.fromRecipe(imageRecipe(stack), { distributionConfiguration }), deletionSettings: {} });
    // Regions added after the image are covered too: the Regions are read at synth.
    distributionConfiguration.addAmiDistribution({ region: 'ap-southeast-2', amiName: 'golden-{{ imagebuilder:buildDate }}' });
    const deletions = statementsOfPolicy(stack, image.node.findChild('DeletionRolePolicy') as Construct).filter(s => s.Resource !== '*');
    expect(deletions.map(s => s.Sid)).toEqual(['DeregisterImageBuilderAmis', 'DeleteImageBuilderSnapshots']);
    for (const statement of deletions) {
      expect(JSON.stringify(statement.Resource)).toMatch(/:ec2:\*::(image|snapshot)\/\*/);
      expect(statement.Condition).toEqual({
        StringEquals: {
          'aws:ResourceTag/CreatedBy': 'EC2 Image Builder',
          'aws:RequestedRegion': ['us-east-1', 'eu-west-1', 'ap-southeast-2'],
        },
      });
    }
    // No ec2 deletion on '*' without a tag or Region condition.
    const statements = statementsOfPolicy(stack, image.node.findChild('DeletionRolePolicy') as Construct);
    expect(statements.filter(s => s.Resource === '*').flatMap(s => [s.Action].flat())).toEqual(['ec2:DescribeImages', 'ec2:DescribeSnapshots']);
  });

  test('with an imported distribution configuration, AMIs may be deleted in any Region, only when Image Builder tagged them', () => {
    const stack = strictStack();
    const distributionConfiguration = DistributionConfiguration.fromDistributionConfigurationArn(stack, 'Dist',
      `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:distribution-configuration/golden`);
    const image = new Image(stack, 'Image', { source: ImageSource.fromRecipe(imageRecipe(stack), { distributionConfiguration }), deletionSettings: {} });
    const deletions = statementsOfPolicy(stack, image.node.findChild('DeletionRolePolicy') as Construct).filter(s => s.Resource !== '*');
    expect(deletions.map(s => [JSON.stringify(s.Resource).includes(':ec2:*::'), s.Condition])).toEqual([
      [true, { StringEquals: { 'aws:ResourceTag/CreatedBy': 'EC2 Image Builder' } }],
      [true, { StringEquals: { 'aws:ResourceTag/CreatedBy': 'EC2 Image Builder' } }],
    ]);
  });

  test('a container image may be deleted from the recipe\'s target repository only', () => {
    const stack = strictStack();
    const repository = new ecr.Repository(stack, 'Repository');
    const image = new Image(stack, 'Image', { source: ImageSource.fromRecipe(containerRecipe(stack, repository)), deletionSettings: {} });
    expect(statementsOfPolicy(stack, image.node.findChild('DeletionRolePolicy') as Construct)).toEqual([{
      Sid: 'DeleteContainerImages',
      Action: ['ecr:BatchDeleteImage', 'ecr:BatchGetImage', 'ecr:DescribeImages'],
      Effect: 'Allow',
      Resource: { 'Fn::GetAtt': [logicalIdOf(repository), 'Arn'] },
    }]);
  });

  test('a given deletion role is used as is; RETAIN with deletion settings is rejected', () => {
    const stack = strictStack();
    const role = iam.Role.fromRoleArn(stack, 'Given', `arn:aws:iam::${ACCOUNT}:role/image-deleter`);
    new Image(stack, 'Image', { source: ImageSource.fromRecipe(imageRecipe(stack)), deletionSettings: { executionRole: role } });
    expect(imageResource(stack).Properties.DeletionSettings).toEqual({ ExecutionRole: `arn:aws:iam::${ACCOUNT}:role/image-deleter` });
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Policy', 0);
    expect(() => new Image(stack, 'Kept', { source: ImageSource.fromRecipe(imageRecipe(stack)), deletionSettings: {}, removalPolicy: RemovalPolicy.RETAIN }))
      .toThrow(/Stack\/Kept: removalPolicy 'retain' must be RemovalPolicy.DESTROY when deletionSettings is given/);
  });

  test('the image resource can be destroyed without deleting what it built', () => {
    const stack = strictStack();
    new Image(stack, 'Image', { source: ImageSource.fromRecipe(imageRecipe(stack)), removalPolicy: RemovalPolicy.DESTROY });
    const resource = imageResource(stack);
    expect(resource.DeletionPolicy).toBe('Delete');
    expect(resource.Properties.DeletionSettings).toBeUndefined();
  });
});

describe('ImagePipeline scan gate and distribution kinds', () => {
  test('the pipeline renders the scan gate too', () => {
    const stack = strictStack();
    new ImagePipeline(stack, 'Pipeline', {
      recipe: new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromAmiId('ami-0123456789abcdef0') }),
      imageScanning: { failOn: Severity.CRITICAL, onlyFixable: false },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ImageBuilder::ImagePipeline', {
      ImageScanningConfiguration: {
        ImageScanningEnabled: true,
        ImageScanningTypes: ['ON_DEMAND_AMI_CVE'],
        ScanResultCondition: { MaximumSeverityLabel: 'HIGH', FixAvailable: false },
      },
    });
  });

  test('an image pipeline with only container distributions is rejected at synth, even when added later', () => {
    const stack = strictStack();
    const distributionConfiguration = new DistributionConfiguration(stack, 'Dist');
    new ImagePipeline(stack, 'Pipeline', { recipe: imageRecipe(stack), distributionConfiguration });
    distributionConfiguration.addContainerDistribution({ targetRepository: DistributionRepository.fromRepositoryName('golden') });
    expect(() => Template.fromStack(stack)).toThrow(
      /Stack\/Pipeline: distributionConfiguration 'Stack\/Dist' must have an AMI distribution \(addAmiDistribution\) for an image recipe \(it has container distributions only/);
  });

  test('a configuration with both kinds, or an imported one, is accepted', () => {
    const stack = strictStack();
    const both = new DistributionConfiguration(stack, 'Both', {
      amiDistributions: [{ amiName: 'golden-{{ imagebuilder:buildDate }}' }],
      containerDistributions: [{ targetRepository: DistributionRepository.fromRepositoryName('golden') }],
    });
    new ImagePipeline(stack, 'Pipeline', { recipe: imageRecipe(stack), distributionConfiguration: both });
    const imported = DistributionConfiguration.fromDistributionConfigurationArn(stack, 'Imported',
      `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:distribution-configuration/my-dist`);
    expect(imported.distributedImageTypes).toBeUndefined();
    new ImagePipeline(stack, 'Pipeline2', { recipe: imageRecipe(stack), distributionConfiguration: imported });
    expect(() => Template.fromStack(stack)).not.toThrow();
  });
});

describe('tokens are accepted', () => {
  test('a token severity is looked up in a mapping; token scan types, deployment IDs and deletion roles pass', () => {
    const stack = strictStack();
    const severity = new CfnParameter(stack, 'FailOn', { allowedValues: ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] });
    const type = new CfnParameter(stack, 'ScanType', { allowedValues: ['ON_DEMAND_AMI_CVE'] });
    new Image(stack, 'Image', {
      source: ImageSource.fromRecipe(imageRecipe(stack), {
        imageScanning: { failOn: severity.valueAsString as Severity, scanningType: type.valueAsString as ImageScanningType },
      }),
      deletionSettings: { executionRole: iam.Role.fromRoleArn(stack, 'Deleter', Lazy.string({ produce: () => `arn:aws:iam::${ACCOUNT}:role/deleter` })) },
    });
    const template = Template.fromStack(stack).toJSON();
    const image = Object.values(template.Resources).find((r: any) => r.Type === 'AWS::ImageBuilder::Image') as any;
    expect(image.Properties.ImageScanningConfiguration).toEqual({
      ImageScanningEnabled: true,
      ImageScanningTypes: [{ Ref: 'ScanType' }],
      ScanResultCondition: { MaximumSeverityLabel: { 'Fn::FindInMap': ['ImageScanGateSeverities5767FB14', { Ref: 'FailOn' }, 'allowed'] } },
    });
    const mapping = Object.values(template.Mappings ?? {})[0];
    expect(mapping).toEqual({
      LOW: { allowed: 'INFORMATIONAL' }, MEDIUM: { allowed: 'LOW' }, HIGH: { allowed: 'MEDIUM' }, CRITICAL: { allowed: 'HIGH' },
    });

    const pipelineStack = strictStack();
    const deploymentId = new CfnParameter(pipelineStack, 'DeploymentId');
    const imported = ImagePipeline.fromImagePipelineAttributes(pipelineStack, 'Imported', {
      imagePipelineArn: PIPELINE_ARN,
      deploymentId: deploymentId.valueAsString,
    });
    new Image(pipelineStack, 'Image', { source: ImageSource.fromPipeline(imported) });
    expect(imageResource(pipelineStack).Properties.ImagePipelineExecutionSettings).toEqual({ DeploymentId: { Ref: 'DeploymentId' }, OnUpdate: true });
  });
});
