import { afterEach, describe, expect, it, vi } from 'vitest';
import { type TaskOutcome, TokenRegistry } from '../../src/index.js';

describe('TokenRegistry', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const openOne = (
    registry: TokenRegistry,
    options: { timeoutMs?: number; heartbeatMs?: number } = {},
  ) => {
    const token = registry.issue();
    const outcomes: TaskOutcome[] = [];
    registry.open(token, {
      timeoutMs: options.timeoutMs ?? 60_000,
      ...(options.heartbeatMs !== undefined ? { heartbeatMs: options.heartbeatMs } : {}),
      onClose: (outcome) => outcomes.push(outcome),
    });
    return { token, outcomes };
  };

  it('closes a task once: the first answer wins, later ones get TaskTimedOut', () => {
    const registry = new TokenRegistry();
    const { token, outcomes } = openOne(registry);
    expect(registry.succeed(token, { a: 1 })).toBeUndefined();
    expect(registry.succeed(token, { a: 2 })).toBe('TaskTimedOut');
    expect(registry.fail(token, 'E', 'c')).toBe('TaskTimedOut');
    expect(registry.heartbeat(token)).toBe('TaskTimedOut');
    expect(outcomes).toEqual([{ kind: 'success', output: { a: 1 } }]);
    expect(registry.openCount).toBe(0);
  });

  it('tells a closed token (TaskTimedOut) from a forged or foreign one (InvalidToken)', () => {
    const registry = new TokenRegistry();
    const issuedNeverOpened = registry.issue();
    expect(registry.succeed(issuedNeverOpened, {})).toBe('TaskTimedOut');
    expect(registry.succeed('garbage', {})).toBe('InvalidToken');
    expect(registry.succeed(`${issuedNeverOpened}x`, {})).toBe('InvalidToken');
    expect(registry.succeed(new TokenRegistry().issue(), {})).toBe('InvalidToken');
  });

  it('issues distinct tokens within the API length limit', () => {
    const registry = new TokenRegistry();
    const tokens = new Set(Array.from({ length: 1000 }, () => registry.issue()));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) expect(token.length).toBeLessThanOrEqual(2048);
  });

  it('times a task out when no heartbeat comes within HeartbeatSeconds, and heartbeats extend it', () => {
    vi.useFakeTimers();
    const registry = new TokenRegistry();
    const { token, outcomes } = openOne(registry, { heartbeatMs: 1000 });
    vi.advanceTimersByTime(900);
    expect(registry.heartbeat(token)).toBeUndefined();
    vi.advanceTimersByTime(900);
    expect(outcomes).toEqual([]);
    vi.advanceTimersByTime(200);
    expect(outcomes).toEqual([{ kind: 'heartbeat-timeout' }]);
    expect(registry.succeed(token, {})).toBe('TaskTimedOut');
  });

  it('heartbeats never extend the task timeout', () => {
    vi.useFakeTimers();
    const registry = new TokenRegistry();
    const { token, outcomes } = openOne(registry, { timeoutMs: 2000, heartbeatMs: 1000 });
    for (let i = 0; i < 4; i++) {
      vi.advanceTimersByTime(600);
      registry.heartbeat(token);
    }
    expect(outcomes).toEqual([{ kind: 'timeout' }]);
    expect(registry.heartbeat(token)).toBe('TaskTimedOut');
  });

  it('refuses an answer that arrives after the deadline even before the timer fires', () => {
    const registry = new TokenRegistry();
    const now = vi.spyOn(Date, 'now');
    now.mockReturnValue(1_000);
    const { token, outcomes } = openOne(registry, { timeoutMs: 500 });
    now.mockReturnValue(1_600);
    expect(registry.succeed(token, {})).toBe('TaskTimedOut');
    expect(outcomes).toEqual([{ kind: 'timeout' }]);
    now.mockRestore();
  });
});
