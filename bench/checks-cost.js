#!/usr/bin/env node
'use strict';
/*
 * The cost of the ImageBuilderChecks plugin: the same app synthesized without and with
 * `Validations.of(app).addPlugins(new ImageBuilderChecks())`, alternating, each run a separate process.
 *
 *   node bench/checks-cost.js [--n 200] [--reps 5] [--validation off] [--no-build]
 *
 * Two apps: the benchmark's `ours` case with N container pipelines (bench/child.js, BENCH_CHECKS=1
 * adds the plugin), and the example app (examples/app.ts, through ts-node in transpile-only mode:
 * its compile time falls in the load phase, not in synth). Prints the median synth time and CPU
 * time of each, and the median of the paired differences (with - without), in ms and %, and the
 * time of the plugin's validate() alone (the rest is aws-cdk-lib's validation machinery around it).
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const arg = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const n = Number(arg('--n', '200'));
const reps = Number(arg('--reps', '5'));
const validation = arg('--validation', 'off');
const lib = path.join(ROOT, 'bench', '.build', 'node_modules', 'cdk-imagebuilder', 'lib');

if (!args.includes('--no-build')) {
  const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json', '--outDir', lib, '--declaration', 'false'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('tsc failed');
}

const EXAMPLE = `
const { performance } = require('perf_hooks');
const cdk = require('aws-cdk-lib');
const { buildExampleApp } = require(${JSON.stringify(path.join(ROOT, 'examples', 'app'))});
const { ImageBuilderChecks } = require(${JSON.stringify(path.join(ROOT, 'src'))});
const app = new cdk.App({ outdir: process.env.OUTDIR });
let checksMs;
if (process.env.BENCH_CHECKS === '1') {
  const plugin = new ImageBuilderChecks();
  const validate = plugin.validate.bind(plugin);
  plugin.validate = (context) => { const t = performance.now(); try { return validate(context); } finally { checksMs = performance.now() - t; } };
  cdk.Validations.of(app).addPlugins(plugin);
}
buildExampleApp(app);
const t = performance.now();
app.synth();
const synthMs = performance.now() - t;
const u = process.resourceUsage();
require('fs').writeFileSync(process.env.RESULT, JSON.stringify({ synthMs, checksMs, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }));
`;

/** One run in its own process; returns { synthMs, cpuMs }. */
function run(app, checks) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'checks-cost-'));
  const result = path.join(dir, 'result.json');
  const outdir = path.join(dir, 'out');
  const env = { ...process.env, BENCH_CHECKS: checks ? '1' : '0', BENCH_OURS_LIB: lib, CDK_VALIDATION: validation === 'off' ? 'false' : 'true', OUTDIR: outdir, RESULT: result, TS_NODE_TRANSPILE_ONLY: 'true' };
  const r = app === 'ours'
    ? spawnSync(process.execPath, [path.join(__dirname, 'child.js'), 'ours', String(n), '50', outdir, result], { cwd: __dirname, env, stdio: 'inherit' })
    : spawnSync(process.execPath, ['-r', 'ts-node/register', '-e', EXAMPLE], { cwd: ROOT, env, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${app} (checks ${checks}) failed`);
  const measured = JSON.parse(fs.readFileSync(result, 'utf-8'));
  fs.rmSync(dir, { recursive: true, force: true });
  return measured;
}

const median = xs => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

for (const app of ['ours', 'example']) {
  const pairs = [];
  for (let i = 0; i < reps; i++) {
    // Alternate the order so that both see the same load on a shared machine.
    const [off, on] = i % 2 === 0 ? [run(app, false), run(app, true)] : [run(app, true), run(app, false)].reverse();
    pairs.push({ off, on });
  }
  const line = (metric) => {
    const off = median(pairs.map(p => p.off[metric]));
    const on = median(pairs.map(p => p.on[metric]));
    const diff = median(pairs.map(p => p.on[metric] - p.off[metric]));
    const pct = median(pairs.map(p => 100 * (p.on[metric] - p.off[metric]) / p.off[metric]));
    return `${metric} ${off.toFixed(0)} -> ${on.toFixed(0)} ms (${diff >= 0 ? '+' : ''}${diff.toFixed(0)} ms, ${pct >= 0 ? '+' : ''}${pct.toFixed(1)}%)`;
  };
  const label = app === 'ours' ? `ours N=${n}` : 'example app';
  const checksMs = median(pairs.map(p => p.on.checksMs));
  process.stdout.write(`${label}, validation ${validation}, median of ${reps} pairs: ${line('synthMs')}; ${line('cpuMs')}; `
    + `the plugin's validate() ${checksMs.toFixed(0)} ms\n`);
}
