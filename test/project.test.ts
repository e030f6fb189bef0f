/**
 * Checks of the project itself: what `npm test` and CI run, what the README promises a user,
 * and that `npm ci` installs cleanly on the Node.js version the README supports.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as semver from 'semver';

const ROOT = path.join(__dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf-8');
const readme = read('README.md');
const packageJson = JSON.parse(read('package.json'));
const tasks = JSON.parse(read('.projen/tasks.json')).tasks as Record<string, { steps?: Array<{ exec?: string; spawn?: string; execArgs?: string[] }> }>;

/** Every command a task runs, following `spawn` steps. */
function commandsOf(task: string): string[] {
  return (tasks[task].steps ?? []).flatMap(step => {
    if (step.spawn) return commandsOf(step.spawn);
    return [step.exec ?? (step.execArgs ?? []).join(' ')];
  });
}

describe('npm test', () => {
  test('lints without rewriting files', () => {
    const lint = commandsOf('test').filter(c => c.startsWith('eslint'));
    expect(lint).toHaveLength(1);
    expect(lint[0]).not.toMatch(/--fix\b/);
  });
});

describe('the peer minimum of aws-cdk-lib', () => {
  const minimum = semver.minVersion(packageJson.peerDependencies['aws-cdk-lib'])!.version;

  test('is the one the README states, with its reason', () => {
    expect(readme).toContain(`\`aws-cdk-lib\` **${minimum} or later** (peer dependency \`^${minimum}\`)`);
    expect(readme).toMatch(new RegExp(`Why ${minimum.replace(/\./g, '\\.')}:`));
  });

  test('is checked in CI by synthesizing the example app and every integ app against it', () => {
    expect(read('.ci/run')).toMatch(/^npx projen compat:peer-minimum$/m);
    expect(commandsOf('compat:peer-minimum')).toEqual(['bash scripts/check-peer-minimum.sh']);
    const script = read('scripts/check-peer-minimum.sh');
    expect(script).toContain('apps=(examples/main.ts)');
    expect(script).toContain('for f in integ/integ.*.ts');
  });
});

describe('the newest aws-cdk-lib', () => {
  test('CI runs the whole jest suite against the newest version the registry serves', () => {
    expect(read('.ci/run')).toMatch(/^npx projen compat:newest$/m);
    expect(commandsOf('compat:newest')).toEqual(['bash scripts/check-newest.sh']);
    const script = read('scripts/check-newest.sh');
    expect(script).toContain('npm view aws-cdk-lib version');
    expect(script).toContain('--ci --config');
  });
});

describe('the release', () => {
  const releaseTasks = JSON.parse(read('.projen/tasks.json')).tasks as Record<string, { env?: Record<string, string> }>;
  const workflow = read('.github/workflows/release.yml');

  test('publishes to npm, PyPI, Maven, NuGet and the Go repository, with a changelog from the commits', () => {
    for (const job of ['release_npm', 'release_pypi', 'release_maven', 'release_nuget', 'release_golang']) {
      expect(workflow).toMatch(new RegExp(`^  ${job}:$`, 'm'));
    }
    expect(workflow).toContain('CHANGELOG_FILE: dist/changelog.md');
  });

  test('the version bump runs the installed commit-and-tag-version (npx fetches nothing)', () => {
    const spec = releaseTasks.bump.env?.BUMP_PACKAGE ?? '';
    const [, range] = /^commit-and-tag-version@(.+)$/.exec(spec) ?? [];
    const installed = JSON.parse(read('node_modules/commit-and-tag-version/package.json')).version;
    expect(semver.satisfies(installed, range)).toBe(true);
  });

  test('releases are 1.x: a stable API under semantic versioning', () => {
    expect(packageJson.stability).toBe('stable');
    expect(releaseTasks.release.env?.MAJOR).toBe('1');
    expect(readme).toMatch(/## Versioning and compatibility/);
  });
});

describe('npm ci on the supported Node.js version', () => {
  const stated = /Node\.js (\d+\.\d+) or later/.exec(readme)?.[1];

  test('the README states the Node.js version', () => {
    expect(stated).toBeDefined();
  });

  test('no locked package declares an engine that excludes it (no EBADENGINE warning)', () => {
    const node = `${stated}.0`;
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { engines?: unknown }> };
    const excluding = Object.entries(lock.packages)
      .map(([name, p]) => [name, (p.engines as { node?: string } | undefined)?.node] as const)
      .filter(([, range]) => typeof range === 'string' && !semver.satisfies(node, range))
      .map(([name, range]) => `${name} (node ${range})`);
    expect(excluding).toEqual([]);
  });
});

describe('the README for a user', () => {
  test('has an Install section before the contributors\' quick start, with every package name and the peer dependencies', () => {
    const install = readme.indexOf('## Install');
    expect(install).toBeGreaterThan(0);
    expect(install).toBeLessThan(readme.indexOf('## Quick start'));
    for (const name of [
      'npm install cdk-imagebuilder',
      'pip install cdk-imagebuilder',
      'io.github.cdk-imagebuilder:cdk-imagebuilder',
      'dotnet add package CdkImageBuilder',
      'github.com/cdk-imagebuilder/cdk-imagebuilder-go/cdkimagebuilder',
      "import * as imagebuilder from 'cdk-imagebuilder';",
      'import cdk_imagebuilder',
    ]) {
      expect(readme).toContain(name);
    }
    const minimum = semver.minVersion(packageJson.peerDependencies['aws-cdk-lib'])!.version;
    expect(readme).toContain(`peer dependencies \`aws-cdk-lib\` ${minimum} or later and \`constructs\``);
  });

  test('says how to use it from a local checkout (npm pack, then install the tarball)', () => {
    expect(readme).toContain('### Using a local checkout in your app');
    expect(readme).toMatch(/npm pack/);
    expect(readme).toMatch(/npm install \/path\/to\/checkout\/cdk-imagebuilder-0\.0\.0\.tgz/);
  });

  test('documents the cfn-lint E3002 findings on ImageTags and Schedule.Timezone, and how to suppress exactly those', () => {
    expect(readme).toMatch(/`ImageTags` and `Schedule\.Timezone` as\s+unknown properties \(E3002\)/);
    expect(readme).toContain("addMetadata('cfn-lint', { config: { ignore_checks: ['E3002'] } })");
  });
});
