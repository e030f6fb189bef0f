/**
 * Authored workflows: a test workflow from a YAML file that waits for an approval, and a build
 * workflow written with types, used by a pipeline whose execution role gets what their steps
 * need. The assertions read the workflows back from Image Builder.
 */
import * as path from 'path';
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Stack, aws_sns as sns } from 'aws-cdk-lib';
import {
  ImagePipeline,
  ImageRecipe,
  ParentImage,
  Workflow,
  WorkflowData,
  WorkflowParameterValue,
  WorkflowStepAction,
  WorkflowStepOnFailure,
  WorkflowStepInputs,
  WorkflowType,
} from '../src';

const app = new App();
const stack = new Stack(app, 'ImageBuilderWorkflowInteg');

const approvals = new sns.Topic(stack, 'Approvals', { enforceSSL: true });

const test = new Workflow(stack, 'TestWithApproval', {
  description: 'Runs the tests, then waits for an approval (YAML file)',
  workflowType: WorkflowType.TEST,
  data: WorkflowData.fromFile(path.join(__dirname, 'assets', 'test-with-approval.yaml')),
});

const build = new Workflow(stack, 'Build', {
  description: 'Builds and notifies (typed document)',
  workflowType: WorkflowType.BUILD,
  data: WorkflowData.fromDocument({
    steps: [
      { name: 'Launch', action: WorkflowStepAction.LAUNCH_INSTANCE, onFailure: WorkflowStepOnFailure.ABORT, inputs: WorkflowStepInputs.fromObject({ waitFor: 'ssmAgent' }) },
      { name: 'Build', action: WorkflowStepAction.EXECUTE_COMPONENTS, inputs: WorkflowStepInputs.fromObject({ 'instanceId.$': '$.stepOutputs.Launch.instanceId' }) },
      { name: 'Image', action: WorkflowStepAction.CREATE_IMAGE, inputs: WorkflowStepInputs.fromObject({ 'instanceId.$': '$.stepOutputs.Launch.instanceId' }) },
      { name: 'Terminate', action: WorkflowStepAction.TERMINATE_INSTANCE, onFailure: WorkflowStepOnFailure.CONTINUE, inputs: WorkflowStepInputs.fromObject({ 'instanceId.$': '$.stepOutputs.Launch.instanceId' }) },
      { name: 'Notify', action: WorkflowStepAction.WAIT_FOR_ACTION, inputs: WorkflowStepInputs.fromObject({ snsTopicArn: approvals.topicArn }) },
    ],
    outputs: [{ name: 'ImageId', value: '$.stepOutputs.Image.imageId' }],
  }),
});

new ImagePipeline(stack, 'Pipeline', {
  recipe: new ImageRecipe(stack, 'Recipe', {
    parentImage: ParentImage.fromSsmParameterName('/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64'),
  }),
  workflows: [
    { workflow: build },
    { workflow: test, parameters: { approvalTopicArn: WorkflowParameterValue.fromString(approvals.topicArn) } },
  ],
  enabled: false,
});

const integ = new IntegTest(app, 'WorkflowTest', { testCases: [stack] });

integ.assertions
  .awsApiCall('Imagebuilder', 'getWorkflow', { workflowBuildVersionArn: test.workflowArn })
  .expect(ExpectedResult.objectLike({
    workflow: { type: 'TEST', description: 'Runs the tests, then waits for an approval (YAML file)', parameters: [{ name: 'approvalTopicArn', type: 'string' }] },
  }));

integ.assertions
  .awsApiCall('Imagebuilder', 'getWorkflow', { workflowBuildVersionArn: build.workflowArn })
  .expect(ExpectedResult.objectLike({ workflow: { type: 'BUILD', description: 'Builds and notifies (typed document)' } }));

app.synth();
