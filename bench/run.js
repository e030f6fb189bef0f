#!/usr/bin/env node
'use strict';
/*
 * Synth benchmark: N container pipelines (container recipe + infrastructure configuration +
 * distribution configuration + scheduled pipeline with image scanning), built these ways:
 *
 *   ours      this library (compiled from src/ into bench/.build/node_modules/cdk-imagebuilder/lib)
 *   alpha-eq  the official @aws-cdk/aws-imagebuilder-alpha plus the log groups and scoped
 *             instance policy ours creates (equal output: same resource types and counts)
 *   l1-exact  hand-written aws-cdk-lib L1s emitting ours' templates byte for byte (the floor)
 *   alpha     the official alpha with its defaults (fewer resources)
 *   l1        hand-written L1s emitting the same resource types and counts as ours
 *
 * Every measurement is a separate child process (bench/child.js), run one at a time, the
 * implementations alternating within each repetition. Reported: medians of construct time,
 * synth time, wall time of the child process, CPU time, peak RSS and template bytes, and the
 * paired ratios of ours to each other case (the median over repetitions of ours/other measured
 * in the same repetition), with aws-cdk-lib's built-in template validation on and off
 * (CDK_VALIDATION=false).
 *
 *   node bench/run.js [--n 1,50,200] [--reps 3] [--validation on,off] [--out bench/results]
 *                     [--cases ours,alpha-eq,l1-exact,alpha,l1] [--per-stack 50] [--warmup 1]
 *                     [--lib <compiled library dir> | --no-build] [--profile ours]
 *
 *   --reps      runs per case and N (default: 5 up to N = 50, 3 above)
 *   --cases     add l2 for the diagnostic baseline (same resources with aws-cdk-lib L2s)
 *   --lib       measure this compiled library (e.g. lib, after the jsii compile) instead of
 *               compiling src/ into bench/.build/node_modules/cdk-imagebuilder/lib with tsc;
 *               --no-build reuses it
 *   --profile   one more run of each given case at the largest N with node --cpu-prof, written
 *               to <out>/profiles/ (summarize with node bench/profile-summary.js <file>)
 *
 * Smoke run (CI): node bench/run.js --n 1 --reps 1 --warmup 0 --lib lib
 * It asserts only that each case synthesized the expected number of pipelines, that the l1,
 * alpha-eq (and l2) baselines emit the resource types and counts ours emits, and that l1-exact
 * emits ours' templates byte for byte; never anything about times.
 */
const { spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
/** The measured implementations; l2 is a diagnostic (see bench/cases/l2.js), not run by default. */
const CASES = ['ours', 'alpha-eq', 'l1-exact', 'alpha', 'l1', 'l2'];
const DEFAULT_CASES = ['ours', 'alpha-eq', 'l1-exact', 'alpha', 'l1'];
const LABELS = { 'ours': 'ours', 'alpha-eq': 'alpha-eq', 'l1-exact': 'L1-exact', 'alpha': 'alpha', 'l1': 'L1', 'l2': 'L2 (diagnostic)' };
/** The baselines that must emit ours' resource types and counts (CDKMetadata aside). */
const SAME_RESOURCES = ['alpha-eq', 'l1', 'l2'];
/** The baseline that must emit ours' templates byte for byte. */
const SAME_TEMPLATES = ['l1-exact'];
/**
 * The targets (issue 14): paired ratios of ours to a baseline, at one configuration. Reported,
 * never enforced (the bench never fails on times).
 */
const TARGETS = [
  { validation: 'off', n: 200, against: 'alpha-eq', metric: 'cpuMs', max: 0.90 },
  { validation: 'off', n: 200, against: 'l1-exact', metric: 'cpuMs', max: 1.30 },
  { validation: 'off', n: 200, against: 'alpha-eq', metric: 'maxRssKb', max: 1.00 },
  { validation: 'off', n: 200, against: 'alpha-eq', metric: 'templateBytes', max: 1.00 },
  { validation: 'on', n: 50, against: 'alpha-eq', metric: 'cpuMs', max: 1.00 },
];

function parseArgs(argv) {
  const opts = {
    n: [1, 50, 200],
    reps: undefined, // default: 5 up to N=50, 3 above
    validation: ['on', 'off'],
    out: path.join(ROOT, 'bench', 'results'),
    cases: DEFAULT_CASES,
    perStack: 50,
    warmup: 1,
    build: true,
    lib: undefined,
    profile: [],
  };
  const list = (s) => s.split(',').map(x => x.trim()).filter(Boolean);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? arg.split(/=(.*)/s) : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) { fail(`${flag} needs a value`); }
      return v;
    };
    switch (flag) {
      case '--n': opts.n = list(value()).map(positiveInt(flag)); break;
      case '--reps': opts.reps = positiveInt(flag)(value()); break;
      case '--validation': opts.validation = list(value()).map(oneOf(flag, ['on', 'off'])); break;
      case '--out': opts.out = path.resolve(value()); break;
      case '--cases': opts.cases = list(value()).map(oneOf(flag, CASES)); break;
      case '--per-stack': opts.perStack = positiveInt(flag)(value()); break;
      case '--warmup': opts.warmup = nonNegativeInt(flag)(value()); break;
      case '--no-build': opts.build = false; break;
      case '--lib': opts.lib = path.resolve(value()); opts.build = false; break;
      case '--profile': opts.profile = list(value()).map(oneOf(flag, CASES)); break;
      case '--help': case '-h':
        process.stdout.write(fs.readFileSync(__filename, 'utf-8').split('*/')[0].replace(/^[^]*?\/\*\n?/, '').replace(/^ \* ?/gm, ''));
        process.exit(0);
        break;
      default: fail(`unknown argument ${arg} (see --help)`);
    }
  }
  return opts;
}

