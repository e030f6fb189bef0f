import { Annotations, aws_s3 as s3, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LIMITS, PATTERNS } from './private/core/api-constraints';
import { checkInlineText, fileAssetUri, s3ObjectUri } from './private/core/sources';
import { Validator } from './private/core/validation';

/** The template Image Builder documents as the minimal one: the parent image, then the components. */
const DEFAULT_TEMPLATE = 'FROM {{{ imagebuilder:parentImage }}}\n{{{ imagebuilder:environments }}}\n{{{ imagebuilder:components }}}';

/** The id of the asset `DockerfileTemplate.fromFile` adds to the recipe. */
const ASSET_ID = 'DockerfileTemplate';

/** The property name used in error messages and warnings. */
const PROPERTY = 'dockerfileTemplate';

/**
 * The Dockerfile template as a container recipe sends it: exactly one of the two fields is set.
 */
export interface DockerfileTemplateConfig {
  /**
   * The template text (`DockerfileTemplateData`).
   *
   * @default - the template is read from `dockerfileTemplateUri`
   */
  readonly dockerfileTemplateData?: string;

  /**
   * The `s3://bucket/key` URI of the template (`DockerfileTemplateUri`).
   *
   * @default - the template is given inline in `dockerfileTemplateData`
   */
  readonly dockerfileTemplateUri?: string;
}

/**
 * The Dockerfile template of a container recipe: inline text, a local file uploaded as an asset,
 * or an object in S3.
 *
 * Image Builder fills in three placeholders: `{{{ imagebuilder:parentImage }}}` (the parent image,
 * after `FROM`), `{{{ imagebuilder:environments }}}` (stages the component scripts; before the
 * components) and `{{{ imagebuilder:components }}}` (runs the components). Inline and file
 * templates that lack one of them get a warning (`cdk-imagebuilder:dockerfilePlaceholders`).
 *
 * A template in S3 (`fromFile`, `fromS3`) is read once, when CloudFormation creates the recipe,
 * with the credentials of the caller (the stack's CloudFormation execution role). The build
 * instances never read it. A later change of the object under the same key never reaches the
 * recipe: use `fromFile` (an asset, whose key changes with its content), or give `fromS3` the
 * object's version ID, so that a new version replaces the recipe.
 */
export class DockerfileTemplate {
  /**
   * The minimal template: the parent image, then the recipe's components.
   *
   * ```
   * FROM {{{ imagebuilder:parentImage }}}
   * {{{ imagebuilder:environments }}}
   * {{{ imagebuilder:components }}}
   * ```
   */
  public static defaultTemplate(): DockerfileTemplate {
    return DockerfileTemplate.fromInline(DEFAULT_TEMPLATE);
  }

  /**
   * A template given as text: 1 to 16000 characters, without NUL characters.
   */
  public static fromInline(template: string): DockerfileTemplate {
    return new DockerfileTemplate((scope, v) => {
      checkInlineText(v, PROPERTY, template, LIMITS.dockerfileTemplateData);
      warnOnMissingPlaceholders(scope, template);
      return { dockerfileTemplateData: template };
    });
  }

  /**
   * A template in a local file, uploaded to the CDK assets bucket at deployment and referenced
   * by its `s3://` URI. The file is read at synth to check its placeholders.
   *
   * @param path the path of the file (not a directory: a directory would be uploaded as a zip archive)
   */
  public static fromFile(path: string): DockerfileTemplate {
    return new DockerfileTemplate((scope, v) => {
      const template = v.fileText(PROPERTY, path);
      if (template === undefined) {
        return {};
      }
      // The file's text must be non-empty and without NUL characters, as inline templates.
      if (!v.pattern(`${PROPERTY} (contents of ${path})`, template, PATTERNS.noNul)) {
        return {};
      }
      warnOnMissingPlaceholders(scope, template);
      return { dockerfileTemplateUri: fileAssetUri(scope, ASSET_ID, path) };
    });
  }

