import { Fn, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Part `index` of an ARN split at `/`: for `arn:...:container-recipe/<name>/<version>`, 1 is the
 * name and 2 the version. Works on tokens (`Fn::Select` of `Fn::Split`).
 */
export function arnPathPart(arn: string, index: number): string {
  return Token.isUnresolved(arn) ? Fn.select(index, Fn.split('/', arn)) : arn.split('/')[index];
}

/**
 * The ARN of an Image Builder resource in the account and Region of the scope's stack:
 * `arn:<partition>:imagebuilder:<region>:<account>:<resource>/<resourceName>`.
 */
export function imageBuilderArn(scope: IConstruct, resource: string, resourceName: string): string {
  return Stack.of(scope).formatArn({ service: 'imagebuilder', resource, resourceName });
}
