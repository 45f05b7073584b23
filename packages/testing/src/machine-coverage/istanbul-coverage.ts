import type { BranchMapping, FileCoverageData, Range } from 'istanbul-lib-coverage';
import type { MachineCoverage } from './coverage-summary.js';
import { type Span, spanKey } from './pretty-asl.js';

/** Istanbul's branch `type` for each kind of branch point of a state. */
const BRANCH_TYPES = {
  choice: 'switch',
  parallel: 'parallel',
  map: 'map',
  retry: 'retry',
  catch: 'catch',
};

/**
 * A state machine's coverage in Istanbul's format, over its pretty-printed ASL file: each
 * state a statement (its member in `States`, hit once per entry), each Choice state a
 * `switch` branch over its rules and `Default`, each Parallel state a branch over its
 * `Branches`, each Map state a one-way branch over its item processor, each `Retry` and
 * `Catch` list a branch over its retriers / catchers.
 */
export function istanbulCoverage(
  machine: MachineCoverage,
  aslFile: string,
  spans: ReadonlyMap<string, Span>,
): FileCoverageData {
  const range = (path: readonly (string | number)[]): Range => {
    const span = spans.get(spanKey(path));
    if (!span) throw new Error(`no location for ${spanKey(path)}`);
    return { start: { ...span.start }, end: { ...span.end } };
  };
  const statementMap: Record<string, Range> = {};
  const s: Record<string, number> = {};
  const branchMap: Record<string, BranchMapping> = {};
  const b: Record<string, number[]> = {};
  /** Branch points by `<kind>:<state>`, in definition order. */
  const points = new Map<string, { mapping: BranchMapping; counts: number[] }>();
  for (const item of machine.items) {
    if (item.kind === 'states') {
      const id = String(Object.keys(statementMap).length);
      statementMap[id] = range(item.path);
      s[id] = item.hits;
      continue;
    }
    const kind = item.id.slice(0, item.id.indexOf(':')) as keyof typeof BRANCH_TYPES;
    const key = `${kind}:${item.state}`;
    let point = points.get(key);
    if (!point) {
      // The state's own member: the last `States/<name>` of the item's path.
      let at = item.path.length - 1;
      while (at > 0 && !(item.path[at - 1] === 'States' && item.path[at] === item.state)) at--;
      const statePath = item.path.slice(0, at + 1);
      const loc = range(statePath);
      point = {
        mapping: { loc, type: BRANCH_TYPES[kind], locations: [], line: loc.start.line },
        counts: [],
      };
      points.set(key, point);
    }
    point.mapping.locations.push(range(item.path));
    point.counts.push(item.hits);
  }
  for (const { mapping, counts } of points.values()) {
    const id = String(Object.keys(branchMap).length);
    branchMap[id] = mapping;
    b[id] = counts;
  }
  return { path: aslFile, statementMap, fnMap: {}, branchMap, s, f: {}, b };
}
