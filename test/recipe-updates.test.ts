/**
 * Update safety of recipes (issue 13): every change of a recipe's content reaches AWS, and
 * versions that would collide are flagged at synth.
 *
 * Image Builder has no update call for recipes: a change only reaches AWS when CloudFormation
 * replaces the recipe, that is when a create-only property changes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Size, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { strictStack } from './helpers';
import {
  AwsManagedComponentName,
  Component,
  ContainerInstanceImage,
  ContainerParentImage,
  ContainerRecipe,
  DockerfileTemplate,
  ImageRecipe,
  ImageRecipeProps,
  ParentImage,
} from '../src';

/**
 * The create-only properties of the recipes (CloudFormation registry schemas,
 * AWS-ImageBuilder-ImageRecipe.json and AWS-ImageBuilder-ContainerRecipe.json, `createOnlyProperties`).
 * Every other property but Tags (which Image Builder updates with TagResource) is updated in place.
 */
const CREATE_ONLY = {
  'AWS::ImageBuilder::ImageRecipe': ['BlockDeviceMappings', 'Components', 'Description', 'Name', 'ParentImage', 'Version', 'WorkingDirectory'],
  'AWS::ImageBuilder::ContainerRecipe': [
    'Components', 'ContainerType', 'Description', 'DockerfileTemplateData', 'DockerfileTemplateUri', 'ImageOsVersionOverride',
    'InstanceConfiguration', 'KmsKeyId', 'Name', 'ParentImage', 'PlatformOverride', 'TargetRepository', 'Version', 'WorkingDirectory',
  ],
};

function imageRecipeProperties(props: Partial<ImageRecipeProps>): Record<string, unknown> {
  const stack = strictStack();
  new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromAmiId('ami-0123456789abcdef0'), ...props });
  const [resource] = Object.values(Template.fromStack(stack).findResources('AWS::ImageBuilder::ImageRecipe'));
  return resource.Properties;
}

const userData = (command: string) => {
  const u = ec2.UserData.forLinux();
  u.addCommands(command);
  return u;
};

describe('an image recipe: every change of its content replaces it', () => {
  test.each<[string, Partial<ImageRecipeProps>, Partial<ImageRecipeProps>]>([
    ['user data', { userDataOverride: userData('echo v1') }, { userDataOverride: userData('echo v2') }],
    ['AMI tags', { amiTags: { Team: 'a' } }, { amiTags: { Team: 'b' } }],
    ['AMI tags added', {}, { amiTags: { Team: 'a' } }],
    ['the SSM agent setting', { uninstallSsmAgentAfterBuild: false }, { uninstallSsmAgentAfterBuild: true }],
    ['user data, with a description', { description: 'Golden', userDataOverride: userData('echo v1') }, { description: 'Golden', userDataOverride: userData('echo v2') }],
  ])('%s: v1 and v2 differ in a create-only property', (_, v1, v2) => {
    const [before, after] = [imageRecipeProperties(v1), imageRecipeProperties(v2)];
    const changed = Object.keys({ ...before, ...after }).filter(k => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.filter(k => CREATE_ONLY['AWS::ImageBuilder::ImageRecipe'].includes(k))).not.toEqual([]);
  });

  test('the fingerprint follows the given description, and is stable between synths', () => {
    const props = { description: 'Golden', amiTags: { Team: 'a' } };
    const description = imageRecipeProperties(props).Description;
    expect(description).toMatch(/^Golden \[content [0-9a-f]{16}\]$/);
    expect(imageRecipeProperties(props).Description).toEqual(description);
  });

  test('a recipe whose content is all create-only keeps its description as given', () => {
    expect(imageRecipeProperties({ description: 'Golden' }).Description).toBe('Golden');
    expect(imageRecipeProperties({}).Description).toBeUndefined();
  });

  test('a description too long to hold the fingerprint is rejected', () => {
    expect(() => imageRecipeProperties({ description: 'd'.repeat(1000), amiTags: { Team: 'a' } }))
      .toThrow(/Stack\/Recipe: description 'd+\.\.\. \(1000 characters\) must be between 1 and 997 characters long \(got 1000\)/);
  });
});

describe('a container recipe', () => {
  test('sets only create-only properties (and Tags): each change replaces it', () => {
    const stack = strictStack();
    new ContainerRecipe(stack, 'Recipe', {
      parentImage: ContainerParentImage.fromDockerHub('amazonlinux', '2023'),
      components: [{ component: Component.fromAwsManagedComponent(stack, 'Update', AwsManagedComponentName.UPDATE_LINUX) }],
      description: 'Golden',
      workingDirectory: '/build',
      instanceConfiguration: {
        image: ContainerInstanceImage.fromAmiId('ami-0123456789abcdef0'),
        blockDevices: [{ deviceName: '/dev/xvda', ebs: { volumeSize: Size.gibibytes(50) } }],
      },
      tags: { Team: 'a' },
    });
    const [resource] = Object.values(Template.fromStack(stack).findResources('AWS::ImageBuilder::ContainerRecipe'));
    const updatedInPlace = Object.keys(resource.Properties).filter(k => k !== 'Tags' && !CREATE_ONLY['AWS::ImageBuilder::ContainerRecipe'].includes(k));
    expect(updatedInPlace).toEqual([]);
  });
});

describe('exact recipe versions', () => {
  const latestAl2023 = () => ec2.MachineImage.latestAmazonLinux2023();

  test('an exact image recipe version is warned about', () => {
    const stack = strictStack();
    new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromAmiId('ami-0123456789abcdef0'), imageRecipeVersion: '1.0.0' });
    Annotations.fromStack(stack).hasWarning('/Stack/Recipe',
      Match.stringLikeRegexp("imageRecipeVersion '1\\.0\\.0' is exact: every change of the recipe's content replaces the recipe.*already exists"));
  });

  test('an exact container recipe version is warned about', () => {
    const stack = strictStack();
    new ContainerRecipe(stack, 'Recipe', {
      parentImage: ContainerParentImage.fromDockerHub('amazonlinux', '2023'),
      components: [{ component: Component.fromAwsManagedComponent(stack, 'Update', AwsManagedComponentName.UPDATE_LINUX) }],
      containerRecipeVersion: '2.0.0',
    });
    Annotations.fromStack(stack).hasWarning('/Stack/Recipe', Match.stringLikeRegexp("containerRecipeVersion '2\\.0\\.0' is exact"));
  });

  test('a version with x is not warned about', () => {
    const stack = strictStack();
    new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromMachineImage(latestAl2023()), imageRecipeVersion: '1.0.x' });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('is exact'))).toEqual([]);
  });

  test('an exact version is an error when the parent image is resolved at each deployment', () => {
    const stack = strictStack();
    expect(() => new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromMachineImage(latestAl2023()), imageRecipeVersion: '1.0.0' }))
      .toThrow("Stack/Recipe: imageRecipeVersion '1.0.0' must have an x node (for example '1.0.x') when parentImage is resolved at deployment");
  });

  test('an exact version is an error when the container build instance image is resolved at each deployment', () => {
    const stack = strictStack();
    expect(() => new ContainerRecipe(stack, 'Recipe', {
      parentImage: ContainerParentImage.fromDockerHub('amazonlinux', '2023'),
      components: [{ component: Component.fromAwsManagedComponent(stack, 'Update', AwsManagedComponentName.UPDATE_LINUX) }],
      instanceConfiguration: { image: ContainerInstanceImage.fromMachineImage(ec2.MachineImage.fromSsmParameter('/my/ami')) },
      containerRecipeVersion: '1.0.0',
    })).toThrow("Stack/Recipe: containerRecipeVersion '1.0.0' must have an x node (for example '1.0.x') when instanceConfiguration.image is resolved at deployment");
  });

  test('an exact version with an SSM parameter read by Image Builder at build time is only warned about', () => {
    const stack: Stack = strictStack();
    new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromSsmParameterName('/golden/ami'), imageRecipeVersion: '1.0.0' });
    Annotations.fromStack(stack).hasWarning('/Stack/Recipe', Match.stringLikeRegexp('is exact'));
  });
});

