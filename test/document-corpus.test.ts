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
interface Source { file: string; repo: string; path: string; commit: string; url: string }
/**
 * A real document AWS would refuse too: the validator reports `expected`, for the cited `rule`.
 * A workflow document gives its `workflowType`; any other is a component document.
 */
interface Rejected extends Source { expected: string; rule: string; workflowType?: string }
const INDEX: { documents: Source[]; rejected: Rejected[] } = JSON.parse(fs.readFileSync(path.join(CORPUS, 'index.json'), 'utf-8'));
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
  const files = ['components', 'workflows', 'rejected'].flatMap(dir => fs.readdirSync(path.join(CORPUS, dir)).map(f => `${dir}/${f}`)).sort();
  expect([...INDEX.documents, ...INDEX.rejected].map(d => d.file).sort()).toEqual(files);
  for (const d of [...INDEX.documents, ...INDEX.rejected]) {
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

test.each(INDEX.rejected.map(d => [d.file, d.expected, d]))('rejects the document %s: %s', (file, expected, d) => {
  expect(d.rule).toMatch(/\S/);
  const found = problems(file, (v, document, text) => d.workflowType !== undefined
    ? validateWorkflowDocument(v, 'data', document, d.workflowType)
    : validateComponentDocument(v, 'data', document, WINDOWS_ACTIONS.test(text) ? 'Windows' : 'Linux'));
  expect(found.join('\n')).toContain(expected);
});

test('the corpus has at least 60 component and 10 workflow documents, all published outside this project', () => {
  expect(components.length).toBeGreaterThanOrEqual(60);
  expect(workflows.length).toBeGreaterThanOrEqual(10);
});

test.each(workflows.map(d => [d.file, d.url]))('accepts the workflow document %s (%s)', (file) => {
  // The workflow type is not in the document: check the actions and inputs without it.
  expect(problems(file, (v, document) => validateWorkflowDocument(v, 'data', document, undefined))).toEqual([]);
});

describe('a broken variant of a corpus workflow, one per kind of workflow rule, is rejected naming the step', () => {
  type Doc = { steps: Array<Record<string, any>>; parameters?: Array<Record<string, any>> };
  /** The AWS CLI reference's build workflow (four steps), parsed afresh for each variant. */
  const original = (): Doc => {
    const v = new Validator(new Stack());
    return parseDocumentText(v, 'data', fs.readFileSync(path.join(CORPUS, 'workflows/aws-cli-create-workflow-042b7ef6.yaml'), 'utf-8')) as Doc;
  };
  const withParameter = (): Doc => {
    const v = new Validator(new Stack());
    return parseDocumentText(v, 'data', fs.readFileSync(path.join(CORPUS, 'workflows/aws-cli-get-workflow-ad841778.yaml'), 'utf-8')) as Doc;
  };
  const problemsOf = (document: Doc, type?: string) => {
    const v = new Validator(new Stack());
    validateWorkflowDocument(v, 'data', document, type);
    return v.messages.join('\n');
  };

  test('the unbroken documents are accepted as BUILD workflows', () => {
    expect(problemsOf(original(), 'BUILD')).toEqual('');
    expect(problemsOf(withParameter(), 'BUILD')).toEqual('');
  });

  test.each<[string, (d: Doc) => void, RegExp, string?]>([
    ['a misspelled action', d => { d.steps[1].action = 'ExecuteComponent'; },
      /steps\[ApplyBuildComponents\]\.action 'ExecuteComponent' must be a workflow step action: did you mean `ExecuteComponents`\?/],
    ['a reference to a later step', d => { d.steps.reverse(); },
      /steps\[TerminateBuildInstance\] '\$\.stepOutputs\.LaunchBuildInstance' must reference an earlier step/],
    ['a missing required input', d => { delete d.steps[3].inputs['instanceId.$']; },
      /steps\[TerminateBuildInstance\]\.inputs \[\] must have instanceId \(or instanceId\.\$\) for TerminateInstance/],
    ['a misspelled input', d => { d.steps[0].inputs = { waitfor: 'ssmAgent' }; },
      /steps\[LaunchBuildInstance\]\.inputs\.waitfor 'waitfor' is not an input of LaunchInstance: did you mean `waitFor`\?/],
    ['an input of the wrong kind', d => { d.steps[2].inputs = { instanceId: ['i-1', 'i-2'] }; },
      /steps\[CreateOutputAMI\]\.inputs\.instanceId \['i-1', 'i-2'\] must be a single string value for CreateImage, not a list/],
    ['an action its workflow type does not allow', () => undefined,
      /steps\[ApplyBuildComponents\]\.action 'ExecuteComponents' is not allowed in a DISTRIBUTION workflow \(only in BUILD, TEST\)/, 'DISTRIBUTION'],
    ['a repeated step name', d => { d.steps[2].name = 'ApplyBuildComponents'; },
      /steps\[ApplyBuildComponents\]\.name 'ApplyBuildComponents' must be unique in the workflow/],
    ['an onFailure value of components', d => { d.steps[3].onFailure = 'Ignore'; },
      /steps\[TerminateBuildInstance\]\.onFailure 'Ignore' must be one of Abort, Continue/],
    ['a step key that does not exist', d => { d.steps[0].retries = 2; },
      /steps\[LaunchBuildInstance\] retries 'retries' is not a known key/],
  ])('%s', (_what, breakIt, message, type = 'BUILD') => {
    const document = original();
    breakIt(document);
    expect(problemsOf(document, type)).toMatch(message);
  });

  test('a reference to an undeclared parameter', () => {
    const document = withParameter();
    document.parameters![0].name = 'waitAtEnd';
    expect(problemsOf(document, 'BUILD')).toMatch(/steps\[WaitForActionAtEnd\] '\$\.parameters\.waitForActionAtEnd' must reference a declared parameter \(declared: waitAtEnd\)/);
  });
});
