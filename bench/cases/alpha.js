'use strict';
// One container pipeline with the official @aws-cdk/aws-imagebuilder-alpha, written the way its
// README shows: the user brings the ECR repository (configured like the one this library creates:
// scan on push, keep the last 50 images, retained), the alpha creates the rest by default.
const { RemovalPolicy, aws_ecr: ecr, aws_events: events } = require('aws-cdk-lib');
const ib = require('@aws-cdk/aws-imagebuilder-alpha');

/**
 * @param {import('aws-cdk-lib').Stack} stack
 * @param {number} i index of the pipeline in the stack
 */
function addPipeline(stack, i) {
  const id = `Pipeline${i}`;
  const repository = new ecr.Repository(stack, `${id}Repository`, {
    imageScanOnPush: true,
    lifecycleRules: [{ description: 'Keep the last 50 images', maxImageCount: 50 }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const target = ib.Repository.fromEcr(repository);
  const recipe = new ib.ContainerRecipe(stack, `${id}Recipe`, {
    baseImage: ib.BaseContainerImage.fromDockerHub('amazonlinux', 'latest'),
    targetRepository: target,
    containerRecipeVersion: '1.0.0',
    components: [{
      component: ib.AmazonManagedComponent.updateOs(stack, `${id}UpdateOs`, { platform: ib.Platform.LINUX }),
    }],
  });
  const infrastructureConfiguration = new ib.InfrastructureConfiguration(stack, `${id}Infrastructure`, {
    isContainerBuild: true,
  });
  const distributionConfiguration = new ib.DistributionConfiguration(stack, `${id}Distribution`, {
    containerDistributions: [{ containerRepository: target, containerTags: ['latest'] }],
  });
  return new ib.ImagePipeline(stack, id, {
    recipe,
    infrastructureConfiguration,
    distributionConfiguration,
    schedule: { expression: events.Schedule.cron({ minute: '0', hour: '4', weekDay: 'MON' }) },
    imageScanningEnabled: true,
  });
}

module.exports = { name: 'alpha', addPipeline };
