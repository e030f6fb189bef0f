/**
 * A scheduled container image pipeline: a container recipe pushing to a repository of the stack,
 * a weekly cron schedule in a time zone with a start condition and an auto-disable policy, image
 * tags, and log groups that are deleted with the stack. The pipeline is disabled so that it never
 * builds on its own during the test. The assertion reads the pipeline back from Image Builder.
 */
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, RemovalPolicy, Stack, TimeZone } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as logs from 'aws-cdk-lib/aws-logs';
import {
  AwsManagedComponentName,
  Component,
  ContainerParentImage,
  ContainerRecipe,
  ImagePipeline,
  PipelineExecutionStartCondition,
  PipelineSchedule,
} from '../src';

const app = new App();
const stack = new Stack(app, 'ImageBuilderImagePipelineInteg');

const repository = new ecr.Repository(stack, 'Repository', {
  removalPolicy: RemovalPolicy.DESTROY,
  emptyOnDelete: true,
});

const recipe = new ContainerRecipe(stack, 'Recipe', {
  description: 'Integration test container recipe',
  parentImage: ContainerParentImage.fromEcrPublic('amazonlinux/amazonlinux', '2023'),
  components: [{ component: Component.fromAwsManagedComponent(stack, 'UpdateLinux', AwsManagedComponentName.UPDATE_LINUX) }],
  targetRepository: repository,
});

const pipeline = new ImagePipeline(stack, 'Pipeline', {
  recipe,
  description: 'Integration test pipeline',
  schedule: PipelineSchedule.cron({ hour: '3', weekDay: 'SUN' }, {
    timeZone: TimeZone.EUROPE_PARIS,
    startCondition: PipelineExecutionStartCondition.EXPRESSION_MATCH_ONLY,
    autoDisableAfterFailures: 3,
  }),
  enabled: false,
  imageTags: { pipeline: 'integ', purpose: 'image-pipeline-test' },
  logRetention: logs.RetentionDays.ONE_WEEK,
  logRemovalPolicy: RemovalPolicy.DESTROY,
});

const integ = new IntegTest(app, 'ImagePipelineTest', { testCases: [stack] });

integ.assertions
  .awsApiCall('Imagebuilder', 'getImagePipeline', { imagePipelineArn: pipeline.imagePipelineArn })
  .expect(ExpectedResult.objectLike({
    imagePipeline: {
      description: 'Integration test pipeline',
      status: 'DISABLED',
      schedule: {
        scheduleExpression: 'cron(0 3 ? * SUN *)',
        timezone: 'Europe/Paris',
        pipelineExecutionStartCondition: 'EXPRESSION_MATCH_ONLY',
        autoDisablePolicy: { failureCount: 3 },
      },
      imageTags: { pipeline: 'integ', purpose: 'image-pipeline-test' },
      imageTestsConfiguration: { imageTestsEnabled: true },
      imageScanningConfiguration: { imageScanningEnabled: true },
    },
  }));

app.synth();
