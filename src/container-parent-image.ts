import { aws_ecr as ecr, aws_imagebuilder as imagebuilder, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ARN_PATTERNS, PATTERNS } from './private/core/api-constraints';
import { ANY_VERSION } from './private/core/arns';
import { KnownPlatform, platformOfAwsManagedImage, platformOfParentImage } from './private/core/platforms';
import { isToken, Validator } from './private/core/validation';

/** The property name used in error messages. */
const PROPERTY = 'parentImage';

/** What a factory produces: the `ParentImage` value, checked with the recipe's validator. */
type Produce = (scope: Construct, v: Validator) => string;

/**
 * The image a container recipe builds on: an image in a registry (ECR, ECR Public, Docker Hub)
 * or an Image Builder container image.
 */
export class ContainerParentImage {
  /**
   * An image in an ECR repository, by tag or digest. The build instances pull it with their
   * role, which needs pull access to the repository (`repository.grantPull(role)`; the recipe
   * exposes the repository as `parentImageRepository`).
   *
   * @param repository the repository
   * @param tagOrDigest a tag (`1.2`) or a digest (`sha256:...`). Default: `latest`
   */
  public static fromEcrRepository(repository: ecr.IRepository, tagOrDigest?: string): ContainerParentImage {
    return new ContainerParentImage((_scope, v) => {
      v.ecrRepositoryName(`${PROPERTY} repository`, repository.repositoryName);
      checkTagOrDigest(v, tagOrDigest);
      return repository.repositoryUriForTagOrDigest(tagOrDigest ?? 'latest');
    }, { repository });
  }

  /**
   * An image on Docker Hub, for example `fromDockerHub('amazonlinux', '2023')` or
   * `fromDockerHub('library/ubuntu', '24.04')`. Docker Hub limits anonymous pulls.
   *
   * @param repository the repository path (`amazonlinux`, `bitnami/nginx`)
   * @param tagOrDigest a tag or a digest (`sha256:...`)
   */
  public static fromDockerHub(repository: string, tagOrDigest: string): ContainerParentImage {
    return new ContainerParentImage((_scope, v) => {
      v.pattern(`${PROPERTY} repository`, repository, PATTERNS.containerRepositoryPath);
      checkTagOrDigest(v, tagOrDigest);
      return `${repository}${tagOrDigestSuffix(tagOrDigest)}`;
    });
  }

  /**
   * An image in the Amazon ECR Public Gallery (`public.ecr.aws/<registry alias>/<repository>`),
   * for example `fromEcrPublic('amazonlinux/amazonlinux', '2023')`.
   *
   * @param repository the registry alias and the repository (`amazonlinux/amazonlinux`, `docker/library/python`)
   * @param tagOrDigest a tag or a digest (`sha256:...`)
   */
  public static fromEcrPublic(repository: string, tagOrDigest: string): ContainerParentImage {
    return new ContainerParentImage((_scope, v) => {
      // '<registry alias>/<repository>', e.g. 'amazonlinux/amazonlinux'.
      v.pattern(`${PROPERTY} repository`, repository, PATTERNS.ecrPublicRepositoryPath);
      checkTagOrDigest(v, tagOrDigest);
      return `public.ecr.aws/${repository}${tagOrDigestSuffix(tagOrDigest)}`;
    });
  }

  /**
   * An Image Builder container image, by its ARN: an exact build (`.../image/my-image/1.0.0/1`)
   * or a version with wildcards (`.../image/my-image/1.x.x`) for the latest matching build.
   * The recipe's `platformOverride` can't be used with it.
   */
  public static fromImageArn(imageArn: string): ContainerParentImage {
    return new ContainerParentImage((_scope, v) => {
      v.arn(PROPERTY, imageArn, 'image');
      return imageArn;
    }, { imageBuilderImage: true, platform: platformOfParentImage(imageArn) });
  }

