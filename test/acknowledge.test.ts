import { Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { strictStack } from './helpers';
import { acknowledgeLibraryFindings } from '../src/private/iam/acknowledge';

const RULES = [
  { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore]', reason: 'managed policy' },
  { id: 'NIST.800.53.R5-IAMNoInlinePolicy', reason: 'inline by design' },
];

/** The acknowledged-rules metadata of a construct, merged over its entries. */
function acknowledged(scope: Construct) {
  const entries = scope.node.metadata.filter(m => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
  return { rules: Object.assign({}, ...entries.map(m => m.data)), entries };
}

describe('acknowledgeLibraryFindings', () => {
  test('records the rule IDs and reasons Validations.acknowledge records, in one entry without a stack trace', () => {
    const stack = strictStack();
    const viaValidations = new Construct(stack, 'ViaValidations');
    Validations.of(viaValidations).acknowledge(...RULES);
    const viaLibrary = new Construct(stack, 'ViaLibrary');
    acknowledgeLibraryFindings(viaLibrary, ...RULES);

    const expected = acknowledged(viaValidations);
    const actual = acknowledged(viaLibrary);
    expect(actual.rules).toEqual(expected.rules);
    expect(Object.keys(actual.rules)).toEqual([
      'Annotation::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore]',
      'Annotation::NIST.800.53.R5-IAMNoInlinePolicy',
    ]);
    expect(actual.entries).toHaveLength(1);
    expect(actual.entries[0].trace).toBeUndefined();
  });

  test('throws for a rule ID with a namespace', () => {
    const scope = new Construct(strictStack(), 'Scope');
    expect(() => acknowledgeLibraryFindings(scope, { id: 'cdk-nag::AwsSolutions-IAM5', reason: 'r' }))
      .toThrow(/must be a rule ID without a namespace/);
  });
});
