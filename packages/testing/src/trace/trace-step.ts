import type { ExecutionResult } from '@sfn-callback/asl';
import type { AttemptError, StateVisit } from './state-visit.js';

/**
 * What an execution did, one step at a time, as its history is recorded: the events a
 * coverage tool or a reporter needs, without reading the history itself.
 */
export type TraceStep =
  | { readonly kind: 'entered'; readonly visit: StateVisit }
  | { readonly kind: 'exited'; readonly visit: StateVisit }
  /** A failed attempt that a Retry takes: `attempt` is the attempt about to start (2 = first retry). */
  | {
      readonly kind: 'retried';
      readonly visit: StateVisit;
      readonly error: AttemptError;
      readonly attempt: number;
    }
  /** The state's error was caught: the execution goes on at `next`. */
  | {
      readonly kind: 'caught';
      readonly visit: StateVisit;
      readonly error: AttemptError;
      readonly next: string;
    }
  /**
   * A Choice state chose `next`, by the rule at `rule` in its `Choices` or by its `Default`
   * (the engine tells it: two rules with the same `Next` are told apart).
   */
  | {
      readonly kind: 'chose';
      readonly visit: StateVisit;
      readonly next: string;
      readonly rule: number | 'Default';
    }
  | { readonly kind: 'ended'; readonly result: ExecutionResult };

/** The execution a step belongs to, as observers are told it. */
export interface ObservedExecution {
  /** The execution's name. */
  readonly name: string;
  /** The state machine's name. */
  readonly machineName: string;
  /** The state machine's definition (one object per loaded machine). */
  readonly definition: Readonly<Record<string, unknown>>;
}

/** Receives the steps of executions. */
export type TraceObserver = (step: TraceStep, execution: ObservedExecution) => void;
