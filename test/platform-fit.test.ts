import { Lazy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { strictStack } from './helpers';
import {
  AwsManagedComponentName,
  Component,
  ComponentData,
  ComponentPlatform,
  ContainerParentImage,
  ContainerPlatform,
  ContainerRecipe,
  Image,
  ImageRecipe,
  ImageSource,
  ParentImage,
} from '../src';

const LINUX_DOCUMENT = 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Hello\n        action: ExecuteBash\n        inputs:\n          commands: ["echo hi"]\n';
const WINDOWS_DOCUMENT = 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Hello\n        action: ExecutePowerShell\n        inputs:\n          commands: ["Write-Host hi"]\n';

describe('platform fit between a container recipe and its components', () => {
  test('throws when a Linux component is on a Windows container recipe, and the reverse, naming both', () => {
    const stack = strictStack();
    const linux = new Component(stack, 'LinuxTool', { platform: ComponentPlatform.LINUX, data: ComponentData.fromInline(LINUX_DOCUMENT) });
    expect(() => new ContainerRecipe(stack, 'WindowsContainers', {
      parentImage: ContainerParentImage.fromDockerHub('mcr.microsoft.com/windows/servercore', 'ltsc2022'),
      platformOverride: ContainerPlatform.WINDOWS,
      imageOsVersionOverride: 'Microsoft Windows Server 2022',
      components: [{ component: linux }],
    })).toThrow(/Stack\/WindowsContainers: components\[0\] 'Stack\/LinuxTool' is a Linux component, but the recipe builds Windows images/);
    expect(() => new ContainerRecipe(stack, 'LinuxContainers', {
      parentImage: ContainerParentImage.fromDockerHub('amazonlinux', '2023'),
      platformOverride: ContainerPlatform.LINUX,
      components: [{ component: Component.fromAwsManagedComponent(stack, 'Update', AwsManagedComponentName.UPDATE_WINDOWS) }],
    })).toThrow(/components\[0\] 'Stack\/Update' is a Windows component, but the recipe builds Linux images/);
  });

  test('matching platforms, and a container recipe of unknown platform, are accepted', () => {
    const stack = strictStack();
    const linux = new Component(stack, 'LinuxTool', { platform: ComponentPlatform.LINUX, data: ComponentData.fromInline(LINUX_DOCUMENT) });
    expect(new ContainerRecipe(stack, 'Linux', {
      parentImage: ContainerParentImage.fromDockerHub('amazonlinux', '2023'),
      platformOverride: ContainerPlatform.LINUX,
      components: [{ component: linux }],
    }).platform).toBe(ComponentPlatform.LINUX);
    expect(new ContainerRecipe(stack, 'Unknown', {
      parentImage: ContainerParentImage.fromDockerHub('amazonlinux', '2023'),
      components: [{ component: Component.fromAwsManagedComponent(stack, 'Update', AwsManagedComponentName.UPDATE_WINDOWS) }],
    }).platform).toBeUndefined();
  });
});

describe('platform fit for a parent image given by ARN or as a string', () => {
  const AWS_WINDOWS_IMAGE = 'arn:aws:imagebuilder:us-east-1:aws:image/windows-server-2022-english-full-base-x86/x.x.x';

  test('an AWS-managed image\'s ARN (fromImageArn, fromString) gives an image recipe its platform', () => {
    const stack = strictStack();
    const linux = new Component(stack, 'LinuxTool', { platform: ComponentPlatform.LINUX, data: ComponentData.fromInline(LINUX_DOCUMENT) });
    expect(() => new ImageRecipe(stack, 'ByArn', { parentImage: ParentImage.fromImageArn(AWS_WINDOWS_IMAGE), components: [{ component: linux }] }))
      .toThrow(/Stack\/ByArn: components\[0\] 'Stack\/LinuxTool' is a Linux component, but the recipe builds Windows images/);
    expect(() => new ImageRecipe(stack, 'ByString', { parentImage: ParentImage.fromString(AWS_WINDOWS_IMAGE), components: [{ component: linux }] }))
      .toThrow(/Stack\/ByString: components\[0\] 'Stack\/LinuxTool' is a Linux component/);
    // An image of an account, and a token, say nothing.
    expect(new ImageRecipe(stack, 'Own', {
      parentImage: ParentImage.fromImageArn('arn:aws:imagebuilder:us-east-1:111122223333:image/windows-golden/1.x.x'),
      components: [{ component: linux }],
    }).platform).toBeUndefined();
    expect(new ImageRecipe(stack, 'Token', {
      parentImage: ParentImage.fromString(Lazy.string({ produce: () => AWS_WINDOWS_IMAGE })),
      components: [{ component: linux }],
    }).platform).toBeUndefined();
  });

  test('an AWS-managed parent image gives a container recipe its platform', () => {
    const stack = strictStack();
    const windows = new Component(stack, 'WindowsTool', { platform: ComponentPlatform.WINDOWS, data: ComponentData.fromInline(WINDOWS_DOCUMENT) });
    expect(() => new ContainerRecipe(stack, 'Containers', {
      parentImage: ContainerParentImage.fromAwsManagedImage('amazon-linux-x86-2'),
      components: [{ component: windows }],
    })).toThrow(/Stack\/Containers: components\[0\] 'Stack\/WindowsTool' is a Windows component, but the recipe builds Linux images/);
  });
});

describe('platform fit between a recipe and its components', () => {
  test('throws when a Linux component (authored) is on a Windows recipe, naming both', () => {
    const stack = strictStack();
    const linux = new Component(stack, 'LinuxTool', { platform: ComponentPlatform.LINUX, data: ComponentData.fromInline(LINUX_DOCUMENT) });
    expect(() => new ImageRecipe(stack, 'WindowsRecipe', {
      parentImage: ParentImage.fromAwsManagedImage('windows-server-2022-english-full-base-x86'),
      components: [{ component: linux }],
    })).toThrow(/Stack\/WindowsRecipe: components\[0\] 'Stack\/LinuxTool' is a Linux component, but the recipe builds Windows images/);
  });

  test('throws when an AWS-managed Windows component is on a Linux recipe (an SSM parameter of Amazon Linux)', () => {
    const stack = strictStack();
    expect(() => new ImageRecipe(stack, 'LinuxRecipe', {
      parentImage: ParentImage.fromSsmParameterName('/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64'),
      components: [{ component: Component.fromAwsManagedComponent(stack, 'Update', AwsManagedComponentName.UPDATE_WINDOWS) }],
    })).toThrow(/components\[0\] 'Stack\/Update' is a Windows component, but the recipe builds Linux images/);
  });

  test('a machine image\'s osType and the platform prop give the recipe\'s platform', () => {
    const stack = strictStack();
    const windows = new Component(stack, 'WindowsTool', { platform: ComponentPlatform.WINDOWS, data: ComponentData.fromInline(WINDOWS_DOCUMENT) });
    expect(() => new ImageRecipe(stack, 'FromMachineImage', {
      parentImage: ParentImage.fromMachineImage(ec2.MachineImage.latestAmazonLinux2023()),
      components: [{ component: windows }],
    })).toThrow(/is a Windows component, but the recipe builds Linux images/);
    expect(() => new ImageRecipe(stack, 'Declared', {
      parentImage: ParentImage.fromAmiId('ami-0123456789abcdef0'),
      platform: ComponentPlatform.LINUX,
      components: [{ component: windows }],
    })).toThrow(/is a Windows component, but the recipe builds Linux images/);
  });

  test('matching platforms, an unknown parent image and a token image name are accepted', () => {
    const stack = strictStack();
    const recipe = new ImageRecipe(stack, 'Windows', {
      parentImage: ParentImage.fromMachineImage(ec2.MachineImage.latestWindows(ec2.WindowsVersion.WINDOWS_SERVER_2022_ENGLISH_FULL_BASE)),
      components: [{ component: Component.fromAwsManagedComponent(stack, 'Update', AwsManagedComponentName.UPDATE_WINDOWS) }],
    });
    expect(recipe.platform).toBe(ComponentPlatform.WINDOWS);
    const linux = new Component(stack, 'LinuxTool', { platform: ComponentPlatform.LINUX, data: ComponentData.fromInline(LINUX_DOCUMENT) });
    expect(new ImageRecipe(stack, 'Unknown', { parentImage: ParentImage.fromAmiId('ami-0123456789abcdef0'), components: [{ component: linux }] }).platform).toBeUndefined();
    const tokenName = Lazy.string({ produce: () => 'windows-server-2022-english-full-base-x86' });
    expect(new ImageRecipe(stack, 'Token', { parentImage: ParentImage.fromAwsManagedImage(tokenName), components: [{ component: linux }] }).platform).toBeUndefined();
  });

  test('the machine image of an image built from a Windows recipe is a Windows image', () => {
    const stack = strictStack();
    const recipe = new ImageRecipe(stack, 'Windows', {
      parentImage: ParentImage.fromAwsManagedImage('windows-server-2022-english-full-base-x86'),
      components: [{ component: Component.fromAwsManagedComponent(stack, 'Update', AwsManagedComponentName.UPDATE_WINDOWS) }],
    });
    const image = new Image(stack, 'Image', { source: ImageSource.fromRecipe(recipe) });
    expect(image.toMachineImage().getImage(stack).osType).toBe(ec2.OperatingSystemType.WINDOWS);
    expect(image.toMachineImage({ osType: ec2.OperatingSystemType.LINUX }).getImage(stack).osType).toBe(ec2.OperatingSystemType.LINUX);
  });
});
