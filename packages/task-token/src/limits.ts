/**
 * Limits of the Step Functions task-response API (SendTaskSuccess, SendTaskFailure,
 * SendTaskHeartbeat), from the API reference. Checked before any network call.
 */

/** Longest task token the API accepts, in characters. */
export const TASK_TOKEN_MAX_LENGTH = 2048;

/** Largest `output` of SendTaskSuccess, in bytes of UTF-8 (not characters). */
export const TASK_OUTPUT_MAX_BYTES = 262_144;

/** Longest `error` of SendTaskFailure, in characters. */
export const TASK_FAILURE_ERROR_MAX_LENGTH = 256;

/** Longest `cause` of SendTaskFailure, in characters. */
export const TASK_FAILURE_CAUSE_MAX_LENGTH = 32_768;

/**
 * Largest `TimeoutSeconds` / `HeartbeatSeconds` a Task state accepts (the Amazon States
 * Language's limit, 99,999,999 s ≈ 3.2 years; a Standard execution itself ends after a
 * year).
 */
export const TASK_TIMEOUT_MAX_SECONDS = 99_999_999;
