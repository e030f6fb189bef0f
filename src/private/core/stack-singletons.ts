import { aws_ecr as ecr, Aws, Fn, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Values that are the same for every construct of a stack, made once per stack: every pipeline
 * of the stack renders the same template values, without a construct or token of its own each.
 */
function perStack<T>(cache: WeakMap<Stack, T>, scope: IConstruct, make: (stack: Stack) => T): T {
  const stack = Stack.of(scope);
  let value = cache.get(stack);
  if (value === undefined) {
    value = make(stack);
    cache.set(stack, value);
  }
  return value;
}

const repositoryImports = new WeakMap<Stack, Map<string, ecr.IRepository>>();

/**
 * An import of the repository of the given name in the scope's stack (its account and Region),
 * one per stack and name: Image Builder's default scanning repository is the same for every
 * pipeline of the stack.
 */
export function stackRepositoryImport(scope: IConstruct, repositoryName: string): ecr.IRepository {
  const imports = perStack(repositoryImports, scope, () => new Map<string, ecr.IRepository>());
  let repository = imports.get(repositoryName);
  if (repository === undefined) {
    repository = ecr.Repository.fromRepositoryName(Stack.of(scope), `ImageBuilderRepositoryImport-${repositoryName}`, repositoryName);
    imports.set(repositoryName, repository);
  }
  return repository;
}

const stackIdParts = new WeakMap<Stack, string>();

/**
 * The first part of the stack's UUID (`Fn::Select`/`Fn::Split` of `AWS::StackId`), which changes
 * when the stack is created again.
 */
export function stackUuidPart(scope: IConstruct): string {
  return perStack(stackIdParts, scope,
    () => Fn.select(0, Fn.split('-', Fn.select(2, Fn.split('/', Aws.STACK_ID)))));
}
