/**
 * The official alpha (`@aws-cdk/aws-imagebuilder-alpha`) accepts these values; the Image Builder
 * API rejects them (or the build fails). `ImageBuilderChecks` reports each at synth.
 */
import * as ib from '@aws-cdk/aws-imagebuilder-alpha';
import { Stack, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import { ImageBuilderChecks } from '../src';
import { strictApp } from './helpers';

/** The synth error of a stack built with the alpha, with the plugin added ('' when synth passes). */
function synthError(build: (stack: Stack) => void): string {
  const app = strictApp();
  Validations.of(app).addPlugins(new ImageBuilderChecks());
  build(new Stack(app, 'Stack', { env: { account: '123456789012', region: 'us-east-1' } }));
  try {
    app.synth();
    return '';
  } catch (e) {
    return String((e as Error).message);
  }
}

const DOCUMENT = ib.ComponentData.fromJsonObject({
  schemaVersion: ib.ComponentSchemaVersion.V1_0,
  phases: [{ name: ib.ComponentPhaseName.BUILD, steps: [{ name: 'Hello', action: ib.ComponentAction.EXECUTE_BASH, inputs: { commands: ['echo hi'] } }] }],
});

describe('ImageBuilderChecks on the official alpha', () => {
  test('a component version 1.0 is reported', () => {
    const message = synthError(stack => new ib.Component(stack, 'Component', { componentVersion: '1.0', platform: ib.Platform.LINUX, data: DOCUMENT }));
    expect(message).toMatch(/ImageBuilder-Version/);
    expect(message).toMatch(/Stack\/Component/);
  });

  test('a description of 1025 characters is reported', () => {
    const message = synthError(stack => new ib.Component(stack, 'Component', { description: 'x'.repeat(1025), platform: ib.Platform.LINUX, data: DOCUMENT }));
    expect(message).toMatch(/ImageBuilder-Description/);
  });

  test('a Linux AWS-managed component on a Windows Server parent image is reported', () => {
    const message = synthError(stack => new ib.ImageRecipe(stack, 'Recipe', {
      baseImage: ib.BaseImage.fromImage(ib.AmazonManagedImage.windowsServer2022Full(stack, 'Windows', { imageType: ib.ImageType.AMI, imageArchitecture: ib.ImageArchitecture.X86_64 })),
      components: [{ component: ib.AmazonManagedComponent.updateOs(stack, 'UpdateOs', { platform: ib.Platform.LINUX }) }],
    }));
    expect(message).toMatch(/ImageBuilder-ComponentPlatform/);
    expect(message).toMatch(/is a Linux component, but the recipe builds Windows images/);
  });

  test('a five-field cron is reported', () => {
    const message = synthError(stack => {
      const recipe = new ib.ImageRecipe(stack, 'Recipe', {
        baseImage: ib.BaseImage.fromImage(ib.AmazonManagedImage.amazonLinux2023(stack, 'Linux', { imageType: ib.ImageType.AMI, imageArchitecture: ib.ImageArchitecture.X86_64 })),
        components: [{ component: ib.AmazonManagedComponent.updateOs(stack, 'UpdateOs', { platform: ib.Platform.LINUX }) }],
      });
      new ib.ImagePipeline(stack, 'Pipeline', { recipe, schedule: { expression: events.Schedule.expression('cron(0 0 * * *)') } });
    });
    expect(message).toMatch(/ImageBuilder-Schedule/);
    expect(message).not.toMatch(/ImageBuilder-ComponentPlatform/);
  });

  test('the same stacks with valid values are not reported', () => {
    expect(synthError(stack => {
      new ib.Component(stack, 'Component', { componentVersion: '1.0.0', platform: ib.Platform.LINUX, data: DOCUMENT });
      const recipe = new ib.ImageRecipe(stack, 'Recipe', {
        baseImage: ib.BaseImage.fromImage(ib.AmazonManagedImage.amazonLinux2023(stack, 'Linux', { imageType: ib.ImageType.AMI, imageArchitecture: ib.ImageArchitecture.X86_64 })),
        components: [{ component: ib.AmazonManagedComponent.updateOs(stack, 'UpdateOs', { platform: ib.Platform.LINUX }) }],
      });
      new ib.ImagePipeline(stack, 'Pipeline', { recipe, schedule: { expression: events.Schedule.expression('cron(0 0 * * ? *)') } });
    })).toBe('');
  });
});
