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

  test('an acknowledgement on one resource scope hides its finding only', () => {
    const message = synthError(stack => {
      const acknowledged = new imagebuilder.CfnComponent(stack, 'Acknowledged', { name: 'hello', platform: 'Linux', version: '1.0', data: YAML });
      new imagebuilder.CfnComponent(stack, 'Reported', { name: 'other', platform: 'Linux', version: '2.0', data: YAML });
      Validations.of(acknowledged).acknowledge({ id: 'ImageBuilderChecks::ImageBuilder-Version', reason: 'test' });
    });
    expect(message).toMatch(/Reported: Version '2\.0'/);
    expect(message).not.toMatch(/Acknowledged: Version/);
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

describe('ImageBuilderChecks cross-resource rules', () => {
  const INFRA = 'arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/infra';
  const WINDOWS_PARENT = 'arn:aws:imagebuilder:us-east-1:aws:image/windows-server-2022-english-full-base-x86/x.x.x';

  test('a Linux component in the template on a Windows recipe is reported, naming both', () => {
    const message = synthError(stack => {
      const c = new imagebuilder.CfnComponent(stack, 'LinuxTool', { name: 'tool', platform: 'Linux', version: '1.0.0', data: YAML });
      new imagebuilder.CfnImageRecipe(stack, 'Recipe', { name: 'recipe', version: '1.0.0', parentImage: WINDOWS_PARENT, components: [{ componentArn: c.attrArn }] });
    });
    expect(message).toMatch(/ImageBuilder-ComponentPlatform/);
    expect(message).toMatch(/Recipe: Components\[0\]\.ComponentArn '(Stack\/)?LinuxTool' is a Linux component, but the recipe builds Windows images/);
  });

  test('a component parameter the document declares without a default, and one it does not declare, are reported', () => {
    const document = 'schemaVersion: 1.0\nparameters:\n  - greeting:\n      type: string\nphases:\n  - name: build\n    steps:\n      - name: Hello\n        action: ExecuteBash\n        inputs:\n          commands: ["echo {{ greeting }}"]\n';
    const recipe = (parameters?: imagebuilder.CfnImageRecipe.ComponentParameterProperty[]) => (stack: Stack) => {
      const c = new imagebuilder.CfnComponent(stack, 'Hello', { name: 'hello', platform: 'Linux', version: '1.0.0', data: document });
      new imagebuilder.CfnImageRecipe(stack, 'Recipe', { name: 'recipe', version: '1.0.0', parentImage: 'ami-0123456789abcdef0', components: [{ componentArn: c.ref, parameters }] });
    };
    const missing = synthError(recipe());
    expect(missing).toMatch(/ImageBuilder-ComponentParameters/);
    expect(missing).toMatch(/Components\[0\]\.Parameters .*must give greeting/);
    expect(synthError(recipe([{ name: 'greeting', value: ['hi'] }, { name: 'other', value: ['x'] }]))).toMatch(/must be a parameter of the document of component/);
    expect(synthError(recipe([{ name: 'greeting', value: ['hi'] }]))).toBe('');
  });

  test('an AWS-managed Windows component on a container recipe with PlatformOverride Linux is reported; a matching one, a Ref of an unknown and an unknown parent are not', () => {
    const recipe = (componentArn: string, platformOverride?: string) => (stack: Stack) => new imagebuilder.CfnContainerRecipe(stack, 'Recipe', {
      name: 'recipe',
      version: '1.0.0',
      containerType: 'DOCKER',
      parentImage: 'amazonlinux:2023',
      platformOverride,
      dockerfileTemplateData: 'FROM {{{ imagebuilder:parentImage }}}\n{{{ imagebuilder:environments }}}\n{{{ imagebuilder:components }}}',
      targetRepository: { repositoryName: 'repo', service: 'ECR' },
      components: [{ componentArn }],
    });
    const windows = `arn:${Aws.PARTITION}:imagebuilder:${Aws.REGION}:aws:component/update-windows/x.x.x`;
    expect(synthError(recipe(windows, 'Linux'))).toMatch(/ImageBuilder-ComponentPlatform/);
    expect(synthError(recipe(windows.replace('windows', 'linux'), 'Linux'))).toBe('');
    expect(synthError(recipe(windows))).toBe('');
    expect(synthError(recipe(Aws.STACK_NAME, 'Linux'))).toBe('');
  });

  test('a pipeline with an image recipe and a distribution configuration of container distributions only is reported', () => {
    const build = (distribution: imagebuilder.CfnDistributionConfiguration.DistributionProperty) => (stack: Stack) => {
      const d = new imagebuilder.CfnDistributionConfiguration(stack, 'Dist', { name: 'dist', distributions: [distribution] });
      new imagebuilder.CfnImagePipeline(stack, 'Pipeline', {
        name: 'pipeline',
        infrastructureConfigurationArn: INFRA,
        distributionConfigurationArn: d.attrArn,
        imageRecipeArn: 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/golden/1.0.x',
      });
    };
    const message = synthError(build({ region: 'us-east-1', containerDistributionConfiguration: { TargetRepository: { RepositoryName: 'repo', Service: 'ECR' } } }));
    expect(message).toMatch(/ImageBuilder-AmiDistribution/);
    expect(message).toMatch(/Pipeline: DistributionConfigurationArn '(Stack\/)?Dist' must have an AMI distribution/);
    expect(synthError(build({ region: 'us-east-1', amiDistributionConfiguration: { Name: 'golden-{{ imagebuilder:buildDate }}' } }))).toBe('');
  });

  test('a pipeline with a container recipe and AMI distributions only is a warning, not an error', () => {
    // Strict mode fails synth on warnings too: off here, to see that the finding does not fail synth.
    const app = strictApp({ context: { '@aws-cdk/core:strictCfnValidateErrors': false } });
    const plugin = new ImageBuilderChecks();
    const validate = jest.spyOn(plugin, 'validate');
    Validations.of(app).addPlugins(plugin);
    const stack = new Stack(app, 'Stack');
    const d = new imagebuilder.CfnDistributionConfiguration(stack, 'Dist', {
      name: 'dist',
      distributions: [{ region: 'us-east-1', amiDistributionConfiguration: { Name: 'golden-{{ imagebuilder:buildDate }}' } }],
    });
    new imagebuilder.CfnImagePipeline(stack, 'Pipeline', {
      name: 'pipeline',
      infrastructureConfigurationArn: INFRA,
      distributionConfigurationArn: d.attrArn,
      containerRecipeArn: 'arn:aws:imagebuilder:us-east-1:123456789012:container-recipe/golden/1.0.x',
    });
    // aws-cdk-lib prints the warning report on the console: kept out of the test output.
    const printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => app.synth()).not.toThrow();
    expect(printed).toHaveBeenCalledWith(expect.stringMatching(/WARNING .*must have a container distribution/));
    printed.mockRestore();
    const report = validate.mock.results[0].value;
    expect(report.violations.map((v: { ruleName: string; severity: string }) => [v.ruleName, v.severity])).toEqual([['ImageBuilder-ContainerDistribution', 'warning']]);
  });

  test('two build workflows, a parallel group on a build workflow and a missing workflow parameter are reported; an unresolved workflow is not', () => {
    const WORKFLOW = 'name: build\nschemaVersion: 1.0\nparameters:\n  - name: topic\n    type: string\nsteps:\n  - name: Launch\n    action: LaunchBuildInstance\n    onFailure: Abort\n    inputs:\n      waitFor: "ssmAgent"\n';
    const message = synthError(stack => {
      const w = new imagebuilder.CfnWorkflow(stack, 'Build', { name: 'build', version: '1.0.0', type: 'BUILD', data: WORKFLOW });
      new imagebuilder.CfnImage(stack, 'Image', {
        infrastructureConfigurationArn: INFRA,
        imageRecipeArn: 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/golden/1.0.x',
        workflows: [
          { workflowArn: w.attrArn, parallelGroup: 'g' },
          { workflowArn: 'arn:aws:imagebuilder:us-east-1:aws:workflow/build/build-image/x.x.x' },
          { workflowArn: Aws.STACK_NAME },
        ],
      });
    });
    expect(message).toMatch(/ImageBuilder-Workflows/);
    expect(message).toMatch(/must have at most 1 build workflow \(got 2\)/);
    expect(message).toMatch(/must only be set on a test workflow/);
    expect(message).toMatch(/must give topic/);
  });
});
