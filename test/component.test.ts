import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { aws_iam as iam, aws_kms as kms, aws_s3 as s3, CfnElement, CfnParameter, Duration, Lazy, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { strictStack } from './helpers';
import {
  AwsManagedComponentName,
  Component,
  ComponentAction,
  ComponentConfiguration,
  ComponentData,
  ComponentParameterType,
  ComponentParameterValue,
  ComponentPhaseName,
  ComponentPlatform,
  ComponentProps,
  ComponentStepOnFailure,
  ImageRecipe,
  ParentImage,
  ComponentStepInputs,
} from '../src';
import { renderComponents } from '../src/private/compose/components';
import { Validator } from '../src/private/core/validation';

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

const HELLO = path.join(__dirname, 'fixtures', 'documents', 'hello-linux.yaml');
const LARGE = path.join(__dirname, 'fixtures', 'documents', 'large-linux.yaml');
const INLINE = fs.readFileSync(HELLO, 'utf-8');

function authoredComponent(stack: Stack, props: Partial<ComponentProps> = {}, id = 'Component'): Component {
  return new Component(stack, id, { platform: ComponentPlatform.LINUX, data: ComponentData.fromInline(INLINE), ...props });
}

function componentProps(stack: Stack, id = 'Component'): Record<string, any> {
  return Template.fromStack(stack).findResources('AWS::ImageBuilder::Component')[stack.getLogicalId(
    stack.node.findChild(id).node.defaultChild as CfnElement)].Properties;
}

describe('Component (authored)', () => {
  let stack: Stack;
  beforeEach(() => {
    stack = strictStack();
  });

  describe('document sources', () => {
    test('fromInline sends the text as Data', () => {
      authoredComponent(stack);
      expect(componentProps(stack).Data).toEqual(INLINE);
    });

    test('fromFile inlines a file that fits the inline limit', () => {
      authoredComponent(stack, { data: ComponentData.fromFile(HELLO) });
      expect(componentProps(stack).Data).toEqual(INLINE);
      expect(componentProps(stack).Uri).toBeUndefined();
    });

    test('fromFile uploads a file larger than 16,000 characters as an asset (Uri)', () => {
      authoredComponent(stack, { data: ComponentData.fromFile(LARGE) });
      const props = componentProps(stack);
      expect(props.Data).toBeUndefined();
      expect(JSON.stringify(props.Uri)).toContain('s3://');
    });

    test('fromAsset always uploads, and checks the file', () => {
      authoredComponent(stack, { data: ComponentData.fromAsset(HELLO) });
      expect(JSON.stringify(componentProps(stack).Uri)).toContain('s3://');
      expect(stack.node.findChild('Component').node.tryFindChild('Document')).toBeDefined();
      expect(() => authoredComponent(strictStack(), { data: ComponentData.fromAsset(path.join(__dirname, 'fixtures', 'components', '08-windows-registry.yaml')) }))
        .toThrow(/steps\[CheckTls10\]\.action 'ExecutePowerShell' is not supported on Linux/);
    });

    test('fromS3 references the object and does not read it', () => {
      const bucket = s3.Bucket.fromBucketName(stack, 'Bucket', 'my-documents');
      authoredComponent(stack, { data: ComponentData.fromS3(bucket, 'components/hello.yaml') });
      expect(componentProps(stack).Uri).toEqual('s3://my-documents/components/hello.yaml');
    });

    test('fromS3 throws when the key is empty', () => {
      const bucket = s3.Bucket.fromBucketName(stack, 'Bucket', 'my-documents');
      expect(() => authoredComponent(stack, { data: ComponentData.fromS3(bucket, '') })).toThrow(/data key '' must be between 1 and 1024/);
    });

    test('fromFile throws when the file does not exist', () => {
      expect(() => authoredComponent(stack, { data: ComponentData.fromFile('/nonexistent/doc.yaml') }))
        .toThrow(/Stack\/Component: data '\/nonexistent\/doc.yaml' must be the path of an existing file/);
    });

    test('a typed step timeout whose amount is a token must be in seconds, and is rendered then', () => {
      const typed = (timeout: Duration) => ComponentData.fromDocument({
        phases: [{ name: ComponentPhaseName.BUILD, steps: [{ name: 'Wait', action: ComponentAction.EXECUTE_BASH, inputs: ComponentStepInputs.executeBash(['sleep 1']), timeout }] }],
      });
      const amount = new CfnParameter(stack, 'Timeout', { type: 'Number' }).valueAsNumber;
      expect(() => authoredComponent(stack, { data: typed(Duration.minutes(amount)) }))
        .toThrow('phases[build].steps[Wait].timeout Duration.minutes(<token>) must be given in seconds (Duration.seconds(...)) when its amount is a token');
      const other = strictStack({}, 'Other');
      authoredComponent(other, { data: typed(Duration.seconds(new CfnParameter(other, 'Timeout', { type: 'Number' }).valueAsNumber)) });
      expect(componentProps(other).Data).toEqual(expect.objectContaining({ 'Fn::Join': expect.anything() }));
    });

    test('fromDocument renders a typed document as JSON, tokens included', () => {
      authoredComponent(stack, {
        data: ComponentData.fromDocument({
          name: 'Typed',
          parameters: {
            Greeting: { parameterType: ComponentParameterType.STRING, defaultValue: ComponentParameterValue.fromString('hi') },
            Packages: { parameterType: ComponentParameterType.STRING_LIST, defaultValue: ComponentParameterValue.fromStrings(['git', 'jq']) },
          },
          phases: [{
            name: ComponentPhaseName.BUILD,
            steps: [
              { name: 'Install', action: ComponentAction.EXECUTE_BASH, inputs: ComponentStepInputs.executeBash(['dnf install -y {{ loop.value }}']), loop: { forEach: ['git', 'jq'] } },
              { name: 'Greet', action: ComponentAction.EXECUTE_BASH, inputs: ComponentStepInputs.executeBash([`echo {{ Greeting }} from ${stack.account}`]), onFailure: ComponentStepOnFailure.CONTINUE, timeout: Duration.minutes(5), maxAttempts: 2 },
              { name: 'Reboot', action: ComponentAction.REBOOT },
            ],
          }],
        }),
      });
      const document = JSON.parse(componentProps(stack).Data);
      expect(document).toEqual({
        name: 'Typed',
        schemaVersion: '1.0',
        parameters: [
          { Greeting: { type: 'string', default: 'hi' } },
          { Packages: { type: 'stringList', default: ['git', 'jq'] } },
        ],
        phases: [{
          name: 'build',
          steps: [
            { name: 'Install', action: 'ExecuteBash', loop: { forEach: ['git', 'jq'] }, inputs: { commands: ['dnf install -y {{ loop.value }}'] } },
            { name: 'Greet', action: 'ExecuteBash', onFailure: 'Continue', timeoutSeconds: 300, maxAttempts: 2, inputs: { commands: ['echo {{ Greeting }} from 123456789012'] } },
            { name: 'Reboot', action: 'Reboot' },
          ],
        }],
      });
    });

    test('fromDocument renders a range loop as AWSTOE\'s for', () => {
      authoredComponent(stack, {
        data: ComponentData.fromDocument({
          phases: [{
            name: ComponentPhaseName.BUILD,
            steps: [{ name: 'Folders', action: ComponentAction.CREATE_FOLDER, inputs: ComponentStepInputs.fromList([{ path: '/srv/w{{ n.value }}' }]), loop: { name: 'n', range: { start: 1, end: 3, updateBy: 1 } } }],
          }],
        }),
      });
      const document = JSON.parse(componentProps(stack).Data);
      expect(document.phases[0].steps[0].loop).toEqual({ name: 'n', for: { start: 1, end: 3, updateBy: 1 } });
    });

    test('fromDocument keeps a token as a reference', () => {
      const param = new CfnParameter(stack, 'Message');
      authoredComponent(stack, {
        data: ComponentData.fromDocument({
          phases: [{ name: ComponentPhaseName.BUILD, steps: [{ name: 'Say', action: ComponentAction.EXECUTE_BASH, inputs: ComponentStepInputs.executeBash([param.valueAsString]) }] }],
        }),
      });
      expect(JSON.stringify(componentProps(stack).Data)).toContain('{"Ref":"Message"}');
    });

    test('fromDocument checks the document', () => {
      expect(() => authoredComponent(stack, {
        platform: ComponentPlatform.WINDOWS,
        data: ComponentData.fromDocument({
          phases: [{ name: ComponentPhaseName.BUILD, steps: [{ name: 'Bash', action: ComponentAction.EXECUTE_BASH, inputs: ComponentStepInputs.executeBash(['ls']) }] }],
        }),
      })).toThrow(/data phases\[build\]\.steps\[Bash\]\.action 'ExecuteBash' is not supported on Windows/);
    });
  });

  test('with all parameters', () => {
    const key = new kms.Key(stack, 'Key');
    const c = authoredComponent(stack, {
      componentName: 'My Component',
      componentVersion: '2.3.4',
      description: 'Says hello',
      changeDescription: 'First version',
      supportedOsVersions: ['Amazon Linux 2023'],
      kmsKey: key,
      tags: { team: 'platform' },
    });
    expect(componentProps(stack)).toEqual({
      Name: 'My Component',
      Version: '2.3.4',
      Description: 'Says hello',
      ChangeDescription: 'First version',
      Platform: 'Linux',
      SupportedOsVersions: ['Amazon Linux 2023'],
      KmsKeyId: { 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as CfnElement), 'Arn'] },
      Data: INLINE,
      Tags: { team: 'platform' },
    });
    expect(c.componentVersion).toEqual('2.3.4');
    expect(c.platform).toEqual(ComponentPlatform.LINUX);
  });

  test('with required parameters: a generated lowercase name and a content-derived version', () => {
    const c = authoredComponent(stack);
    const props = componentProps(stack);
    expect(props.Name).toMatch(/^stack-component-[0-9a-f]{8}$/);
    expect(props.Version).toMatch(/^1\.0\.[0-9]+$/);
    expect(stack.resolve(c.componentVersion)).toEqual(props.Version);
    expect(stack.resolve(c.componentArn)).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Arn'] });
    expect(stack.resolve(c.componentName)).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Name'] });
  });

  describe('update safety', () => {
    function synthVersion(props: Partial<ComponentProps>): { name: string; version: string } {
      const s = strictStack();
      authoredComponent(s, props);
      const p = componentProps(s);
      return { name: p.Name, version: p.Version };
    }

    test('v1 and v2 of a changed document get different versions, so the replacement never collides', () => {
      const v1 = synthVersion({ data: ComponentData.fromInline(INLINE) });
      const v2 = synthVersion({ data: ComponentData.fromInline(INLINE.replace('echo hello', 'echo hello, world')) });
      expect(v2.name).toEqual(v1.name);
      expect(v2.version).not.toEqual(v1.version);
    });

    test('every create-only property changes the version', () => {
      const base = synthVersion({}).version;
      expect(synthVersion({ description: 'other' }).version).not.toEqual(base);
      expect(synthVersion({ changeDescription: 'other' }).version).not.toEqual(base);
      expect(synthVersion({ supportedOsVersions: ['Ubuntu 24'] }).version).not.toEqual(base);
      expect(synthVersion({ platform: ComponentPlatform.MACOS }).version).not.toEqual(base);
    });

    test('an unchanged component keeps its version; tags (updatable) do not change it', () => {
      expect(synthVersion({}).version).toEqual(synthVersion({}).version);
      expect(synthVersion({ tags: { a: 'b' } }).version).toEqual(synthVersion({}).version);
    });

    test('a changed asset document changes the version', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'component-'));
      const file = path.join(dir, 'doc.yaml');
      fs.writeFileSync(file, INLINE);
      const v1 = synthVersion({ data: ComponentData.fromAsset(file) });
      fs.writeFileSync(file, INLINE.replace('echo hello', 'echo bye'));
      const v2 = synthVersion({ data: ComponentData.fromAsset(file) });
      expect(v2.version).not.toEqual(v1.version);
    });

    test('a new S3 object version changes the version; the same key alone does not', () => {
      const fromS3 = (objectVersion?: string) => {
        const s = strictStack();
        const bucket = s3.Bucket.fromBucketName(s, 'Bucket', 'my-documents');
        authoredComponent(s, { data: ComponentData.fromS3(bucket, 'components/hello.yaml', objectVersion) });
        const p = componentProps(s);
        expect(p.Uri).toEqual('s3://my-documents/components/hello.yaml');
        return p.Version;
      };
      expect(fromS3()).toEqual(fromS3());
      expect(fromS3('v1')).not.toEqual(fromS3());
      expect(fromS3('v2')).not.toEqual(fromS3('v1'));
      expect(fromS3('v1')).toEqual(fromS3('v1'));
    });

    test('fromS3 throws when the object version is empty, and accepts a token', () => {
      const bucket = s3.Bucket.fromBucketName(stack, 'Bucket', 'my-documents');
      expect(() => authoredComponent(stack, { data: ComponentData.fromS3(bucket, 'a.yaml', '') }, 'Empty'))
        .toThrow(/data objectVersion '' must be between 1 and 1024/);
      authoredComponent(stack, { data: ComponentData.fromS3(bucket, 'a.yaml', new CfnParameter(stack, 'ObjectVersion').valueAsString) }, 'Token');
      expect(stack.resolve((stack.node.findChild('Token') as Component).componentVersion)).toMatch(/^1\.0\.\d+$/);
    });

    test('a fixed version gets a warning that a change needs a new version', () => {
      authoredComponent(stack, { componentVersion: '1.2.3' });
      Annotations.fromStack(stack).hasWarning('/Stack/Component', Match.stringLikeRegexp('fixed version \\(1\\.2\\.3\\).*raise the version'));
    });

    test('a content-derived version gets no warning', () => {
      authoredComponent(stack);
      Annotations.fromStack(stack).hasNoWarning('/Stack/Component', Match.anyValue());
    });
  });

  describe('validation', () => {
    test('throws when the name is not a resource name', () => {
      expect(() => authoredComponent(stack, { componentName: 'a' })).toThrow(/Stack\/Component: componentName 'a' must be 3 to 128 letters/);
    });

    test('throws when the version has a wildcard', () => {
      expect(() => authoredComponent(stack, { componentVersion: '1.0.x' })).toThrow(/componentVersion '1.0.x' must be a version major\.minor\.patch of three numbers, for example '1\.0\.0' \(pattern \^\[0-9\]\+/);
    });

    test('throws when a description is too long', () => {
      expect(() => authoredComponent(stack, { description: 'x'.repeat(1025) })).toThrow(/description .* must be between 1 and 1024 characters long/);
      expect(() => authoredComponent(stack, { changeDescription: '' }, 'C2')).toThrow(/changeDescription '' must be between 1 and 1024/);
    });

    test('throws when the platform is unknown (plain strings from other languages)', () => {
      expect(() => authoredComponent(stack, { platform: 'Solaris' as ComponentPlatform })).toThrow(/platform 'Solaris' must be one of Linux, Windows, macOS/);
    });

    test('an unknown platform is reported once, not again for every action of the document', () => {
      // A JavaScript user writing 'linux' would otherwise also read "'ExecuteBash' is not supported on linux".
      expect(() => authoredComponent(stack, { platform: 'linux' as ComponentPlatform })).toThrow(
        /^[^\n]*Component: platform 'linux' must be one of Linux, Windows, macOS$/);
    });

    test('throws when supportedOsVersions is empty or has an empty item', () => {
      expect(() => authoredComponent(stack, { supportedOsVersions: [] })).toThrow(/supportedOsVersions \[\] must have between 1 and 25 items/);
      expect(() => authoredComponent(stack, { supportedOsVersions: [''] }, 'C2')).toThrow(/supportedOsVersions\[0\] '' must be between 1 and 1024/);
    });

    test('throws when a tag key is reserved', () => {
      expect(() => authoredComponent(stack, { tags: { 'aws:x': 'y' } })).toThrow(/tags key 'aws:x' must be a tag key .*not starting with aws:/);
    });

    test('throws when inline text is empty, too long or holds NUL', () => {
      expect(() => authoredComponent(stack, { data: ComponentData.fromInline('') })).toThrow(/data '' must be between 1 and 16000/);
      expect(() => authoredComponent(stack, { data: ComponentData.fromInline(`${INLINE}#${'x'.repeat(16000)}`) }, 'C2')).toThrow(/must be between 1 and 16000 characters long/);
      expect(() => authoredComponent(stack, { data: ComponentData.fromInline(`${INLINE}\0`) }, 'C3')).toThrow(/must be non-empty text without NUL characters.*\(pattern \^\[\^\\x00\]\+\$\)/);
    });

    test('reports every problem at once, with the construct path', () => {
      expect(() => authoredComponent(stack, { componentName: 'a', description: '', data: ComponentData.fromInline('schemaVersion: 2.0\nphases: []\n') }))
        .toThrow(/componentName 'a'[\s\S]*description ''[\s\S]*data schemaVersion 2 must be 1.0[\s\S]*data phases \[\] must be a list of at least 1 phase/);
    });

    test('validateDocument: false skips the document checks, not the API limits', () => {
      expect(() => authoredComponent(stack, { validateDocument: false, data: ComponentData.fromInline('phases: {}') })).not.toThrow();
      expect(() => authoredComponent(stack, { validateDocument: false, data: ComponentData.fromInline('') }, 'C2')).toThrow(/must be between 1 and 16000/);
    });

    test('tokens are accepted: name, version, description, inline document, OS versions', () => {
      const t = (name: string) => new CfnParameter(stack, name).valueAsString;
      expect(() => authoredComponent(stack, {
        componentName: t('Name'),
        componentVersion: t('Version'),
        description: t('Description'),
        supportedOsVersions: [t('Os')],
        data: ComponentData.fromInline(t('Doc')),
      })).not.toThrow();
    });
  });

  test('grants read and custom actions on its ARN', () => {
    const c = authoredComponent(stack);
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.AccountRootPrincipal() });
    c.grantRead(role);
    c.grant(role, 'imagebuilder:DeleteComponent');
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          { Action: 'imagebuilder:GetComponent', Effect: 'Allow', Resource: { 'Fn::GetAtt': [stack.getLogicalId(c.node.defaultChild as CfnElement), 'Arn'] } },
          { Action: 'imagebuilder:DeleteComponent', Effect: 'Allow', Resource: { 'Fn::GetAtt': [stack.getLogicalId(c.node.defaultChild as CfnElement), 'Arn'] } },
        ],
      },
    });
  });

  test('a recipe runs an authored component like an imported one', () => {
    const c = authoredComponent(stack, { data: ComponentData.fromInline(`${INLINE}parameters:\n  - Greeting:\n      type: string\n`) });
    new ImageRecipe(stack, 'Recipe', {
      parentImage: ParentImage.fromAmiId('ami-0123456789abcdef0'),
      components: [{ component: c, parameters: { Greeting: ComponentParameterValue.fromString('hi') } }],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ImageBuilder::ImageRecipe', {
      Components: [{
        ComponentArn: { 'Fn::GetAtt': [stack.getLogicalId(c.node.defaultChild as CfnElement), 'Arn'] },
        Parameters: [{ Name: 'Greeting', Value: ['hi'] }],
      }],
    });
  });

  describe('a recipe checks the parameters it gives against the document', () => {
    const DOC = `${INLINE}parameters:\n  - Level:\n      type: string\n  - Retries:\n      type: string\n      default: '3'\nconstants:\n  - Fixed:\n      type: string\n      value: x\n`;
    function recipeWith(parameters: { [name: string]: ComponentParameterValue } | undefined, props: Partial<ComponentProps> = {}) {
      const c = authoredComponent(stack, { data: ComponentData.fromInline(DOC), ...props });
      return () => new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromAmiId('ami-0123456789abcdef0'), components: [{ component: c, parameters }] });
    }

    test('accepts every parameter without a default, with or without the others', () => {
      expect(recipeWith({ Level: ComponentParameterValue.fromString('high'), Retries: ComponentParameterValue.fromNumber(5) })).not.toThrow();
    });

    test('throws when a parameter without a default is missing', () => {
      expect(recipeWith({ Retries: ComponentParameterValue.fromNumber(5) }))
        .toThrow(/Stack\/Recipe: components\[0\]\.parameters \['Retries'\] must give Level: the document of component Stack\/Component\d* declares them without a default/);
      stack = strictStack();
      expect(recipeWith(undefined)).toThrow(/components\[0\]\.parameters \[\] must give Level/);
    });

    test('throws when a parameter is not declared (a constant is not a parameter)', () => {
      expect(recipeWith({ Level: ComponentParameterValue.fromString('x'), Levle: ComponentParameterValue.fromString('y'), Fixed: ComponentParameterValue.fromString('z') }))
        .toThrow(/components\[0\]\.parameters key 'Levle' must be a parameter of the document of component Stack\/Component\d* \(declared: Level, Retries\)[\s\S]*key 'Fixed' must be a parameter/);
    });

    test('a token parameter name is accepted; nothing is checked when the document was not read', () => {
      const name = new CfnParameter(stack, 'Name').valueAsString;
      expect(recipeWith({ Level: ComponentParameterValue.fromString('x'), [name]: ComponentParameterValue.fromString('y') })).not.toThrow();
      const s2 = strictStack();
      const c = authoredComponent(s2, { data: ComponentData.fromInline(DOC), validateDocument: false });
      expect(() => new ImageRecipe(s2, 'Recipe', { parentImage: ParentImage.fromAmiId('ami-0123456789abcdef0'), components: [{ component: c }] })).not.toThrow();
    });
  });

  test('fromComponentAttributes builds the ARN of the stack, latest version by default', () => {
    const c = Component.fromComponentAttributes(stack, 'Imported', { componentName: 'my-component' });
    expect(c.componentArn).toMatch(/:imagebuilder:us-east-1:123456789012:component\/my-component\/x\.x\.x$/);
    expect(c.componentName).toEqual('my-component');
    expect(c.componentVersion).toEqual('x.x.x');
    const d = Component.fromComponentAttributes(stack, 'Imported2', { componentName: 'my-component', componentVersion: '1.2.3' });
    expect(d.componentVersion).toEqual('1.2.3');
    expect(() => Component.fromComponentAttributes(stack, 'Bad', { componentName: 'My Component' })).toThrow(/Stack\/Bad: componentName 'My Component' must be a name as its ARN holds it/);
  });

  test('imported components know their name and version', () => {
    const c = Component.fromComponentArn(stack, 'Build', 'arn:aws:imagebuilder:us-east-1:123456789012:component/my-component/1.0.0/3');
    expect(c.componentName).toEqual('my-component');
    expect(c.componentVersion).toEqual('1.0.0/3');
    const t = Component.fromComponentArn(stack, 'Token', new CfnParameter(stack, 'Arn').valueAsString);
    expect(stack.resolve(t.componentVersion)).toEqual({ 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'Arn' }] }] });
  });

  test('snapshot: an authored component from a file with a KMS key', () => {
    authoredComponent(stack, { data: ComponentData.fromFile(HELLO), kmsKey: new kms.Key(stack, 'Key'), description: 'hello' });
    expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
  });
});
