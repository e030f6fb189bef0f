/**
 * Lifecycle policies: a golden AMI pipeline that keeps its last 5 builds (`retention`), and a
 * policy that deletes the AMIs selected by tag after 90 days, except those launched in the last 30
 * days or tagged `keep=true`, always keeping the 3 newest. Both are disabled, so that they never
 * delete anything during the test; the pipeline is disabled too. The assertions read the policies
 * back from Image Builder.
 */
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import {
  AwsManagedComponentName,
  Component,
  ImagePipeline,
  ImageRecipe,
  LifecyclePolicy,
  LifecycleRule,
  LifecycleSelection,
  ParentImage,
} from '../src';

const app = new App();
const stack = new Stack(app, 'ImageBuilderLifecyclePolicyInteg');

const recipe = new ImageRecipe(stack, 'Recipe', {
  description: 'Integration test recipe of a pipeline with retention',
  parentImage: ParentImage.fromAwsManagedImage('amazon-linux-2023-x86'),
  components: [{ component: Component.fromAwsManagedComponent(stack, 'UpdateLinux', AwsManagedComponentName.UPDATE_LINUX) }],
});

const pipeline = new ImagePipeline(stack, 'Pipeline', {
  recipe,
  enabled: false,
  imageTags: { lifecycle: 'integ' },
  logRetention: logs.RetentionDays.ONE_WEEK,
  logRemovalPolicy: RemovalPolicy.DESTROY,
});
const retention = pipeline.addRetention({ keepLast: 5 });

const cleanup = new LifecyclePolicy(stack, 'OldAmis', {
  description: 'Deletes AMIs older than 90 days, except recently launched or kept ones',
  enabled: false,
  selection: LifecycleSelection.tags({ lifecycle: 'integ' }),
  rules: [LifecycleRule.deleteAfter(Duration.days(90), {
    retainAtLeast: 3,
    exclusions: { amisLaunchedWithin: Duration.days(30), amiTags: { keep: 'true' } },
  })],
  tags: { purpose: 'lifecycle-policy-test' },
});

const integ = new IntegTest(app, 'LifecyclePolicyTest', { testCases: [stack] });

integ.assertions
  .awsApiCall('Imagebuilder', 'getLifecyclePolicy', { lifecyclePolicyArn: cleanup.lifecyclePolicyArn })
  .expect(ExpectedResult.objectLike({
    lifecyclePolicy: {
      description: 'Deletes AMIs older than 90 days, except recently launched or kept ones',
      status: 'DISABLED',
      resourceType: 'AMI_IMAGE',
      resourceSelection: { tagMap: { lifecycle: 'integ' } },
      policyDetails: [{
        action: { type: 'DELETE', includeResources: { amis: true, snapshots: true } },
        filter: { type: 'AGE', value: 90, unit: 'DAYS', retainAtLeast: 3 },
        exclusionRules: { amis: { lastLaunched: { value: 30, unit: 'DAYS' }, tagMap: { keep: 'true' } } },
      }],
      tags: { purpose: 'lifecycle-policy-test' },
    },
  }));

integ.assertions
  .awsApiCall('Imagebuilder', 'getLifecyclePolicy', { lifecyclePolicyArn: retention.lifecyclePolicyArn })
  .expect(ExpectedResult.objectLike({
    lifecyclePolicy: {
      status: 'ENABLED',
      resourceType: 'AMI_IMAGE',
      resourceSelection: { recipes: [{ name: recipe.imageRecipeName, semanticVersion: 'x.x.x' }] },
      policyDetails: [{
        action: { type: 'DELETE', includeResources: { amis: true, snapshots: true } },
        filter: { type: 'COUNT', value: 5 },
      }],
    },
  }));

app.synth();
