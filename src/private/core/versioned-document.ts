/**
 * The shared core of Image Builder's versioned document resources, `Component` and `Workflow`:
 * where the document comes from (inline, a file, an asset, S3, a typed document), how it is
 * checked, the common props, and the version that keeps a replacement from colliding with the
 * resource it replaces.
 */
import { createHash } from 'crypto';
import { Annotations, aws_s3 as s3, Lazy, Stack, Token } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { LIMITS } from './api-constraints';
import { parseDocumentText } from './documents';
import { checkInlineText, fileAssetUri, s3ObjectUri } from './sources';
import { Validator } from './validation';

/** The id of the asset a document from a file or an asset adds to its resource. */
const ASSET_ID = 'Document';

/** The major and minor version of a content-derived version (`1.0.<content number>`). */
const CONTENT_VERSION_PREFIX = '1.0';

/** The document as the resource sends it: exactly one of `data` and `uri`. */
export interface DocumentConfig {
  /** The document text (`Data`). */
  readonly data?: string;
  /** The `s3://bucket/key` URI of the document (`Uri`). */
  readonly uri?: string;
  /**
   * The S3 version ID of the object at `uri`, when given: not sent to Image Builder (which reads
   * the object when the resource is created), but part of the content-derived version, so a new
   * object version replaces the resource.
   */
  readonly objectVersion?: string;
}

/** How a document is checked: parses are given to `check`, which reports to the validator. */
export interface DocumentCheck {
  /** The prop name used in error messages (`data`). */
  readonly property: string;
  /** Whether to parse and check the document (`validateDocument`). */
  readonly enabled: boolean;
  /** Checks a parsed document (or the object of a typed document). */
  readonly check: (v: Validator, property: string, document: unknown) => void;
}

type Produce = (scope: Construct, v: Validator, check: DocumentCheck) => DocumentConfig;

/**
 * Where a document comes from. `ComponentData` and `WorkflowData` wrap one each.
 */
export class DocumentSource {
  /** A document given as text. */
  public static inline(text: string): DocumentSource {
    return new DocumentSource((_scope, v, check) => {
      if (checkDocumentText(v, check.property, text) && check.enabled && !Token.isUnresolved(text)) {
        runCheck(v, check, text);
      }
      return { data: text };
    });
  }

  /**
   * A document in a local file: inlined when it fits the inline limit, else uploaded as an asset.
   * An asset is read by Image Builder when the resource is created, with the caller's credentials
   * (service model, CreateComponent / CreateWorkflow `uri`: "the requester must have permission to
   * access the S3 bucket"): the CloudFormation role, which can read the CDK assets bucket.
   */
  public static file(path: string): DocumentSource {
    return new DocumentSource((scope, v, check) => {
      const text = v.fileText(check.property, path);
      if (text === undefined) return {};
      if (check.enabled) runCheck(v, check, text);
      if (text.length <= LIMITS.componentData.max) {
        checkDocumentText(v, `${check.property} (contents of ${path})`, text);
        return { data: text };
      }
      return { uri: fileAssetUri(scope, ASSET_ID, path) };
    });
  }

  /** A document in a local file, always uploaded as an asset. */
  public static asset(path: string): DocumentSource {
    return new DocumentSource((scope, v, check) => {
      const text = v.fileText(check.property, path);
      if (text === undefined) return {};
      if (check.enabled) runCheck(v, check, text);
      return { uri: fileAssetUri(scope, ASSET_ID, path) };
    });
  }

  /** A document in S3: not read at synth. */
  public static s3(bucket: s3.IBucket, key: string, objectVersion?: string): DocumentSource {
    return new DocumentSource((_scope, v, check) => {
      return { uri: s3ObjectUri(v, check.property, bucket, key, objectVersion), objectVersion };
    });
  }

  /**
   * A typed document: checked as an object, rendered as JSON (a subset of YAML) with its tokens
   * resolved by CloudFormation.
   */
  public static object(render: (v: Validator) => unknown): DocumentSource {
    return new DocumentSource((scope, v, check) => {
      const document = render(v);
      if (check.enabled) check.check(v, check.property, document);
      const text = Stack.of(scope).toJsonString(document, 2);
      checkDocumentText(v, check.property, text);
      return { data: text };
    });
  }

  private constructor(private readonly produce: Produce) {}

  /** Renders the document for a resource in `scope`, reporting problems to `v`. */
  public bind(scope: Construct, v: Validator, check: DocumentCheck): DocumentConfig {
    return this.produce(scope, v, check);
  }
}

/** Inline text: 1 to 16000 characters, without NUL characters (the API's `data`). */
function checkDocumentText(v: Validator, property: string, text: string): boolean {
  return checkInlineText(v, property, text, LIMITS.componentData);
}

