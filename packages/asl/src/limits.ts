/** 256 KiB of UTF-8: the most a state's input, output or a task's result may hold. */
export const MAX_PAYLOAD_BYTES = 262_144;

/** The most events a Standard execution's history holds; past it the execution fails. */
export const MAX_HISTORY_EVENTS = 25_000;

/** Bytes of UTF-8 of a JSON text. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
