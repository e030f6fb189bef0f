import { awscdk, javascript, JsonFile } from 'projen';

/** The aws-cdk-lib we develop and test against. */
const CDK_DEV_VERSION = '2.276.0';
/**
 * The oldest aws-cdk-lib this library works with, checked by `compat:peer-minimum` (type-check,
 * then synth of the example app and every integ app). 2.264 carries every L1 property the
 * library sets, but 2.264 to 2.268 reject the cdk-nag acknowledgement ids the library writes
 * (`AwsSolutions-IAM4[Policy::arn:...]`: "The '::' delimiter is reserved"); 2.269.0 is the first
 * that synthesizes. See README "Compatibility".
 */
const CDK_MIN_VERSION = '2.269.0';
const CONSTRUCTS_VERSION = '10.8.1';
/**
 * What the package promises about its API (jsii `stability`, shown in every language's docs).
 * Stable: the public API of the internal contract (facts on interfaces, brands, `ImageSource`,
 * typed step inputs) has landed, and from the first release on a breaking change needs a major
 * version (README "Versioning and compatibility").
 */
const STABILITY = 'stable';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-imagebuilder',
  description: 'AWS CDK L2 constructs for EC2 Image Builder: image pipelines, container recipes, distribution configurations, with strict synth-time validation and least-privilege defaults.',
  author: 'cdk-imagebuilder developers',
  authorAddress: 'cdk-imagebuilder@users.noreply.github.com',
  repositoryUrl: 'https://github.com/cdk-imagebuilder/cdk-imagebuilder.git',
  license: 'Apache-2.0',
  keywords: ['aws', 'cdk', 'awscdk', 'imagebuilder', 'ec2-image-builder', 'ami', 'ecr', 'golden-image'],
  defaultReleaseBranch: 'main',
  // The API is stable (see STABILITY): releases are 1.x, so semantic versioning's promises hold
  // from the first one (under 0.x a minor release may break).
  majorVersion: 1,
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  stability: STABILITY,
  jsiiVersion: '~6.0.0',

  cdkVersion: CDK_MIN_VERSION,
  constructsVersion: CONSTRUCTS_VERSION,

  // jsii targets: jsii checks that the API works in these languages.
  publishToPypi: {
    distName: 'cdk-imagebuilder',
    module: 'cdk_imagebuilder',
  },
  publishToMaven: {
    javaPackage: 'io.github.cdkimagebuilder',
    mavenGroupId: 'io.github.cdk-imagebuilder',
    mavenArtifactId: 'cdk-imagebuilder',
  },
  publishToNuget: {
    dotNetNamespace: 'CdkImageBuilder',
    packageId: 'CdkImageBuilder',
  },
  publishToGo: {
    moduleName: 'github.com/cdk-imagebuilder/cdk-imagebuilder-go',
    packageName: 'cdkimagebuilder',
  },

  // Develop and test against CDK_DEV_VERSION while the peer range starts at CDK_MIN_VERSION.
  peerDependencyOptions: { pinnedDevDependency: false },
  // Component and workflow documents are parsed at synth; jsii libraries must bundle their dependencies.
  bundledDeps: ['yaml@^2.9.1'],
  devDeps: [
    `aws-cdk-lib@${CDK_DEV_VERSION}`,
    `constructs@${CONSTRUCTS_VERSION}`,
    '@aws-cdk/integ-tests-alpha@2.245.0-alpha.0',
    '@aws-cdk/aws-imagebuilder-alpha@2.270.0-alpha.0',
    'cdk-nag@3.0.2',
    'fast-check@^4',
    'semver@^7',
    '@types/semver@^7',
  ],

  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      collectCoverage: false,
      // Every test app synthesizes with the CloudFormation validator in strict mode;
      // its WebAssembly module loads once per worker.
      testTimeout: 60_000,
    },
  },
  eslintOptions: {
    // `npm test` and CI lint without rewriting files; `npx projen eslint:fix` applies the fixes.
    commandOptions: { fix: false },
    dirs: ['src'],
    devdirs: ['test', 'integ', 'examples', 'projenrc', '.projenrc.ts'],
  },
  // Source maps go to lib/**/*.js.map (with the sources in them), not inline in each .js file
  // (projen's default): the files Node.js reads and parses on `require()` are a third the size.
  tsconfig: { compilerOptions: { inlineSourceMap: false, sourceMap: true, inlineSources: true } },
  gitignore: ['/cdk.out/', '/integ/**/cdk.out/', '/.jsii-out/', '/bench/results/', '/test/.quick-start-*/', '*.tabl.json', '/.pacmak/'],
  npmIgnoreOptions: { ignorePatterns: ['/integ/', '/examples/', '/bench/', '/rosetta/', '/.ci/', '/cdk.out/', '/scripts/'] },
  githubOptions: { mergify: false },
  // The release's version bump and changelog (conventional commits). projen's default,
  // commit-and-tag-version 13, declares Node >= 22 in its conventional-changelog dependencies;
  // 12.x does the same job on Node 18+, so `npm ci` on the supported Node 20 installs cleanly,
  // and `projen bump` runs the installed copy instead of fetching 13 with npx.
  bumpPackage: 'commit-and-tag-version@^12',
  depsUpgrade: false,
});

