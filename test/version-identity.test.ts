import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { strictStack } from './helpers';
import { Component, ComponentData, ComponentPlatform } from '../src';

const DOCUMENT = 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Hello\n        action: ExecuteBash\n        inputs:\n          commands: ["echo hi"]\n';

function versionOf(stack: Stack): string {
  const [component] = Object.values(Template.fromStack(stack).findResources('AWS::ImageBuilder::Component'));
  return (component as any).Properties.Version;
}

describe('derived versions that never collide', () => {
  test('a component with an explicit name moved to another construct id gets another version', () => {
    const before = strictStack();
    new Component(before, 'Hardening', { componentName: 'hardening', platform: ComponentPlatform.LINUX, data: ComponentData.fromInline(DOCUMENT) });
    const after = strictStack();
    new Component(after, 'Moved', { componentName: 'hardening', platform: ComponentPlatform.LINUX, data: ComponentData.fromInline(DOCUMENT) });
    const again = strictStack();
    new Component(again, 'Hardening', { componentName: 'hardening', platform: ComponentPlatform.LINUX, data: ComponentData.fromInline(DOCUMENT) });
    expect(versionOf(after)).not.toEqual(versionOf(before));
    expect(versionOf(again)).toEqual(versionOf(before));
  });

  test('warns when a document refers to a resource of the app: its version cannot follow the resource\'s replacement', () => {
    const stack = strictStack();
    const topic = new sns.Topic(stack, 'Topic');
    new Component(stack, 'Notify', {
      platform: ComponentPlatform.LINUX,
      data: ComponentData.fromInline(DOCUMENT.replace('echo hi', `echo ${topic.topicArn}`)),
    });
    Annotations.fromStack(stack).hasWarning('/Stack/Notify', Match.stringLikeRegexp('refers to values known only at deployment .*Topic.*componentVersion'));
  });

  test('warns when a document is read from S3 without an object version, unless the bucket is versioned', () => {
    const stack = strictStack();
    const imported = s3.Bucket.fromBucketName(stack, 'Imported', 'my-documents');
    new Component(stack, 'Unversioned', { platform: ComponentPlatform.LINUX, data: ComponentData.fromS3(imported, 'hardening.yaml') });
    new Component(stack, 'WithVersion', { platform: ComponentPlatform.LINUX, data: ComponentData.fromS3(imported, 'hardening.yaml', '3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY') });
    const versioned = new s3.Bucket(stack, 'Versioned', { versioned: true, enforceSSL: true });
    new Component(stack, 'VersionedBucket', { platform: ComponentPlatform.LINUX, data: ComponentData.fromS3(versioned, 'hardening.yaml') });
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/Stack/Unversioned', Match.stringLikeRegexp('has no objectVersion and the bucket is not known to be versioned'));
    annotations.hasNoWarning('/Stack/WithVersion', Match.stringLikeRegexp('objectVersion'));
    annotations.hasNoWarning('/Stack/VersionedBucket', Match.stringLikeRegexp('objectVersion'));
  });
});
