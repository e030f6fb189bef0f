#!/usr/bin/env node
'use strict';
/*
 * Summarizes a V8 CPU profile written by `node bench/run.js --profile ours` (node --cpu-prof):
 * where the time goes, by function (self and inclusive) and by file/package.
 *
 *   node bench/profile-summary.js <file.cpuprofile> [--top 25] [--focus cdk-imagebuilder/lib] [--callers <function>]
 *
 * --focus lists the inclusive time of the functions whose file path contains the given string
 * (default: this library's compiled files), i.e. how much of the run each of our functions,
 * together with everything it calls, accounts for.
 * --callers attributes the inclusive time of the named function (for example captureCallStack)
 * to the nearest calling frame outside aws-cdk-lib/core and constructs: who makes it run.
 */
const fs = require('fs');
const path = require('path');

const args = process.argv.slice(2);
const file = args.find(a => !a.startsWith('--') && !/^\d+$/.test(a));
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
};
if (!file) {
  process.stderr.write('usage: node bench/profile-summary.js <file.cpuprofile> [--top 25] [--focus cdk-imagebuilder/lib]\n');
  process.exit(2);
}
const top = Number(opt('--top', '25'));
const focus = opt('--focus', `cdk-imagebuilder${path.sep}lib${path.sep}`);
const callersOf = opt('--callers', undefined);

const profile = JSON.parse(fs.readFileSync(file, 'utf-8'));
const byId = new Map(profile.nodes.map(n => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) {
  for (const c of n.children ?? []) { parent.set(c, n.id); }
}

function where(url) {
  if (!url) { return '(native)'; }
  const p = url.replace(/^file:\/\//, '');
  // This library, compiled by bench/run.js into bench/.build/node_modules/cdk-imagebuilder/lib.
  const lib = p.indexOf(`${path.sep}cdk-imagebuilder${path.sep}lib${path.sep}`);
  if (lib >= 0) { return `src/${p.slice(lib + '/cdk-imagebuilder/lib/'.length).replace(/\.js$/, '.ts')}`; }
  const nm = p.lastIndexOf(`node_modules${path.sep}`);
  if (nm >= 0) { return p.slice(nm + 'node_modules/'.length); }
  return path.relative(process.cwd(), p);
}
function pkg(url) {
  const w = where(url);
  if (w.startsWith('src/')) { return 'this library (src/)'; }
  const m = /^(@[^/]+\/[^/]+|[^/]+)\/(?:lib\/)?([^/]+)?/.exec(w);
  if (!m) { return w; }
  return m[1] === 'aws-cdk-lib' ? `aws-cdk-lib/${m[2]}` : m[1];
}
function fnKey(n) {
  const cf = n.callFrame;
  return `${cf.functionName || '(anonymous)'} ${where(cf.url)}:${cf.lineNumber + 1}`;
}

const self = new Map();
const selfByPkg = new Map();
const inclusive = new Map();
const callers = new Map();
let total = 0;
const isCore = (url) => /node_modules\/(aws-cdk-lib\/core|constructs)\//.test(url) || !url || url.startsWith('node:');
const add = (m, k, v) => m.set(k, (m.get(k) ?? 0) + v);
for (let i = 0; i < profile.samples.length; i++) {
  const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000; // the time until the next sample, in ms
  const node = byId.get(profile.samples[i]);
  total += dt;
  add(self, fnKey(node), dt);
  add(selfByPkg, pkg(node.callFrame.url), dt);
  const seen = new Set();
  for (let id = node.id; id !== undefined; id = parent.get(id)) {
    const n = byId.get(id);
    if (!n.callFrame.url.includes(focus)) { continue; }
    const k = fnKey(n);
    if (!seen.has(k)) { seen.add(k); add(inclusive, k, dt); }
  }
  if (callersOf) {
    let id = node.id;
    while (id !== undefined && byId.get(id).callFrame.functionName !== callersOf) { id = parent.get(id); }
    if (id !== undefined) {
      while (id !== undefined && isCore(byId.get(id).callFrame.url)) { id = parent.get(id); }
      add(callers, id === undefined ? '(root)' : fnKey(byId.get(id)), dt);
    }
  }
}

const pct = (ms) => `${(100 * ms / total).toFixed(1)}%`.padStart(6);
const print = (title, m, k) => {
  process.stdout.write(`\n${title}\n`);
  for (const [key, ms] of [...m].sort((a, b) => b[1] - a[1]).slice(0, k)) {
    process.stdout.write(`${pct(ms)} ${ms.toFixed(0).padStart(6)} ms  ${key}\n`);
  }
};
process.stdout.write(`${file}: ${total.toFixed(0)} ms sampled\n`);
print('Self time by package/module', selfByPkg, top);
print('Self time by function', self, top);
print(`Inclusive time of functions in files matching '${focus}'`, inclusive, top);
if (callersOf) {
  print(`Time in ${callersOf}, by the nearest caller outside aws-cdk-lib/core and constructs`, callers, top);
}
