/**
 * A corpus of real component and workflow documents that people outside this project published
 * (aws-samples repositories, AWS-managed-style samples, open-source projects), each stored with
 * its source (repository, path, commit) in test/fixtures/documents/corpus/index.json. Every one
 * must be accepted: a check that refuses a document AWS accepts is worse than no check.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import { parseDocumentText, validateComponentDocument, validateWorkflowDocument } from '../src/private/core/documents';
import { Validator } from '../src/private/core/validation';

const CORPUS = path.join(__dirname, 'fixtures', 'documents', 'corpus');
const INDEX: { documents: Array<{ file: string; repo: string; path: string; commit: string; url: string }> } =
  JSON.parse(fs.readFileSync(path.join(CORPUS, 'index.json'), 'utf-8'));
const components = INDEX.documents.filter(d => d.file.startsWith('components/'));
const workflows = INDEX.documents.filter(d => d.file.startsWith('workflows/'));

/** Windows-only action modules: a document using one is a Windows document. */
const WINDOWS_ACTIONS = /action: (ExecutePowerShell|SetRegistry|InstallMSI|UninstallMSI)\b/;

function problems(file: string, check: (v: Validator, document: unknown, text: string) => void): string[] {
  const v = new Validator(new Stack());
  // (Warnings, such as an action the library does not know, are not failures.)
  const text = fs.readFileSync(path.join(CORPUS, file), 'utf-8');
  const document = parseDocumentText(v, 'data', text);
  if (document !== undefined) check(v, document, text);
  return v.messages;
}

test('every fixture is in the index with its source, and the other way round', () => {
  const files = ['components', 'workflows'].flatMap(dir => fs.readdirSync(path.join(CORPUS, dir)).map(f => `${dir}/${f}`)).sort();
  expect(INDEX.documents.map(d => d.file).sort()).toEqual(files);
  for (const d of INDEX.documents) {
    expect(d.url).toEqual(`https://github.com/${d.repo}/blob/${d.commit}/${d.path}`);
  }
});

test('the corpus holds both platforms', () => {
  const windows = components.filter(d => WINDOWS_ACTIONS.test(fs.readFileSync(path.join(CORPUS, d.file), 'utf-8')));
  expect(windows.length).toBeGreaterThan(0);
  expect(components.length - windows.length).toBeGreaterThan(0);
});

test.each(components.map(d => [d.file, d.url]))('accepts the component document %s (%s)', (file) => {
  expect(problems(file, (v, document, text) =>
    validateComponentDocument(v, 'data', document, WINDOWS_ACTIONS.test(text) ? 'Windows' : 'Linux'))).toEqual([]);
});

test.each(workflows.map(d => [d.file, d.url]))('accepts the workflow document %s (%s)', (file) => {
  // The workflow type is not in the document: check the actions and inputs without it.
  expect(problems(file, (v, document) => validateWorkflowDocument(v, 'data', document, undefined))).toEqual([]);
});
