/**
 * The public enums of the typed documents (`ComponentAction`, `WorkflowStepAction`...) and the
 * private rule tables the validator reads (src/private/core/documents.ts, which may import nothing
 * public) are two copies of the same facts: they must hold the same values.
 */
import {
  ComponentAction,
  ComponentParameterType,
  ComponentPhaseName,
  ComponentPlatform,
  ComponentStepOnFailure,
  WorkflowParameterType,
  WorkflowStepAction,
  WorkflowStepOnFailure,
  WorkflowType,
} from '../src';
import {
  COMPONENT_ACTIONS,
  COMPONENT_ON_FAILURE,
  COMPONENT_PARAMETER_TYPES,
  PHASE_RULES,
  WORKFLOW_PARAMETER_TYPES,
  WORKFLOW_STEP_ACTIONS,
  WORKFLOW_STEP_ON_FAILURE,
} from '../src/private/core/documents';

const sorted = (values: Iterable<string>) => [...values].sort();

test.each<[string, object, Iterable<string>]>([
  ['ComponentAction and the action modules', ComponentAction, Object.keys(COMPONENT_ACTIONS)],
  ['ComponentStepOnFailure and the step onFailure values', ComponentStepOnFailure, COMPONENT_ON_FAILURE],
  ['ComponentParameterType and the parameter types', ComponentParameterType, COMPONENT_PARAMETER_TYPES],
  ['ComponentPhaseName and the phases Image Builder runs', ComponentPhaseName, PHASE_RULES.known],
  ['ComponentPlatform and the platforms of the action modules', ComponentPlatform,
    new Set(Object.values(COMPONENT_ACTIONS).flatMap(rule => rule.platforms))],
  ['WorkflowStepAction and the step actions', WorkflowStepAction, Object.keys(WORKFLOW_STEP_ACTIONS)],
  ['WorkflowStepOnFailure and the step onFailure values', WorkflowStepOnFailure, WORKFLOW_STEP_ON_FAILURE],
  ['WorkflowParameterType and the parameter types', WorkflowParameterType, WORKFLOW_PARAMETER_TYPES],
  ['WorkflowType and the workflow types of the step actions', WorkflowType,
    new Set(Object.values(WORKFLOW_STEP_ACTIONS).flatMap(rule => rule.types))],
])('%s hold the same values', (_what, publicEnum, table) => {
  expect(sorted(Object.values(publicEnum) as string[])).toEqual(sorted(table));
});