describe('a Dockerfile template in S3', () => {
  function containerRecipeProperties(template: DockerfileTemplate, description?: string): Record<string, unknown> {
    const stack = strictStack();
    new ContainerRecipe(stack, 'Recipe', {
      parentImage: ContainerParentImage.fromDockerHub('amazonlinux', '2023'),
      components: [{ component: Component.fromAwsManagedComponent(stack, 'Update', AwsManagedComponentName.UPDATE_LINUX) }],
      dockerfileTemplate: template,
      description,
    });
    const [resource] = Object.values(Template.fromStack(stack).findResources('AWS::ImageBuilder::ContainerRecipe'));
    return resource.Properties;
  }
  const bucket = () => s3.Bucket.fromBucketName(strictStack(), 'Bucket', 'my-templates');

  test('under a fixed key, without a version: the same recipe whatever the object holds (documented)', () => {
    const props = containerRecipeProperties(DockerfileTemplate.fromS3(bucket(), 'Dockerfile'));
    expect(props.DockerfileTemplateUri).toBe('s3://my-templates/Dockerfile');
    expect(props.Description).toBeUndefined();
  });

  test('with an object version: v1 and v2 differ in the create-only description', () => {
    const v1 = containerRecipeProperties(DockerfileTemplate.fromS3(bucket(), 'Dockerfile', '3sL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY'), 'Golden');
    const v2 = containerRecipeProperties(DockerfileTemplate.fromS3(bucket(), 'Dockerfile', 'K0NnVuZEWGPrX7ysuzvDqDnhFoUSc2a4'), 'Golden');
    expect(v1.Description).toMatch(/^Golden \[content [0-9a-f]{16}\]$/);
    expect(v2.Description).not.toEqual(v1.Description);
    expect(v2.DockerfileTemplateUri).toEqual(v1.DockerfileTemplateUri);
  });

  test('from a local file (an asset): v1 and v2 differ in the create-only template URI', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerfile-'));
    const write = (name: string, text: string) => {
      fs.writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    };
    const base = 'FROM {{{ imagebuilder:parentImage }}}\n{{{ imagebuilder:environments }}}\n{{{ imagebuilder:components }}}\n';
    const v1 = containerRecipeProperties(DockerfileTemplate.fromFile(write('v1', base)));
    const v2 = containerRecipeProperties(DockerfileTemplate.fromFile(write('v2', `${base}RUN echo v2\n`)));
    expect(JSON.stringify(v2.DockerfileTemplateUri)).not.toEqual(JSON.stringify(v1.DockerfileTemplateUri));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
