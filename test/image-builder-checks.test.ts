import { App, Aws, Stack, Validations } from 'aws-cdk-lib';
import * as imagebuilder from 'aws-cdk-lib/aws-imagebuilder';
import { strictApp } from './helpers';
import { ImageBuilderChecks } from '../src';
import { SCENARIOS } from './scenarios';

function synthError(build: (stack: Stack) => void, before?: (app: App) => void): string {
  const app = strictApp();
  Validations.of(app).addPlugins(new ImageBuilderChecks());
  const stack = new Stack(app, 'Stack');
  build(stack);
  before?.(app);
  try {
    app.synth();
    return '';
  } catch (e) {
    return String((e as Error).message);
  }
}

const YAML = 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Hello\n        action: ExecuteBash\n        inputs:\n          commands: ["echo hi"]\n';

describe('ImageBuilderChecks', () => {
  test('a raw L1 component version 1.0 is reported at its construct path with the rule id', () => {
    const message = synthError(stack => new imagebuilder.CfnComponent(stack, 'Bad', { name: 'hello', platform: 'Linux', version: '1.0', data: YAML }));
    expect(message).toMatch(/ImageBuilder-Version/);
    expect(message).toMatch(/Stack\/Bad/);
  });

  test('an acknowledged finding is not reported', () => {
    expect(synthError(stack => new imagebuilder.CfnComponent(stack, 'Bad', { name: 'hello', platform: 'Linux', version: '1.0', data: YAML }),
      app => Validations.of(app).acknowledge({ id: 'ImageBuilderChecks::ImageBuilder-Version', reason: 'test' }))).toBe('');
  });

  test('a valid version and a token are not reported', () => {
    expect(synthError(stack => new imagebuilder.CfnComponent(stack, 'Good', { name: 'hello', platform: 'Linux', version: '1.0.0', data: YAML }))).toBe('');
    expect(synthError(stack => new imagebuilder.CfnComponent(stack, 'Token', { name: 'hello', platform: 'Linux', version: Aws.STACK_NAME, data: YAML }))).toBe('');
  });

  test('a bad pipeline schedule is reported', () => {
    const message = synthError(stack => new imagebuilder.CfnImagePipeline(stack, 'Pipeline', {
      name: 'golden',
      infrastructureConfigurationArn: 'arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/infra',
      imageRecipeArn: 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/golden/1.0.x',
      schedule: { scheduleExpression: 'cron(0 0 * * *)' },
    }));
    expect(message).toMatch(/ImageBuilder-Schedule/);
    expect(message).not.toMatch(/ImageBuilder-Arn/);
  });

  test('a recipe ARN without a version is reported', () => {
    const message = synthError(stack => new imagebuilder.CfnImagePipeline(stack, 'Pipeline', {
      name: 'golden',
      infrastructureConfigurationArn: 'arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/infra',
      imageRecipeArn: 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/golden',
    }));
    expect(message).toMatch(/ImageBuilder-Arn/);
  });

  test('an addPropertyOverride that breaks a name is reported', () => {
    const message = synthError(stack => {
      const c = new imagebuilder.CfnComponent(stack, 'Over', { name: 'hello', platform: 'Linux', version: '1.0.0', data: YAML });
      c.addPropertyOverride('Name', 'x');
    });
    expect(message).toMatch(/ImageBuilder-Name/);
  });
});

describe('ImageBuilderChecks on what our L2s produce', () => {
  // Our constructs throw on bad input at construction, so the plugin must find nothing in their
  // templates: every scenario of the gates (the same stacks the cdk-nag test reads) synthesizes clean.
  test.each(SCENARIOS.map(s => s.name))('%s: no finding', (name) => {
    const stack = SCENARIOS.find(s => s.name === name)!.build();
    const app = stack.node.root as App;
    const plugin = new ImageBuilderChecks();
    const validate = jest.spyOn(plugin, 'validate');
    Validations.of(app).addPlugins(plugin);
    expect(() => app.synth()).not.toThrow();
    expect(validate).toHaveBeenCalledTimes(1);
  });
});