// integ/ and examples/ are type-checked and linted like test/ (each folder gets the
// same dev tsconfig, so eslint's project service finds it).
for (const dir of ['integ', 'examples']) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      extends: '../tsconfig.json',
      compilerOptions: { noEmit: true, rootDir: '..', stripInternal: true, isolatedModules: true },
      include: ['**/*.ts'],
      exclude: ['node_modules', '.build'],
    },
  });
}

// The npm registry reachable from our build machines lacks some non-linux
// @unrs/resolver-binding-*@1.13.0 builds; pin the resolver so `npm ci` works everywhere.
project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });

// README examples are compiled by jsii-rosetta in strict mode (fixture in rosetta/).
project.package.addField('jsii', {
  ...project.package.manifest.jsii,
  metadata: { jsii: { rosetta: { strict: true } } },
});

const env = { JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' };
for (const [k, v] of Object.entries(env)) {
  project.tasks.addEnvironment(k, v);
}

// jsii warns about names that are reserved words in a target language: keep those warnings on.
// The dev dependency on aws-cdk-lib is deliberately newer than the peer minimum.
project.compileTask.reset('jsii --silence-warnings=metadata/missing-dev-dependency');

const rosetta = project.addTask('rosetta', {
  description: 'Compile and translate every README example (strict: a broken example fails)',
  exec: 'jsii-rosetta extract --strict --fail --compile .jsii',
});
project.postCompileTask.spawn(rosetta);

// Every packaging task brings rosetta's translations up to date before jsii-pacmak runs: pacmak
// reads the tablet (.jsii.tabl.json) next to the assembly, and without a current one it ships the
// README and docstring examples of the Python, Java, .NET and Go packages in TypeScript.
for (const target of ['js', 'python', 'java', 'dotnet', 'go']) {
  project.tasks.tryFind(`package:${target}`)?.prependSpawn(rosetta);
}

project.addTask('example', {
  description: 'Synthesize the example app into cdk.out/ and print the resources of each stack',
  exec: 'ts-node --project examples/tsconfig.json examples/main.ts',
});

project.addTask('bench', {
  description: 'Synth benchmark: N container pipelines with this library, the official alpha (as is and at equal output) and raw L1s (the same resources, and ours\' templates byte for byte) (bench/README.md)',
  exec: 'node bench/run.js',
  receiveArgs: true,
});
project.addTask('bench:smoke', {
  description: 'Benchmark smoke run at N = 1 against the jsii-compiled lib/ (checks pipeline counts, resource parity, and that l1-exact emits ours\' templates byte for byte; never times)',
  exec: 'node bench/run.js --n 1 --reps 1 --warmup 0 --lib lib',
});

project.addTask('compat:peer-minimum', {
  description: 'Type-check src/ and synthesize the example app and every integ app against the oldest aws-cdk-lib of the peer range, in its own install dir (downloads it)',
  exec: 'bash scripts/check-peer-minimum.sh',
});

project.addTask('compat:newest', {
  description: 'Type-check src/ and run the whole jest suite against the newest aws-cdk-lib the registry serves (or the version given), in its own install dir (downloads it; leaves no file)',
  exec: 'bash scripts/check-newest.sh',
  receiveArgs: true,
});

project.addTask('eslint:fix', {
  description: 'Lint and apply the automatic fixes (the eslint task that npm test runs never rewrites files)',
  exec: 'eslint --ext .ts,.tsx --fix --no-error-on-unmatched-pattern src test integ examples projenrc .projenrc.ts',
  env: { ESLINT_USE_FLAT_CONFIG: 'false', NODE_NO_WARNINGS: '1' },
});

project.addTask('integ:snapshot', {
  description: 'Update the committed snapshots of the integration test apps (deliberate)',
  exec: 'jest test/integ.test.ts --updateSnapshot',
});

// `npm test` runs every test and check: the jsii compile (with API.md and the strict
// README examples), jest (units, snapshots, integ snapshots, gates) and eslint.
project.testTask.prependSpawn(project.postCompileTask);
project.testTask.prependSpawn(project.compileTask);
project.testTask.prependSpawn(project.preCompileTask);

project.synth();