  /**
   * An Image Builder container image resource of this app or imported into it, such as an
   * `AWS::ImageBuilder::Image` (`CfnImage`): its exact build, by ARN. The recipe's
   * `platformOverride` can't be used with it.
   *
   * @param image the image (anything that references an Image Builder image)
   */
  public static fromImage(image: imagebuilder.IImageRef): ContainerParentImage {
    return new ContainerParentImage((_scope, v) => {
      const imageArn = image.imageRef.imageArn;
      v.arn(PROPERTY, imageArn, 'image');
      return imageArn;
    }, { imageBuilderImage: true });
  }

  /**
   * A container image AWS owns, in the stack's partition and Region, by name, for example
   * `amazon-linux-x86-latest`. The recipe's `platformOverride` can't be used with it.
   *
   * @param imageName the image's name, lowercase as in its ARN
   * @param version the version: exact, or with wildcards. Default: `x.x.x`, the latest
   */
  public static fromAwsManagedImage(imageName: string, version?: string): ContainerParentImage {
    return new ContainerParentImage((scope, v) => {
      v.pattern(`${PROPERTY} name`, imageName, PATTERNS.arnResourceName);
      v.semanticVersion(`${PROPERTY} version`, version, { wildcards: true });
      return Stack.of(scope).formatArn({
        service: 'imagebuilder',
        account: 'aws',
        resource: 'image',
        resourceName: `${imageName}/${version ?? ANY_VERSION}`,
      });
    }, { imageBuilderImage: true, platform: isToken(imageName) ? undefined : platformOfAwsManagedImage(imageName) });
  }

  /**
   * Any value the API accepts as a parent image (a registry URI such as `amazonlinux:latest`, or
   * an Image Builder image ARN), passed as it is.
   */
  public static fromString(parentImage: string): ContainerParentImage {
    return new ContainerParentImage(() => parentImage, {
      imageBuilderImage: !isToken(parentImage) && ARN_PATTERNS.image.test(parentImage),
      platform: platformOfParentImage(parentImage),
    });
  }

  /**
   * The ECR repository the image is pulled from, when it was given as one
   * (`fromEcrRepository`): the build instances need pull access to it.
   */
  public readonly repository?: ecr.IRepository;

  private readonly imageBuilderImage: boolean;
  private readonly platform?: KnownPlatform;

  private constructor(
    private readonly produce: Produce,
    options: { readonly repository?: ecr.IRepository; readonly imageBuilderImage?: boolean; readonly platform?: KnownPlatform } = {},
  ) {
    this.repository = options.repository;
    this.imageBuilderImage = options.imageBuilderImage ?? false;
    this.platform = options.platform;
  }

  /**
   * The platform of the parent image, when its source says it (an AWS-managed image's name or
   * ARN).
   *
   * @internal
   */
  public get _platform(): KnownPlatform | undefined {
    return this.platform;
  }

  /**
   * Whether the parent image is an Image Builder image (given by ARN), with which the API
   * takes no `platformOverride`.
   *
   * @internal
   */
  public get _isImageBuilderImage(): boolean {
    return this.imageBuilderImage;
  }

  /**
   * The `ParentImage` value of the recipe, checked with the recipe's validator.
   *
   * @internal
   */
  public _render(scope: Construct, v: Validator): string {
    const parentImage = this.produce(scope, v);
    v.nonEmptyString(PROPERTY, parentImage);
    return parentImage;
  }
}

/** `:tag` or `@sha256:...`. */
function tagOrDigestSuffix(tagOrDigest: string): string {
  return !isToken(tagOrDigest) && PATTERNS.containerImageDigest.test(tagOrDigest) ? `@${tagOrDigest}` : `:${tagOrDigest}`;
}

/** A tag (`1.2`, `latest`) or a digest (`sha256:` and 64 hex digits). */
function checkTagOrDigest(v: Validator, tagOrDigest: string | undefined): void {
  if (tagOrDigest === undefined || isToken(tagOrDigest)) {
    return;
  }
  if (tagOrDigest.startsWith('sha256:')) {
    v.pattern(`${PROPERTY} digest`, tagOrDigest, PATTERNS.containerImageDigest);
  } else {
    v.pattern(`${PROPERTY} tag`, tagOrDigest, PATTERNS.containerImageTag);
  }
}