function positiveInt(flag) {
  return (s) => {
    const v = Number(s);
    if (!Number.isInteger(v) || v < 1) { fail(`${flag}: '${s}' must be a positive integer`); }
    return v;
  };
}
function nonNegativeInt(flag) {
  return (s) => {
    const v = Number(s);
    if (!Number.isInteger(v) || v < 0) { fail(`${flag}: '${s}' must be a non-negative integer`); }
    return v;
  };
}
function oneOf(flag, allowed) {
  return (s) => {
    if (!allowed.includes(s)) { fail(`${flag}: '${s}' must be one of ${allowed.join(', ')}`); }
    return s;
  };
}
function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

/**
 * Where src/ is compiled to: under a node_modules folder, as users install the library, so that
 * aws-cdk-lib renders the library's frames in creation stack traces as it does for an installed
 * package (collapsed), not as the user's own code.
 */
const OURS_BUILD = path.join(ROOT, 'bench', '.build', 'node_modules', 'cdk-imagebuilder', 'lib');

/** Compiles src/ into OURS_BUILD (tsc, not jsii: no clash with the lead's lib/). */
function buildOurs() {
  const tsc = path.join(ROOT, 'node_modules', '.bin', 'tsc');
  const outDir = OURS_BUILD;
  log(`compiling src/ into ${path.relative(ROOT, outDir)} ...`);
  const r = spawnSync(tsc, ['-p', 'tsconfig.json', '--outDir', outDir, '--declaration', 'false'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) { fail('tsc failed: fix the compile errors above or pass --no-build'); }
}

function machine() {
  const version = (pkg) => {
    try {
      return JSON.parse(fs.readFileSync(require.resolve(`${pkg}/package.json`, { paths: [ROOT] }), 'utf-8')).version;
    } catch {
      return undefined;
    }
  };
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30 * 10) / 10,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    awsCdkLib: version('aws-cdk-lib'),
    constructs: version('constructs'),
    alpha: version('@aws-cdk/aws-imagebuilder-alpha'),
  };
}

