'use strict';
// One measured synthesis, in its own process: `node bench/child.js <case> <n> <perStack> <outdir> <resultFile>`
// (<case>: ours, alpha, l1, l2, or the path of a case file exporting addPipeline(stack, i)).
// Plain JavaScript requiring compiled code only, so that process start-up costs the same for every case.
// The parent measures the wall time of this whole process; this file measures the phases inside it.
const { performance } = require('perf_hooks');

const [caseArg, nArg, perStackArg, outdir, resultFile] = process.argv.slice(2);
// A case is the name of a file in bench/cases/, or the path of a file with the same shape (for experiments).
const casePath = caseArg.includes('/') ? require('path').resolve(caseArg) : `./cases/${caseArg}.js`;
const caseName = require('path').basename(casePath, '.js');
const n = Number(nArg);
const perStack = Number(perStackArg);

// Load: aws-cdk-lib and the implementation under test (its own require()s happen here).
const tStart = performance.now();
const cdk = require('aws-cdk-lib');
const impl = require(casePath);
const tLoaded = performance.now();

// Construct: build the construct tree.
const app = new cdk.App({ outdir });
const env = { account: '123456789012', region: 'us-east-1' };
let stack;
for (let i = 0; i < n; i++) {
  if (i % perStack === 0) {
    // The same stack names for every case: generated names and hashes depend on them, and the
    // l1-exact case must emit ours' templates byte for byte.
    stack = new cdk.Stack(app, `Bench${Math.floor(i / perStack)}`, { env });
  }
  impl.addPipeline(stack, i % perStack);
}
const tConstructed = performance.now();

let checksMs;
// BENCH_CHECKS=1: the app adds this library's ImageBuilderChecks plugin (bench/checks-cost.js).
if (process.env.BENCH_CHECKS === '1') {
  const lib = process.env.BENCH_OURS_LIB ?? require('path').join(__dirname, '.build', 'node_modules', 'cdk-imagebuilder', 'lib');
  const plugin = new (require(lib).ImageBuilderChecks)();
  // The plugin's own time, apart from aws-cdk-lib's validation machinery around it.
  const validate = plugin.validate.bind(plugin);
  plugin.validate = (context) => { const t = performance.now(); try { return validate(context); } finally { checksMs = performance.now() - t; } };
  cdk.Validations.of(app).addPlugins(plugin);
}

// Synth: resolve, validate (unless CDK_VALIDATION=false) and write the cloud assembly.
app.synth();
const tSynthesized = performance.now();

const usage = process.resourceUsage();
require('fs').writeFileSync(resultFile, JSON.stringify({
  case: caseName,
  n,
  // performance.now() counts from the start of the process (time origin)
  startupMs: tStart,
  loadMs: tLoaded - tStart,
  constructMs: tConstructed - tLoaded,
  synthMs: tSynthesized - tConstructed,
  checksMs,
  inProcessMs: tSynthesized,
  // user + system CPU time of the whole process: less sensitive than wall time to other load on the machine
  cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
  maxRssKb: usage.maxRSS,
  heapUsedBytes: process.memoryUsage().heapUsed,
}));
