import type { Json } from '../json.js';
import { MAX_PAYLOAD_BYTES, utf8Bytes } from '../limits.js';
import { fieldError, type StatesError, StatesErrors } from '../states-error.js';

/**
 * AWS's variable quotas (developer guide, "Passing data between states with variables"):
 * 256 KiB one variable, 256 KiB all the variables of one `Assign`, 10 MiB all the
 * variables an execution holds. AWS does not document the error they raise; this engine
 * raises `States.DataLimitExceeded`, its error for the payload quota of the same size.
 */
export const VARIABLE_LIMITS = {
  variableBytes: MAX_PAYLOAD_BYTES,
  assignBytes: MAX_PAYLOAD_BYTES,
  executionBytes: 10 * 1024 * 1024,
};

/** The UTF-8 size of each value as JSON text. */
export function sizesOf(values: Readonly<Record<string, Json>>): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const [name, value] of Object.entries(values)) {
    sizes.set(name, utf8Bytes(JSON.stringify(value)));
  }
  return sizes;
}

/** The first quota an `Assign` of these sizes breaks (one variable, then the whole Assign). */
export function assignLimitError(sizes: ReadonlyMap<string, number>): StatesError | undefined {
  let total = 0;
  for (const [name, bytes] of sizes) {
    if (bytes > VARIABLE_LIMITS.variableBytes) {
      return limitError(
        `The variable '${name}' has a size (${bytes} bytes) exceeding the maximum number of bytes service limit (${VARIABLE_LIMITS.variableBytes}).`,
      );
    }
    total += bytes;
  }
  if (total > VARIABLE_LIMITS.assignBytes) {
    return limitError(
      `The variables assigned by one state have a size (${total} bytes) exceeding the maximum number of bytes service limit (${VARIABLE_LIMITS.assignBytes}).`,
    );
  }
  return undefined;
}

/** The error for an execution whose variables would hold more than the quota. */
export function executionLimitError(total: number): StatesError {
  return limitError(
    `The variables of the execution have a size (${total} bytes) exceeding the maximum number of bytes service limit (${VARIABLE_LIMITS.executionBytes}).`,
  );
}

function limitError(cause: string): StatesError {
  return fieldError(StatesErrors.DataLimitExceeded, cause);
}
