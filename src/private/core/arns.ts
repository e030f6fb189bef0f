import { Arn, ArnFormat, Fn, Names, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { LIMITS, PATTERNS } from './api-constraints';

/**
 * The version of every `x` node: in an ARN, the latest version of a resource (Image Builder
 * resolves it); in a lifecycle policy's recipe selection, every version.
 */
export const ANY_VERSION = 'x.x.x';

/**
 * The version an image or container recipe gets when none is given: Image Builder numbers the
 * patch (see `ImageRecipeProps.imageRecipeVersion`).
 */
export const DEFAULT_RECIPE_VERSION = '1.0.x';

/**
 * Part `index` of an ARN split at `/`: for `arn:...:container-recipe/<name>/<version>`, 1 is the
 * name and 2 the version. Works on tokens (`Fn::Select` of `Fn::Split`).
 */
export function arnPathPart(arn: string, index: number): string {
  return Token.isUnresolved(arn) ? Fn.select(index, Fn.split('/', arn)) : arn.split('/')[index];
}

/**
 * The name of an Image Builder resource the library creates: the one given, else one made from
 * the construct path (`Names.uniqueResourceName`, lowercase, at most the API's length). It is made
 * when the construct is created, since the path is fixed by then, rather than in a `Lazy` that
 * every synth would resolve.
 *
 * Only a given name is passed to `Resource` as the physical name: it is what lets another
 * environment refer to the resource (`getResourceArnAttribute`). A construct whose name is
 * generated uses its L1's `Arn` attribute as its ARN, as a resource without a physical name
 * does; another environment could not have used it before either.
 */
export function ownResourceName(scope: IConstruct, given: string | undefined): string {
  return given ?? Names.uniqueResourceName(scope, { maxLength: LIMITS.resourceName.max, separator: '-' }).toLowerCase();
}

/**
 * The ARN of an Image Builder resource in the account and Region of the scope's stack:
 * `arn:<partition>:imagebuilder:<region>:<account>:<resource>/<resourceName>`.
 */
export function imageBuilderArn(scope: IConstruct, resource: string, resourceName: string): string {
  return Stack.of(scope).formatArn({ service: 'imagebuilder', resource, resourceName });
}

/**
 * The IAM resource that matches a versioned ARN: its `x` version nodes replaced by `*`
 * (`.../image-recipe/foo/1.0.x` becomes `.../image-recipe/foo/1.0.*`), since IAM wildcards are
 * only `*` and `?` and an `x` would match no real version. ARNs whose version is a token (such
 * as an owned recipe's `attrArn`, which holds the concrete version) are returned as they are.
 */
export function iamResourceForVersionedArn(arn: string): string {
  // Tokens (a whole ARN, or its partition, Region and account) are encoded as `${Token[...]}`:
  // they never end with a version, so only a written-out version is rewritten.
  return arn.replace(PATTERNS.trailingArnVersion, (_match, version: string) =>
    `/${version.split('.').map(node => node === 'x' ? '*' : node).join('.')}`);
}

/**
 * The ARN pattern of the executions of a Step Functions state machine
 * (`arn:<partition>:states:<region>:<account>:execution:<state machine name>:*`), from the state
 * machine's ARN (`...:stateMachine:<name>`). Works on tokens.
 */
export function stateMachineExecutionsArn(scope: IConstruct, stateMachineArn: string): string {
  const parts = Arn.split(stateMachineArn, ArnFormat.COLON_RESOURCE_NAME);
  return Stack.of(scope).formatArn({
    partition: parts.partition,
    service: 'states',
    region: parts.region,
    account: parts.account,
    resource: 'execution',
    resourceName: `${parts.resourceName}:*`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}
