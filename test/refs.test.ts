import { aws_imagebuilder as cfn, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { strictStack } from './helpers';
import { SCENARIOS } from './scenarios';
import {
  Component,
  ContainerRecipe,
  DistributionConfiguration,
  Image,
  ImagePipeline,
  ImageRecipe,
  InfrastructureConfiguration,
  LifecyclePolicy,
  Workflow,
} from '../src';

const ARN = (type: string, rest: string) => `arn:aws:imagebuilder:us-east-1:123456789012:${type}/${rest}`;

/** Each construct class, the aws-cdk-lib function that takes its reference, and its ARN. */
const KINDS: Array<{ cls: Function; arnFor: (x: any) => string; arn: (x: any) => string; imported: (s: Stack) => IConstruct }> = [
  { cls: Component, arnFor: cfn.CfnComponent.arnForComponent, arn: x => x.componentArn, imported: s => Component.fromComponentArn(s, 'C', ARN('component', 'c/1.0.0/1')) },
  { cls: ContainerRecipe, arnFor: cfn.CfnContainerRecipe.arnForContainerRecipe, arn: x => x.containerRecipeArn, imported: s => ContainerRecipe.fromContainerRecipeArn(s, 'CR', ARN('container-recipe', 'cr/1.0.0')) },
  { cls: DistributionConfiguration, arnFor: cfn.CfnDistributionConfiguration.arnForDistributionConfiguration, arn: x => x.distributionConfigurationArn, imported: s => DistributionConfiguration.fromDistributionConfigurationArn(s, 'D', ARN('distribution-configuration', 'd')) },
  { cls: Image, arnFor: cfn.CfnImage.arnForImage, arn: x => x.imageArn, imported: s => Image.fromImageArn(s, 'I', ARN('image', 'r/1.0.0/1')) },
  { cls: ImagePipeline, arnFor: cfn.CfnImagePipeline.arnForImagePipeline, arn: x => x.imagePipelineArn, imported: s => ImagePipeline.fromImagePipelineArn(s, 'P', ARN('image-pipeline', 'p')) },
  { cls: ImageRecipe, arnFor: cfn.CfnImageRecipe.arnForImageRecipe, arn: x => x.imageRecipeArn, imported: s => ImageRecipe.fromImageRecipeArn(s, 'R', ARN('image-recipe', 'r/1.0.0')) },
  { cls: InfrastructureConfiguration, arnFor: cfn.CfnInfrastructureConfiguration.arnForInfrastructureConfiguration, arn: x => x.infrastructureConfigurationArn, imported: s => InfrastructureConfiguration.fromInfrastructureConfigurationArn(s, 'IC', ARN('infrastructure-configuration', 'ic')) },
  { cls: LifecyclePolicy, arnFor: cfn.CfnLifecyclePolicy.arnForLifecyclePolicy, arn: x => x.lifecyclePolicyArn, imported: s => LifecyclePolicy.fromLifecyclePolicyArn(s, 'L', ARN('lifecycle-policy', 'l')) },
  { cls: Workflow, arnFor: cfn.CfnWorkflow.arnForWorkflow, arn: x => x.workflowArn, imported: s => Workflow.fromWorkflowArn(s, 'W', ARN('workflow', 'test/w/1.0.0/1')) },
];

describe('our constructs are aws-cdk-lib references (I...Ref)', () => {
  test('every construct the scenarios build is taken by aws-cdk-lib\'s arnFor... as its own ARN', () => {
    const seen = new Set<string>();
    for (const scenario of SCENARIOS) {
      const stack = scenario.build();
      for (const construct of stack.node.findAll()) {
        for (const kind of KINDS) {
          if (construct instanceof kind.cls) {
            expect(stack.resolve(kind.arnFor(construct))).toEqual(stack.resolve(kind.arn(construct)));
            seen.add(kind.cls.name);
          }
        }
      }
    }
    expect([...seen].sort()).toEqual(KINDS.map(k => k.cls.name).sort());
  });

  test('an imported construct is taken as its ARN', () => {
    const stack = strictStack();
    for (const kind of KINDS) {
      const imported = kind.imported(stack);
      expect(kind.arnFor(imported)).toEqual(kind.arn(imported));
    }
  });
});
