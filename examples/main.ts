/**
 * Synthesizes the example app into cdk.out/ and prints, per stack, the resources it made.
 * Run with `npm run example`; deploy with `npx cdk deploy --app cdk.out` (or `--app 'npx ts-node examples/main.ts'`).
 */
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { buildExampleApp } from './app';
import { STRICT_VALIDATION_CONTEXT } from '../test/helpers';

const outdir = path.join(__dirname, '..', 'cdk.out');
const app = new App({ outdir, context: { ...STRICT_VALIDATION_CONTEXT } });
buildExampleApp(app);
const assembly = app.synth();

for (const stack of assembly.stacks) {
  const resources: Record<string, { Type: string }> = stack.template.Resources ?? {};
  const byType = new Map<string, number>();
  for (const r of Object.values(resources)) {
    byType.set(r.Type, (byType.get(r.Type) ?? 0) + 1);
  }
  console.log(`\n${stack.stackName} (${stack.environment.account}/${stack.environment.region}): ${Object.keys(resources).length} resources -> ${path.relative(process.cwd(), path.join(outdir, stack.templateFile))}`);
  for (const [logicalId, r] of Object.entries(resources)) {
    console.log(`  ${r.Type.padEnd(48)} ${logicalId}`);
  }
}
