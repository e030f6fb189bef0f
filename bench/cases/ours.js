'use strict';
// One container pipeline with this library, with its defaults: the recipe creates its ECR
// repository, the pipeline its log groups and the instance role's push grants; scanning is on
// by default (image tests are on).
const path = require('path');
const ib = require(process.env.BENCH_OURS_LIB ?? path.join(__dirname, '..', '.build', 'node_modules', 'cdk-imagebuilder', 'lib'));

/**
 * @param {import('aws-cdk-lib').Stack} stack
 * @param {number} i index of the pipeline in the stack
 */
function addPipeline(stack, i) {
  const id = `Pipeline${i}`;
  const recipe = new ib.ContainerRecipe(stack, `${id}Recipe`, {
    parentImage: ib.ContainerParentImage.fromDockerHub('amazonlinux', 'latest'),
    components: [{
      component: ib.Component.fromAwsManagedComponent(stack, `${id}UpdateLinux`, ib.AwsManagedComponentName.UPDATE_LINUX),
    }],
  });
  const infrastructureConfiguration = new ib.InfrastructureConfiguration(stack, `${id}Infrastructure`);
  const distributionConfiguration = new ib.DistributionConfiguration(stack, `${id}Distribution`, {
    containerDistributions: [{
      targetRepository: ib.DistributionRepository.fromRepository(recipe.targetRepository),
      containerTags: ['latest'],
    }],
  });
  return new ib.ImagePipeline(stack, id, {
    recipe,
    infrastructureConfiguration,
    distributionConfiguration,
    schedule: ib.PipelineSchedule.cron({ minute: '0', hour: '4', weekDay: 'MON' }),
    imageScanning: { enabled: true },
  });
}

module.exports = { name: 'ours', addPipeline };
