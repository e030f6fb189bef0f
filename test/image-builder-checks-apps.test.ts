/**
 * `ImageBuilderChecks` finds nothing in the templates our L2s produce: every integ app (synthesized
 * as test/integ.test.ts does) and the example app. Our constructs throw on bad input, so a finding
 * here is a rule that refuses what our L2s emit.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Validations } from 'aws-cdk-lib';
import { buildExampleApp } from '../examples/app';
import { ImageBuilderChecks } from '../src';
import { STRICT_VALIDATION_CONTEXT, strictApp } from './helpers';

const INTEG_DIR = path.join(__dirname, '..', 'integ');
const integApps = fs.readdirSync(INTEG_DIR).filter(f => /^integ\..+\.ts$/.test(f)).sort();

/** The template files of a cloud assembly directory, nested assemblies included. */
function templatePaths(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return templatePaths(full);
    return entry.name.endsWith('.template.json') ? [full] : [];
  });
}

/**
 * Loads an integ app (it synthesizes when loaded) into a temporary directory, with the plugin
 * added to its App just before it synthesizes; returns its templates' paths.
 */
function synthIntegApp(file: string, outdir: string, plugin: ImageBuilderChecks): string[] {
  const saved = { outdir: process.env.CDK_OUTDIR, context: process.env.CDK_CONTEXT_JSON };
  process.env.CDK_OUTDIR = outdir;
  process.env.CDK_CONTEXT_JSON = JSON.stringify(STRICT_VALIDATION_CONTEXT);
  try {
    jest.isolateModules(() => {
      // The integ app's own copy of aws-cdk-lib (isolated modules): add the plugin when its App synthesizes.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const cdk: typeof import('aws-cdk-lib') = require('aws-cdk-lib');
      const synth = cdk.App.prototype.synth;
      jest.spyOn(cdk.App.prototype, 'synth').mockImplementation(function (this: App, options) {
        cdk.Validations.of(this).addPlugins(plugin);
        return synth.call(this, options);
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(path.join(INTEG_DIR, file));
    });
  } finally {
    for (const [name, value] of [['CDK_OUTDIR', saved.outdir], ['CDK_CONTEXT_JSON', saved.context]] as const) {
      if (value === undefined) delete process.env[name]; else process.env[name] = value;
    }
  }
  return templatePaths(outdir);
}

test('there are integ apps', () => {
  expect(integApps.length).toBeGreaterThan(0);
});

test.each(integApps)('%s: no finding', (file) => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'checks-'));
  try {
    const plugin = new ImageBuilderChecks();
    const validate = jest.spyOn(plugin, 'validate');
    const paths = synthIntegApp(file, outdir, plugin);
    // The plugin ran once, on templates with Image Builder resources, and found nothing.
    expect(validate).toHaveBeenCalledTimes(1);
    const types = paths.flatMap(p => Object.values<{ Type: string }>(JSON.parse(fs.readFileSync(p, 'utf-8')).Resources ?? {}).map(r => r.Type));
    expect(types.filter(t => t.startsWith('AWS::ImageBuilder::')).length).toBeGreaterThan(0);
    expect(validate.mock.results[0].value.violations).toEqual([]);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});

test('the example app, with the plugin added: no finding', () => {
  const app: App = strictApp();
  const plugin = new ImageBuilderChecks();
  const validate = jest.spyOn(plugin, 'validate');
  Validations.of(app).addPlugins(plugin);
  buildExampleApp(app);
  expect(() => app.synth()).not.toThrow();
  expect(validate).toHaveBeenCalledTimes(1);
  expect(validate.mock.results[0].value.violations).toEqual([]);
});
