import * as fs from 'fs';
import * as path from 'path';
import { App, Aws, Stack, Validations } from 'aws-cdk-lib';
import * as imagebuilder from 'aws-cdk-lib/aws-imagebuilder';
import { strictApp } from './helpers';
import { ImageBuilderChecks } from '../src';
import { SCENARIOS } from './scenarios';
import { SCHEMA_ENUMS } from '../src/private/core/checks';

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

describe('ImageBuilderChecks per-resource rules', () => {
  const INFRA = 'arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/infra';
  const RECIPE = 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/golden/1.0.x';
  const pipeline = (stack: Stack, props: Partial<imagebuilder.CfnImagePipelineProps>) =>
    new imagebuilder.CfnImagePipeline(stack, 'Pipeline', { name: 'golden', infrastructureConfigurationArn: INFRA, imageRecipeArn: RECIPE, ...props });
  const WORKFLOW = 'schemaVersion: 1.0\nsteps:\n  - name: Build\n    action: BootstrapInstanceForContainer\n    inputs:\n      instanceId.$: "$.stepOutputs.Launch.instanceId"\n';
  const LAUNCH = 'schemaVersion: 1.0\nsteps:\n  - name: Launch\n    action: LaunchInstance\n    onFailure: Abort\n    inputs:\n      waitFor: "ssmAgent"\n';

  test('the enum table is the CloudFormation schemas\' enums', () => {
    const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'cfn-schema-enums.json'), 'utf-8'));
    expect(SCHEMA_ENUMS).toEqual(fixture.enums);
  });

  test('ImageBuilder-Enum: a component platform spelled LINUX is reported; Linux and a token are not', () => {
    const message = synthError(stack => new imagebuilder.CfnComponent(stack, 'Bad', { name: 'hello', platform: 'LINUX', version: '1.0.0', data: YAML }));
    expect(message).toMatch(/ImageBuilder-Enum/);
    expect(message).toMatch(/must be one of Windows, Linux, macOS/);
    expect(synthError(stack => new imagebuilder.CfnComponent(stack, 'Token', { name: 'hello', platform: Aws.NO_VALUE, version: '1.0.0', data: YAML }))).not.toMatch(/ImageBuilder-Enum/);
  });

  test('ImageBuilder-Enum: an item of a list (a workflow onFailure) is reported at its index', () => {
    const message = synthError(stack => pipeline(stack, {
      workflows: [{ workflowArn: 'arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/x.x.x', onFailure: 'Abort' }],
    }));
    expect(message).toMatch(/ImageBuilder-Enum/);
    expect(message).toMatch(/Workflows\.0\.OnFailure/);
    expect(synthError(stack => pipeline(stack, {
      workflows: [{ workflowArn: 'arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/x.x.x', onFailure: 'ABORT' }],
    }))).toBe('');
  });

  test('ImageBuilder-TimeZone: an unknown time zone is reported; an IANA name and a token are not', () => {
    expect(synthError(stack => pipeline(stack, { schedule: { scheduleExpression: 'cron(0 4 ? * MON *)', timezone: 'Mars/Olympus' } as any })))
      .toMatch(/ImageBuilder-TimeZone/);
    expect(synthError(stack => pipeline(stack, { schedule: { scheduleExpression: 'cron(0 4 ? * MON *)', timezone: 'Europe/Paris' } as any }))).toBe('');
    expect(synthError(stack => pipeline(stack, { schedule: { scheduleExpression: 'cron(0 4 ? * MON *)', timezone: Aws.REGION } as any }))).toBe('');
  });

  test('ImageBuilder-TestsTimeout: 30 minutes is reported; 60 is not', () => {
    expect(synthError(stack => pipeline(stack, { imageTestsConfiguration: { timeoutMinutes: 30 } }))).toMatch(/ImageBuilder-TestsTimeout/);
    expect(synthError(stack => pipeline(stack, { imageTestsConfiguration: { timeoutMinutes: 60 } }))).toBe('');
  });

  test('ImageBuilder-Arn: a recipe component ARN without a version and a malformed workflow ARN are reported', () => {
    const message = synthError(stack => new imagebuilder.CfnImageRecipe(stack, 'Recipe', {
      name: 'golden',
      version: '1.0.0',
      parentImage: 'ami-0123456789abcdef0',
      components: [{ componentArn: 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux' }],
    }));
    expect(message).toMatch(/ImageBuilder-Arn/);
    expect(message).toMatch(/Components\.0\.ComponentArn/);
    expect(synthError(stack => pipeline(stack, { workflows: [{ workflowArn: 'arn:aws:imagebuilder:us-east-1:aws:workflow/build-image/x.x.x' }] })))
      .toMatch(/ImageBuilder-Arn/);
    expect(synthError(stack => new imagebuilder.CfnImageRecipe(stack, 'Recipe', {
      name: 'golden',
      version: '1.0.0',
      parentImage: 'ami-0123456789abcdef0',
      components: [{ componentArn: 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x' }, { componentArn: Aws.STACK_ID }],
    }))).toBe('');
  });

  test('ImageBuilder-ComponentDocument: a PowerShell step in a Linux component is reported, with the step named; the same on Windows is not', () => {
    const powershell = 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Hello\n        action: ExecutePowerShell\n        inputs:\n          commands: ["Write-Host hi"]\n';
    const message = synthError(stack => new imagebuilder.CfnComponent(stack, 'Bad', { name: 'hello', platform: 'Linux', version: '1.0.0', data: powershell }));
    expect(message).toMatch(/ImageBuilder-ComponentDocument/);
    expect(message).toMatch(/Hello/);
    expect(synthError(stack => new imagebuilder.CfnComponent(stack, 'Good', { name: 'hello', platform: 'Windows', version: '1.0.0', data: powershell }))).toBe('');
    expect(synthError(stack => new imagebuilder.CfnComponent(stack, 'Token', { name: 'hello', platform: 'Linux', version: '1.0.0', data: Aws.STACK_NAME }))).toBe('');
  });

  test('ImageBuilder-ComponentDocument: a document that is not YAML is reported', () => {
    expect(synthError(stack => new imagebuilder.CfnComponent(stack, 'Bad', { name: 'hello', platform: 'Linux', version: '1.0.0', data: 'phases: [\n' })))
      .toMatch(/ImageBuilder-ComponentDocument/);
  });

  test('ImageBuilder-WorkflowDocument: a step referring to a step that does not exist is reported; a valid TEST workflow is not', () => {
    const message = synthError(stack => new imagebuilder.CfnWorkflow(stack, 'Bad', { name: 'flow', version: '1.0.0', type: 'BUILD', data: WORKFLOW }));
    expect(message).toMatch(/ImageBuilder-WorkflowDocument/);
    expect(synthError(stack => new imagebuilder.CfnWorkflow(stack, 'Good', { name: 'flow', version: '1.0.0', type: 'TEST', data: LAUNCH }))).toBe('');
  });
});
