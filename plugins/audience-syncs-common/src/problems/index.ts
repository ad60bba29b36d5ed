export type {
  SyncProblem,
  SyncProblemCode,
  SyncProblemsResponseBody,
} from './SyncProblem';
export { formatProblems } from './SyncProblem';
export type { FieldPath } from './fieldPath';
export { formatFieldPath, parseFieldPath } from './fieldPath';
export { zodProblems } from './zodProblems';
export { audienceProblems } from './audienceProblems';
export {
  destinationProblems,
  objectCreationProblems,
  objectProblems,
} from './destinationProblems';
export type { IdentifierOption } from './identifierProblems';
export {
  identifierOptions,
  identifierProblems,
  unmatchableIdentifierProblems,
} from './identifierProblems';
export { fieldMappingProblems } from './fieldMappingProblems';
export { ownerProblems } from './ownerProblems';
