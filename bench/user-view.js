#!/usr/bin/env node
'use strict';
/*
 * The user's view of synth cost, ours against the official alpha:
 *
 *   require  the time and CPU of require()-ing the library, in a process that has already loaded
 *            aws-cdk-lib (what an app pays on top of aws-cdk-lib), and with aws-cdk-lib (cold)
 *   app      a small app, one AMI pipeline and one container pipeline (bench/cases/<case>.js) in
 *            one stack, synthesized with aws-cdk-lib's default template validation on: the CPU
 *            and wall time of the whole `node app.js` process
 *
 * Each measurement is its own process; ours and alpha alternate, and the ratios are paired
 * (median over pairs of ours/alpha).
 *
 *   node bench/user-view.js [--pairs 7] [--lib <compiled library dir>]
 *   (default: bench/.build/node_modules/cdk-imagebuilder/lib, compiled by run.js)
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { performance } = require('perf_hooks');

const ROOT = path.resolve(__dirname, '..');

function child(mode, caseName, outdir) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const cdk = require('aws-cdk-lib');
  const cpu1 = process.cpuUsage();
  const t1 = performance.now();
  const lib = caseName === 'ours' ? require(process.env.BENCH_OURS_LIB) : require('@aws-cdk/aws-imagebuilder-alpha');
  const cpu2 = process.cpuUsage();
  const t2 = performance.now();
  const cpuMs = (a, b) => (b.user - a.user + b.system - a.system) / 1000;
  const result = { requireLibMs: t2 - t1, requireLibCpuMs: cpuMs(cpu1, cpu2), requireAllMs: t2 - t0, requireAllCpuMs: cpuMs(cpu0, cpu2) };
  if (mode === 'app') {
    const app = new cdk.App({ outdir });
    const stack = new cdk.Stack(app, 'SmallApp', { env: { account: '123456789012', region: 'us-east-1' } });
    if (caseName === 'ours') {
      const recipe = new lib.ImageRecipe(stack, 'AmiRecipe', {
        parentImage: lib.ParentImage.fromAwsManagedImage('amazon-linux-2023-x86'),
        components: [{ component: lib.Component.fromAwsManagedComponent(stack, 'Update', lib.AwsManagedComponentName.UPDATE_LINUX) }],
      });
      new lib.ImagePipeline(stack, 'AmiPipeline', { recipe });
    } else {
      const recipe = new lib.ImageRecipe(stack, 'AmiRecipe', {
        baseImage: lib.BaseImage.fromString(`arn:${cdk.Aws.PARTITION}:imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86/x.x.x`),
        components: [{ component: lib.AmazonManagedComponent.updateOs(stack, 'Update', { platform: lib.Platform.LINUX }) }],
      });
      new lib.ImagePipeline(stack, 'AmiPipeline', { recipe });
    }
    require(`./cases/${caseName}.js`).addPipeline(stack, 0);
    app.synth();
  }
  process.stdout.write(JSON.stringify(result));
}

function measure(mode, caseName, lib) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-user-'));
  const env = { ...process.env, BENCH_OURS_LIB: lib };
  delete env.CDK_VALIDATION;
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [__filename, '--child', mode, caseName, outdir], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  fs.rmSync(outdir, { recursive: true, force: true });
  if (r.status !== 0) { throw new Error(`${mode} ${caseName} failed:\n${r.stderr}`); }
  const usage = JSON.parse(r.stdout.toString());
  return { ...usage, wallMs };
}

function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--child') { return child(args[1], args[2], args[3]); }
  const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
  const pairs = Number(opt('--pairs', '7'));
  const lib = path.resolve(opt('--lib', path.join(ROOT, 'bench', '.build', 'node_modules', 'cdk-imagebuilder', 'lib')));
  const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = Math.floor(s.length / 2); return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
  const out = {};
  for (const mode of ['require', 'app']) {
    measure(mode, 'ours', lib); measure(mode, 'alpha', lib); // warm-up
    const rows = [];
    for (let k = 0; k < pairs; k++) {
      const order = k % 2 ? ['alpha', 'ours'] : ['ours', 'alpha'];
      const pair = {};
      for (const c of order) { pair[c] = measureWithCpu(mode, c, lib); }
      rows.push(pair);
      process.stderr.write(`${mode} pair ${k + 1}/${pairs}: ours ${JSON.stringify(round(pair.ours))} alpha ${JSON.stringify(round(pair.alpha))}\n`);
    }
    const metrics = Object.keys(rows[0].ours);
    out[mode] = Object.fromEntries(metrics.map(m => [m, {
      ours: median(rows.map(p => p.ours[m])),
      alpha: median(rows.map(p => p.alpha[m])),
      ratio: median(rows.map(p => p.ours[m] / p.alpha[m])),
    }]));
  }
  process.stdout.write(`${JSON.stringify({ pairs, machine: `${os.cpus().length} CPUs (${os.cpus()[0]?.model}), node ${process.version}`, loadAverage: os.loadavg()[0], ...out }, null, 1)}\n`);
}

/** Runs a measurement and adds the child's CPU time (from the parent's view of its children). */
function measureWithCpu(mode, caseName, lib) {
  const t0 = childCpuMs();
  const r = measure(mode, caseName, lib);
  return { ...r, processCpuMs: childCpuMs() - t0 };
}

/** User + system CPU time of this process's terminated children, in ms (from /proc, Linux). */
function childCpuMs() {
  const fields = fs.readFileSync('/proc/self/stat', 'utf-8').split(') ')[1].split(' ');
  const ticks = Number(fields[13]) + Number(fields[14]); // cutime, cstime (fields 16 and 17 of stat)
  return ticks * 10; // USER_HZ = 100
}

function round(r) {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Math.round(v)]));
}

main();
