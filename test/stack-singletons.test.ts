import { Stack } from 'aws-cdk-lib';
import { strictApp } from './helpers';
import { stackRepositoryImport, stackUuidPart } from '../src/private/core/stack-singletons';

describe('per-stack singletons', () => {
  test('one repository import per stack and name, in the stack\'s account and Region', () => {
    const app = strictApp();
    const a = new Stack(app, 'A', { env: { account: '111111111111', region: 'eu-west-1' } });
    const b = new Stack(app, 'B', { env: { account: '222222222222', region: 'us-east-1' } });
    const first = stackRepositoryImport(a, 'image-builder-image-scanning-repository');
    expect(stackRepositoryImport(a, 'image-builder-image-scanning-repository')).toBe(first);
    expect(stackRepositoryImport(b, 'image-builder-image-scanning-repository')).not.toBe(first);
    expect(stackRepositoryImport(a, 'other')).not.toBe(first);
    expect(a.resolve(first.repositoryArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ecr:eu-west-1:111111111111:repository/image-builder-image-scanning-repository']],
    });
  });

  test('one stack UUID part per stack', () => {
    const app = strictApp();
    const a = new Stack(app, 'A');
    const b = new Stack(app, 'B');
    expect(stackUuidPart(a)).toBe(stackUuidPart(a));
    expect(stackUuidPart(b)).not.toBe(stackUuidPart(a));
    expect(a.resolve(stackUuidPart(a))).toEqual({
      'Fn::Select': [0, { 'Fn::Split': ['-', { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] }] }],
    });
  });
});
