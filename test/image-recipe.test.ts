import { CfnParameter, Lazy, Size, Stack, Tags } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { strictStack } from './helpers';
import {
  AwsManagedComponentName,
  Component,
  ComponentParameterValue,
  EbsVolumeType,
  ImageRecipe,
  ImageRecipeGrants,
  IComponent,
  IImageRecipe,
  ParentImage,
  RecipeType,
} from '../src';

const TYPE = 'AWS::ImageBuilder::ImageRecipe';
const AMI = 'ami-0123456789abcdef0';

describe('ImageRecipe', () => {
  let stack: Stack;
  let update: IComponent;
  beforeEach(() => {
    stack = strictStack();
    update = Component.fromComponentArn(stack, 'Update', 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x');
  });

  function recipeResources() {
    return Template.fromStack(stack).findResources(TYPE);
  }

  test('defaults: a generated name, version 1.0.x', () => {
    const recipe = new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromAmiId(AMI) });

    Template.fromStack(stack).hasResourceProperties(TYPE, Match.objectEquals({
      Name: 'stack-recipe-4344c095',
      Version: '1.0.x',
      ParentImage: AMI,
    }));
    expect(recipe.recipeType).toEqual(RecipeType.IMAGE);
    expect(stack.resolve(recipe.imageRecipeArn)).toEqual({ 'Fn::GetAtt': ['Recipe2A957DA4', 'Arn'] });
    expect(stack.resolve(recipe.recipeArn)).toEqual({ 'Fn::GetAtt': ['Recipe2A957DA4', 'Arn'] });
    expect(stack.resolve(recipe.imageRecipeName)).toEqual({ 'Fn::GetAtt': ['Recipe2A957DA4', 'Name'] });
    expect(stack.resolve(recipe.imageRecipeVersion)).toEqual({
      'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': ['Recipe2A957DA4', 'Arn'] }] }],
    });
  });

  test('the generated name is lowercase and valid', () => {
    new ImageRecipe(stack, 'My Recipe_X', { parentImage: ParentImage.fromAmiId(AMI) });
    const name: string = Object.values(recipeResources())[0].Properties.Name;
    expect(name).toMatch(/^[a-z0-9-_]{3,128}$/);
  });

  test('an exact version is its own attribute', () => {
    const recipe = new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromAmiId(AMI), imageRecipeVersion: '2.3.4' });
    expect(recipe.imageRecipeVersion).toEqual('2.3.4');
  });

  test('with all parameters', () => {
    const key = new kms.Key(stack, 'Key');
    const userData = ec2.UserData.forLinux();
    userData.addCommands('echo hello');

    new ImageRecipe(stack, 'Recipe', {
      imageRecipeName: 'Golden AMI',
      imageRecipeVersion: '1.2.3',
      description: 'The golden image',
      parentImage: ParentImage.fromSsmParameterName('/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64'),
      components: [
        { component: update },
        {
          component: Component.fromAwsManagedComponent(stack, 'Hello', AwsManagedComponentName.HELLO_WORLD_LINUX, '1.0.0'),
          parameters: { Greeting: ComponentParameterValue.fromString('hi'), Times: ComponentParameterValue.fromNumber(3) },
        },
      ],
      blockDevices: [
        {
          deviceName: '/dev/xvda',
          ebs: {
            volumeSize: Size.gibibytes(30),
            volumeType: EbsVolumeType.GP3,
            iops: 4000,
            throughput: 250,
            kmsKey: key,
            snapshotId: 'snap-0123456789abcdef0',
            deleteOnTermination: true,
          },
        },
        { deviceName: '/dev/sdb', virtualName: 'ephemeral0' },
        { deviceName: '/dev/sdc', noDevice: true },
      ],
      workingDirectory: '/var/tmp',
      uninstallSsmAgentAfterBuild: true,
      userDataOverride: userData,
      amiTags: { os: 'al2023' },
      tags: { team: 'images' },
    });

    Template.fromStack(stack).hasResourceProperties(TYPE, Match.objectEquals({
      Name: 'Golden AMI',
      Version: '1.2.3',
      // AMI tags and user data are updated in place by CloudFormation: their fingerprint makes a change replace the recipe.
      Description: Match.stringLikeRegexp('^The golden image \\[content [0-9a-f]{16}\\]$'),
      ParentImage: 'ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
      Components: [
        { ComponentArn: 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x' },
        {
          ComponentArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':imagebuilder:us-east-1:aws:component/hello-world-linux/1.0.0']] },
          Parameters: [{ Name: 'Greeting', Value: ['hi'] }, { Name: 'Times', Value: ['3'] }],
        },
      ],
      BlockDeviceMappings: [
        {
          DeviceName: '/dev/xvda',
          Ebs: {
            VolumeSize: 30,
            VolumeType: 'gp3',
            Iops: 4000,
            Throughput: 250,
            Encrypted: true,
            KmsKeyId: { 'Fn::GetAtt': ['Key961B73FD', 'Arn'] },
            SnapshotId: 'snap-0123456789abcdef0',
            DeleteOnTermination: true,
          },
        },
        { DeviceName: '/dev/sdb', VirtualName: 'ephemeral0' },
        { DeviceName: '/dev/sdc', NoDevice: '' },
      ],
      WorkingDirectory: '/var/tmp',
      AdditionalInstanceConfiguration: {
        SystemsManagerAgent: { UninstallAfterBuild: true },
        UserDataOverride: Buffer.from('#!/bin/bash\necho hello', 'utf-8').toString('base64'),
      },
      AmiTags: { os: 'al2023' },
      Tags: { team: 'images' },
    }));
  });

  test('user data with tokens is encoded by CloudFormation', () => {
    const userData = ec2.UserData.forLinux();
    userData.addCommands(`echo ${stack.region} ${stack.urlSuffix}`);
    new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromAmiId(AMI), userDataOverride: userData });
    Template.fromStack(stack).hasResourceProperties(TYPE, {
      AdditionalInstanceConfiguration: Match.objectEquals({
        UserDataOverride: { 'Fn::Base64': { 'Fn::Join': ['', ['#!/bin/bash\necho us-east-1 ', { Ref: 'AWS::URLSuffix' }]] } },
      }),
    });
  });

  test('commands added to the user data after the recipe was created are rendered', () => {
    const userData = ec2.UserData.forLinux();
    userData.addCommands('echo first');
    new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromAmiId(AMI), userDataOverride: userData });
    userData.addCommands('echo added later');
    Template.fromStack(stack).hasResourceProperties(TYPE, {
      AdditionalInstanceConfiguration: Match.objectEquals({
        UserDataOverride: Buffer.from('#!/bin/bash\necho first\necho added later', 'utf-8').toString('base64'),
      }),
    });
  });

  test('uninstallSsmAgentAfterBuild alone', () => {
    new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromAmiId(AMI), uninstallSsmAgentAfterBuild: false });
    Template.fromStack(stack).hasResourceProperties(TYPE, {
      AdditionalInstanceConfiguration: Match.objectEquals({ SystemsManagerAgent: { UninstallAfterBuild: false } }),
    });
  });

  test('empty lists and maps are not rendered', () => {
    new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromAmiId(AMI), blockDevices: [], amiTags: {}, tags: {} });
    Template.fromStack(stack).hasResourceProperties(TYPE, Match.objectEquals({
      Name: Match.anyValue(), Version: '1.0.x', ParentImage: AMI,
    }));
  });

  test('Tags.of reaches the resource', () => {
    const recipe = new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromAmiId(AMI) });
    Tags.of(recipe).add('team', 'images');
    Template.fromStack(stack).hasResourceProperties(TYPE, { Tags: { team: 'images' } });
  });

  describe('parent images', () => {
    function parentImageOf(parentImage: ParentImage, s: Stack = stack) {
      const recipe = new ImageRecipe(s, 'Recipe', { parentImage });
      return s.resolve((recipe.node.defaultChild as any).parentImage);
    }

    test('fromAmiId', () => {
      expect(parentImageOf(ParentImage.fromAmiId('ami-12345678'))).toEqual('ami-12345678');
    });

    test('fromMachineImage resolves an SSM-backed image at deployment', () => {
      const parentImage = parentImageOf(ParentImage.fromMachineImage(ec2.MachineImage.latestAmazonLinux2023()));
      expect(parentImage).toEqual({ Ref: expect.stringMatching(/^SsmParameterValue.*al2023.*Parameter$/) });
    });

    test('fromMachineImage with a generic AMI', () => {
      expect(parentImageOf(ParentImage.fromMachineImage(ec2.MachineImage.genericLinux({ 'us-east-1': AMI })))).toEqual(AMI);
    });

    test('fromSsmParameter uses the parameter ARN', () => {
      const parameter = ssm.StringParameter.fromStringParameterName(stack, 'Param', 'golden-ami');
      expect(parentImageOf(ParentImage.fromSsmParameter(parameter))).toEqual({
        'Fn::Join': ['', ['ssm:arn:', { Ref: 'AWS::Partition' }, ':ssm:us-east-1:123456789012:parameter/golden-ami']],
      });
    });

    test('fromImageArn', () => {
      const arn = 'arn:aws:imagebuilder:us-east-1:123456789012:image/golden/1.0.0/2';
      expect(parentImageOf(ParentImage.fromImageArn(arn))).toEqual(arn);
    });

    test('fromAwsManagedImage', () => {
      expect(parentImageOf(ParentImage.fromAwsManagedImage('amazon-linux-2023-x86'))).toEqual({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86/x.x.x']],
      });
      const other = strictStack();
      expect(parentImageOf(ParentImage.fromAwsManagedImage('amazon-linux-2023-x86', '2025.x.x'), other)['Fn::Join'][1][2])
        .toEqual(':imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86/2025.x.x');
    });

    test('fromMarketplaceProductId and fromString', () => {
      expect(parentImageOf(ParentImage.fromMarketplaceProductId('prod-abcdefghijklm'))).toEqual('prod-abcdefghijklm');
      expect(parentImageOf(ParentImage.fromString('ssm:/my/ami'), strictStack())).toEqual('ssm:/my/ami');
    });

    test('throws when the AMI ID is invalid', () => {
      expect(() => parentImageOf(ParentImage.fromAmiId('ami-xyz')))
        .toThrow(/Stack\/Recipe: parentImage 'ami-xyz' must be .*\^ami-/);
    });

    test('throws when the SSM parameter name is invalid', () => {
      expect(() => parentImageOf(ParentImage.fromSsmParameterName('my param')))
        .toThrow(/Stack\/Recipe: parentImage 'my param' must be /);
    });

    test('throws when the SSM parameter name is too long', () => {
      expect(() => parentImageOf(ParentImage.fromSsmParameterName('a'.repeat(1012))))
        .toThrow(/Stack\/Recipe: parentImage .* must be between 1 and 1011 characters long \(got 1012\)/);
    });

    test('throws when the image ARN is not an image ARN', () => {
      expect(() => parentImageOf(ParentImage.fromImageArn('arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/r/1.0.0')))
        .toThrow(/Stack\/Recipe: parentImage '.*image-recipe\/r\/1.0.0' must be an image ARN, for example/);
    });

    test('throws when the AWS managed image name or version is invalid', () => {
      expect(() => parentImageOf(ParentImage.fromAwsManagedImage('Amazon Linux', '1.x.2')))
        .toThrow(/Stack\/Recipe: parentImage 'Amazon Linux' must be .*\^\[a-z0-9-_\]\+\$\)\nStack\/Recipe: parentImage '1.x.2' must not have a number right of an x/);
    });

    test('throws when the parent image is empty or too long', () => {
      expect(() => parentImageOf(ParentImage.fromString('')))
        .toThrow(/Stack\/Recipe: parentImage '' must be between 1 and 1024 characters long \(got 0\)/);
      expect(() => parentImageOf(ParentImage.fromMarketplaceProductId('p'.repeat(1025)), strictStack()))
        .toThrow(/Stack\/Recipe: parentImage .* must be between 1 and 1024 characters long \(got 1025\)/);
    });

    test('tokens are accepted', () => {
      const ami = new CfnParameter(stack, 'Ami').valueAsString;
      expect(parentImageOf(ParentImage.fromAmiId(ami))).toEqual({ Ref: 'Ami' });
      const other = strictStack();
      const arn = new CfnParameter(other, 'Arn').valueAsString;
      expect(parentImageOf(ParentImage.fromImageArn(arn), other)).toEqual({ Ref: 'Arn' });
    });
  });

  describe('imports', () => {
    test('by ARN', () => {
      const recipe = ImageRecipe.fromImageRecipeArn(stack, 'Imported', 'arn:aws:imagebuilder:us-west-2:111122223333:image-recipe/golden/1.x.x');
      expect(recipe.imageRecipeArn).toEqual('arn:aws:imagebuilder:us-west-2:111122223333:image-recipe/golden/1.x.x');
      expect(recipe.recipeArn).toEqual(recipe.imageRecipeArn);
      expect(recipe.recipeType).toEqual(RecipeType.IMAGE);
      expect(recipe.imageRecipeName).toEqual('golden');
      expect(recipe.imageRecipeVersion).toEqual('1.x.x');
      expect(recipe.env.account).toEqual('111122223333');
      expect(recipe.env.region).toEqual('us-west-2');
    });

    test('by a token ARN', () => {
      const arn = new CfnParameter(stack, 'Arn').valueAsString;
      const recipe = ImageRecipe.fromImageRecipeArn(stack, 'Imported', arn);
      expect(stack.resolve(recipe.imageRecipeArn)).toEqual({ Ref: 'Arn' });
      expect(stack.resolve(recipe.imageRecipeName)).toEqual({ 'Fn::Select': [1, { 'Fn::Split': ['/', { Ref: 'Arn' }] }] });
      expect(stack.resolve(recipe.imageRecipeVersion)).toEqual({ 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'Arn' }] }] });
    });

    test('throws when the ARN is not an image recipe ARN', () => {
      expect(() => ImageRecipe.fromImageRecipeArn(stack, 'Imported', 'arn:aws:imagebuilder:us-east-1:123456789012:container-recipe/r/1.0.0'))
        .toThrow(/^Stack\/Imported: imageRecipeArn '.*container-recipe\/r\/1.0.0' must be an image recipe ARN, for example/);
    });

    test('by attributes: latest version by default', () => {
      const recipe = ImageRecipe.fromImageRecipeAttributes(stack, 'Imported', { imageRecipeName: 'golden' });
      expect(stack.resolve(recipe.imageRecipeArn)).toEqual({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':imagebuilder:us-east-1:123456789012:image-recipe/golden/x.x.x']],
      });
      expect(recipe.imageRecipeName).toEqual('golden');
      expect(recipe.imageRecipeVersion).toEqual('x.x.x');
    });

    test('by attributes with a version', () => {
      const recipe = ImageRecipe.fromImageRecipeAttributes(stack, 'Imported', { imageRecipeName: 'golden', imageRecipeVersion: '2.0.0' });
      expect(stack.resolve(recipe.imageRecipeArn)['Fn::Join'][1][2]).toEqual(':imagebuilder:us-east-1:123456789012:image-recipe/golden/2.0.0');
    });

    test('throws when the attributes name is shorter than 3 characters', () => {
      expect(() => ImageRecipe.fromImageRecipeAttributes(stack, 'Imported', { imageRecipeName: 'ab' }))
        .toThrow(/^Stack\/Imported: imageRecipeName 'ab' must be between 3 and 128 characters long \(got 2\)$/);
    });

    test('by token attributes', () => {
      const name = new CfnParameter(stack, 'Name').valueAsString;
      const version = new CfnParameter(stack, 'Version').valueAsString;
      const recipe = ImageRecipe.fromImageRecipeAttributes(stack, 'Imported', { imageRecipeName: name, imageRecipeVersion: version });
      expect(stack.resolve(recipe.imageRecipeArn)).toEqual({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':imagebuilder:us-east-1:123456789012:image-recipe/', { Ref: 'Name' }, '/', { Ref: 'Version' }]],
      });
    });

    test('throws when the attributes are invalid', () => {
      expect(() => ImageRecipe.fromImageRecipeAttributes(stack, 'Imported', { imageRecipeName: 'Golden', imageRecipeVersion: '1.0' }))
        .toThrow(/^Stack\/Imported: imageRecipeName 'Golden' must be .*\^\[a-z0-9-_\]\+\$\)\nStack\/Imported: imageRecipeVersion '1.0' must be /);
    });
  });

  describe('grants', () => {
    const RECIPE_ATTR_ARN = { 'Fn::GetAtt': ['Recipe2A957DA4', 'Arn'] };

    function role() {
      return new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    }

    test('grantRead allows GetImageRecipe on exactly this recipe', () => {
      const grantee = role();
      new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromAmiId(AMI) }).grantRead(grantee);
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: Match.objectEquals({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'imagebuilder:GetImageRecipe', Resource: RECIPE_ATTR_ARN }],
        }),
      });
    });

    test('grant allows the given actions on exactly this recipe', () => {
      const grantee = role();
      new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromAmiId(AMI) })
        .grant(grantee, 'imagebuilder:DeleteImageRecipe', 'imagebuilder:GetImageRecipePolicy');
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: Match.objectEquals({
          Version: '2012-10-17',
          Statement: [{
            Effect: 'Allow',
            Action: ['imagebuilder:DeleteImageRecipe', 'imagebuilder:GetImageRecipePolicy'],
            Resource: RECIPE_ATTR_ARN,
          }],
        }),
      });
    });

    test('the grants of an imported recipe: x version nodes become IAM wildcards', () => {
      const arn = 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/golden/1.x.x';
      const grantee = role();
      ImageRecipeGrants.fromImageRecipe(ImageRecipe.fromImageRecipeArn(stack, 'Imported', arn)).read(grantee);
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: Match.objectEquals({
          Version: '2012-10-17',
          Statement: [{
            Effect: 'Allow',
            Action: 'imagebuilder:GetImageRecipe',
            Resource: 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/golden/1.*.*',
          }],
        }),
      });
    });

    test('grantRead on a recipe imported by ARN with an exact version keeps the version', () => {
      const arn = 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/x/1.0.3';
      const grantee = role();
      const imported: IImageRecipe = ImageRecipe.fromImageRecipeArn(stack, 'Imported', arn);
      imported.grantRead(grantee);
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'imagebuilder:GetImageRecipe', Resource: arn }] },
      });
    });

    test('grantRead on a recipe imported by attributes (latest version) grants every version', () => {
      const grantee = role();
      const imported: IImageRecipe = ImageRecipe.fromImageRecipeAttributes(stack, 'Imported', { imageRecipeName: 'golden' });
      imported.grantRead(grantee);
      imported.grant(grantee, 'imagebuilder:DeleteImageRecipe');
      const resource = {
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':imagebuilder:us-east-1:123456789012:image-recipe/golden/*.*.*']],
      };
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: Match.objectEquals({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'imagebuilder:GetImageRecipe', Resource: resource },
            { Effect: 'Allow', Action: 'imagebuilder:DeleteImageRecipe', Resource: resource },
          ],
        }),
      });
      // The recipe's own ARN still names the version as given.
      expect(stack.resolve(imported.imageRecipeArn)['Fn::Join'][1][2]).toEqual(':imagebuilder:us-east-1:123456789012:image-recipe/golden/x.x.x');
    });

    test('an owned recipe with an x version is granted on its ARN as CloudFormation returns it', () => {
      const grantee = role();
      new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromAmiId(AMI), imageRecipeVersion: '1.x.x' }).grantRead(grantee);
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'imagebuilder:GetImageRecipe', Resource: RECIPE_ATTR_ARN }] },
      });
    });
  });

  describe('validation', () => {
    function make(props: Partial<ConstructorParameters<typeof ImageRecipe>[2]>) {
      return () => new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromAmiId(AMI), ...props });
    }

    test('throws when the name is invalid', () => {
      expect(make({ imageRecipeName: 'golden!' })).toThrow(/Stack\/Recipe: imageRecipeName 'golden!' must be /);
    });

    test('throws when the version is invalid', () => {
      expect(make({ imageRecipeVersion: '1.0' })).toThrow(/Stack\/Recipe: imageRecipeVersion '1.0' must be /);
    });

    test('throws when the version has a number right of an x', () => {
      expect(make({ imageRecipeVersion: '1.x.0' })).toThrow(/Stack\/Recipe: imageRecipeVersion '1.x.0' must not have a number right of an x wildcard/);
    });

    test('throws when a version node is too large', () => {
      expect(make({ imageRecipeVersion: '1.0.1073741824' })).toThrow(/Stack\/Recipe: imageRecipeVersion '1.0.1073741824' must have each version number at most 1073741823/);
    });

    test('throws when the description is too long', () => {
      expect(make({ description: 'd'.repeat(1025) })).toThrow(/Stack\/Recipe: description .* must be between 1 and 1024 characters long \(got 1025\)/);
    });

    test('reports a description too long once, also when AMI tags leave room for a fingerprint', () => {
      let message = '';
      try {
        make({ description: 'd'.repeat(1025), amiTags: { team: 'platform' } })();
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message.match(/description '/g)).toHaveLength(1);
    });

    test('a description within the API\'s limit but without room for the fingerprint is reported with the smaller limit', () => {
      expect(make({ description: 'd'.repeat(1020), amiTags: { team: 'platform' } })).toThrow(/description .* must be between 1 and \d+ characters long \(got 1020\)/);
    });

    test('throws when the working directory is empty', () => {
      expect(make({ workingDirectory: '' })).toThrow(/Stack\/Recipe: workingDirectory '' must be between 1 and 1024 characters long/);
    });

    test('throws when the components list is empty', () => {
      expect(make({ components: [] })).toThrow(/Stack\/Recipe: components \[\] must have at least 1 item \(got 0\)/);
    });

    test('throws when a component is given twice', () => {
      expect(make({ components: [{ component: update }, { component: update }] }))
        .toThrow(/Stack\/Recipe: components\[1\].component '.*update-linux\/x.x.x' must not repeat components\[0\]/);
    });

    test('throws when a component parameter name is invalid', () => {
      expect(make({ components: [{ component: update, parameters: { '': ComponentParameterValue.fromString('x') } }] }))
        .toThrow(/Stack\/Recipe: components\[0\].parameters key '' must be between 1 and 256 characters long/);
    });

    test('throws when an AMI tag key starts with aws:', () => {
      expect(make({ amiTags: { 'aws:os': 'linux' } })).toThrow(/Stack\/Recipe: amiTags key 'aws:os' must be /);
    });

    test('throws when there are more than 50 tags', () => {
      const tags: Record<string, string> = {};
      for (let i = 0; i < 51; i++) tags[`k${i}`] = 'v';
      expect(make({ tags })).toThrow(/Stack\/Recipe: tags .* must have at most 50 entries \(got 51\)/);
    });

    test('synthesis fails when the encoded user data is too long', () => {
      const userData = ec2.UserData.forLinux();
      userData.addCommands('x'.repeat(16400));
      expect(make({ userDataOverride: userData })).not.toThrow();
      expect(() => Template.fromStack(stack))
        .toThrow(/\[Stack\/Recipe\] userDataOverride \(base64\) .* must be between 1 and 21847 characters long \(got 21884\)/);
    });

    test('synthesis fails when commands added after construction make the user data too long', () => {
      const userData = ec2.UserData.forLinux();
      userData.addCommands('echo short');
      make({ userDataOverride: userData })();
      userData.addCommands('x'.repeat(16400));
      expect(() => Template.fromStack(stack))
        .toThrow(/\[Stack\/Recipe\] userDataOverride \(base64\) .* must be between 1 and 21847 characters long \(got 21900\)/);
    });

    describe('block devices', () => {
      function ebs(volume: Record<string, unknown>) {
        return make({ blockDevices: [{ deviceName: '/dev/xvda', ebs: volume }] });
      }

      test('throws when the device name is empty', () => {
        expect(make({ blockDevices: [{ deviceName: '' }] })).toThrow(/Stack\/Recipe: blockDevices\[0\].deviceName '' must be between 1 and 1024 characters long/);
      });

      test('throws when the virtual name is empty', () => {
        expect(make({ blockDevices: [{ deviceName: '/dev/sdb', virtualName: '' }] }))
          .toThrow(/Stack\/Recipe: blockDevices\[0\].virtualName '' must be between 1 and 1024 characters long/);
      });

      test('throws when more than one of ebs, virtualName and noDevice is given', () => {
        expect(make({ blockDevices: [{ deviceName: '/dev/sdb', virtualName: 'ephemeral0', noDevice: true }] }))
          .toThrow(/Stack\/Recipe: blockDevices\[0\] \['virtualName', 'noDevice'\] must set at most one of ebs, virtualName and noDevice/);
      });

      test('throws when the volume size is out of range', () => {
        expect(ebs({ volumeSize: Size.gibibytes(16001) })).toThrow(/Stack\/Recipe: blockDevices\[0\].ebs.volumeSize 16001 must be an integer between 1 and 16000 GiB/);
      });

      test('throws when the volume size is not a whole number of GiB', () => {
        expect(ebs({ volumeSize: Size.mebibytes(1536) })).toThrow(/Stack\/Recipe: blockDevices\[0\].ebs.volumeSize 1.5 must be an integer between 1 and 16000 GiB/);
      });

      test('a volume size in another unit is converted', () => {
        ebs({ volumeSize: Size.tebibytes(1) })();
        Template.fromStack(stack).hasResourceProperties(TYPE, { BlockDeviceMappings: [{ Ebs: { VolumeSize: 1024 } }] });
      });

      test('throws when the volume type is not an EBS volume type', () => {
        expect(ebs({ volumeType: 'gp4' })).toThrow(/Stack\/Recipe: blockDevices\[0\].ebs.volumeType 'gp4' must be one of standard, io1, io2, gp2, gp3, sc1, st1/);
      });

      test('throws when the IOPS are out of range', () => {
        expect(ebs({ volumeType: EbsVolumeType.IO2, iops: 64001 })).toThrow(/Stack\/Recipe: blockDevices\[0\].ebs.iops 64001 must be an integer between 100 and 64000/);
      });

      test('throws when the throughput is out of range', () => {
        expect(ebs({ volumeType: EbsVolumeType.GP3, throughput: 100 })).toThrow(/Stack\/Recipe: blockDevices\[0\].ebs.throughput 100 must be an integer between 125 and 1000 MiB\/s/);
      });

      test('throws when IOPS are given for a volume type without provisioned IOPS', () => {
        expect(ebs({ volumeType: EbsVolumeType.GP2, iops: 3000 }))
          .toThrow(/Stack\/Recipe: blockDevices\[0\].ebs.iops 3000 must only be given for volume types io1, io2, gp3 \(volumeType is gp2\)/);
      });

      test('throws when throughput is given for a volume type other than gp3', () => {
        expect(ebs({ volumeType: EbsVolumeType.IO1, iops: 1000, throughput: 500 }))
          .toThrow(/Stack\/Recipe: blockDevices\[0\].ebs.throughput 500 must only be given for volume type gp3 \(volumeType is io1\)/);
      });

      test('throws when io1 or io2 have no IOPS', () => {
        expect(ebs({ volumeType: EbsVolumeType.IO1 })).toThrow(/Stack\/Recipe: blockDevices\[0\].ebs.iops undefined must be given for volume type io1/);
      });

      test('throws when a KMS key is given with encrypted false', () => {
        const key = kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555');
        expect(ebs({ kmsKey: key, encrypted: false })).toThrow(/Stack\/Recipe: blockDevices\[0\].ebs.encrypted false must not be false when kmsKey is given/);
      });

      test('throws when the snapshot ID is empty', () => {
        expect(ebs({ snapshotId: '' })).toThrow(/Stack\/Recipe: blockDevices\[0\].ebs.snapshotId '' must be between 1 and 1024 characters long/);
      });

      test('tokens are accepted', () => {
        const size = new CfnParameter(stack, 'Size', { type: 'Number' }).valueAsNumber;
        const iops = new CfnParameter(stack, 'Iops', { type: 'Number' }).valueAsNumber;
        const throughput = new CfnParameter(stack, 'Throughput', { type: 'Number' }).valueAsNumber;
        ebs({ volumeSize: Size.gibibytes(size), volumeType: EbsVolumeType.GP3, iops, throughput })();
        Template.fromStack(stack).hasResourceProperties(TYPE, {
          BlockDeviceMappings: [{ Ebs: Match.objectEquals({ VolumeSize: { Ref: 'Size' }, VolumeType: 'gp3', Iops: { Ref: 'Iops' }, Throughput: { Ref: 'Throughput' } }) }],
        });
      });
    });

    test('tokens are accepted', () => {
      const name = new CfnParameter(stack, 'Name').valueAsString;
      const version = new CfnParameter(stack, 'Version').valueAsString;
      const recipe = new ImageRecipe(stack, 'Recipe', {
        imageRecipeName: name,
        imageRecipeVersion: version,
        description: Lazy.string({ produce: () => 'x' }),
        workingDirectory: Lazy.string({ produce: () => '/tmp' }),
        parentImage: ParentImage.fromAmiId(AMI),
        amiTags: { os: Lazy.string({ produce: () => 'linux' }) },
      });
      Template.fromStack(stack).hasResourceProperties(TYPE, { Name: { Ref: 'Name' }, Version: { Ref: 'Version' }, Description: Match.stringLikeRegexp('^x \\[content ') });
      expect(stack.resolve(recipe.imageRecipeVersion)).toEqual({
        'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': ['Recipe2A957DA4', 'Arn'] }] }],
      });
    });

    test('reports every problem at once', () => {
      expect(make({ imageRecipeName: 'x', description: '', components: [] }))
        .toThrow(/imageRecipeName 'x'.*\n.*description ''.*\n.*components \[\]/);
    });
  });

  test('snapshot', () => {
    new ImageRecipe(stack, 'Recipe', {
      parentImage: ParentImage.fromAwsManagedImage('amazon-linux-2023-x86'),
      components: [
        { component: update },
        { component: Component.fromAwsManagedComponent(stack, 'Cli', AwsManagedComponentName.AWS_CLI_VERSION_2_LINUX) },
      ],
      blockDevices: [{ deviceName: '/dev/xvda', ebs: { volumeSize: Size.gibibytes(20), volumeType: EbsVolumeType.GP3, encrypted: true } }],
      amiTags: { os: 'al2023' },
    });
    expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
  });
});

