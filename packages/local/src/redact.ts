/**
 * The one place the local runner takes its token redactor from: task-token's public one,
 * so that tokens read the same in the runner's output and in the handlers' logs.
 */
export { redactToken, scrubToken } from '@sfn-callback/task-token';
