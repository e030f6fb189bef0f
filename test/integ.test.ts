/**
 * The integration test apps in integ/ synthesize here, in strict validation mode: every
 * template must pass aws-cdk-lib's CloudFormation validator and match its committed snapshot.
 * Only values that change from run to run are masked. Update with `npm run integ:snapshot`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { STRICT_VALIDATION_CONTEXT } from './helpers';

const INTEG_DIR = path.join(__dirname, '..', 'integ');
const integApps = fs.readdirSync(INTEG_DIR).filter(f => /^integ\..+\.ts$/.test(f)).sort();

/** Replaces the values that differ between two synths of the same app. */
function maskVolatile(value: unknown, key?: string): unknown {
  if (key === 'salt') return '<salt>';
  if (Array.isArray(value)) return value.map(v => maskVolatile(v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskVolatile(v, k)]));
  }
  return value;
}

function synthIntegApp(file: string): Record<string, unknown> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'integ-'));
  const saved = { outdir: process.env.CDK_OUTDIR, context: process.env.CDK_CONTEXT_JSON };
  process.env.CDK_OUTDIR = outdir;
  process.env.CDK_CONTEXT_JSON = JSON.stringify(STRICT_VALIDATION_CONTEXT);
  try {
    jest.isolateModules(() => {
      // An integ app synthesizes when it is loaded.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(path.join(INTEG_DIR, file));
    });
  } finally {
    restoreEnv('CDK_OUTDIR', saved.outdir);
    restoreEnv('CDK_CONTEXT_JSON', saved.context);
  }
  const templates: Record<string, unknown> = {};
  for (const f of fs.readdirSync(outdir).filter(n => n.endsWith('.template.json')).sort()) {
    templates[f] = maskVolatile(JSON.parse(fs.readFileSync(path.join(outdir, f), 'utf-8')));
  }
  fs.rmSync(outdir, { recursive: true, force: true });
  return templates;
}

function restoreEnv(name: string, value: string | undefined) {
  if (value === undefined) {
    delete process.env[name];
  } else {
    process.env[name] = value;
  }
}

test('there are integration test apps', () => {
  expect(integApps.length).toBeGreaterThan(0);
});

describe.each(integApps)('%s', (file) => {
  test('synthesizes valid templates that match the snapshot, with assertions', () => {
    const templates = synthIntegApp(file);
    const names = Object.keys(templates);
    // An IntegTest adds a DeployAssert stack holding the assertions.
    expect(names.some(n => n.includes('DeployAssert'))).toBe(true);
    expect(names.length).toBeGreaterThan(1);
    expect(templates).toMatchSnapshot();
  });
});