/** Runs one child process; returns its measurements and what it synthesized. */
function runOnce(caseName, n, perStack, validation, opts, { profileDir } = {}) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${caseName}-`));
  const resultFile = path.join(outdir, '..', `${path.basename(outdir)}.result.json`);
  const env = { ...process.env };
  env.BENCH_OURS_LIB = opts.lib ?? OURS_BUILD;
  delete env.CDK_OUTDIR;
  delete env.CDK_CONTEXT_JSON;
  if (validation === 'off') {
    env.CDK_VALIDATION = 'false';
  } else {
    delete env.CDK_VALIDATION;
  }
  const nodeArgs = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir, '--cpu-prof-name',
    `${caseName}-n${n}-validation-${validation}.cpuprofile`] : [];
  const loadAverage = os.loadavg()[0];
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...nodeArgs, path.join(__dirname, 'child.js'), caseName, String(n), String(perStack), outdir, resultFile], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 30,
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  try {
    if (r.status !== 0) {
      throw new Error(`${caseName} N=${n} validation ${validation} exited with ${r.status ?? r.signal}:\n${r.stderr}`);
    }
    const measured = JSON.parse(fs.readFileSync(resultFile, 'utf-8'));
    const synthesized = inspectAssembly(outdir, SAME_TEMPLATES.includes(caseName) || caseName === 'ours');
    if (synthesized.pipelines !== n) {
      throw new Error(`${caseName} N=${n}: synthesized ${synthesized.pipelines} AWS::ImageBuilder::ImagePipeline, expected ${n}`);
    }
    const expectedStacks = Math.ceil(n / perStack);
    if (synthesized.stacks !== expectedStacks) {
      throw new Error(`${caseName} N=${n}: synthesized ${synthesized.stacks} stacks, expected ${expectedStacks}`);
    }
    const stderr = r.stderr.toString().trim();
    const result = {
      ...measured,
      validation,
      wallMs,
      loadAverage,
      ...synthesized,
      stderrLines: stderr ? stderr.split('\n').length : 0,
      stderrHead: stderr ? stderr.split('\n').slice(0, 5).join('\n') : undefined,
    };
    Object.defineProperty(result, 'templateTexts', { value: synthesized.templateTexts, enumerable: false });
    return result;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.rmSync(resultFile, { force: true });
  }
}

/**
 * Template bytes, stacks, and the resource types (with counts) of a cloud assembly; with
 * `keepTemplates`, the SHA-256 of each template and (not serialized) their texts.
 */
function inspectAssembly(outdir, keepTemplates) {
  let templateBytes = 0;
  let stacks = 0;
  const resourceTypes = {};
  const templateHashes = {};
  const templateTexts = {};
  for (const file of fs.readdirSync(outdir).sort()) {
    if (!file.endsWith('.template.json')) { continue; }
    const text = fs.readFileSync(path.join(outdir, file), 'utf-8');
    templateBytes += Buffer.byteLength(text);
    stacks++;
    if (keepTemplates) {
      templateHashes[file] = crypto.createHash('sha256').update(text).digest('hex');
      templateTexts[file] = text;
    }
    for (const resource of Object.values(JSON.parse(text).Resources ?? {})) {
      resourceTypes[resource.Type] = (resourceTypes[resource.Type] ?? 0) + 1;
    }
  }
  const sorted = Object.fromEntries(Object.entries(resourceTypes).sort(([a], [b]) => a.localeCompare(b)));
  const result = {
    templateBytes,
    stacks,
    pipelines: resourceTypes['AWS::ImageBuilder::ImagePipeline'] ?? 0,
    resources: Object.values(resourceTypes).reduce((a, b) => a + b, 0),
    resourceTypes: sorted,
    ...(keepTemplates ? { templateHashes } : {}),
  };
  // Kept out of the results JSON: only for the byte comparison of this repetition.
  Object.defineProperty(result, 'templateTexts', { value: templateTexts, enumerable: false });
  return result;
}

/**
 * The l1-exact baseline must emit ours' templates byte for byte. On a difference, both templates
 * are written to <out>/template-mismatch/ and the first differing line is shown.
 */
function checkSameTemplates(ours, baseline, opts) {
  const a = JSON.stringify(ours.templateHashes);
  const b = JSON.stringify(baseline.templateHashes);
  if (a === b) { return; }
  const dir = path.join(opts.out, 'template-mismatch');
  fs.mkdirSync(dir, { recursive: true });
  let detail = '';
  for (const file of Object.keys({ ...ours.templateTexts, ...baseline.templateTexts })) {
    const x = ours.templateTexts[file] ?? '';
    const y = baseline.templateTexts[file] ?? '';
    if (x === y) { continue; }
    fs.writeFileSync(path.join(dir, `ours.${file}`), x);
    fs.writeFileSync(path.join(dir, `${baseline.case}.${file}`), y);
    if (!detail) {
      const xs = x.split('\n');
      const ys = y.split('\n');
      const line = xs.findIndex((l, k) => l !== ys[k]);
      detail = `${file} line ${line + 1}:\n  ours:  ${xs[line]?.trim()}\n  ${baseline.case}: ${ys[line]?.trim()}`;
    }
  }
  throw new Error(`the ${baseline.case} baseline no longer emits ours' templates byte for byte at N=${ours.n}: `
    + `update bench/cases/${baseline.case}.js (both templates are in ${path.relative(ROOT, dir)})\n${detail}`);
}

