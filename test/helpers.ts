import { App, AppProps, Stack, StackProps } from 'aws-cdk-lib';

/**
 * aws-cdk-lib's construct-library strict mode: the CloudFormation validator's findings fail
 * synth, warnings included. Every test app, the example app and the integ apps use it; a test
 * that expects a finding acknowledges it with `Validations.of(construct).acknowledge(...)`.
 */
export const STRICT_VALIDATION_CONTEXT = {
  '@aws-cdk/core:validateAgainstDefaultRules': true,
  '@aws-cdk/core:strictCfnValidateErrors': true,
} as const;

/** The account and region of test stacks. */
export const TEST_ENV = { account: '123456789012', region: 'us-east-1' } as const;

/** A new App in strict validation mode. */
export function strictApp(props: AppProps = {}): App {
  return new App({ ...props, context: { ...STRICT_VALIDATION_CONTEXT, ...props.context } });
}

/** A stack named `Stack` in a new strict App, with a concrete account and region. */
export function strictStack(props: StackProps = {}, id = 'Stack'): Stack {
  return new Stack(strictApp(), id, { env: TEST_ENV, ...props });
}
