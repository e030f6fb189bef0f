import { CfnParameter, Lazy, Stack, Token } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { strictStack } from './helpers';
import { AwsManagedComponentName, Component, ComponentConfiguration, ComponentParameterValue, ImageRecipe, ParentImage } from '../src';
import { renderComponents } from '../src/private/components';
import { Validator } from '../src/private/validation';

const ARN = 'arn:aws:imagebuilder:us-east-1:123456789012:component/my-component/1.0.0';

describe('ComponentParameterValue', () => {
  test('fromString', () => {
    expect(ComponentParameterValue.fromString('hello').values).toEqual(['hello']);
  });

  test('fromStrings copies the list', () => {
    const list = ['a', 'b'];
    const value = ComponentParameterValue.fromStrings(list);
    list.push('c');
    expect(value.values).toEqual(['a', 'b']);
  });

  test('fromNumber', () => {
    expect(ComponentParameterValue.fromNumber(42).values).toEqual(['42']);
    expect(ComponentParameterValue.fromNumber(1.5).values).toEqual(['1.5']);
  });

  test('fromNumber accepts a token', () => {
    const stack = strictStack();
    const n = new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber;
    const [value] = ComponentParameterValue.fromNumber(n).values;
    expect(Token.isUnresolved(value)).toBe(true);
    expect(stack.resolve(value)).toEqual({ Ref: 'N' });
  });

  test('fromBoolean', () => {
    expect(ComponentParameterValue.fromBoolean(true).values).toEqual(['true']);
    expect(ComponentParameterValue.fromBoolean(false).values).toEqual(['false']);
  });
});

