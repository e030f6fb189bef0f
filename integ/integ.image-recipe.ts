/**
 * An image recipe on an AWS managed parent image (the latest Amazon Linux 2023 image Image
 * Builder offers) with an AWS managed component, an encrypted root volume and a working
 * directory and an AMI watermark, in its default automatic version (`1.0.x`). The assertion reads the recipe back from
 * Image Builder: its platform, parent image, components and settings as they were given.
 */
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Size, Stack } from 'aws-cdk-lib';
import {
  AwsManagedComponentName,
  Component,
  EbsVolumeType,
  ImageRecipe,
  ParentImage,
} from '../src';

const PARENT_IMAGE_NAME = 'amazon-linux-2023-x86';

const app = new App();
const stack = new Stack(app, 'ImageBuilderImageRecipeInteg');

const updateLinux = Component.fromAwsManagedComponent(stack, 'UpdateLinux', AwsManagedComponentName.UPDATE_LINUX);

const recipe = new ImageRecipe(stack, 'Recipe', {
  description: 'Integration test image recipe',
  parentImage: ParentImage.fromAwsManagedImage(PARENT_IMAGE_NAME),
  components: [{ component: updateLinux }],
  blockDevices: [{
    deviceName: '/dev/xvda',
    ebs: { volumeSize: Size.gibibytes(20), volumeType: EbsVolumeType.GP3, encrypted: true, deleteOnTermination: true },
  }],
  workingDirectory: '/var/tmp',
  amiWatermarks: ['cdk-imagebuilder-integ'],
  tags: { project: 'cdk-imagebuilder' },
});

const integ = new IntegTest(app, 'ImageRecipeTest', { testCases: [stack] });

integ.assertions
  .awsApiCall('Imagebuilder', 'getImageRecipe', { imageRecipeArn: recipe.imageRecipeArn })
  .expect(ExpectedResult.objectLike({
    imageRecipe: {
      platform: 'Linux',
      description: 'Integration test image recipe',
      // The recipe keeps the parent image and the components as given, wildcard versions included.
      parentImage: stack.formatArn({
        service: 'imagebuilder',
        account: 'aws',
        resource: 'image',
        resourceName: `${PARENT_IMAGE_NAME}/x.x.x`,
      }),
      components: [{ componentArn: updateLinux.componentArn }],
      workingDirectory: '/var/tmp',
      amiWatermarks: ['cdk-imagebuilder-integ'],
      blockDeviceMappings: [{
        deviceName: '/dev/xvda',
        ebs: { volumeSize: 20, volumeType: 'gp3', encrypted: true, deleteOnTermination: true },
      }],
    },
  }));

app.synth();
