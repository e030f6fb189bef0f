import * as fs from 'fs';
import * as path from 'path';
import { RULE_TABLE } from '../src/private/core/rule-table';

const README = path.join(__dirname, '..', 'README.md');
const BEGIN = '<!-- image-builder-checks:rules -->';
const END = '<!-- /image-builder-checks:rules -->';

/** The README's rule list, generated from the rule table. */
function ruleList(): string {
  const rows = RULE_TABLE.map(rule => `| \`${rule.id}\` | ${rule.severity} | ${rule.description} | ${rule.fix} |`);
  return ['| Rule | Severity | What it checks | Fix |', '|---|---|---|---|', ...rows].join('\n');
}

test('the README lists the ImageBuilderChecks rules of the rule table (UPDATE_README=1 rewrites the list)', () => {
  const readme = fs.readFileSync(README, 'utf-8');
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  const expected = `${BEGIN}\n${ruleList()}\n${END}`;
  if (process.env.UPDATE_README === '1') {
    fs.writeFileSync(README, readme.slice(0, start) + expected + readme.slice(end + END.length));
    return;
  }
  expect(readme.slice(start, end + END.length)).toBe(expected);
});