describe('Component', () => {
  let stack: Stack;
  beforeEach(() => {
    stack = strictStack();
  });

  describe('fromComponentArn', () => {
    test('imports a version, a wildcard version and a build', () => {
      for (const [i, arn] of [
        ARN,
        'arn:aws:imagebuilder:us-east-1:123456789012:component/my-component/1.x.x',
        'arn:aws:imagebuilder:us-east-1:123456789012:component/my-component/1.0.0/3',
        'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x',
      ].entries()) {
        expect(Component.fromComponentArn(stack, `C${i}`, arn).componentArn).toEqual(arn);
      }
    });

    test('takes its environment from the ARN', () => {
      const component = Component.fromComponentArn(stack, 'C', 'arn:aws:imagebuilder:eu-west-1:111122223333:component/c/1.0.0');
      expect(component.env.account).toEqual('111122223333');
      expect(component.env.region).toEqual('eu-west-1');
    });

    test('accepts a token ARN', () => {
      const arn = new CfnParameter(stack, 'Arn').valueAsString;
      expect(stack.resolve(Component.fromComponentArn(stack, 'C', arn).componentArn)).toEqual({ Ref: 'Arn' });
    });

    test('throws when the ARN is not a component ARN', () => {
      expect(() => Component.fromComponentArn(stack, 'C', 'arn:aws:imagebuilder:us-east-1:123456789012:component/My-Component/1.0.0'))
        .toThrow(/^Stack\/C: componentArn 'arn:aws:imagebuilder:us-east-1:123456789012:component\/My-Component\/1.0.0' must be a component ARN, for example/);
    });

    test('throws when the version is a wildcard with a number right of an x', () => {
      expect(() => Component.fromComponentArn(stack, 'C', 'arn:aws:imagebuilder:us-east-1:123456789012:component/c/1.0'))
        .toThrow(/componentArn .* must be a component ARN/);
    });
  });

  describe('fromAwsManagedComponent', () => {
    test('the latest version by default, in the stack partition and region', () => {
      const component = Component.fromAwsManagedComponent(stack, 'Update', AwsManagedComponentName.UPDATE_LINUX);
      expect(stack.resolve(component.componentArn)).toEqual({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':imagebuilder:us-east-1:aws:component/update-linux/x.x.x']],
      });
    });

    test('with a version', () => {
      const component = Component.fromAwsManagedComponent(stack, 'Docker', AwsManagedComponentName.DOCKER_CE_LINUX, '1.x.x');
      expect(stack.resolve(component.componentArn)).toEqual({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':imagebuilder:us-east-1:aws:component/docker-ce-linux/1.x.x']],
      });
    });

    test('any name', () => {
      const component = Component.fromAwsManagedComponent(stack, 'C', 'inspector-test-linux', '1.0.0');
      expect(stack.resolve(component.componentArn)['Fn::Join'][1][2]).toEqual(':imagebuilder:us-east-1:aws:component/inspector-test-linux/1.0.0');
    });

    test('in a region-agnostic stack', () => {
      const agnostic = new Stack();
      const component = Component.fromAwsManagedComponent(agnostic, 'C', 'update-linux');
      expect(agnostic.resolve(component.componentArn)).toEqual({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':imagebuilder:', { Ref: 'AWS::Region' }, ':aws:component/update-linux/x.x.x']],
      });
    });

    test('every well-known name is a valid ARN name', () => {
      const names = Object.entries(AwsManagedComponentName).filter(([, v]) => typeof v === 'string');
      expect(names.length).toBeGreaterThanOrEqual(14);
      for (const [key, value] of names) {
        expect(value).toMatch(/^[a-z0-9-_]+$/);
        expect(key).toEqual((value as string).toUpperCase().replace(/-/g, '_'));
      }
    });

    test('accepts token name and version', () => {
      const name = new CfnParameter(stack, 'Name').valueAsString;
      const version = Lazy.string({ produce: () => '1.0.0' });
      const component = Component.fromAwsManagedComponent(stack, 'C', name, version);
      expect(stack.resolve(component.componentArn)).toEqual({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':imagebuilder:us-east-1:aws:component/', { Ref: 'Name' }, '/1.0.0']],
      });
    });

    test('throws when the name is not a lowercase ARN name', () => {
      expect(() => Component.fromAwsManagedComponent(stack, 'C', 'Update Linux'))
        .toThrow(/^Stack\/C: name 'Update Linux' must be .*\^\[a-z0-9-_\]\+\$/);
    });

    test('throws when the version is invalid', () => {
      expect(() => Component.fromAwsManagedComponent(stack, 'C', 'update-linux', 'latest'))
        .toThrow(/^Stack\/C: version 'latest' must be /);
    });

    test('throws when the version has a number right of an x', () => {
      expect(() => Component.fromAwsManagedComponent(stack, 'C', 'update-linux', 'x.2.x'))
        .toThrow(/^Stack\/C: version 'x.2.x' must not have a number right of an x wildcard/);
    });
  });
});

