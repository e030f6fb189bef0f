import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Template } from 'aws-cdk-lib/assertions';

const README = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf-8');
const SRC = path.join(__dirname, '..', 'src');

/** The code block right after a `<!-- quick-start:<name> -->` marker of the README. */
function quickStart(name: string): string {
  const match = new RegExp(`<!-- quick-start:${name} -->\\n\`\`\`ts[^\\n]*\\n([\\s\\S]*?)\\n\`\`\``).exec(README);
  if (!match) throw new Error(`README has no quick start block '${name}'`);
  return match[1];
}

/**
 * Runs a README quick start as written, with the library's import pointed at src/, and returns
 * its app. The block is the complete program a user pastes into a fresh app.
 */
function runQuickStart(name: string): App {
  const dir = fs.mkdtempSync(path.join(__dirname, '.quick-start-'));
  const file = path.join(dir, `${name}.ts`);
  const code = quickStart(name).replace(/from 'cdk-imagebuilder'/g, `from ${JSON.stringify(SRC)}`);
  fs.writeFileSync(file, `${code}\nexport { app };\n`);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(file).app;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function stacksOf(app: App): Stack[] {
  return app.node.children.filter(Stack.isStack);
}

describe('README quick start', () => {
  test('the golden AMI pipeline synthesizes as written: recipe, YAML component, schedule, two Regions, last 5 builds', () => {
    const app = runQuickStart('ami');
    app.synth();
    const [stack] = stacksOf(app);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ImageBuilder::ImagePipeline', 1);
    template.resourceCountIs('AWS::ImageBuilder::Component', 1);
    template.hasResourceProperties('AWS::ImageBuilder::ImagePipeline', {
      Schedule: { ScheduleExpression: 'cron(0 4 ? * MON *)' },
    });
    const distributions = template.findResources('AWS::ImageBuilder::DistributionConfiguration');
    const regions = Object.values(distributions).flatMap((d: any) => d.Properties.Distributions.map((x: any) => x.Region));
    expect(regions).toEqual(['us-east-1', 'eu-west-1']);
    template.hasResourceProperties('AWS::ImageBuilder::LifecyclePolicy', {
      PolicyDetails: [{ Action: { Type: 'DELETE' }, Filter: { Type: 'COUNT', Value: 5 } }],
    });
    expect(Annotations.fromStack(stack).findError('*', () => true)).toEqual([]);
  });

  test('the container pipeline synthesizes as written', () => {
    const app = runQuickStart('container');
    app.synth();
    const [stack] = stacksOf(app);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ImageBuilder::ContainerRecipe', 1);
    template.resourceCountIs('AWS::ECR::Repository', 1);
    template.hasResourceProperties('AWS::ImageBuilder::LifecyclePolicy', {
      PolicyDetails: [{ Filter: { Type: 'COUNT', Value: 5 } }],
    });
  });

  test('the quick start is the first code a reader meets after Install', () => {
    const afterInstall = README.slice(README.indexOf('\n## Install'));
    const firstCode = afterInstall.search(/\n```ts/);
    expect(afterInstall.indexOf('<!-- quick-start:ami -->')).toBeLessThan(firstCode);
    expect(afterInstall.indexOf('\n## Quick start')).toBeLessThan(firstCode);
  });
});
