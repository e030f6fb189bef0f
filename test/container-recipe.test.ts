import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { aws_imagebuilder as imagebuilder, CfnParameter, Lazy, RemovalPolicy, Size, Stack, Tags, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { strictStack } from './helpers';
import {
  AwsManagedComponentName,
  Component,
  ComponentParameterValue,
  ContainerInstanceImage,
  ContainerParentImage,
  ContainerPlatform,
  ContainerRecipe,
  ContainerRecipeGrants,
  ContainerRecipeProps,
  DockerfileTemplate,
  EbsVolumeType,
  IComponent,
  IContainerRecipe,
  ImagePipeline,
  InfrastructureConfiguration,
  RecipeType,
} from '../src';
import { PATTERNS } from '../src/private/core/api-constraints';

const TYPE = 'AWS::ImageBuilder::ContainerRecipe';
const RECIPE_ARN = 'arn:aws:imagebuilder:us-east-1:123456789012:container-recipe/my-recipe/1.2.3';
const IMAGE_ARN = 'arn:aws:imagebuilder:us-east-1:123456789012:image/my-image/1.0.0/1';
const DEFAULT_TEMPLATE = 'FROM {{{ imagebuilder:parentImage }}}\n{{{ imagebuilder:environments }}}\n{{{ imagebuilder:components }}}';
const DOCKERFILE = path.join(__dirname, '..', 'integ', 'assets', 'Dockerfile');
const DIGEST = `sha256:${'a'.repeat(64)}`;
const RECIPE_ID = 'Recipe2A957DA4';
const RECIPE_ATTR_ARN = { 'Fn::GetAtt': [RECIPE_ID, 'Arn'] };
const WARNING_ID = 'cdk-imagebuilder:dockerfilePlaceholders';

describe('ContainerRecipe', () => {
  let stack: Stack;
  let update: IComponent;
  beforeEach(() => {
    stack = strictStack();
    update = Component.fromComponentArn(stack, 'Update', 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x');
  });

  /** A recipe with the required props, and the given ones. */
  function recipe(props: Partial<ContainerRecipeProps> = {}, id = 'Recipe'): ContainerRecipe {
    return new ContainerRecipe(stack, id, {
      parentImage: ContainerParentImage.fromDockerHub('amazonlinux', '2023'),
      components: [{ component: update }],
      ...props,
    });
  }

  /** The properties of the only container recipe of the stack, as the template renders them. */
  function recipeProperties(): any {
    const resources = Object.values(Template.fromStack(stack).findResources(TYPE));
    expect(resources).toHaveLength(1);
    return resources[0].Properties;
  }

  /** A file in a new temporary directory. */
  function tempFile(name: string, content: string | Buffer): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'container-recipe-'));
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  }

  test('defaults: a generated name, version 1.0.x, the default Dockerfile template and a created repository', () => {
    const r = recipe();

    Template.fromStack(stack).hasResourceProperties(TYPE, Match.objectEquals({
      Name: 'stack-recipe-4344c095',
      Version: '1.0.x',
      ContainerType: 'DOCKER',
      ParentImage: 'amazonlinux:2023',
      Components: [{ ComponentArn: 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x' }],
      DockerfileTemplateData: DEFAULT_TEMPLATE,
      TargetRepository: { Service: 'ECR', RepositoryName: { Ref: 'RecipeRepository7075538A' } },
    }));
    expect(r.recipeType).toEqual(RecipeType.CONTAINER);
    expect(stack.resolve(r.containerRecipeArn)).toEqual(RECIPE_ATTR_ARN);
    expect(stack.resolve(r.recipeArn)).toEqual(RECIPE_ATTR_ARN);
    expect(stack.resolve(r.containerRecipeName)).toEqual({ 'Fn::GetAtt': [RECIPE_ID, 'Name'] });
    expect(stack.resolve(r.containerRecipeVersion)).toEqual({ 'Fn::Select': [2, { 'Fn::Split': ['/', RECIPE_ATTR_ARN] }] });
    expect(stack.resolve(r.targetRepository!.repositoryName)).toEqual({ Ref: 'RecipeRepository7075538A' });
    expect(r.parentImageRepository).toBeUndefined();
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('the created repository scans on push, keeps the last 50 images and is retained', () => {
    recipe();
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ECR::Repository', 1);
    template.hasResource('AWS::ECR::Repository', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectEquals({
        ImageScanningConfiguration: { ScanOnPush: true },
        LifecyclePolicy: {
          LifecyclePolicyText: JSON.stringify({
            rules: [{
              rulePriority: 1,
              description: 'Keep the last 50 images',
              selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 50 },
              action: { type: 'expire' },
            }],
          }),
        },
      }),
    });
  });

  test('a created repository with RemovalPolicy.DESTROY is emptied on delete, and keeps the given image count', () => {
    recipe({ repositoryRemovalPolicy: RemovalPolicy.DESTROY, repositoryMaxImageCount: 10 });
    Template.fromStack(stack).hasResource('AWS::ECR::Repository', {
      DeletionPolicy: 'Delete',
      Properties: {
        EmptyOnDelete: true,
        LifecyclePolicy: { LifecyclePolicyText: Match.stringLikeRegexp('"description":"Keep the last 10 images".*"countNumber":10') },
      },
    });
  });

  describe('the created repository', () => {
    test('renders what ecr.Repository renders for the same settings', () => {
      for (const [removalPolicy, maxImageCount] of [[RemovalPolicy.RETAIN, 50], [RemovalPolicy.DESTROY, 7]] as const) {
        const ours = strictStack();
        new ContainerRecipe(ours, 'Recipe', {
          parentImage: ContainerParentImage.fromDockerHub('amazonlinux', '2023'),
          components: [{ component: Component.fromComponentArn(ours, 'Update', 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x') }],
          repositoryRemovalPolicy: removalPolicy,
          repositoryMaxImageCount: maxImageCount,
        });
        const l2 = strictStack();
        new ecr.Repository(new Construct(l2, 'Recipe'), 'Repository', {
          imageScanOnPush: true,
          lifecycleRules: [{ description: `Keep the last ${maxImageCount} images`, maxImageCount }],
          removalPolicy,
          emptyOnDelete: removalPolicy === RemovalPolicy.DESTROY ? true : undefined,
        });
        expect(Template.fromStack(ours).findResources('AWS::ECR::Repository'))
          .toEqual(Template.fromStack(l2).findResources('AWS::ECR::Repository'));
      }
    });

    test('is an ecr.IRepository: URIs, grants, tags and removal policies reach it', () => {
      const r = recipe();
      const repository = r.targetRepository!;
      const role = new iam.Role(stack, 'TaskRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
      repository.grantPull(role);
      Tags.of(repository).add('team', 'images');
      repository.applyRemovalPolicy(RemovalPolicy.DESTROY);

      expect(stack.resolve(repository.repositoryUriForTag('v1'))).toEqual({
        'Fn::Join': ['', [
          { 'Fn::Select': [4, { 'Fn::Split': [':', { 'Fn::GetAtt': ['RecipeRepository7075538A', 'Arn'] }] }] },
          '.dkr.ecr.',
          { 'Fn::Select': [3, { 'Fn::Split': [':', { 'Fn::GetAtt': ['RecipeRepository7075538A', 'Arn'] }] }] },
          '.',
          { Ref: 'AWS::URLSuffix' },
          '/',
          { Ref: 'RecipeRepository7075538A' },
          ':v1',
        ]],
      });
      const template = Template.fromStack(stack);
      template.hasResource('AWS::ECR::Repository', {
        DeletionPolicy: 'Delete',
        Properties: { Tags: [{ Key: 'team', Value: 'images' }] },
      });
      template.hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: Match.stringLikeRegexp('^TaskRole') }],
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
            Resource: { 'Fn::GetAtt': ['RecipeRepository7075538A', 'Arn'] },
          })]),
        },
      });
    });

    test('keeps resource policy statements: a grant to another account and addToResourcePolicy', () => {
      const repository = recipe().targetRepository!;
      repository.grantPull(new iam.AccountPrincipal('111122223333'));
      const result = repository.addToResourcePolicy(new iam.PolicyStatement({
        actions: ['ecr:DescribeImages'],
        principals: [new iam.AccountPrincipal('444455556666')],
      }));
      expect(result.statementAdded).toBe(true);

      Template.fromStack(stack).hasResourceProperties('AWS::ECR::Repository', {
        RepositoryPolicyText: {
          Statement: [
            Match.objectLike({
              Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
              Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111122223333:root']] } },
            }),
            Match.objectLike({
              Action: 'ecr:DescribeImages',
              Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::444455556666:root']] } },
            }),
          ],
        },
      });
    });

    test('a resource policy statement with resources is kept with ECR\'s warning; one without a principal fails synth', () => {
      const repository = recipe().targetRepository!;
      repository.addToResourcePolicy(new iam.PolicyStatement({
        actions: ['ecr:DescribeImages'],
        principals: [new iam.AccountPrincipal('444455556666')],
        resources: ['*'],
      }));
      Annotations.fromStack(stack).hasWarning('/Stack/Recipe/Repository',
        Match.stringLikeRegexp('ECR resource policy does not allow resource statements'));

      const other = strictStack();
      const withoutPrincipal = new ContainerRecipe(other, 'Recipe', {
        parentImage: ContainerParentImage.fromDockerHub('amazonlinux', '2023'),
        components: [{ component: Component.fromComponentArn(other, 'Update', 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x') }],
      }).targetRepository!;
      withoutPrincipal.addToResourcePolicy(new iam.PolicyStatement({ actions: ['ecr:DescribeImages'] }));
      expect(() => Template.fromStack(other)).toThrow(/must specify at least one IAM principal/);
    });
  });

  test('the generated name is lowercase and valid', () => {
    recipe({}, 'My Recipe_X');
    expect(recipeProperties().Name).toMatch(/^[a-z0-9-_]{3,128}$/);
  });

  test('an exact version is its own attribute', () => {
    expect(recipe({ containerRecipeVersion: '2.3.4' }).containerRecipeVersion).toEqual('2.3.4');
  });

  test('with all parameters', () => {
    const key = new kms.Key(stack, 'Key');
    const repository = new ecr.Repository(stack, 'Target');
    const parent = new ecr.Repository(stack, 'Parent');
    const r = recipe({
      containerRecipeName: 'Hardened App',
      containerRecipeVersion: '1.2.3',
      description: 'The hardened application image',
      parentImage: ContainerParentImage.fromEcrRepository(parent, '1.0'),
      components: [
        { component: update },
        {
          component: Component.fromAwsManagedComponent(stack, 'Hello', AwsManagedComponentName.HELLO_WORLD_LINUX, '1.0.0'),
          parameters: { Greeting: ComponentParameterValue.fromString('hi'), Names: ComponentParameterValue.fromStrings(['a', 'b']) },
        },
      ],
      dockerfileTemplate: DockerfileTemplate.fromInline(`${DEFAULT_TEMPLATE}\nUSER app`),
      targetRepository: repository,
      platformOverride: ContainerPlatform.LINUX,
      imageOsVersionOverride: 'Amazon Linux 2023',
      workingDirectory: '/build',
      kmsKey: key,
      instanceConfiguration: {
        image: ContainerInstanceImage.fromAmiId('ami-0123456789abcdef0'),
        blockDevices: [{ deviceName: '/dev/xvda', ebs: { volumeSize: Size.gibibytes(50), volumeType: EbsVolumeType.GP3 } }],
      },
      tags: { team: 'platform' },
    });

    Template.fromStack(stack).hasResourceProperties(TYPE, Match.objectEquals({
      Name: 'Hardened App',
      Version: '1.2.3',
      Description: 'The hardened application image',
      ContainerType: 'DOCKER',
      ParentImage: {
        'Fn::Join': ['', [
          { 'Fn::Select': [4, { 'Fn::Split': [':', { 'Fn::GetAtt': ['Parent8B210403', 'Arn'] }] }] },
          '.dkr.ecr.',
          { 'Fn::Select': [3, { 'Fn::Split': [':', { 'Fn::GetAtt': ['Parent8B210403', 'Arn'] }] }] },
          '.',
          { Ref: 'AWS::URLSuffix' },
          '/',
          { Ref: 'Parent8B210403' },
          ':1.0',
        ]],
      },
      Components: [
        { ComponentArn: 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x' },
        {
          ComponentArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':imagebuilder:us-east-1:aws:component/hello-world-linux/1.0.0']] },
          Parameters: [{ Name: 'Greeting', Value: ['hi'] }, { Name: 'Names', Value: ['a', 'b'] }],
        },
      ],
      DockerfileTemplateData: `${DEFAULT_TEMPLATE}\nUSER app`,
      TargetRepository: { Service: 'ECR', RepositoryName: { Ref: 'Target3191CF44' } },
      PlatformOverride: 'Linux',
      ImageOsVersionOverride: 'Amazon Linux 2023',
      WorkingDirectory: '/build',
      KmsKeyId: { 'Fn::GetAtt': ['Key961B73FD', 'Arn'] },
      InstanceConfiguration: {
        Image: 'ami-0123456789abcdef0',
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 50, VolumeType: 'gp3' } }],
      },
      Tags: { team: 'platform' },
    }));
    // The given repository is used: none is created.
    Template.fromStack(stack).resourceCountIs('AWS::ECR::Repository', 2);
    expect(r.targetRepository).toBe(repository);
    expect(r.parentImageRepository).toBe(parent);
    expect(stack.resolve(r.containerRecipeArn)).toEqual(RECIPE_ATTR_ARN);
  });

  test('Tags.of reaches the resource', () => {
    recipe({ tags: { team: 'platform' } });
    Tags.of(stack).add('env', 'test');
    expect(recipeProperties().Tags).toEqual({ team: 'platform', env: 'test' });
  });

  test('empty tags and instance configuration are not rendered', () => {
    recipe({ tags: {}, instanceConfiguration: { blockDevices: [] } });
    const props = recipeProperties();
    expect(props.Tags).toBeUndefined();
    expect(props.InstanceConfiguration).toBeUndefined();
  });

  test('addComponent appends a component', () => {
    const r = recipe();
    r.addComponent({ component: Component.fromAwsManagedComponent(stack, 'Cli', AwsManagedComponentName.AWS_CLI_VERSION_2_LINUX, '1.x.x') });
    expect(recipeProperties().Components).toEqual([
      { ComponentArn: 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x' },
      { ComponentArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':imagebuilder:us-east-1:aws:component/aws-cli-version-2-linux/1.x.x']] } },
    ]);
  });

  test('addComponent throws when the recipe already runs the component, and leaves the recipe unchanged', () => {
    const r = recipe();
    expect(() => r.addComponent({ component: update }))
      .toThrow(/Stack\/Recipe: components\[1\].component '.*update-linux\/x.x.x' must not repeat components\[0\]/);
    expect(recipeProperties().Components).toHaveLength(1);
  });

  describe('Dockerfile templates', () => {
    test('the default template is inline', () => {
      expect(DockerfileTemplate.defaultTemplate().bind(stack)).toEqual({ dockerfileTemplateData: DEFAULT_TEMPLATE });
    });

    test('fromInline renders DockerfileTemplateData only', () => {
      recipe({ dockerfileTemplate: DockerfileTemplate.fromInline(`${DEFAULT_TEMPLATE}\nRUN true`) });
      const props = recipeProperties();
      expect(props.DockerfileTemplateData).toEqual(`${DEFAULT_TEMPLATE}\nRUN true`);
      expect(props.DockerfileTemplateUri).toBeUndefined();
    });

    test('fromFile uploads the file as an asset and renders DockerfileTemplateUri only', () => {
      const r = recipe({ dockerfileTemplate: DockerfileTemplate.fromFile(DOCKERFILE) });
      const props = recipeProperties();
      expect(props.DockerfileTemplateData).toBeUndefined();
      // The staged file is `asset.<hash>`, so the key gets the hash as its extension too.
      expect(props.DockerfileTemplateUri).toMatch(/^s3:\/\/cdk-hnb659fds-assets-123456789012-us-east-1\/[0-9a-f]{64}(?:\.[0-9a-f]{64})?$/);
      expect(r.node.tryFindChild('DockerfileTemplate')).toBeDefined();
      expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
    });

    test('fromFile binds once per scope', () => {
      const template = DockerfileTemplate.fromFile(DOCKERFILE);
      const first = template.bind(stack);
      const second = template.bind(stack);
      expect(stack.resolve(second)).toEqual(stack.resolve(first));
    });

    test('fromS3 renders DockerfileTemplateUri only', () => {
      const bucket = s3.Bucket.fromBucketName(stack, 'Bucket', 'my-templates');
      recipe({ dockerfileTemplate: DockerfileTemplate.fromS3(bucket, 'docker/app.dockerfile') });
      const props = recipeProperties();
      expect(props.DockerfileTemplateUri).toEqual('s3://my-templates/docker/app.dockerfile');
      expect(props.DockerfileTemplateData).toBeUndefined();
    });

    test('fromS3 with a bucket of the stack', () => {
      const bucket = new s3.Bucket(stack, 'Bucket');
      recipe({ dockerfileTemplate: DockerfileTemplate.fromS3(bucket, 'app.dockerfile') });
      expect(recipeProperties().DockerfileTemplateUri).toEqual({ 'Fn::Join': ['', ['s3://', { Ref: 'Bucket83908E77' }, '/app.dockerfile']] });
    });

    test('bind renders exactly one source', () => {
      const bucket = s3.Bucket.fromBucketName(stack, 'Bucket', 'my-templates');
      for (const template of [DockerfileTemplate.fromInline(DEFAULT_TEMPLATE), DockerfileTemplate.fromFile(DOCKERFILE), DockerfileTemplate.fromS3(bucket, 'k')]) {
        const config = template.bind(stack);
        expect([config.dockerfileTemplateData, config.dockerfileTemplateUri].filter(x => x !== undefined)).toHaveLength(1);
      }
    });

    test('bind throws when the template is invalid', () => {
      expect(() => DockerfileTemplate.fromInline('').bind(stack))
        .toThrow("Stack: dockerfileTemplate '' must be between 1 and 16000 characters long (got 0)");
    });

    describe('placeholder warnings', () => {
      test('warns when the parent image placeholder is missing', () => {
        recipe({ dockerfileTemplate: DockerfileTemplate.fromInline('FROM amazonlinux:2023\n{{{ imagebuilder:environments }}}\n{{{ imagebuilder:components }}}') });
        Annotations.fromStack(stack).hasWarning('/Stack/Recipe',
          Match.stringLikeRegexp(`^The Dockerfile template lacks \\{\\{\\{ imagebuilder:parentImage \\}\\}\\}: .*\\[ack: ${WARNING_ID}\\]$`));
      });

      test('warns when the components placeholder is missing', () => {
        recipe({ dockerfileTemplate: DockerfileTemplate.fromInline('FROM {{{ imagebuilder:parentImage }}}\nRUN true') });
        Annotations.fromStack(stack).hasWarning('/Stack/Recipe', Match.stringLikeRegexp(
          'lacks \\{\\{\\{ imagebuilder:environments \\}\\}\\} and \\{\\{\\{ imagebuilder:components \\}\\}\\}'));
      });

      test('warns when the environments come after the components', () => {
        recipe({ dockerfileTemplate: DockerfileTemplate.fromInline('FROM {{{ imagebuilder:parentImage }}}\n{{{ imagebuilder:components }}}\n{{{ imagebuilder:environments }}}') });
        Annotations.fromStack(stack).hasWarning('/Stack/Recipe', Match.stringLikeRegexp('has \\{\\{\\{ imagebuilder:environments \\}\\}\\} after'));
      });

      test('accepts placeholders with other spacing', () => {
        recipe({ dockerfileTemplate: DockerfileTemplate.fromInline('FROM {{{imagebuilder:parentImage}}}\n{{{  imagebuilder:environments}}}\n{{{imagebuilder:components  }}}') });
        expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
      });

      test('checks the placeholders of a file', () => {
        const file = tempFile('Dockerfile', 'FROM amazonlinux:2023\nRUN true\n');
        recipe({ dockerfileTemplate: DockerfileTemplate.fromFile(file) });
        Annotations.fromStack(stack).hasWarning('/Stack/Recipe', Match.stringLikeRegexp('lacks \\{\\{\\{ imagebuilder:parentImage \\}\\}\\}'));
      });

      test('a token template is not checked', () => {
        recipe({ dockerfileTemplate: DockerfileTemplate.fromInline(Lazy.string({ produce: () => 'FROM scratch' })) });
        expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
        expect(recipeProperties().DockerfileTemplateData).toEqual('FROM scratch');
      });
    });

    describe('validation', () => {
      test('throws when an inline template is empty', () => {
        expect(() => recipe({ dockerfileTemplate: DockerfileTemplate.fromInline('') }))
          .toThrow("Stack/Recipe: dockerfileTemplate '' must be between 1 and 16000 characters long (got 0)");
      });

      test('throws when an inline template is longer than 16000 characters', () => {
        expect(() => recipe({ dockerfileTemplate: DockerfileTemplate.fromInline(`${DEFAULT_TEMPLATE}\n${'#'.repeat(16000)}`) }))
          .toThrow(/Stack\/Recipe: dockerfileTemplate 'FROM [\s\S]*\.\.\. \(16104 characters\) must be between 1 and 16000 characters long \(got 16104\)/);
      });

      test('a template of exactly 16000 characters is accepted', () => {
        const text = `${DEFAULT_TEMPLATE}\n`.padEnd(16000, '#');
        recipe({ dockerfileTemplate: DockerfileTemplate.fromInline(text) });
        expect(recipeProperties().DockerfileTemplateData).toHaveLength(16000);
      });

      test('throws when an inline template has a NUL character', () => {
        expect(() => recipe({ dockerfileTemplate: DockerfileTemplate.fromInline(`${DEFAULT_TEMPLATE}\u0000`) }))
          .toThrow(/Stack\/Recipe: dockerfileTemplate 'FROM [\s\S]*' must be .*\^\[\^\\x00\]\+\$/);
      });

      test('throws when the file does not exist', () => {
        const missing = path.join(os.tmpdir(), 'no-such-dir-for-container-recipe', 'Dockerfile');
        expect(() => recipe({ dockerfileTemplate: DockerfileTemplate.fromFile(missing) }))
          .toThrow(`Stack/Recipe: dockerfileTemplate '${missing}' must be the path of an existing file (directories are uploaded as zip archives)`);
      });

      test('throws when the path is a directory', () => {
        const dir = path.dirname(DOCKERFILE);
        expect(() => recipe({ dockerfileTemplate: DockerfileTemplate.fromFile(dir) }))
          .toThrow(`Stack/Recipe: dockerfileTemplate '${dir}' must be the path of an existing file`);
      });

      test('throws when the file is empty', () => {
        const file = tempFile('Dockerfile', '');
        expect(() => recipe({ dockerfileTemplate: DockerfileTemplate.fromFile(file) }))
          .toThrow(`Stack/Recipe: dockerfileTemplate (contents of ${file}) '' must be non-empty text without NUL characters, for example 'value' (pattern ^[^\\x00]+$)`);
      });

      test('throws when the file has a NUL character', () => {
        const file = tempFile('Dockerfile', Buffer.from([0x46, 0x00, 0x4d]));
        expect(() => recipe({ dockerfileTemplate: DockerfileTemplate.fromFile(file) }))
          .toThrow(`Stack/Recipe: dockerfileTemplate (contents of ${file}) 'F\\u0000M' must be non-empty text without NUL characters, for example 'value' (pattern ^[^\\x00]+$)`);
      });

      test('throws when the S3 key is empty', () => {
        const bucket = s3.Bucket.fromBucketName(stack, 'Bucket', 'my-templates');
        expect(() => recipe({ dockerfileTemplate: DockerfileTemplate.fromS3(bucket, '') }))
          .toThrow("Stack/Recipe: dockerfileTemplate key '' must be between 1 and 1024 characters long (got 0)");
      });

      test('throws when the S3 URI is not valid', () => {
        const bucket = s3.Bucket.fromBucketName(stack, 'Bucket', 'my-templates');
        expect(() => recipe({ dockerfileTemplate: DockerfileTemplate.fromS3(bucket, 'a\nb') }))
          .toThrow("Stack/Recipe: dockerfileTemplate 's3://my-templates/a\\nb' must be an S3 URI s3://bucket/key, for example 's3://my-bucket/templates/Dockerfile' (pattern ^s3:\\/\\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\\/.+$)");
      });

      test('a token bucket and key are accepted', () => {
        const bucketName = new CfnParameter(stack, 'BucketName').valueAsString;
        const key = new CfnParameter(stack, 'Key').valueAsString;
        recipe({ dockerfileTemplate: DockerfileTemplate.fromS3(s3.Bucket.fromBucketName(stack, 'Bucket', bucketName), key) });
        expect(recipeProperties().DockerfileTemplateUri).toEqual({ 'Fn::Join': ['', ['s3://', { Ref: 'BucketName' }, '/', { Ref: 'Key' }]] });
      });
    });
  });

  describe('parent images', () => {
    function parentImage(image: ContainerParentImage): unknown {
      recipe({ parentImage: image });
      return recipeProperties().ParentImage;
    }

    test('fromEcrRepository: a tag, and pull access for the build role', () => {
      const repository = ecr.Repository.fromRepositoryName(stack, 'Base', 'base/al2023');
      const r = recipe({ parentImage: ContainerParentImage.fromEcrRepository(repository, '2024.1') });
      expect(recipeProperties().ParentImage).toEqual({
        'Fn::Join': ['', ['123456789012.dkr.ecr.us-east-1.', { Ref: 'AWS::URLSuffix' }, '/base/al2023:2024.1']],
      });
      expect(r.parentImageRepository).toBe(repository);
    });

    test('fromEcrRepository: latest by default', () => {
      const repository = ecr.Repository.fromRepositoryName(stack, 'Base', 'base');
      expect(parentImage(ContainerParentImage.fromEcrRepository(repository)))
        .toEqual({ 'Fn::Join': ['', ['123456789012.dkr.ecr.us-east-1.', { Ref: 'AWS::URLSuffix' }, '/base:latest']] });
    });

    test('fromEcrRepository with a digest', () => {
      const repository = ecr.Repository.fromRepositoryName(stack, 'Base', 'base');
      expect(parentImage(ContainerParentImage.fromEcrRepository(repository, DIGEST)))
        .toEqual({ 'Fn::Join': ['', ['123456789012.dkr.ecr.us-east-1.', { Ref: 'AWS::URLSuffix' }, `/base@${DIGEST}`]] });
    });

    test('fromDockerHub', () => {
      expect(parentImage(ContainerParentImage.fromDockerHub('library/ubuntu', '24.04'))).toEqual('library/ubuntu:24.04');
    });

    test('fromDockerHub with a digest', () => {
      expect(parentImage(ContainerParentImage.fromDockerHub('amazonlinux', DIGEST))).toEqual(`amazonlinux@${DIGEST}`);
    });

    test('fromEcrPublic', () => {
      expect(parentImage(ContainerParentImage.fromEcrPublic('amazonlinux/amazonlinux', '2023'))).toEqual('public.ecr.aws/amazonlinux/amazonlinux:2023');
    });

    test('fromImageArn', () => {
      expect(parentImage(ContainerParentImage.fromImageArn(IMAGE_ARN))).toEqual(IMAGE_ARN);
    });

    test('fromAwsManagedImage: the latest version by default', () => {
      expect(parentImage(ContainerParentImage.fromAwsManagedImage('amazon-linux-x86-latest'))).toEqual({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':imagebuilder:us-east-1:aws:image/amazon-linux-x86-latest/x.x.x']],
      });
    });

    test('fromAwsManagedImage with a version', () => {
      expect(stack.resolve(parentImage(ContainerParentImage.fromAwsManagedImage('amazon-linux-x86-latest', '2023.x.x')))).toEqual({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':imagebuilder:us-east-1:aws:image/amazon-linux-x86-latest/2023.x.x']],
      });
    });

    test('fromString', () => {
      expect(parentImage(ContainerParentImage.fromString('quay.io/prometheus/busybox:latest'))).toEqual('quay.io/prometheus/busybox:latest');
    });

    test('fromImage: the ARN of an image resource', () => {
      const image = new imagebuilder.CfnImage(stack, 'BaseImage', {
        containerRecipeArn: RECIPE_ARN,
        infrastructureConfigurationArn: 'arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/builders',
      });
      // The image's Ref is its ARN.
      expect(parentImage(ContainerParentImage.fromImage(image))).toEqual({ Ref: 'BaseImage' });
    });

    describe('validation', () => {
      function make(image: ContainerParentImage) {
        return () => recipe({ parentImage: image });
      }

      test('throws when an ECR tag is invalid', () => {
        const repository = ecr.Repository.fromRepositoryName(stack, 'Base', 'base');
        expect(make(ContainerParentImage.fromEcrRepository(repository, 'v1:2')))
          .toThrow("Stack/Recipe: parentImage tag 'v1:2' must be an image tag of up to 128 letters, digits, _ . and -, not starting with . or -, for example '2023' (pattern ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$)");
      });

      test('throws when a digest is invalid', () => {
        expect(make(ContainerParentImage.fromDockerHub('amazonlinux', 'sha256:abc')))
          .toThrow("Stack/Recipe: parentImage digest 'sha256:abc' must be an image digest: sha256: and 64 lowercase hexadecimal digits, for example 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' (pattern ^sha256:[a-f0-9]{64}$)");
      });

      test('throws when a Docker Hub repository is invalid', () => {
        expect(make(ContainerParentImage.fromDockerHub('AmazonLinux', '2023')))
          .toThrow(`Stack/Recipe: parentImage repository 'AmazonLinux' must be a container repository path: lowercase letters and digits, separated by . _ __ - or /, for example 'library/ubuntu' (pattern ${PATTERNS.containerRepositoryPath.source})`);
      });

      test('throws when an ECR Public repository has no registry alias', () => {
        expect(make(ContainerParentImage.fromEcrPublic('amazonlinux', '2023')))
          .toThrow(`Stack/Recipe: parentImage repository 'amazonlinux' must be an ECR Public repository: <registry alias>/<repository>, for example 'amazonlinux/amazonlinux' (pattern ${PATTERNS.ecrPublicRepositoryPath.source})`);
      });

      test('throws when the image ARN is not an image ARN', () => {
        expect(make(ContainerParentImage.fromImageArn(RECIPE_ARN)))
          .toThrow(`Stack/Recipe: parentImage '${RECIPE_ARN}' must be an image ARN, for example`);
      });

      test('throws when an image resource does not have an image ARN', () => {
        const notAnImage: imagebuilder.IImageRef = Object.assign(new Construct(stack, 'NotAnImage'), {
          imageRef: { imageArn: RECIPE_ARN },
          env: { account: '123456789012', region: 'us-east-1' },
        });
        expect(make(ContainerParentImage.fromImage(notAnImage)))
          .toThrow(`Stack/Recipe: parentImage '${RECIPE_ARN}' must be an image ARN, for example`);
      });

      test('throws when a platform override is given with an image resource', () => {
        const image = new imagebuilder.CfnImage(stack, 'BaseImage', {
          containerRecipeArn: RECIPE_ARN,
          infrastructureConfigurationArn: 'arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/builders',
        });
        expect(() => recipe({ parentImage: ContainerParentImage.fromImage(image), platformOverride: ContainerPlatform.LINUX }))
          .toThrow("Stack/Recipe: platformOverride 'Linux' must not be given when parentImage is an Image Builder image");
      });

      test('throws when the AWS managed image name or version is invalid', () => {
        expect(make(ContainerParentImage.fromAwsManagedImage('Amazon Linux', '1.x.2'))).toThrow(
          /Stack\/Recipe: parentImage name 'Amazon Linux' must be .*\n.*Stack\/Recipe: parentImage version '1.x.2' must not have a number right of an x wildcard/);
      });

      test('throws when the parent image is empty or too long', () => {
        expect(make(ContainerParentImage.fromString(''))).toThrow("Stack/Recipe: parentImage '' must be between 1 and 1024 characters long (got 0)");
        expect(() => recipe({ parentImage: ContainerParentImage.fromString(`${'a'.repeat(1021)}:1.0`) }, 'Recipe2'))
          .toThrow(/Stack\/Recipe2: parentImage 'a+\.\.\. \(1025 characters\) must be between 1 and 1024 characters long \(got 1025\)/);
      });

      test('tokens are accepted', () => {
        const tag = new CfnParameter(stack, 'Tag').valueAsString;
        const repository = new CfnParameter(stack, 'Repo').valueAsString;
        recipe({ parentImage: ContainerParentImage.fromEcrPublic(repository, tag) });
        expect(recipeProperties().ParentImage).toEqual({ 'Fn::Join': ['', ['public.ecr.aws/', { Ref: 'Repo' }, ':', { Ref: 'Tag' }]] });
      });
    });
  });

  describe('instance images', () => {
    function instanceImage(image: ContainerInstanceImage): unknown {
      recipe({ instanceConfiguration: { image } });
      return recipeProperties().InstanceConfiguration;
    }

    test('fromSsmParameterName', () => {
      expect(instanceImage(ContainerInstanceImage.fromSsmParameterName('/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id')))
        .toEqual({ Image: 'ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id' });
    });

    test('fromSsmParameter uses the parameter ARN', () => {
      const parameter = ssm.StringParameter.fromStringParameterName(stack, 'Param', 'my-ami');
      expect(instanceImage(ContainerInstanceImage.fromSsmParameter(parameter))).toEqual({
        Image: { 'Fn::Join': ['', ['ssm:arn:', { Ref: 'AWS::Partition' }, ':ssm:us-east-1:123456789012:parameter/my-ami']] },
      });
    });

    test('fromMachineImage', () => {
      expect(instanceImage(ContainerInstanceImage.fromMachineImage(ec2.MachineImage.genericLinux({ 'us-east-1': 'ami-0123456789abcdef0' }))))
        .toEqual({ Image: 'ami-0123456789abcdef0' });
    });

    test('fromString', () => {
      expect(instanceImage(ContainerInstanceImage.fromString('ami-12345678'))).toEqual({ Image: 'ami-12345678' });
    });

    test('throws when the AMI ID is invalid', () => {
      expect(() => instanceImage(ContainerInstanceImage.fromAmiId('ami-xyz')))
        .toThrow("Stack/Recipe: instanceConfiguration.image 'ami-xyz' must be an AMI ID: ami- and 8 or 17 hexadecimal digits, for example 'ami-0123456789abcdef0' (pattern ^ami-[0-9a-f]{8}(?:[0-9a-f]{9})?$)");
    });

    test('throws when the SSM parameter name is invalid', () => {
      expect(() => instanceImage(ContainerInstanceImage.fromSsmParameterName('my ami')))
        .toThrow("Stack/Recipe: instanceConfiguration.image 'my ami' must be an SSM parameter name of letters, digits and _ . - /, for example '/golden/ami-id' (pattern ^[a-zA-Z0-9_.\\-\\/]+$)");
    });

    test('throws when the image is empty', () => {
      expect(() => instanceImage(ContainerInstanceImage.fromString('')))
        .toThrow("Stack/Recipe: instanceConfiguration.image '' must be between 1 and 1024 characters long (got 0)");
    });

    test('throws when a block device is invalid', () => {
      expect(() => recipe({ instanceConfiguration: { blockDevices: [{ deviceName: '/dev/xvda', ebs: { volumeType: EbsVolumeType.GP2, iops: 3000 } }] } }))
        .toThrow('Stack/Recipe: instanceConfiguration.blockDevices[0].ebs.iops 3000 must only be given for volume types io1, io2, gp3 (volumeType is gp2)');
    });
  });

  describe('imports', () => {
    test('by ARN', () => {
      const imported = ContainerRecipe.fromContainerRecipeArn(stack, 'Imported', RECIPE_ARN);
      expect(imported.containerRecipeArn).toEqual(RECIPE_ARN);
      expect(imported.recipeArn).toEqual(RECIPE_ARN);
      expect(imported.containerRecipeName).toEqual('my-recipe');
      expect(imported.containerRecipeVersion).toEqual('1.2.3');
      expect(imported.recipeType).toEqual(RecipeType.CONTAINER);
      expect(imported.targetRepository).toBeUndefined();
      expect(imported.parentImageRepository).toBeUndefined();
      expect(imported.env).toEqual({ account: '123456789012', region: 'us-east-1' });
    });

    test('by an ARN of another account and a wildcard version', () => {
      const arn = 'arn:aws:imagebuilder:eu-west-1:210987654321:container-recipe/shared_recipe/1.x.x';
      const imported = ContainerRecipe.fromContainerRecipeArn(stack, 'Imported', arn);
      expect(imported.containerRecipeName).toEqual('shared_recipe');
      expect(imported.containerRecipeVersion).toEqual('1.x.x');
      expect(imported.env).toEqual({ account: '210987654321', region: 'eu-west-1' });
    });

    test('by a token ARN', () => {
      const arn = new CfnParameter(stack, 'RecipeArn').valueAsString;
      const imported = ContainerRecipe.fromContainerRecipeArn(stack, 'Imported', arn);
      expect(stack.resolve(imported.containerRecipeName)).toEqual({ 'Fn::Select': [1, { 'Fn::Split': ['/', { Ref: 'RecipeArn' }] }] });
      expect(stack.resolve(imported.containerRecipeVersion)).toEqual({ 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'RecipeArn' }] }] });
    });

    test('throws when the ARN is not a container recipe ARN', () => {
      const arn = 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/my-recipe/1.0.0';
      expect(() => ContainerRecipe.fromContainerRecipeArn(stack, 'Imported', arn))
        .toThrow(`Stack/Imported: containerRecipeArn '${arn}' must be a container recipe ARN, for example`);
    });

    test('throws when the ARN has a build version', () => {
      const arn = `${RECIPE_ARN}/1`;
      expect(() => ContainerRecipe.fromContainerRecipeArn(stack, 'Imported', arn))
        .toThrow(`Stack/Imported: containerRecipeArn '${arn}' must be a container recipe ARN, for example`);
    });

    test('by attributes: the latest version by default', () => {
      const imported = ContainerRecipe.fromContainerRecipeAttributes(stack, 'Imported', { containerRecipeName: 'my-recipe' });
      expect(stack.resolve(imported.containerRecipeArn)).toEqual({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':imagebuilder:us-east-1:123456789012:container-recipe/my-recipe/x.x.x']],
      });
      expect(imported.containerRecipeName).toEqual('my-recipe');
      expect(imported.containerRecipeVersion).toEqual('x.x.x');
      expect(imported.targetRepository).toBeUndefined();
    });

    test('by attributes with a version and a target repository', () => {
      const repository = ecr.Repository.fromRepositoryName(stack, 'Repo', 'app');
      const imported = ContainerRecipe.fromContainerRecipeAttributes(stack, 'Imported', {
        containerRecipeName: 'my-recipe',
        containerRecipeVersion: '2.0.1',
        targetRepository: repository,
      });
      expect(stack.resolve(imported.containerRecipeArn)).toEqual({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':imagebuilder:us-east-1:123456789012:container-recipe/my-recipe/2.0.1']],
      });
      expect(imported.containerRecipeVersion).toEqual('2.0.1');
      expect(imported.targetRepository).toBe(repository);
    });

    test('throws when the attributes are invalid', () => {
      expect(() => ContainerRecipe.fromContainerRecipeAttributes(stack, 'Imported', { containerRecipeName: 'My Recipe', containerRecipeVersion: '1.0' }))
        .toThrow(/Stack\/Imported: containerRecipeName 'My Recipe' must be .*\^\[a-z0-9-_\]\+\$\)\nStack\/Imported: containerRecipeVersion '1.0' must be /);
    });

    test('throws when the attributes name is shorter than 3 characters', () => {
      expect(() => ContainerRecipe.fromContainerRecipeAttributes(stack, 'Imported', { containerRecipeName: 'ab' }))
        .toThrow("Stack/Imported: containerRecipeName 'ab' must be between 3 and 128 characters long (got 2)");
    });

    test('by token attributes', () => {
      const name = new CfnParameter(stack, 'Name').valueAsString;
      const imported = ContainerRecipe.fromContainerRecipeAttributes(stack, 'Imported', { containerRecipeName: name });
      expect(stack.resolve(imported.containerRecipeArn)).toEqual({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':imagebuilder:us-east-1:123456789012:container-recipe/', { Ref: 'Name' }, '/x.x.x']],
      });
    });
  });

  describe('grants', () => {
    test('grantRead allows GetContainerRecipe on exactly this recipe', () => {
      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      recipe().grantRead(role);
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: Match.objectEquals({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'imagebuilder:GetContainerRecipe', Resource: RECIPE_ATTR_ARN }],
        }),
      });
    });

    test('grant allows the given actions on exactly this recipe', () => {
      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      recipe().grant(role, 'imagebuilder:DeleteContainerRecipe', 'imagebuilder:GetContainerRecipePolicy');
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: Match.objectEquals({
          Version: '2012-10-17',
          Statement: [{
            Effect: 'Allow',
            Action: ['imagebuilder:DeleteContainerRecipe', 'imagebuilder:GetContainerRecipePolicy'],
            Resource: RECIPE_ATTR_ARN,
          }],
        }),
      });
    });

    test('the grants of an imported recipe', () => {
      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      const imported = ContainerRecipe.fromContainerRecipeArn(stack, 'Imported', RECIPE_ARN);
      ContainerRecipeGrants.fromContainerRecipe(imported).read(role);
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: Match.objectEquals({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'imagebuilder:GetContainerRecipe', Resource: RECIPE_ARN }],
        }),
      });
    });

    test('grantRead on a recipe imported by ARN with x version nodes grants every matching version', () => {
      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      const imported: IContainerRecipe = ContainerRecipe.fromContainerRecipeArn(stack, 'Imported',
        'arn:aws:imagebuilder:us-east-1:123456789012:container-recipe/my-recipe/1.0.x');
      imported.grantRead(role);
      imported.grant(role, 'imagebuilder:DeleteContainerRecipe');
      const resource = 'arn:aws:imagebuilder:us-east-1:123456789012:container-recipe/my-recipe/1.0.*';
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: Match.objectEquals({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'imagebuilder:GetContainerRecipe', Resource: resource },
            { Effect: 'Allow', Action: 'imagebuilder:DeleteContainerRecipe', Resource: resource },
          ],
        }),
      });
    });

    test('grantRead on a recipe imported by attributes (latest version) grants every version', () => {
      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      const imported: IContainerRecipe = ContainerRecipe.fromContainerRecipeAttributes(stack, 'Imported', { containerRecipeName: 'my-recipe' });
      imported.grantRead(role);
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: Match.objectEquals({
          Version: '2012-10-17',
          Statement: [{
            Effect: 'Allow',
            Action: 'imagebuilder:GetContainerRecipe',
            Resource: {
              'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':imagebuilder:us-east-1:123456789012:container-recipe/my-recipe/*.*.*']],
            },
          }],
        }),
      });
    });

    test('an owned recipe with an x version is granted on its ARN as CloudFormation returns it', () => {
      const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      recipe({ containerRecipeVersion: '1.x.x' }).grantRead(role);
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'imagebuilder:GetContainerRecipe', Resource: RECIPE_ATTR_ARN }] },
      });
    });

    test('a pipeline lets its build instances push to exactly the created repository', () => {
      const r = recipe();
      const infrastructure = new InfrastructureConfiguration(stack, 'Infra');
      new ImagePipeline(stack, 'Pipeline', { recipe: r, infrastructureConfiguration: infrastructure, imageScanning: { enabled: false } });
      const template = Template.fromStack(stack);
      template.hasResourceProperties('AWS::ImageBuilder::ImagePipeline', { ContainerRecipeArn: RECIPE_ATTR_ARN });
      // The only policy of the stack: pull and push on the created repository, and the registry token
      // (which ECR grants only on '*').
      template.resourceCountIs('AWS::IAM::Policy', 1);
      template.hasResourceProperties('AWS::IAM::Policy', Match.objectEquals({
        PolicyName: Match.stringLikeRegexp('^InfraInstancePolicy'),
        Roles: [{ Ref: 'InfraInstanceRoleC315BB0B' }],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: [
                'ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage',
                'ecr:CompleteLayerUpload', 'ecr:UploadLayerPart', 'ecr:InitiateLayerUpload', 'ecr:PutImage',
              ],
              Resource: { 'Fn::GetAtt': ['RecipeRepository7075538A', 'Arn'] },
            },
            { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
          ],
        },
      }));
      // The instance role keeps the two managed policies: no broad ECR container builds policy.
      template.hasResourceProperties('AWS::IAM::Role', {
        ManagedPolicyArns: Match.not(Match.arrayWith([
          Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('ECRContainerBuilds')])] }),
        ])),
      });
    });
  });

  describe('validation', () => {
    function make(props: Partial<ContainerRecipeProps>) {
      return () => recipe(props);
    }

    test('throws when the name is invalid', () => {
      expect(make({ containerRecipeName: 'app!' })).toThrow("Stack/Recipe: containerRecipeName 'app!' must be 3 to 128 letters, digits, hyphens, underscores and spaces, not starting or ending with a space, for example 'golden-image' (pattern ^[-_A-Za-z-0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z-0-9]$)");
    });

    test('throws when the version is invalid', () => {
      expect(make({ containerRecipeVersion: '1.0' })).toThrow("Stack/Recipe: containerRecipeVersion '1.0' must be a version major.minor.patch of three numbers, where x stands for any number from the right, for example '1.0.x' (pattern ^(?:[0-9]+|x)\\.(?:[0-9]+|x)\\.(?:[0-9]+|x)$)");
    });

    test('throws when the version has a number right of an x', () => {
      expect(make({ containerRecipeVersion: 'x.2.x' })).toThrow("Stack/Recipe: containerRecipeVersion 'x.2.x' must not have a number right of an x wildcard");
    });

    test('throws when a version node is too large', () => {
      expect(make({ containerRecipeVersion: '1073741824.0.0' }))
        .toThrow("Stack/Recipe: containerRecipeVersion '1073741824.0.0' must have each version number at most 1073741823");
    });

    test('throws when the description is too long', () => {
      expect(make({ description: 'd'.repeat(1025) })).toThrow(/Stack\/Recipe: description .* must be between 1 and 1024 characters long \(got 1025\)/);
    });

    test('throws when the working directory is empty', () => {
      expect(make({ workingDirectory: '' })).toThrow("Stack/Recipe: workingDirectory '' must be between 1 and 1024 characters long (got 0)");
    });

    test('throws when the image OS version override is too long', () => {
      expect(make({ imageOsVersionOverride: 'v'.repeat(1025) }))
        .toThrow(/Stack\/Recipe: imageOsVersionOverride .* must be between 1 and 1024 characters long \(got 1025\)/);
    });

    test('throws when the platform override is not a container platform', () => {
      expect(make({ platformOverride: 'macOS' as ContainerPlatform })).toThrow("Stack/Recipe: platformOverride 'macOS' must be one of Linux, Windows");
    });

    test('throws when a platform override is given with an Image Builder parent image', () => {
      expect(make({ parentImage: ContainerParentImage.fromImageArn(IMAGE_ARN), platformOverride: ContainerPlatform.LINUX }))
        .toThrow("Stack/Recipe: platformOverride 'Linux' must not be given when parentImage is an Image Builder image (the image has its own platform)");
    });

    test('an image ARN given as a string is an Image Builder parent image', () => {
      expect(make({ parentImage: ContainerParentImage.fromString(IMAGE_ARN), platformOverride: ContainerPlatform.LINUX }))
        .toThrow("Stack/Recipe: platformOverride 'Linux' must not be given when parentImage is an Image Builder image");
    });

    test('throws when the Windows platform has no OS version with a registry parent image', () => {
      expect(make({ parentImage: ContainerParentImage.fromDockerHub('microsoft/windows-servercore', 'ltsc2022'), platformOverride: ContainerPlatform.WINDOWS }))
        .toThrow('Stack/Recipe: imageOsVersionOverride undefined must be given when platformOverride is Windows and parentImage is not an Image Builder image');
    });

    test('the Windows platform with an OS version', () => {
      recipe({
        parentImage: ContainerParentImage.fromString('mcr.microsoft.com/windows/servercore:ltsc2022'),
        platformOverride: ContainerPlatform.WINDOWS,
        imageOsVersionOverride: 'Microsoft Windows Server 2022',
      });
      expect(recipeProperties()).toMatchObject({ PlatformOverride: 'Windows', ImageOsVersionOverride: 'Microsoft Windows Server 2022' });
    });

    test('throws when a tag key starts with aws:', () => {
      expect(make({ tags: { 'aws:team': 'x' } })).toThrow("Stack/Recipe: tags key 'aws:team' must be a tag key of letters, digits, spaces and _ . : / = + - @, not starting with aws:, for example 'team' (pattern ^(?!aws:)");
    });

    test('throws when the components list is empty', () => {
      expect(make({ components: [] })).toThrow('Stack/Recipe: components [] must have at least 1 item (got 0)');
    });

    test('throws when a component is given twice', () => {
      expect(make({ components: [{ component: update }, { component: update }] }))
        .toThrow(/Stack\/Recipe: components\[1\].component '.*update-linux\/x.x.x' must not repeat components\[0\]/);
    });

    test('throws when a component parameter name is invalid', () => {
      expect(make({ components: [{ component: update, parameters: { '': ComponentParameterValue.fromString('x') } }] }))
        .toThrow("Stack/Recipe: components[0].parameters key '' must be between 1 and 256 characters long (got 0)");
    });

    test('throws when a repository removal policy is given with a target repository', () => {
      const repository = ecr.Repository.fromRepositoryName(stack, 'Repo', 'app');
      expect(make({ targetRepository: repository, repositoryRemovalPolicy: RemovalPolicy.DESTROY }))
        .toThrow("Stack/Recipe: repositoryRemovalPolicy 'destroy' must not be given with targetRepository (it applies only to the repository the recipe creates)");
    });

    test('throws when a repository image count is given with a target repository', () => {
      const repository = ecr.Repository.fromRepositoryName(stack, 'Repo', 'app');
      expect(make({ targetRepository: repository, repositoryMaxImageCount: 5 }))
        .toThrow('Stack/Recipe: repositoryMaxImageCount 5 must not be given with targetRepository (it applies only to the repository the recipe creates)');
    });

    test('throws when the repository image count is not a positive integer', () => {
      expect(make({ repositoryMaxImageCount: 0 })).toThrow('Stack/Recipe: repositoryMaxImageCount 0 must be an integer between 1 and 2147483647');
      expect(() => recipe({ repositoryMaxImageCount: 1.5 }, 'Recipe2')).toThrow('Stack/Recipe2: repositoryMaxImageCount 1.5 must be an integer');
    });

    test('reports every problem at once', () => {
      expect(make({ containerRecipeName: 'x', description: '', components: [], dockerfileTemplate: DockerfileTemplate.fromInline('') }))
        .toThrow(/containerRecipeName 'x'.*\n.*description ''.*\n.*components \[\].*\n.*dockerfileTemplate ''/);
    });

    test('tokens are accepted', () => {
      const name = new CfnParameter(stack, 'Name').valueAsString;
      const version = new CfnParameter(stack, 'Version').valueAsString;
      const osVersion = new CfnParameter(stack, 'OsVersion').valueAsString;
      const r = recipe({
        containerRecipeName: name,
        containerRecipeVersion: version,
        description: Lazy.string({ produce: () => 'x' }),
        workingDirectory: Lazy.string({ produce: () => '/build' }),
        parentImage: ContainerParentImage.fromString(Token.asString(new CfnParameter(stack, 'Parent').value)),
        platformOverride: Lazy.string({ produce: () => 'Windows' }) as ContainerPlatform,
        imageOsVersionOverride: osVersion,
        tags: { team: Lazy.string({ produce: () => 'platform' }) },
      });
      Template.fromStack(stack).hasResourceProperties(TYPE, {
        Name: { Ref: 'Name' },
        Version: { Ref: 'Version' },
        Description: 'x',
        WorkingDirectory: '/build',
        ParentImage: { Ref: 'Parent' },
        PlatformOverride: 'Windows',
        ImageOsVersionOverride: { Ref: 'OsVersion' },
        Tags: { team: 'platform' },
      });
      expect(stack.resolve(r.containerRecipeVersion)).toEqual({ 'Fn::Select': [2, { 'Fn::Split': ['/', RECIPE_ATTR_ARN] }] });
    });
  });

  test('snapshot', () => {
    recipe({
      parentImage: ContainerParentImage.fromEcrPublic('amazonlinux/amazonlinux', '2023'),
      components: [
        { component: update },
        { component: Component.fromAwsManagedComponent(stack, 'Hello', AwsManagedComponentName.HELLO_WORLD_LINUX) },
      ],
      dockerfileTemplate: DockerfileTemplate.fromFile(DOCKERFILE),
      instanceConfiguration: {
        blockDevices: [{ deviceName: '/dev/xvda', ebs: { volumeSize: Size.gibibytes(30), volumeType: EbsVolumeType.GP3, encrypted: true } }],
      },
      tags: { team: 'platform' },
    });
    expect(Template.fromStack(stack).toJSON()).toMatchSnapshot();
  });
});

describe('ContainerRecipe latest versions', () => {
  test('the latest version ARNs are the recipe\'s LatestVersion attributes', () => {
    const stack = strictStack();
    const recipe = new ContainerRecipe(stack, 'Recipe', {
      parentImage: ContainerParentImage.fromDockerHub('amazonlinux', 'latest'),
      components: [{ component: Component.fromComponentArn(stack, 'Update', 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x') }],
    });
    expect(stack.resolve(recipe.containerRecipeLatestVersionArn)).toEqual({ 'Fn::GetAtt': [RECIPE_ID, 'LatestVersion.Arn'] });
    expect(stack.resolve(recipe.containerRecipeLatestMajorVersionArn)).toEqual({ 'Fn::GetAtt': [RECIPE_ID, 'LatestVersion.Major'] });
    expect(stack.resolve(recipe.containerRecipeLatestMinorVersionArn)).toEqual({ 'Fn::GetAtt': [RECIPE_ID, 'LatestVersion.Minor'] });
    expect(stack.resolve(recipe.containerRecipeLatestPatchVersionArn)).toEqual({ 'Fn::GetAtt': [RECIPE_ID, 'LatestVersion.Patch'] });
  });
});
