/**
 * Work that is ready to run but that a pacer paused until a later turn of the event loop
 * (see `execution/pacer.ts`). A virtual clock does not move time while any is waiting:
 * time jumps only once nothing else is ready, as if computing took no time at all.
 */
export const pausedWork = { count: 0 };