function runCheck(v: Validator, check: DocumentCheck, text: string): void {
  const document = parseDocumentText(v, check.property, text);
  if (document !== undefined) {
    check.check(v, check.property, document);
  }
}


/** The props every versioned document resource has, under their construct-specific names. */
export interface VersionedDocumentFields {
  readonly nameProperty: string;
  readonly name?: string;
  readonly versionProperty: string;
  readonly version?: string;
  readonly description?: string;
  readonly changeDescription?: string;
  readonly tags?: { [key: string]: string };
}

/** Checks the props every versioned document resource has. */
export function validateVersionedDocumentFields(v: Validator, fields: VersionedDocumentFields): void {
  v.resourceName(fields.nameProperty, fields.name);
  v.semanticVersion(fields.versionProperty, fields.version, { wildcards: false });
  v.description('description', fields.description);
  v.description('changeDescription', fields.changeDescription);
  v.tags('tags', fields.tags);
}

/**
 * The version of a versioned document resource.
 *
 * CloudFormation replaces a component or workflow when any create-only property changes: it
 * creates the new resource before deleting the old one, and Image Builder refuses a name and
 * version that exist with other content. So without a version from the user, the version is
 * derived from the create-only properties (`1.0.<n>`, `n` from a SHA-256 of their resolved
 * values): a changed resource gets a new version, an unchanged one keeps its own.
 *
 * With a name given by the user (`explicitName`), the construct path is part of the fingerprint
 * too: a resource moved to another construct id is a new CloudFormation resource, created before
 * the old one is deleted, under the same name. (A generated name already changes with the path,
 * so the path is not mixed in then, and those versions stay as they were.)
 *
 * A version given by the user is kept, with a warning that a change needs a new version.
 *
 * @param createOnly the resolved-at-synth create-only properties, except the name and version
 */
export function documentVersion(
  scope: IConstruct,
  kind: string,
  given: string | undefined,
  explicitName: boolean,
  createOnly: () => unknown,
): string {
  if (given !== undefined) {
    Annotations.of(scope).addWarningV2(`cdk-imagebuilder:${kind}FixedVersion`,
      `The ${kind} has a fixed version (${given}). CloudFormation replaces a ${kind} when its document or another ` +
      'create-only property changes, and Image Builder refuses a second one with the same name and version: raise the ' +
      'version with every such change, or leave the version out to have it derived from the content.');
    return given;
  }
  const identity = explicitName ? { path: scope.node.path } : {};
  return Lazy.string({ produce: () => contentVersion(Stack.of(scope).resolve({ ...identity, ...createOnly() as object })) });
}

/**
 * Warns when the document text refers to values known only at deployment (`Ref`, `Fn::GetAtt`,
 * `Fn::ImportValue` other than pseudo parameters such as `AWS::Region`): the version is computed
 * over the reference, not over what it points to, so when the referenced resource is replaced
 * (or the parameter changes), the document changes at deployment while its version does not,
 * and Image Builder refuses the second resource with the same name and version.
 */
export function warnOnDeployTimeReferences(scope: IConstruct, kind: string, versionProperty: string, data: string | undefined): void {
  if (data === undefined || !Token.isUnresolved(data)) {
    return;
  }
  const references = new Set<string>();
  collectReferences(Stack.of(scope).resolve(data), references);
  if (references.size === 0) {
    return;
  }
  Annotations.of(scope).addWarningV2(`cdk-imagebuilder:${kind}DocumentReferences`,
    `The ${kind} document refers to values known only at deployment (${[...references].sort().join(', ')}). Its version ` +
    'is computed over the references, not over their values: when a referenced resource is replaced or a parameter ' +
    'changes, the document changes but its version does not, and Image Builder refuses the replacement. Raise ' +
    `${versionProperty} with every such change, or pass the values as parameters of the ${kind} instead of writing them into the document.`);
}

/** Collects the logical IDs of the `Ref`, `Fn::GetAtt` and `Fn::ImportValue` in a resolved value. */
function collectReferences(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    value.forEach(item => collectReferences(item, into));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'Ref' && typeof item === 'string') {
        if (!item.startsWith('AWS::')) into.add(item);
      } else if (key === 'Fn::GetAtt' && Array.isArray(item) && typeof item[0] === 'string') {
        into.add(item[0]);
      } else if (key === 'Fn::ImportValue') {
        into.add('Fn::ImportValue');
      } else {
        collectReferences(item, into);
      }
    }
  }
}

/** `1.0.<n>`: `n` is the first 28 bits of the SHA-256 of the JSON of the value (below 2^30). */
function contentVersion(resolved: unknown): string {
  const hash = createHash('sha256').update(JSON.stringify(resolved)).digest('hex');
  return `${CONTENT_VERSION_PREFIX}.${parseInt(hash.slice(0, 7), 16)}`;
}
