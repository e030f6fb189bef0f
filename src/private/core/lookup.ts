import { cloud_assembly_schema as cxschema, ContextProvider, region_info as regionInfo, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { PATTERNS } from './api-constraints';
import { throwValidationError } from './errors';
import { Validator } from './validation';

/**
 * The account of every dummy ARN a lookup returns before the CDK CLI has answered: the
 * documentation account that aws-cdk-lib's own lookups (`Repository.fromLookup`,
 * `Role.fromLookup`) use too. A template that refers to it can never deploy.
 */
export const DUMMY_ACCOUNT = '123456789012';

/**
 * The parent image of a dummy recipe: an AMI ID no Region has. Lookups never report a dummy's
 * parent image as a fact.
 */
export const DUMMY_PARENT_IMAGE = 'ami-00000000000000000';

/** What to look up through the CDK CLI's Cloud Control context provider. */
export interface CloudControlLookup {
  /** The CloudFormation type, such as `AWS::ImageBuilder::Component`. */
  readonly typeName: string;
  /**
   * The resource type in the ARN (`component`). The identifier of the lookup is the ARN
   * (`Arn` is the `primaryIdentifier` of every Image Builder type's CloudFormation resource
   * schema), in the stack's account and Region, read with Cloud Control `GetResource`.
   */
  readonly resource: string;
  /** The resource name in the ARN (`my-component/1.0.0`), as the options gave it. */
  readonly resourceName: string;
  /**
   * The properties to return. The CLI fails the lookup when one of them is absent from the
   * resource, so only properties the read handler always returns (the schema's `required` and
   * service-set read-only properties) may be asked for.
   */
  readonly propertiesToReturn: string[];
  /**
   * The properties returned before the CLI has answered, from the dummy ARN (in the documentation
   * account): shaped like an answer, never deployable.
   */
  readonly dummy: (dummyArn: string) => { [property: string]: unknown };
}

/** The answer of a lookup. */
export interface LookupAnswer {
  /** The properties asked for (`propertiesToReturn`), from the answer or the dummy. */
  readonly properties: { [property: string]: any };
  /**
   * Whether the CLI has answered. Before it has, `properties` is the dummy, whose facts must not
   * be checked against anything (a check failing on a dummy would stop the synth that asks the
   * CLI for the answer).
   */
  readonly answered: boolean;
}

/**
 * Reads one resource with the CDK CLI's Cloud Control context provider (`cc-api-provider`, an
 * `exactIdentifier` query: Cloud Control `GetResource`, run with the bootstrap lookup role).
 *
 * The stack must have a concrete account and Region. Before the CLI has answered, the dummy is
 * returned and the query is reported as missing context (aws-cdk-lib's `ContextProvider`), so
 * that synth finishes and the CLI runs the query and synthesizes again.
 *
 * @param scope the scope of the construct the lookup makes
 * @param id the id of that construct (errors name `<scope path>/<id>`)
 * @param property the option errors name (such as `componentName`)
 */
export function lookupResource(scope: IConstruct, id: string, property: string, query: CloudControlLookup): LookupAnswer {
  const subject = `${scope.node.path}/${id}`;
  const stack = Stack.of(scope);
  if (Token.isUnresolved(stack.account) || Token.isUnresolved(stack.region)) {
    throwValidationError(subject, 'env', { account: stack.account, region: stack.region },
      `must be concrete to look up an ${query.typeName}: give the stack an env, such as ` +
      '`new Stack(app, \'Stack\', { env: { account: \'111122223333\', region: \'us-east-1\' } })`');
  }
  if (Token.isUnresolved(query.resourceName)) {
    throwValidationError(subject, property, query.resourceName, 'must be known at synth to be looked up (not a token)');
  }
  const identifier = lookupArn(scope, query.resource, query.resourceName);
  const dummyValue = [query.dummy(dummyImageBuilderArn(scope, query.resource, query.resourceName))];
  const result = ContextProvider.getValue(scope, {
    provider: cxschema.ContextProvider.CC_API_PROVIDER,
    props: {
      typeName: query.typeName,
      exactIdentifier: identifier,
      propertiesToReturn: query.propertiesToReturn,
    },
    dummyValue,
  });
  // Before the CLI answers (or when it answered with an error), getValue returns the dummy itself.
  const answered = result.value !== dummyValue;
  const found: unknown = result.value;
  if (!Array.isArray(found) || found.length !== 1 || typeof found[0] !== 'object' || found[0] === null) {
    const count = Array.isArray(found) ? `${found.length} resources` : 'no list of resources';
    throwValidationError(subject, property, identifier,
      `must identify exactly one ${query.typeName}: the lookup (Cloud Control GetResource) answered ${count}; ` +
      'check the name and version, then clear the cached answer with `cdk context --reset <key>`');
  }
  const properties = found[0] as { [property: string]: any };
  const missing = query.propertiesToReturn.filter(p => properties[p] === undefined);
  if (missing.length > 0) {
    throwValidationError(subject, property, identifier,
      `must identify an ${query.typeName} whose lookup answer has ${missing.join(', ')}: ` +
      'the cached answer lacks them; clear it with `cdk context --reset <key>`');
  }
  return { properties, answered };
}

/**
 * The ARN of an Image Builder resource of the scope's stack, written out
 * (`arn:<partition>:imagebuilder:<region>:<account>:<resource>/<resourceName>`): a lookup's
 * identifier is part of its context key, which can hold no token, and `Stack.formatArn` gives the
 * partition as one. The partition is the Region's (`region_info`), `aws` when the Region is not known to it.
 */
export function lookupArn(scope: IConstruct, resource: string, resourceName: string, account?: string): string {
  const stack = Stack.of(scope);
  const partition = regionInfo.RegionInfo.get(stack.region).partition ?? 'aws';
  return `arn:${partition}:imagebuilder:${stack.region}:${account ?? stack.account}:${resource}/${resourceName}`;
}

/**
 * The ARN of a dummy Image Builder resource, in the documentation account (123456789012): what a
 * lookup returns before the CDK CLI has answered.
 */
export function dummyImageBuilderArn(scope: IConstruct, resource: string, resourceName: string): string {
  return lookupArn(scope, resource, resourceName, DUMMY_ACCOUNT);
}

/**
 * A versioned dummy ARN with its `x` version nodes as `0` (`.../name/1.x.x` becomes
 * `.../name/1.0.0`), as an answer gives an exact version.
 */
export function exactDummyVersion(dummyArn: string): string {
  return dummyArn.replace(PATTERNS.trailingArnVersion, (_match, version: string) =>
    `/${version.split('.').map(node => node === 'x' ? '0' : node).join('.')}`);
}

/**
 * Looks up the ARN of an unversioned resource by its name (`<resource>/<name>`, the schema's
 * primary identifier `Arn`), asking only for `Arn`, after checking the name.
 */
export function lookupArnByName(scope: IConstruct, id: string, property: string, typeName: string, resource: string, name: string): string {
  const v = Validator.forImport(scope, id);
  v.arnResourceName(property, name);
  v.throwIfInvalid();
  const answer = lookupResource(scope, id, property, {
    typeName,
    resource,
    resourceName: name,
    propertiesToReturn: ['Arn'],
    dummy: arn => ({ Arn: arn }),
  });
  return answer.properties.Arn;
}
