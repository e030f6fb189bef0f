/**
 * A corpus of component documents written the way AWS's public samples and managed components
 * are (packages, CIS hardening, registry edits, reboots, tests), each accepted; and broken
 * variants of them, each rejected with a message that names the step.
 */
import * as fs from 'fs';
import * as path from 'path';
import { strictStack } from './helpers';
import { Component, ComponentData, ComponentPlatform } from '../src';

const CORPUS = path.join(__dirname, 'fixtures', 'components');
const files = fs.readdirSync(CORPUS).sort();

const WINDOWS = ['08-windows-registry.yaml', '09-windows-msi.yaml', '10-windows-features.yaml', '21-windows-powershell-file.yaml'];
const MACOS = ['18-macos-brew.yaml'];

function platformOf(file: string): ComponentPlatform {
  if (WINDOWS.includes(file)) return ComponentPlatform.WINDOWS;
  if (MACOS.includes(file)) return ComponentPlatform.MACOS;
  return ComponentPlatform.LINUX;
}

function text(file: string): string {
  return fs.readFileSync(path.join(CORPUS, file), 'utf-8');
}

test('the corpus has at least 20 documents', () => {
  expect(files.length).toBeGreaterThanOrEqual(20);
});

test.each(files)('accepts %s', (file) => {
  const stack = strictStack();
  expect(() => new Component(stack, 'Component', {
    platform: platformOf(file),
    data: ComponentData.fromFile(path.join(CORPUS, file)),
  })).not.toThrow();
});

