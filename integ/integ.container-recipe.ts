/**
 * A container build end to end: a container recipe with a Dockerfile template from a local file
 * (uploaded as an asset), two AWS managed components and a repository the recipe creates; an
 * infrastructure configuration and a manual container pipeline for the recipe; and one image
 * built from the recipe during deployment (`AWS::ImageBuilder::Image`), which pushes to the
 * repository. The assertions read the recipe back from Image Builder and check that the image
 * was built.
 */
import * as path from 'path';
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, aws_imagebuilder as imagebuilder, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import {
  AwsManagedComponentName,
  Component,
  ContainerParentImage,
  ContainerRecipe,
  DockerfileTemplate,
  ImagePipeline,
  InfrastructureConfiguration,
} from '../src';

const app = new App();
const stack = new Stack(app, 'ImageBuilderContainerRecipeInteg');

const recipe = new ContainerRecipe(stack, 'Recipe', {
  description: 'Integration test container recipe',
  parentImage: ContainerParentImage.fromEcrPublic('amazonlinux/amazonlinux', '2023'),
  components: [
    { component: Component.fromAwsManagedComponent(stack, 'UpdateLinux', AwsManagedComponentName.UPDATE_LINUX) },
    { component: Component.fromAwsManagedComponent(stack, 'HelloWorld', AwsManagedComponentName.HELLO_WORLD_LINUX) },
  ],
  dockerfileTemplate: DockerfileTemplate.fromFile(path.join(__dirname, 'assets', 'Dockerfile')),
  workingDirectory: '/tmp',
  repositoryRemovalPolicy: RemovalPolicy.DESTROY,
  repositoryMaxImageCount: 5,
  tags: { project: 'cdk-imagebuilder' },
});

const infrastructure = new InfrastructureConfiguration(stack, 'Infrastructure', {
  description: 'Builds the integration test container image',
});

// The pipeline lets the instance role push to the recipe's repository.
const pipeline = new ImagePipeline(stack, 'Pipeline', {
  recipe,
  infrastructureConfiguration: infrastructure,
  description: 'Integration test container pipeline (manual runs only)',
  logRetention: logs.RetentionDays.ONE_WEEK,
  logRemovalPolicy: RemovalPolicy.DESTROY,
});

// One build during deployment, on the same infrastructure, after the push permission exists.
const image = new imagebuilder.CfnImage(stack, 'Image', {
  containerRecipeArn: recipe.containerRecipeArn,
  infrastructureConfigurationArn: infrastructure.infrastructureConfigurationArn,
  imageTestsConfiguration: { imageTestsEnabled: true },
});
image.node.addDependency(infrastructure);

const integ = new IntegTest(app, 'ContainerRecipeTest', { testCases: [stack] });

integ.assertions
  .awsApiCall('Imagebuilder', 'getContainerRecipe', { containerRecipeArn: recipe.containerRecipeArn })
  .expect(ExpectedResult.objectLike({
    containerRecipe: {
      containerType: 'DOCKER',
      platform: 'Linux',
      description: 'Integration test container recipe',
      parentImage: 'public.ecr.aws/amazonlinux/amazonlinux:2023',
      workingDirectory: '/tmp',
      targetRepository: { service: 'ECR', repositoryName: recipe.targetRepository!.repositoryName },
    },
  }));

integ.assertions
  .awsApiCall('Imagebuilder', 'getImagePipeline', { imagePipelineArn: pipeline.imagePipelineArn })
  .expect(ExpectedResult.objectLike({
    imagePipeline: { containerRecipeArn: recipe.containerRecipeArn },
  }));

integ.assertions
  .awsApiCall('Imagebuilder', 'getImage', { imageBuildVersionArn: image.attrArn })
  .expect(ExpectedResult.objectLike({
    image: { type: 'DOCKER', state: { status: 'AVAILABLE' } },
  }));

app.synth();
