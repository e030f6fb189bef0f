#!/usr/bin/env node
'use strict';
/*
 * Paired A/B comparison of two versions of this library on the `ours` case: the gain of one
 * change. Each version is compiled from a git ref (or the working tree) into
 * bench/.build/ab-<ref>/node_modules/cdk-imagebuilder/lib (installed-package paths, as run.js);
 * runs alternate A, B, B, A, ... (each a separate child process, as in run.js); reported are the
 * medians over pairs of B/A for CPU time, wall time and peak RSS, and whether the templates are
 * identical.
 *
 *   node bench/ab.js --a <git ref> [--b <git ref> | working tree] [--n 200] [--pairs 7]
 *                    [--validation off|on]
 */
const { execFileSync, spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
};
const refA = opt('--a', undefined);
const refB = opt('--b', undefined);
const n = Number(opt('--n', '200'));
const pairs = Number(opt('--pairs', '7'));
const validation = opt('--validation', 'off');
if (!refA) {
  process.stderr.write('usage: node bench/ab.js --a <git ref> [--b <git ref>] [--n 200] [--pairs 7] [--validation off|on]\n');
  process.exit(2);
}

/** Compiles src/ of a git ref (or of the working tree) into bench/.build/ab-<name>/node_modules/cdk-imagebuilder/lib. */
function build(ref) {
  const name = ref ? execFileSync('git', ['rev-parse', '--short', ref], { cwd: ROOT }).toString().trim() : 'worktree';
  const dir = path.join(ROOT, 'bench', '.build', `ab-${name}`, 'node_modules', 'cdk-imagebuilder');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  if (ref) {
    execFileSync('sh', ['-c', `git archive ${ref} src | tar -x -C ${dir}`], { cwd: ROOT });
  } else {
    fs.cpSync(path.join(ROOT, 'src'), path.join(dir, 'src'), { recursive: true });
  }
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
    extends: path.join(ROOT, 'tsconfig.json'),
    compilerOptions: { outDir: 'lib', rootDir: 'src', declaration: false },
    include: ['src/**/*.ts'],
  }));
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', dir], { cwd: ROOT, stdio: 'inherit' });
  return { name, lib: path.join(dir, 'lib') };
}

function run(version) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ab-'));
  const resultFile = `${outdir}.json`;
  const env = { ...process.env, BENCH_OURS_LIB: version.lib };
  if (validation === 'off') { env.CDK_VALIDATION = 'false'; } else { delete env.CDK_VALIDATION; }
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [path.join(__dirname, 'child.js'), 'ours', String(n), '50', outdir, resultFile], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  try {
    if (r.status !== 0) { throw new Error(`${version.name} failed:\n${r.stderr}`); }
    const measured = JSON.parse(fs.readFileSync(resultFile, 'utf-8'));
    const hash = crypto.createHash('sha256');
    let templateBytes = 0;
    for (const file of fs.readdirSync(outdir).filter(f => f.endsWith('.template.json')).sort()) {
      const text = fs.readFileSync(path.join(outdir, file));
      hash.update(text);
      templateBytes += text.length;
    }
    return { ...measured, wallMs, templateHash: hash.digest('hex'), templateBytes };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.rmSync(resultFile, { force: true });
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const a = build(refA);
const b = build(refB);
run(a); run(b); // warm-up
const results = [];
for (let k = 0; k < pairs; k++) {
  const order = k % 2 === 0 ? [a, b] : [b, a];
  const pair = {};
  for (const v of order) { pair[v === a ? 'a' : 'b'] = run(v); }
  results.push(pair);
  process.stderr.write(`pair ${k + 1}/${pairs}: CPU ${pair.a.cpuMs.toFixed(0)} -> ${pair.b.cpuMs.toFixed(0)} ms, wall ${pair.a.wallMs.toFixed(0)} -> ${pair.b.wallMs.toFixed(0)} ms\n`);
}
const ratio = (m) => median(results.map(p => p.b[m] / p.a[m]));
const same = results.every(p => p.a.templateHash === p.b.templateHash);
const summary = {
  a: `${refA} (${a.name})`,
  b: refB ? `${refB} (${b.name})` : 'working tree',
  n, pairs, validation,
  cpu: ratio('cpuMs'), wall: ratio('wallMs'), rss: ratio('maxRssKb'), construct: ratio('constructMs'), synth: ratio('synthMs'),
  cpuMsA: median(results.map(p => p.a.cpuMs)), cpuMsB: median(results.map(p => p.b.cpuMs)),
  templateBytesA: results[0].a.templateBytes, templateBytesB: results[0].b.templateBytes,
  templatesIdentical: same,
  loadAverage: os.loadavg()[0],
};
process.stdout.write(`${JSON.stringify(summary)}\n`);
process.stdout.write(`B/A (median of ${pairs} paired runs, N = ${n}, validation ${validation}): CPU ${summary.cpu.toFixed(3)}x, `
  + `wall ${summary.wall.toFixed(3)}x, peak RSS ${summary.rss.toFixed(3)}x, construct ${summary.construct.toFixed(3)}x, synth ${summary.synth.toFixed(3)}x; `
  + `templates ${same ? 'identical' : `differ (${summary.templateBytesA} -> ${summary.templateBytesB} bytes)`}\n`);