describe('ImageRecipe AMI watermarks and latest versions', () => {
  let stack: Stack;
  beforeEach(() => {
    stack = strictStack();
  });

  function make(amiWatermarks: string[]) {
    return () => new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromAmiId(AMI), amiWatermarks });
  }

  test('watermarks are rendered in order', () => {
    make(['golden-2026', "team (a) [b] ./'@_-"])();
    Template.fromStack(stack).hasResourceProperties(TYPE, { AmiWatermarks: ['golden-2026', "team (a) [b] ./'@_-"] });
  });

  test('an empty list is not rendered', () => {
    make([])();
    Template.fromStack(stack).hasResourceProperties(TYPE, { AmiWatermarks: Match.absent() });
  });

  test('the bounds are accepted: 5 watermarks, 3 and 128 characters', () => {
    make(['abc', 'x'.repeat(128), 'c', 'd', 'e'].map((w, i) => (w.length === 1 ? `${w}${w}${i}` : w)))();
    expect(Object.values(Template.fromStack(stack).findResources(TYPE))[0].Properties.AmiWatermarks).toHaveLength(5);
  });

  test('throws when there are more than 5 watermarks', () => {
    expect(make(['aaa', 'bbb', 'ccc', 'ddd', 'eee', 'fff']))
      .toThrow(/Stack\/Recipe: amiWatermarks \['aaa', .*\(6 items\)\] must have between 1 and 5 items \(got 6\)/);
  });

  test('throws when a watermark is shorter than 3 characters', () => {
    expect(make(['ok-mark', 'ab'])).toThrow(/Stack\/Recipe: amiWatermarks\[1\] 'ab' must be 3 to 128 letters, digits, spaces and .* \(pattern \^\[A-Za-z0-9\(\)/);
  });

  test('throws when a watermark is longer than 128 characters', () => {
    expect(make(['x'.repeat(129)])).toThrow(/Stack\/Recipe: amiWatermarks\[0\] 'x+\.\.\. \(129 characters\) must be 3 to 128 letters/);
  });

  test('throws when a watermark starts with a space or holds a character outside the pattern', () => {
    expect(make([' lead', 'semi;colon']))
      .toThrow(/amiWatermarks\[0\] ' lead' must be 3 to 128 .*\n.*amiWatermarks\[1\] 'semi;colon' must be 3 to 128/);
  });

  test('tokens are accepted: a token item, and a token list', () => {
    const item = new CfnParameter(stack, 'Mark').valueAsString;
    make([item, 'golden'])();
    Template.fromStack(stack).hasResourceProperties(TYPE, { AmiWatermarks: [{ Ref: 'Mark' }, 'golden'] });
    const other = strictStack();
    const list = new CfnParameter(other, 'Marks', { type: 'CommaDelimitedList' }).valueAsList;
    new ImageRecipe(other, 'Recipe', { parentImage: ParentImage.fromAmiId(AMI), amiWatermarks: list });
    Template.fromStack(other).hasResourceProperties(TYPE, { AmiWatermarks: { Ref: 'Marks' } });
  });

  test('the latest version ARNs are the recipe\'s LatestVersion attributes', () => {
    const recipe = make([])();
    expect(stack.resolve(recipe.imageRecipeLatestVersionArn)).toEqual({ 'Fn::GetAtt': ['Recipe2A957DA4', 'LatestVersion.Arn'] });
    expect(stack.resolve(recipe.imageRecipeLatestMajorVersionArn)).toEqual({ 'Fn::GetAtt': ['Recipe2A957DA4', 'LatestVersion.Major'] });
    expect(stack.resolve(recipe.imageRecipeLatestMinorVersionArn)).toEqual({ 'Fn::GetAtt': ['Recipe2A957DA4', 'LatestVersion.Minor'] });
    expect(stack.resolve(recipe.imageRecipeLatestPatchVersionArn)).toEqual({ 'Fn::GetAtt': ['Recipe2A957DA4', 'LatestVersion.Patch'] });
  });
});
