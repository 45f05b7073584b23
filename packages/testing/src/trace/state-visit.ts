import type { Json } from '@sfn-callback/asl';

/** One level of nesting: an iteration of a Map state, or a branch of a Parallel state. */
export interface ScopeFrame {
  /** The Map or Parallel state. */
  readonly state: string;
  /** The Map iteration's index. */
  readonly iteration?: number;
  /** The Parallel branch's index. */
  readonly branch?: number;
}

/** A failed attempt of a state (a Task's error, a timeout, a Map or Parallel that failed). */
export interface AttemptError {
  readonly error: string;
  readonly cause: string;
}

/**
 * One time the execution ran a state, read from its history: where (top level, or which
 * Map iteration or Parallel branch), with what input, output and assigned variables, and
 * what went wrong on the way.
 */
export interface StateVisit {
  readonly name: string;
  /** The state's type, as its history events name it: `Task`, `Pass`, `Choice`, `Map`, ... */
  readonly type: string;
  /** The Map iterations and Parallel branches this visit runs in, outermost first; `[]` at top level. */
  readonly scope: readonly ScopeFrame[];
  /** `Each Order[2] › Wait For Callback`: the scope and the name, for messages. */
  readonly label: string;
  readonly input: Json | undefined;
  /** The state's output, once it has exited. */
  readonly output: Json | undefined;
  /** Variables the state assigned (its `Assign`), once it has exited. */
  readonly assignedVariables: Readonly<Record<string, Json>>;
  /** Task attempts scheduled (1 + retries); 0 for states that call nothing. */
  readonly attempts: number;
  /** Each failed attempt, in order. */
  readonly errors: readonly AttemptError[];
  /** `running`, `exited` (including after a Catch), or `failed` (the error left the state). */
  readonly status: 'running' | 'exited' | 'failed';
  /** Whether the state exited through a Catch (its last attempt failed). */
  readonly caught: boolean;
  /** The state entered next in the same scope, once known. */
  readonly next: string | undefined;
  /** History event ids: where the visit starts and (once exited) ends. */
  readonly enteredEventId: number;
  readonly exitedEventId: number | undefined;
}

/** `Each Order[2] › Wait For Callback`. */
export function labelOf(scope: readonly ScopeFrame[], name: string): string {
  return [...scope.map((f) => `${f.state}[${f.iteration ?? f.branch}]`), name].join(' › ');
}

/** Whether two scopes are the same Map iteration / Parallel branch. */
export function sameScope(a: readonly ScopeFrame[], b: readonly ScopeFrame[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (f, i) =>
        f.state === b[i]?.state && f.iteration === b[i]?.iteration && f.branch === b[i]?.branch,
    )
  );
}
