import { isJsonObject } from '../json.js';
import { reportError, schemaError, type ValidationContext } from './context.js';

/** One state's outgoing transition: the target name and where it is written. */
interface Transition {
  readonly target: unknown;
  readonly field: string;
  readonly location: string;
}

function transitionsOf(state: Record<string, unknown>, location: string): Transition[] {
  const out: Transition[] = [];
  if ('Next' in state)
    out.push({ target: state.Next, field: 'Next', location: `${location}/Next` });
  if ('Default' in state) {
    out.push({ target: state.Default, field: 'Default', location: `${location}/Default` });
  }
  const lists: [string, unknown][] = [
    ['Choices', state.Choices],
    ['Catch', state.Catch],
  ];
  for (const [name, list] of lists) {
    if (!Array.isArray(list)) continue;
    list.forEach((entry, i) => {
      if (isJsonObject(entry) && 'Next' in entry) {
        out.push({ target: entry.Next, field: 'Next', location: `${location}/${name}[${i}]/Next` });
      }
    });
  }
  return out;
}

function isTerminal(state: Record<string, unknown>): boolean {
  return state.Type === 'Succeed' || state.Type === 'Fail' || state.End === true;
}

/**
 * The graph rules of one `States` block (the machine's, a branch's or an item
 * processor's): StartAt names a state of this block, every transition names a state of
 * this block (a Next cannot leave its branch), every state is reachable from StartAt, and
 * at least one state ends the workflow. `prefix` is the block's location ('' at the top).
 */
export function checkTransitions(
  ctx: ValidationContext,
  startAt: unknown,
  states: Record<string, Record<string, unknown>>,
  prefix: string,
): void {
  const names = Object.keys(states);
  const known = new Set(names);
  const graph = new Map<string, string[]>();
  for (const name of names) {
    const state = states[name];
    if (state === undefined) continue;
    const location = `${prefix}/States/${name}`;
    const targets: string[] = [];
    for (const t of transitionsOf(state, location)) {
      if (typeof t.target !== 'string') {
        schemaError(ctx, `The value of '${t.field}' must be a state name (a string)`, t.location);
      } else if (!known.has(t.target)) {
        reportError(
          ctx,
          'MISSING_TRANSITION_TARGET',
          `Missing '${t.field}' target: ${t.target}`,
          t.location,
        );
      } else {
        targets.push(t.target);
      }
    }
    graph.set(name, targets);
  }

  if (typeof startAt === 'string' && known.has(startAt)) {
    // Iterative walk: a 500-state chain must not recurse 500 deep.
    const seen = new Set<string>([startAt]);
    const stack = [startAt];
    for (let name = stack.pop(); name !== undefined; name = stack.pop()) {
      for (const next of graph.get(name) ?? []) {
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
      }
    }
    for (const name of names) {
      if (!seen.has(name)) {
        reportError(
          ctx,
          'MISSING_TRANSITION_TARGET',
          `State "${name}" is not reachable.`,
          `${prefix}/States/${name}`,
        );
      }
    }
  }

  // Any terminal state counts, reachable or not: AWS reports an unreachable terminal state
  // as unreachable, not as a missing end.
  if (names.length > 0 && !names.some((n) => isTerminal(states[n] ?? {}))) {
    reportError(
      ctx,
      'MISSING_END_STATE',
      'Workflow has no terminal state',
      prefix === '' ? undefined : prefix,
    );
  }
}
