/** One operation of the Step Functions API: its JSON input in, its JSON output out. */
export type SfnOperation = (input: Record<string, unknown>) => unknown | Promise<unknown>;

/** Operations by name (`SendTaskSuccess`, …), as `X-Amz-Target: AWSStepFunctions.<name>` names them. */
export type SfnOperations = Readonly<Record<string, SfnOperation>>;
