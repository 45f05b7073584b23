import { randomUUID } from 'node:crypto';
import type { RandomSource } from '../scope.js';

/** `Math.random` and `crypto.randomUUID`. */
export const defaultRandom: RandomSource = {
  next: () => Math.random(),
  uuid: () => randomUUID(),
};