describe('renderComponents', () => {
  let stack: Stack;
  let v: Validator;
  beforeEach(() => {
    stack = strictStack();
    v = new Validator(stack);
  });

  function render(components: ComponentConfiguration[]) {
    const rendered = renderComponents(v, 'components', components);
    v.throwIfInvalid();
    return stack.resolve(rendered);
  }

  test('renders ARNs and parameters, in order', () => {
    const a = Component.fromComponentArn(stack, 'A', ARN);
    const b = Component.fromAwsManagedComponent(stack, 'B', 'update-linux', '1.0.0');
    expect(render([
      { component: a, parameters: { Greeting: ComponentParameterValue.fromString('hi'), Ports: ComponentParameterValue.fromStrings(['80', '443']), Empty: ComponentParameterValue.fromString('') } },
      { component: b },
      { component: Component.fromComponentArn(stack, 'C', ARN.replace('1.0.0', '2.0.0')), parameters: {} },
    ])).toEqual([
      {
        componentArn: ARN,
        parameters: [
          { name: 'Greeting', value: ['hi'] },
          { name: 'Ports', value: ['80', '443'] },
          { name: 'Empty', value: [''] },
        ],
      },
      { componentArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':imagebuilder:us-east-1:aws:component/update-linux/1.0.0']] } },
      { componentArn: ARN.replace('1.0.0', '2.0.0') },
    ]);
  });

  test('throws when there are no components', () => {
    expect(() => render([])).toThrow(/^Stack: components \[\] must have at least 1 item \(got 0\)$/);
  });

  test('throws when a component is given twice', () => {
    const a = Component.fromComponentArn(stack, 'A', ARN);
    const b = Component.fromComponentArn(stack, 'B', ARN);
    expect(() => render([{ component: a }, { component: b }]))
      .toThrow(/^Stack: components\[1\].component '.*my-component\/1.0.0' must not repeat components\[0\] \(a recipe runs each component at most once\)$/);
  });

  test('token ARNs are not compared', () => {
    const arn = new CfnParameter(stack, 'Arn').valueAsString;
    const a = Component.fromComponentArn(stack, 'A', arn);
    const b = Component.fromComponentArn(stack, 'B', arn);
    expect(render([{ component: a }, { component: b }])).toHaveLength(2);
  });

  test('throws when a parameter name is too long', () => {
    const a = Component.fromComponentArn(stack, 'A', ARN);
    expect(() => render([{ component: a, parameters: { ['n'.repeat(257)]: ComponentParameterValue.fromString('x') } }]))
      .toThrow(/^Stack: components\[0\].parameters key 'n+\.\.\. \(257 characters\) must be between 1 and 256 characters long \(got 257\)$/);
  });

  test('throws when a parameter name is empty', () => {
    const a = Component.fromComponentArn(stack, 'A', ARN);
    expect(() => render([{ component: a, parameters: { '': ComponentParameterValue.fromString('x') } }]))
      .toThrow(/^Stack: components\[0\].parameters key '' must be between 1 and 256 characters long \(got 0\)$/);
  });

  test('throws when a parameter name holds a NUL character', () => {
    const a = Component.fromComponentArn(stack, 'A', ARN);
    expect(() => render([{ component: a, parameters: { 'a\u0000b': ComponentParameterValue.fromString('x') } }]))
      .toThrow(/^Stack: components\[0\].parameters key 'a\\u0000b' must be /);
  });

  test('throws when a parameter value holds a NUL character', () => {
    const a = Component.fromComponentArn(stack, 'A', ARN);
    expect(() => render([{ component: a, parameters: { p: ComponentParameterValue.fromStrings(['ok', 'x\u0000']) } }]))
      .toThrow(/^Stack: components\[0\].parameters\['p'\]\[1\] 'x\\u0000' must be /);
  });

  test('token parameter names and values are accepted', () => {
    const a = Component.fromComponentArn(stack, 'A', ARN);
    const name = Lazy.string({ produce: () => 'p' });
    const value = new CfnParameter(stack, 'Value').valueAsString;
    expect(render([{ component: a, parameters: { [name]: ComponentParameterValue.fromString(value) } }])).toEqual([
      { componentArn: ARN, parameters: [{ name: 'p', value: [{ Ref: 'Value' }] }] },
    ]);
  });
});

test('snapshot: a recipe running imported and AWS managed components with parameters', () => {
  // Components have no resources of their own: this snapshots how recipes render them.
  const stack = strictStack();
  new ImageRecipe(stack, 'Recipe', {
    parentImage: ParentImage.fromAmiId('ami-0123456789abcdef0'),
    components: [
      { component: Component.fromAwsManagedComponent(stack, 'Update', AwsManagedComponentName.UPDATE_LINUX) },
      {
        component: Component.fromComponentArn(stack, 'Mine', ARN),
        parameters: {
          Flag: ComponentParameterValue.fromBoolean(true),
          Count: ComponentParameterValue.fromNumber(2),
          Names: ComponentParameterValue.fromStrings(['a', 'b']),
        },
      },
    ],
  });
  expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
});
