#!/usr/bin/env node
'use strict';
/*
 * What an aws-cdk-lib L2 costs over the L1 it renders, for the L2s a pipeline of this library
 * creates (the instance role, the repository, the log groups, the instance profile): the marginal
 * CPU time of N more of them, each referenced by one resource (as the pipeline references them),
 * synthesized without template validation.
 *
 *   node bench/l2-cost.js [--reps 3] [--low 100] [--high 500]
 *
 * Each measurement is a separate process (`node bench/l2-cost.js --child <kind> <n>`); the cost of
 * one is (CPU at `high` - CPU at `low`) / (high - low), the median over repetitions.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const KINDS = {
  'role (iam.Role, two AWS managed policies)': ['roleL2', 'roleL1'],
  'repository (ecr.Repository, scan on push, one lifecycle rule)': ['repositoryL2', 'repositoryL1'],
  'log group (logs.LogGroup, retention, retained)': ['logGroupL2', 'logGroupL1'],
  'instance profile (iam.InstanceProfile)': ['instanceProfileL2', 'instanceProfileL1'],
};

function child(kind, n) {
  const cdk = require('aws-cdk-lib');
  const { aws_ecr: ecr, aws_iam: iam, aws_logs: logs } = cdk;
  const { Construct } = require('constructs');
  const app = new cdk.App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'l2-cost-')) });
  const stacks = [0, 1, 2, 3].map(k => new cdk.Stack(app, `S${k}`, { env: { account: '123456789012', region: 'us-east-1' } }));
  const use = (scope, i, value) => new cdk.CfnResource(scope, `User${i}`, { type: 'Custom::User', properties: { Value: value } });
  const partitionArn = rest => cdk.Fn.join('', ['arn:', cdk.Aws.PARTITION, rest]);
  const managed = ['AmazonSSMManagedInstanceCore', 'EC2InstanceProfileForImageBuilder'];
  const lifecycle = JSON.stringify({ rules: [{ rulePriority: 1, description: 'Keep the last 50 images', selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 50 }, action: { type: 'expire' } }] });
  const make = {
    roleL2: (s, i) => use(s, i, new iam.Role(s, `R${i}`, {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      managedPolicies: managed.map(m => iam.ManagedPolicy.fromAwsManagedPolicyName(m)),
    }).roleName),
    roleL1: (s, i) => use(s, i, new iam.CfnRole(new Construct(s, `R${i}`), 'Resource', {
      assumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' } }], Version: '2012-10-17' },
      managedPolicyArns: managed.map(m => partitionArn(`:iam::aws:policy/${m}`)),
    }).ref),
    repositoryL2: (s, i) => use(s, i, new ecr.Repository(s, `R${i}`, {
      imageScanOnPush: true,
      lifecycleRules: [{ description: 'Keep the last 50 images', maxImageCount: 50 }],
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    }).repositoryName),
    repositoryL1: (s, i) => {
      const r = new ecr.CfnRepository(new Construct(s, `R${i}`), 'Resource', {
        imageScanningConfiguration: { scanOnPush: true },
        lifecyclePolicy: { lifecyclePolicyText: lifecycle },
      });
      r.applyRemovalPolicy(cdk.RemovalPolicy.RETAIN);
      use(s, i, r.ref);
    },
    logGroupL2: (s, i) => use(s, i, new logs.LogGroup(s, `R${i}`, {
      logGroupName: `/aws/imagebuilder/pipeline/group-${i}`,
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: cdk.RemovalPolicy.RETAIN,
    }).logGroupName),
    logGroupL1: (s, i) => {
      const g = new logs.CfnLogGroup(new Construct(s, `R${i}`), 'Resource', {
        logGroupName: `/aws/imagebuilder/pipeline/group-${i}`,
        retentionInDays: 365,
      });
      g.applyRemovalPolicy(cdk.RemovalPolicy.RETAIN);
      use(s, i, g.ref);
    },
    instanceProfileL2: (s, i) => use(s, i, new iam.InstanceProfile(s, `R${i}`, {
      role: iam.Role.fromRoleName(s, `Role${i}`, `role-${i}`),
    }).instanceProfileName),
    instanceProfileL1: (s, i) => use(s, i, new iam.CfnInstanceProfile(new Construct(s, `R${i}`), 'Resource', {
      roles: [iam.Role.fromRoleName(s, `Role${i}`, `role-${i}`).roleName],
    }).ref),
  }[kind];
  for (let i = 0; i < n; i++) {
    make(stacks[i % stacks.length], i);
  }
  app.synth();
  const usage = process.resourceUsage();
  process.stdout.write(String((usage.userCPUTime + usage.systemCPUTime) / 1000));
}

function cpuOf(kind, n) {
  const r = spawnSync(process.execPath, [__filename, '--child', kind, String(n)], {
    env: { ...process.env, CDK_VALIDATION: 'false' },
    encoding: 'utf-8',
  });
  if (r.status !== 0) {
    throw new Error(`${kind} ${n} failed:\n${r.stderr}`);
  }
  return Number(r.stdout);
}

const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main(args) {
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : dflt;
  };
  const reps = opt('--reps', 3);
  const low = opt('--low', 100);
  const high = opt('--high', 500);
  process.stdout.write(`Marginal CPU of one more (median of ${reps}; ${low} and ${high} per app, 4 stacks, validation off)\n\n`);
  process.stdout.write('| what | L2 (ms) | L1 (ms) | L2 - L1 (ms) |\n|:--|--:|--:|--:|\n');
  for (const [label, [l2, l1]] of Object.entries(KINDS)) {
    const marginal = { [l2]: [], [l1]: [] };
    for (let rep = 0; rep < reps; rep++) {
      for (const kind of [l2, l1]) {
        marginal[kind].push((cpuOf(kind, high) - cpuOf(kind, low)) / (high - low));
      }
    }
    const a = median(marginal[l2]);
    const b = median(marginal[l1]);
    process.stdout.write(`| ${label} | ${a.toFixed(3)} | ${b.toFixed(3)} | ${(a - b).toFixed(3)} |\n`);
  }
}

if (process.argv[2] === '--child') {
  child(process.argv[3], Number(process.argv[4]));
} else {
  main(process.argv.slice(2));
}
