// Where a template or document the API reads comes from: text in the template, a local file
// uploaded as an asset, or an object in S3. Shared by Dockerfile templates and by component and
// workflow documents.
import { aws_s3 as s3, aws_s3_assets as s3_assets, CfnResource, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PATTERNS } from './api-constraints';
import { Range, Validator } from './validation';

/** Text written into the template: `range` characters, without NUL characters. */
export function checkInlineText(v: Validator, property: string, text: string, range: Range): boolean {
  return v.length(property, text, range) && v.pattern(property, text, PATTERNS.noNul);
}

/** The `s3://` URI of a local file, uploaded as the asset `id` of `scope` (one per construct). */
export function fileAssetUri(scope: Construct, id: string, path: string): string {
  // Only this function makes the child `id`.
  const asset = scope.node.tryFindChild(id) as s3_assets.Asset | undefined ?? new s3_assets.Asset(scope, id, { path });
  return asset.s3ObjectUrl;
}

/** The `s3://` URI of an object in S3; its key and, when given, its version ID must be non-empty. */
export function s3ObjectUri(v: Validator, property: string, bucket: s3.IBucket, key: string, objectVersion?: string): string {
  const uri = bucket.s3UrlForObject(key);
  if (v.nonEmptyString(`${property} key`, key)) {
    v.pattern(property, uri, PATTERNS.s3Uri);
  }
  v.nonEmptyString(`${property} objectVersion`, objectVersion);
  if (objectVersion === undefined && !isKnownVersioned(bucket)) {
    // Image Builder reads the object once, when CloudFormation creates the resource: an object
    // rewritten under the same key changes nothing in the template, so it never reaches AWS.
    v.warn('S3ObjectWithoutVersion', property, uri,
      'has no objectVersion and the bucket is not known to be versioned: an object rewritten under the same key is ' +
      'never read again. Give the object version (fromS3(bucket, key, \'<version id>\'), from a bucket with ' +
      '`versioned: true`), or use a new key for every change');
  }
  return uri;
}

/**
 * Whether the bucket is an S3 bucket of this app created with versioning enabled (its
 * `AWS::S3::Bucket` resource has `VersioningConfiguration.Status` `Enabled`). An imported bucket
 * is not known to be versioned.
 */
function isKnownVersioned(bucket: s3.IBucket): boolean {
  const resource = bucket.node.defaultChild;
  if (resource === undefined || !CfnResource.isCfnResource(resource) || resource.cfnResourceType !== 'AWS::S3::Bucket') {
    return false;
  }
  const versioning = (resource as s3.CfnBucket).versioningConfiguration;
  if (versioning === undefined || Token.isUnresolved(versioning)) {
    return false;
  }
  return (versioning as s3.CfnBucket.VersioningConfigurationProperty).status === 'Enabled';
}
