// Test helpers shared by the workspace's tests and benchmarks. Not published: the exports
// point at the TypeScript source, which vitest and Node 24 (type stripping) run as is.
export {
  type FakeAnswer,
  FakeStepFunctions,
  type FakeStepFunctionsOptions,
  type ReceivedRequest,
  type TaskState,
} from './fake-step-functions.ts';
