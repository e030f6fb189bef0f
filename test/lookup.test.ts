import { CfnWaitConditionHandle, cloud_assembly_schema as cxschema, ContextProvider, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { strictApp } from './helpers';
import {
  Component,
  ComponentPlatform,
  ContainerRecipe,
  DistributionConfiguration,
  ImagePipeline,
  ImageRecipe,
  InfrastructureConfiguration,
  ParentImage,
  RecipeType,
  Workflow,
  WorkflowType,
} from '../src';

/** The account and Region of the stacks that look things up (not the dummy's 123456789012). */
const ENV = { account: '111122223333', region: 'eu-west-1' } as const;
const ARN_PREFIX = 'arn:aws:imagebuilder:eu-west-1:111122223333';

interface Query {
  readonly typeName: string;
  readonly exactIdentifier: string;
  readonly propertiesToReturn: string[];
}

/** The context key of a query, computed as aws-cdk-lib computes it for the stack. */
function contextKey(query: Query): string {
  const stack = new Stack(strictApp(), 'KeyStack', { env: ENV });
  return ContextProvider.getKey(stack, { provider: cxschema.ContextProvider.CC_API_PROVIDER, props: { ...query } }).key;
}

/** A stack whose app has the given answers in its context, as the CLI writes them into cdk.context.json. */
function stackWith(answers: Array<{ query: Query; answer: unknown }> = []): Stack {
  const context: { [key: string]: unknown } = {};
  for (const { query, answer } of answers) context[contextKey(query)] = answer;
  const stack = new Stack(strictApp({ context }), 'Stack', { env: ENV });
  // A stack holding only imports has no resource, which strict validation refuses.
  new CfnWaitConditionHandle(stack, 'Placeholder');
  return stack;
}

/** The missing-context entries the stack reports, as the CLI reads them from the cloud assembly. */
function missing(stack: Stack): cxschema.MissingContext[] {
  return (stack.node.root as any).synth().manifest.missing ?? [];
}

const COMPONENT_QUERY: Query = {
  typeName: 'AWS::ImageBuilder::Component',
  exactIdentifier: `${ARN_PREFIX}:component/hardening/x.x.x`,
  propertiesToReturn: ['Arn', 'Platform'],
};
const COMPONENT_ARN = `${ARN_PREFIX}:component/hardening/2.1.0/1`;

describe('Component.fromLookup', () => {
  test('asks the CLI for the component by its ARN (latest version) before it has answered, with a dummy that cannot deploy', () => {
    const stack = stackWith();
    const component = Component.fromLookup(stack, 'Hardening', { componentName: 'hardening' });

    expect(missing(stack)).toEqual([{
      key: contextKey(COMPONENT_QUERY),
      provider: 'cc-api-provider',
      props: {
        account: ENV.account,
        region: ENV.region,
        typeName: 'AWS::ImageBuilder::Component',
        exactIdentifier: COMPONENT_QUERY.exactIdentifier,
        propertiesToReturn: ['Arn', 'Platform'],
        dummyValue: [{ Arn: 'arn:aws:imagebuilder:eu-west-1:123456789012:component/hardening/0.0.0/1', Platform: 'Linux' }],
        lookupRoleArn: 'arn:${AWS::Partition}:iam::111122223333:role/cdk-hnb659fds-lookup-role-111122223333-eu-west-1',
      },
    }]);
    expect(component.componentArn).toBe('arn:aws:imagebuilder:eu-west-1:123456789012:component/hardening/0.0.0/1');
    // The dummy's facts are not facts: nothing is checked against them.
    expect(component.platform).toBeUndefined();
  });

  test('asks for a given version', () => {
    const stack = stackWith();
    Component.fromLookup(stack, 'Hardening', { componentName: 'hardening', componentVersion: '2.1.x' });
    expect(missing(stack)[0].props).toMatchObject({ exactIdentifier: `${ARN_PREFIX}:component/hardening/2.1.x` });
  });

  test('with the answer, carries the exact ARN and the platform', () => {
    const stack = stackWith([{ query: COMPONENT_QUERY, answer: [{ Arn: COMPONENT_ARN, Platform: 'Windows', Identifier: COMPONENT_ARN }] }]);
    const component = Component.fromLookup(stack, 'Hardening', { componentName: 'hardening' });

    expect(missing(stack)).toEqual([]);
    expect(component.componentArn).toBe(COMPONENT_ARN);
    expect(component.componentName).toBe('hardening');
    expect(component.componentVersion).toBe('2.1.0/1');
    expect(component.platform).toBe(ComponentPlatform.WINDOWS);
  });

  test('throws when the stack has no concrete account and Region', () => {
    const stack = new Stack(strictApp(), 'Stack');
    expect(() => Component.fromLookup(stack, 'Hardening', { componentName: 'hardening' }))
      .toThrow(/^Stack\/Hardening: env \{ account: '\$\{Token\[AWS\.AccountId\.\d+\]\}', .* must be concrete to look up an AWS::ImageBuilder::Component/);
  });

  test('throws when the answer has no resource, or several', () => {
    for (const answer of [[], [{ Arn: COMPONENT_ARN, Platform: 'Linux' }, { Arn: COMPONENT_ARN, Platform: 'Linux' }]]) {
      const stack = stackWith([{ query: COMPONENT_QUERY, answer }]);
      expect(() => Component.fromLookup(stack, 'Hardening', { componentName: 'hardening' }))
        .toThrow(`Stack/Hardening: componentName '${COMPONENT_QUERY.exactIdentifier}' must identify exactly one AWS::ImageBuilder::Component`);
    }
  });

  test('throws when the name is not one an ARN holds, or the version is not a version', () => {
    const stack = stackWith();
    expect(() => Component.fromLookup(stack, 'Hardening', { componentName: 'Hardening Steps' })).toThrow(/Stack\/Hardening: componentName 'Hardening Steps'/);
    expect(() => Component.fromLookup(stack, 'Hardening', { componentName: 'hardening', componentVersion: '1.0' })).toThrow(/Stack\/Hardening: componentVersion '1.0'/);
  });
});
