import { afterEach, beforeEach, vi } from 'vitest';

/** Resolves after `ms` milliseconds (of fake time, under fake timers). */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs each test of the file under vitest's fake timers. */
export function useFakeTimersInEachTest(): void {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}
