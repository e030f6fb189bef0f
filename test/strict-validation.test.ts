/**
 * CloudFormation validity is checked in one place: test/helpers.ts holds the strict validation
 * context, and every app the tests, the integ harness and the example synthesize goes through it.
 * This test keeps it that way, and proves that the context really turns findings into errors.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, Validations, aws_imagebuilder as cfn } from 'aws-cdk-lib';
import { strictStack } from './helpers';

const ROOT = path.join(__dirname, '..');

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir))
    .filter(f => f.endsWith('.ts'))
    .map(f => path.join(dir, f));
}

test('tests create apps only through the strict helpers', () => {
  const offenders = sources('test')
    .filter(f => !f.endsWith('helpers.ts'))
    .filter(f => /new (cdk\.)?App\(/.test(fs.readFileSync(path.join(ROOT, f), 'utf-8')));
  expect(offenders).toEqual([]);
});

test('the integ harness and the example app synthesize with the strict context', () => {
  for (const f of ['test/integ.test.ts', 'examples/main.ts']) {
    expect(fs.readFileSync(path.join(ROOT, f), 'utf-8')).toContain('STRICT_VALIDATION_CONTEXT');
  }
});

describe('strict mode', () => {
  function pipelineWithStatus(stack: Stack, status: string) {
    return new cfn.CfnImagePipeline(stack, 'Pipeline', {
      name: 'pipeline',
      infrastructureConfigurationArn: 'arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/infra',
      imageRecipeArn: 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/recipe/1.0.0',
      status,
    });
  }

  test('fails synth on a schema warning (an enum value the schema does not list)', () => {
    const stack = strictStack();
    pipelineWithStatus(stack, 'PAUSED');
    expect(() => strictSynth(stack)).toThrow(/WARNING Status: 'PAUSED' is not one of/);
  });

  test('passes when the finding is acknowledged with a reason', () => {
    const stack = strictStack();
    const pipeline = pipelineWithStatus(stack, 'PAUSED');
    Validations.of(pipeline).acknowledge({ id: 'CloudFormation-Validate::W3030', reason: 'this test checks acknowledgements' });
    expect(() => strictSynth(stack)).not.toThrow();
  });
});

function strictSynth(stack: Stack) {
  return (stack.node.root as App).synth();
}