/** The SAME_RESOURCES baselines must emit what ours emits (CDKMetadata aside): same types, same counts. */
function checkBaselineParity(ours, baseline) {
  const strip = (types) => Object.fromEntries(Object.entries(types).filter(([t]) => t !== 'AWS::CDK::Metadata'));
  const a = JSON.stringify(strip(ours.resourceTypes));
  const b = JSON.stringify(strip(baseline.resourceTypes));
  if (a !== b) {
    throw new Error(`the ${baseline.case} baseline no longer emits the resources ours emits at N=${ours.n}: update bench/cases/${baseline.case}.js\n`
      + `  ours: ${a}\n  ${baseline.case}:   ${b}`);
  }
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function summarize(runs) {
  const groups = new Map();
  for (const r of runs) {
    const key = `${r.validation}|${r.n}|${r.case}`;
    if (!groups.has(key)) { groups.set(key, []); }
    groups.get(key).push(r);
  }
  return [...groups.values()].map(rs => ({
    validation: rs[0].validation,
    n: rs[0].n,
    case: rs[0].case,
    reps: rs.length,
    stacks: rs[0].stacks,
    resources: rs[0].resources,
    resourceTypes: rs[0].resourceTypes,
    loadMs: median(rs.map(r => r.loadMs)),
    constructMs: median(rs.map(r => r.constructMs)),
    synthMs: median(rs.map(r => r.synthMs)),
    wallMs: median(rs.map(r => r.wallMs)),
    cpuMs: median(rs.map(r => r.cpuMs)),
    maxRssKb: median(rs.map(r => r.maxRssKb)),
    templateBytes: median(rs.map(r => r.templateBytes)),
    validationOutputLines: Math.max(...rs.map(r => r.stderrLines)),
  }));
}

/** The metrics compared between ours and a baseline. */
const METRICS = ['constructMs', 'synthMs', 'wallMs', 'cpuMs', 'maxRssKb', 'templateBytes'];

/**
 * Paired ratios: for each repetition, ours divided by the baseline measured in the same
 * repetition (the runs alternate, so both saw the same load); the median over repetitions.
 */
function ratios(runs, opts) {
  const out = [];
  for (const validation of opts.validation) {
    for (const n of opts.n) {
      const row = { validation, n };
      const ofCase = (c) => runs.filter(r => r.validation === validation && r.n === n && r.case === c);
      const ours = ofCase('ours');
      if (ours.length === 0) { continue; }
      for (const other of CASES.filter(c => c !== 'ours')) {
        const pairs = ours.map(o => [o, ofCase(other).find(r => r.rep === o.rep)]).filter(([, b]) => b);
        if (pairs.length === 0) { continue; }
        row[other] = Object.fromEntries(METRICS.map(m => [m, median(pairs.map(([a, b]) => a[m] / b[m]))]));
        row[other].pairs = pairs.length;
      }
      out.push(row);
    }
  }
  return out;
}

function targets(ratioRows) {
  return TARGETS.map(t => {
    const row = ratioRows.find(r => r.validation === t.validation && r.n === t.n);
    const ratio = row?.[t.against]?.[t.metric];
    return { ...t, ratio, met: ratio === undefined ? undefined : ratio <= t.max };
  }).filter(t => t.ratio !== undefined);
}

const fmt = {
  ms: (x) => x.toFixed(x < 100 ? 1 : 0),
  mb: (kb) => (kb / 1024).toFixed(0),
  kb: (b) => (b / 1024).toFixed(b < 10240 ? 1 : 0),
  x: (r) => (r === undefined ? 'n/a' : `${r.toFixed(2)}x`),
};

function markdown(result) {
  const lines = [];
  for (const validation of result.options.validation) {
    lines.push(`#### Built-in template validation ${validation === 'on' ? 'on (default)' : 'off (`CDK_VALIDATION=false`)'}`, '');
    lines.push('| N | stacks | case | resources | construct (ms) | synth (ms) | wall (ms) | CPU (ms) | peak RSS (MB) | templates (KB) |');
    lines.push('|--:|--:|:--|--:|--:|--:|--:|--:|--:|--:|');
    for (const s of result.summary.filter(x => x.validation === validation)) {
      lines.push(`| ${s.n} | ${s.stacks} | ${LABELS[s.case]} | ${s.resources} | ${fmt.ms(s.constructMs)} | ${fmt.ms(s.synthMs)} | ${fmt.ms(s.wallMs)} | ${fmt.ms(s.cpuMs)} | ${fmt.mb(s.maxRssKb)} | ${fmt.kb(s.templateBytes)} |`);
    }
    lines.push('');
    const rows = result.ratios.filter(r => r.validation === validation);
    const columns = [
      ['alpha-eq', 'alpha-eq', ['cpuMs', 'wallMs', 'maxRssKb', 'templateBytes']],
      ['l1-exact', 'L1-exact', ['cpuMs', 'wallMs', 'maxRssKb', 'constructMs', 'synthMs']],
      ['alpha', 'alpha', ['cpuMs', 'wallMs', 'maxRssKb']],
      ['l1', 'L1', ['cpuMs', 'wallMs', 'maxRssKb']],
      ['l2', 'L2', ['cpuMs', 'wallMs', 'maxRssKb']],
    ].filter(([other]) => rows.some(r => r[other]));
    if (columns.length > 0) {
      lines.push('Paired ratios (median over repetitions of ours / baseline in the same repetition):', '');
      const names = { wallMs: 'wall', cpuMs: 'CPU', maxRssKb: 'RSS', constructMs: 'construct', synthMs: 'synth', templateBytes: 'template' };
      const header = columns.flatMap(([, label, metrics]) => metrics.map(m => `${names[m]} ours/${label}`));
      lines.push(`| N | ${header.join(' | ')} |`);
      lines.push(`|--:|${header.map(() => '--:').join('|')}|`);
      for (const r of rows) {
        const cells = columns.flatMap(([other, , metrics]) => metrics.map(m => fmt.x(r[other]?.[m])));
        lines.push(`| ${r.n} | ${cells.join(' | ')} |`);
      }
      lines.push('');
    }
  }
  const loads = result.runs.map(r => r.loadAverage);
  lines.push(`Medians of ${Object.entries(result.options.reps).map(([n, k]) => `${k} run${k === 1 ? '' : 's'} at N = ${n}`).join(', ')}; `
    + `wall = the whole child process (node start-up, require, construct, synth, write); `
    + `1-minute load average during the runs ${Math.min(...loads).toFixed(1)} to ${Math.max(...loads).toFixed(1)} on ${result.machine.cpus} CPUs.`, '');
  if (result.targets.length > 0) {
    const names = { cpuMs: 'CPU', maxRssKb: 'peak RSS', templateBytes: 'template bytes' };
    lines.push('Targets: ' + result.targets.map(t => `${names[t.metric]} ours/${LABELS[t.against]} (validation ${t.validation}, N = ${t.n}) `
      + `${fmt.x(t.ratio)}, target <= ${t.max.toFixed(2)}x: ${t.met ? 'met' : 'MISSED'}`).join('; ') + '.', '');
  }
  return lines.join('\n');
}

function log(message) {
  process.stderr.write(`${message}\n`);
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const repsFor = (n) => opts.reps ?? (n <= 50 ? 5 : 3);
  if (opts.build && (opts.cases.includes('ours') || opts.profile.includes('ours'))) {
    buildOurs();
  }
  const ours = opts.lib ?? OURS_BUILD;
  if ((opts.cases.includes('ours') || opts.profile.includes('ours')) && !fs.existsSync(path.join(ours, 'index.js'))) {
    fail(`${path.relative(ROOT, ours)}/index.js does not exist: compile the library first (drop --no-build, or run the jsii compile for --lib lib)`);
  }
  fs.mkdirSync(opts.out, { recursive: true });
  const m = machine();
  log(`machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB, node ${m.node}, aws-cdk-lib ${m.awsCdkLib}, alpha ${m.alpha}`);

  // Untimed warm-up: fills the file cache and compile caches so the first measured run is not an outlier.
  for (let w = 0; w < opts.warmup; w++) {
    for (const c of opts.cases) {
      runOnce(c, 1, opts.perStack, 'on', opts);
    }
  }

  const runs = [];
  for (const validation of opts.validation) {
    for (const n of opts.n) {
      const reps = repsFor(n);
      for (let rep = 0; rep < reps; rep++) {
        // Alternate: rotate the order of the implementations every repetition.
        const order = opts.cases.map((_, k) => opts.cases[(k + rep) % opts.cases.length]);
        const byCase = {};
        for (const c of order) {
          const r = runOnce(c, n, opts.perStack, validation, opts);
          byCase[c] = r;
          runs.push({ ...r, rep });
          log(`validation ${validation} N=${n} rep ${rep + 1}/${reps} ${c.padEnd(8)} CPU ${fmt.ms(r.cpuMs)} ms, wall ${fmt.ms(r.wallMs)} ms, `
            + `construct ${fmt.ms(r.constructMs)} ms, synth ${fmt.ms(r.synthMs)} ms, RSS ${fmt.mb(r.maxRssKb)} MB, `
            + `${r.pipelines} pipelines, ${r.resources} resources`);
        }
        for (const baseline of SAME_RESOURCES) {
          if (byCase.ours && byCase[baseline]) {
            checkBaselineParity(byCase.ours, byCase[baseline]);
          }
        }
        for (const baseline of SAME_TEMPLATES) {
          if (byCase.ours && byCase[baseline]) {
            checkSameTemplates(byCase.ours, byCase[baseline], opts);
          }
        }
      }
    }
  }

  const profiles = [];
  if (opts.profile.length > 0) {
    const profileDir = path.join(opts.out, 'profiles');
    fs.mkdirSync(profileDir, { recursive: true });
    for (const c of opts.profile) {
      for (const validation of opts.validation) {
        const n = Math.max(...opts.n);
        runOnce(c, n, opts.perStack, validation, opts, { profileDir });
        const file = path.join(profileDir, `${c}-n${n}-validation-${validation}.cpuprofile`);
        profiles.push(path.relative(ROOT, file));
        log(`profile: ${path.relative(ROOT, file)} (summarize with: node bench/profile-summary.js ${path.relative(ROOT, file)})`);
      }
    }
  }

  const summary = summarize(runs);
  const ratioRows = ratios(runs, opts);
  const result = {
    date: new Date().toISOString(),
    machine: m,
    options: { ...opts, reps: Object.fromEntries(opts.n.map(n => [n, repsFor(n)])), out: path.relative(ROOT, opts.out) },
    command: `node bench/run.js ${process.argv.slice(2).join(' ')}`.trim(),
    summary,
    ratios: ratioRows,
    targets: targets(ratioRows),
    profiles,
    runs,
  };
  const table = markdown(result);
  const stamp = result.date.replace(/[:.]/g, '-');
  fs.writeFileSync(path.join(opts.out, `results-${stamp}.json`), JSON.stringify(result, null, 2));
  fs.writeFileSync(path.join(opts.out, 'latest.json'), JSON.stringify(result, null, 2));
  fs.writeFileSync(path.join(opts.out, 'latest.md'), table);
  process.stdout.write(`${table}\n`);
  log(`results: ${path.relative(ROOT, path.join(opts.out, `results-${stamp}.json`))} (and latest.json, latest.md)`);
}

try {
  main();
} catch (e) {
  process.stderr.write(`bench: ${e.message}\n`);
  process.exit(1);
}