/** [document, what is broken, replace this, with this, the message names...] */
const BROKEN: Array<[string, string, string | RegExp, string, RegExp]> = [
  ['01-update-linux.yaml', 'an unknown action', 'action: UpdateOS', 'action: UpdateOs', /steps\[UpdateOS\]\.action 'UpdateOs' must be an AWSTOE action module: did you mean `UpdateOS`\?/],
  ['01-update-linux.yaml', 'a bad onFailure', 'onFailure: Abort', 'onFailure: Stop', /steps\[RebootAfterUpdate\]\.onFailure 'Stop' must be one of Abort, Continue, Ignore/],
  ['01-update-linux.yaml', 'a zero maxAttempts', 'maxAttempts: 2', 'maxAttempts: 0', /steps\[RebootAfterUpdate\]\.maxAttempts 0 must be a positive integer/],
  ['02-install-cloudwatch-agent.yaml', 'an undeclared parameter', 'ssm:{{ AgentConfigParameter }}', 'ssm:{{ AgentConfig }}', /data phases\[build\]\.steps\[\w+\] '\{\{ AgentConfig \}\}' must reference a declared parameter or constant/],
  ['02-install-cloudwatch-agent.yaml', 'ExecuteBash without commands', '          commands:\n            - sudo dnf install -y amazon-cloudwatch-agent', '          command: sudo dnf install -y amazon-cloudwatch-agent', /steps\[InstallAgent\]\.inputs \['command'\] must have commands for ExecuteBash/],
  ['03-cis-ssh-hardening.yaml', 'a file permission entry without permissions', '            permissions: 0600', '            mode: 0600', /steps\[SshdConfigPermissions\]\.inputs\[0\] \['path', 'mode'\] must have permissions for SetFilePermissions/],
  ['03-cis-ssh-hardening.yaml', 'a duplicate step name', 'name: SshdConfigOwner', 'name: HardenSshd', /steps\[HardenSshd\]\.name 'HardenSshd' must be unique in its phase/],
  ['04-cis-kernel-parameters.yaml', 'CreateFile without a path', '          - path: /etc/sysctl.d/60-cis.conf', '          - file: /etc/sysctl.d/60-cis.conf', /steps\[WriteSysctl\]\.inputs\[0\] .* must have path for CreateFile/],
  ['05-cis-disable-filesystems.yaml', 'a loop with no values', '          forEach:\n', '          forEvery:\n', /steps\[DisableModule\]\.loop forEvery 'forEvery' is not a known key/],
  ['06-download-from-s3.yaml', 'S3Download without a destination', '            destination: /opt/app/app.tar.gz\n', '', /steps\[DownloadBundle\]\.inputs\[0\] .* must have destination for S3Download/],
  ['07-web-download-checksum.yaml', 'a step name with a space', 'name: Cleanup', 'name: Clean up', /steps\[Clean up\]\.name 'Clean up' must be a step name matching/],
  ['08-windows-registry.yaml', 'a registry value of an unknown type', 'type: DWORD\n          - path', 'type: WORD\n          - path', /steps\[DisableOldTls\]\.inputs\[0\]\.type 'WORD' must be one of BINARY, DWORD/],
  ['08-windows-registry.yaml', 'ExecuteBash on Windows', 'action: ExecutePowerShell', 'action: ExecuteBash', /steps\[CheckTls10\]\.action 'ExecuteBash' is not supported on Windows/],
  ['09-windows-msi.yaml', 'InstallMSI without a path', '          path: C:\\Temp\\agent.msi\n', '', /steps\[InstallMsi\]\.inputs .* must have one of path, url for InstallMSI/],
  ['10-windows-features.yaml', 'a timeout of 0 seconds', 'timeoutSeconds: 1800', 'timeoutSeconds: 0', /steps\[InstallIis\]\.timeoutSeconds 0 must be a positive integer, or -1/],
  ['11-reboot-and-continue.yaml', 'an unknown step key', 'maxAttempts: 2', 'retries: 2', /steps\[RebootToNewKernel\] retries 'retries' is not a known key/],
  ['13-assert-version.yaml', 'a reference to a step of another phase', '{{ validate.ApplicationVersion.outputs.stdout }}', '{{ build.ApplicationVersion.outputs.stdout }}', /'\{\{ build\.ApplicationVersion\.outputs\.stdout \}\}' must reference a step of the build phase/],
  ['13-assert-version.yaml', 'a reference to a later step', '- /opt/app/bin/app --version', '- echo {{ validate.VersionMatches.outputs.stdout }}', /steps\[ApplicationVersion\] '\{\{ validate\.VersionMatches\.outputs\.stdout \}\}' must reference a step that runs before validate\.ApplicationVersion/],
  ['14-execute-binary.yaml', 'ExecuteBinary without a path', '          path: /tmp/vendor-installer\n', '', /steps\[RunInstaller\]\.inputs .* must have path for ExecuteBinary/],
  ['16-file-operations.yaml', 'CreateSymlink without a target', '            target: /opt/app/releases/2.1.1\n', '', /steps\[LinkCurrent\]\.inputs\[0\] .* must have target for CreateSymlink/],
  ['18-macos-brew.yaml', 'ExecutePowerShell on macOS', 'action: ExecuteBash\n        inputs:\n          commands:\n            - sudo', 'action: ExecutePowerShell\n        inputs:\n          commands:\n            - sudo', /steps\[InstallTools\]\.action 'ExecutePowerShell' is not supported on macOS/],
  ['19-for-loop.yaml', 'a range loop without updateBy', '            updateBy: 1\n', '', /steps\[WorkerFolders\]\.loop\.for .* must have start, end, updateBy/],
  ['21-windows-powershell-file.yaml', 'ExecutePowerShell with neither commands nor file', '          file: C:\\Windows\\Temp\\harden.ps1\n', '', /steps\[RunScript\]\.inputs .* must have one of commands, file for ExecutePowerShell/],
];

test('at least 20 broken variants', () => {
  expect(BROKEN.length).toBeGreaterThanOrEqual(20);
});

test.each(BROKEN)('rejects %s with %s', (file, _what, from, to, message) => {
  const original = text(file);
  const broken = original.replace(from, to);
  expect(broken).not.toEqual(original);
  const stack = strictStack();
  expect(() => new Component(stack, 'Component', {
    platform: platformOf(file),
    data: ComponentData.fromInline(broken),
  })).toThrow(message);
});