  /**
   * A template stored in S3. The bucket must be in the recipe's Region, and the principal that
   * deploys the stack (the CloudFormation execution role) must be able to read the object (and
   * decrypt it, for a bucket encrypted with a customer managed KMS key).
   *
   * Image Builder reads the object under `key` once, when the recipe is created. Without
   * `objectVersion`, a new object under the same key is never read: the recipe keeps the template
   * it was created with. With `objectVersion`, the recipe is replaced whenever the version ID
   * changes (its description carries a fingerprint of it), and the new recipe reads the object
   * again. Image Builder reads the object's current version, so pass the version ID of the object
   * you just uploaded (for example a `BucketDeployment`'s object or a stack parameter).
   *
   * @param bucket the bucket that holds the template
   * @param key the object key of the template
   * @param objectVersion the S3 version ID of the object (a versioned bucket); a change replaces
   * the recipe. Default: none, the recipe never sees a later change of the object
   */
  public static fromS3(bucket: s3.IBucket, key: string, objectVersion?: string): DockerfileTemplate {
    return new DockerfileTemplate((_scope, v) => {
      return { dockerfileTemplateUri: s3ObjectUri(v, PROPERTY, bucket, key, objectVersion) };
    }, objectVersion);
  }

  /**
   * The S3 version ID of a template in S3: the recipe makes it part of its content fingerprint.
   *
   * @internal
   */
  public readonly _objectVersion?: string;

  private constructor(
    private readonly produce: (scope: Construct, v: Validator) => DockerfileTemplateConfig,
    objectVersion?: string,
  ) {
    this._objectVersion = objectVersion;
  }

  /**
   * Renders the template for a recipe in `scope`: exactly one of `dockerfileTemplateData` and
   * `dockerfileTemplateUri`. Adds the asset of `fromFile` to `scope`, and the placeholder
   * warnings. Throws when the template is not valid.
   */
  public bind(scope: Construct): DockerfileTemplateConfig {
    const v = new Validator(scope);
    const config = this._bind(scope, v);
    v.throwIfInvalid();
    return config;
  }

  /**
   * Renders the template with the recipe's validator, so that its problems are reported with
   * the recipe's.
   *
   * @internal
   */
  public _bind(scope: Construct, v: Validator): DockerfileTemplateConfig {
    return this.produce(scope, v);
  }
}

/**
 * Warns when a template (not a token) lacks a placeholder, or stages the environments after the
 * components.
 */
function warnOnMissingPlaceholders(scope: Construct, template: string): void {
  if (Token.isUnresolved(template)) {
    return;
  }
  const placeholders: Array<[string, RegExp]> = [
    ['{{{ imagebuilder:parentImage }}}', PATTERNS.dockerfileParentImagePlaceholder],
    ['{{{ imagebuilder:environments }}}', PATTERNS.dockerfileEnvironmentsPlaceholder],
    ['{{{ imagebuilder:components }}}', PATTERNS.dockerfileComponentsPlaceholder],
  ];
  const missing = placeholders.filter(([, pattern]) => !pattern.test(template)).map(([name]) => name);
  const problems: string[] = [];
  if (missing.length > 0) {
    problems.push(`lacks ${missing.join(' and ')}: without them Image Builder does not build on the parent image or does not run the recipe's components`);
  } else {
    const environments = template.search(PATTERNS.dockerfileEnvironmentsPlaceholder);
    const components = template.search(PATTERNS.dockerfileComponentsPlaceholder);
    if (environments > components) {
      problems.push('has {{{ imagebuilder:environments }}} after {{{ imagebuilder:components }}}: the environments must be staged before the components run');
    }
  }
  for (const problem of problems) {
    Annotations.of(scope).addWarningV2('cdk-imagebuilder:dockerfilePlaceholders', `The Dockerfile template ${problem}.`);
  }
}
