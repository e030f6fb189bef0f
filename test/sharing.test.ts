import { CfnParameter, CfnResource, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { strictStack } from './helpers';
import { Component, ComponentData, ComponentPlatform, ContainerParentImage, ContainerRecipe, Image, ImageRecipe, ImageSource, ParentImage, SharePrincipal } from '../src';

const SHARE = 'AWS::RAM::ResourceShare';
const ORG = 'arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5';
const OU = 'arn:aws:organizations::111122223333:ou/o-a1b2c3d4e5/ou-ab12-11111111';
const RECIPE_ID = 'Recipe2A957DA4';

describe('sharing through AWS RAM', () => {
  let stack: Stack;
  beforeEach(() => {
    stack = strictStack();
  });

  function imageRecipe() {
    return new ImageRecipe(stack, 'Recipe', { parentImage: ParentImage.fromAmiId('ami-0123456789abcdef0') });
  }

  function containerRecipe(kmsKey?: kms.IKey) {
    return new ContainerRecipe(stack, 'Recipe', {
      parentImage: ContainerParentImage.fromDockerHub('amazonlinux', '2023'),
      components: [{ component: Component.fromComponentArn(stack, 'Update', 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x') }],
      kmsKey,
    });
  }

  function decryptStatements() {
    const key = Object.values(Template.fromStack(stack).findResources('AWS::KMS::Key'))[0];
    return (key.Properties.KeyPolicy.Statement as any[]).filter(s => JSON.stringify(s.Action).includes('kms:Decrypt'));
  }

  test('an image recipe: one share of the recipe version ARN, with accounts, an organization and an OU', () => {
    const recipe = imageRecipe();
    recipe.shareWith([SharePrincipal.account('210987654321'), SharePrincipal.organization(ORG), SharePrincipal.organizationalUnit(OU)]);

    Template.fromStack(stack).resourceCountIs(SHARE, 1);
    Template.fromStack(stack).hasResourceProperties(SHARE, Match.objectEquals({
      Name: 'Stack-Recipe-Share-1B8EEEAC',
      ResourceArns: [{ 'Fn::GetAtt': [RECIPE_ID, 'Arn'] }],
      Principals: ['210987654321', ORG, OU],
      AllowExternalPrincipals: false,
    }));
  });

  test('a container recipe: the share holds its ARN', () => {
    containerRecipe().shareWith([SharePrincipal.account('210987654321')], { allowExternalPrincipals: true });
    Template.fromStack(stack).hasResourceProperties(SHARE, {
      ResourceArns: [{ 'Fn::GetAtt': [RECIPE_ID, 'Arn'] }],
      Principals: ['210987654321'],
      AllowExternalPrincipals: true,
    });
  });

  test('an authored component: the share holds its build ARN; grantKeyDecrypt on its key', () => {
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const component = new Component(stack, 'Hardening', {
      platform: ComponentPlatform.LINUX,
      data: ComponentData.fromInline('schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Hello\n        action: ExecuteBash\n        inputs:\n          commands: [echo hello]\n'),
      kmsKey: key,
    });
    component.shareWith([SharePrincipal.organization(ORG)], { grantKeyDecrypt: true });

    Template.fromStack(stack).hasResourceProperties(SHARE, Match.objectEquals({
      Name: Match.stringLikeRegexp('^Stack-Hardening-Share-'),
      ResourceArns: [{ 'Fn::GetAtt': [stack.getLogicalId(component.node.defaultChild as CfnResource), 'Arn'] }],
      Principals: [ORG],
      AllowExternalPrincipals: false,
    }));
    expect(decryptStatements()).toEqual([{
      Action: ['kms:Decrypt', 'kms:DescribeKey'],
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Resource: '*',
    }]);
  });

  test('an image built on deploy: the share holds its build ARN; it has no key to grant', () => {
    const image = new Image(stack, 'Golden', { source: ImageSource.fromRecipe(imageRecipe()) });
    image.shareWith([SharePrincipal.organizationalUnit(OU)]);
    Template.fromStack(stack).hasResourceProperties(SHARE, {
      ResourceArns: [{ 'Fn::GetAtt': [stack.getLogicalId(image.node.defaultChild as CfnResource), 'Arn'] }],
      Principals: [OU],
      AllowExternalPrincipals: false,
    });
    expect(() => image.shareWith([SharePrincipal.account('210987654321')], { grantKeyDecrypt: true }))
      .toThrow(/Stack\/Golden: shareWith grantKeyDecrypt true must not be true: the resource has no KMS key/);
  });

  test('later calls add principals to the same share; repeated principals are listed once', () => {
    const recipe = imageRecipe();
    recipe.shareWith([SharePrincipal.account('210987654321')]);
    recipe.shareWith([SharePrincipal.account('210987654321'), SharePrincipal.organizationalUnit(OU)]);
    Template.fromStack(stack).resourceCountIs(SHARE, 1);
    Template.fromStack(stack).hasResourceProperties(SHARE, { Principals: ['210987654321', OU] });
  });

  test('no share without shareWith', () => {
    imageRecipe();
    Template.fromStack(stack).resourceCountIs(SHARE, 0);
  });

  test('grantKeyDecrypt: each principal may decrypt with the recipe key, in the key policy', () => {
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    containerRecipe(key).shareWith([
      SharePrincipal.account('210987654321'),
      SharePrincipal.organization(ORG),
      SharePrincipal.organizationalUnit(OU),
    ], { grantKeyDecrypt: true });

    expect(decryptStatements()).toEqual([
      {
        Action: ['kms:Decrypt', 'kms:DescribeKey'],
        Effect: 'Allow',
        Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::210987654321:root']] } },
        Resource: '*',
      },
      {
        Action: ['kms:Decrypt', 'kms:DescribeKey'],
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Resource: '*',
      },
      {
        Action: ['kms:Decrypt', 'kms:DescribeKey'],
        Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a1b2c3d4e5/*/ou-ab12-11111111/*' } },
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Resource: '*',
      },
    ]);
  });

  test('without grantKeyDecrypt the key policy is not changed', () => {
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    containerRecipe(key).shareWith([SharePrincipal.account('210987654321')]);
    expect(decryptStatements()).toEqual([]);
  });

  test('token principals are accepted (a token OU ARN is split for the key policy)', () => {
    const account = new CfnParameter(stack, 'Account').valueAsString;
    const ou = new CfnParameter(stack, 'Ou').valueAsString;
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    containerRecipe(key).shareWith([SharePrincipal.account(account), SharePrincipal.organizationalUnit(ou)], { grantKeyDecrypt: true });
    Template.fromStack(stack).hasResourceProperties(SHARE, { Principals: [{ Ref: 'Account' }, { Ref: 'Ou' }] });
    const ouPath = decryptStatements()[1].Condition['ForAnyValue:StringLike']['aws:PrincipalOrgPaths'];
    expect(ouPath).toEqual({
      'Fn::Join': ['/', [
        { 'Fn::Select': [1, { 'Fn::Split': ['/', { Ref: 'Ou' }] }] },
        '*',
        { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'Ou' }] }] },
        '*',
      ]],
    });
  });

  describe('validation', () => {
    test('throws when an account ID is not 12 digits', () => {
      expect(() => imageRecipe().shareWith([SharePrincipal.account('12345')]))
        .toThrow(/Stack\/Recipe: shareWith principals\[0\] '12345' must be an AWS account ID of 12 digits.*\(pattern \^\[0-9\]\{12\}\$\)/);
    });

    test('throws when an organization ARN is not one', () => {
      expect(() => imageRecipe().shareWith([SharePrincipal.organization('o-a1b2c3d4e5')]))
        .toThrow(/Stack\/Recipe: shareWith principals\[0\] 'o-a1b2c3d4e5' must be an AWS Organizations organization ARN/);
    });

    test('throws when an OU ARN is an organization ARN', () => {
      expect(() => imageRecipe().shareWith([SharePrincipal.organizationalUnit(ORG)]))
        .toThrow(/Stack\/Recipe: shareWith principals\[0\] '.*organization\/o-a1b2c3d4e5' must be an AWS Organizations organizational unit ARN/);
    });

    test('throws when sharing with the stack\'s own account', () => {
      expect(() => imageRecipe().shareWith([SharePrincipal.account('123456789012')]))
        .toThrow(/shareWith principals\[0\] '123456789012' must not be the account of the stack/);
    });

    test('throws when there is no principal', () => {
      expect(() => imageRecipe().shareWith([])).toThrow(/Stack\/Recipe: shareWith principals \[\] must have at least 1 item/);
    });

    test('throws when a later call disagrees on allowExternalPrincipals', () => {
      const recipe = imageRecipe();
      recipe.shareWith([SharePrincipal.account('210987654321')]);
      expect(() => recipe.shareWith([SharePrincipal.account('310987654321')], { allowExternalPrincipals: true }))
        .toThrow(/shareWith allowExternalPrincipals true must be false as in the first shareWith call: the resource has one share/);
    });

    test('throws when grantKeyDecrypt is asked of a recipe without a key', () => {
      expect(() => imageRecipe().shareWith([SharePrincipal.account('210987654321')], { grantKeyDecrypt: true }))
        .toThrow(/shareWith grantKeyDecrypt true must not be true: the resource has no KMS key/);
    });

    test('throws when grantKeyDecrypt is asked for an imported key', () => {
      const key = kms.Key.fromKeyArn(stack, 'Imported', 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
      expect(() => containerRecipe(key).shareWith([SharePrincipal.account('210987654321')], { grantKeyDecrypt: true }))
        .toThrow(/shareWith grantKeyDecrypt 'Stack\/Imported' needs a KMS key defined in this app/);
    });

    test('reports every problem at once', () => {
      expect(() => imageRecipe().shareWith([SharePrincipal.account('1'), SharePrincipal.organization('x')], { grantKeyDecrypt: true }))
        .toThrow(/principals\[0\] '1'.*\n.*principals\[1\] 'x'.*\n.*grantKeyDecrypt true/);
    });
  });
});
