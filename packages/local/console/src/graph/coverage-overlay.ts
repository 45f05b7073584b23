import { consoleGet, SfnError } from '../api.js';
import { h } from '../dom.js';

/** One item of a state machine coverage report (see `serve --coverage`). */
interface CoverageItem {
  readonly id: string;
  readonly kind: 'states' | 'branches' | 'errorHandlers';
  readonly state: string;
  readonly label: string;
  readonly hits: number;
}

interface MachineCoverage {
  readonly items: readonly CoverageItem[];
  readonly totals: Readonly<Record<string, { covered: number; total: number; pct: number }>>;
}

// Set through the CSSOM: the console's CSP allows no inline style sheet, and this overlay
// keeps to its own module.
const UNCOVERED = '#d13212';
const COVERED = '#1d8102';

/**
 * Draws `serve --coverage`'s report over a state machine's graph: states never entered
 * and transitions never taken (Choice rules, Default, Catch, next) dashed in red, covered
 * states outlined in green with their count; a summary line above the graph. Nothing when
 * serve has no coverage; the server's message when the report is of another definition.
 */
export async function showCoverage(stateMachineArn: string, graph: HTMLElement): Promise<void> {
  let coverage: MachineCoverage;
  try {
    coverage = await consoleGet<MachineCoverage>(
      `coverage?stateMachineArn=${encodeURIComponent(stateMachineArn)}`,
    );
  } catch (error) {
    if (error instanceof SfnError && error.status === 409) {
      graph.prepend(
        h('div', { class: 'panel-title', 'data-role': 'coverage-error' }, error.message),
      );
    }
    return;
  }
  const hits = new Map(coverage.items.map((item) => [item.id, item.hits]));
  const entered = (state: string) => (hits.get(`state:${state}`) ?? 0) > 0;
  for (const node of graph.querySelectorAll<SVGGElement>('g.node[data-state]')) {
    const state = node.getAttribute('data-state') ?? '';
    const count = hits.get(`state:${state}`) ?? 0;
    node.classList.add(count > 0 ? 'coverage-covered' : 'coverage-uncovered');
    node.setAttribute('data-hits', String(count));
    const box = node.querySelector<SVGRectElement>('rect.box');
    box?.style.setProperty('stroke', count > 0 ? COVERED : UNCOVERED);
    box?.style.setProperty('stroke-width', '3');
    if (count === 0) box?.style.setProperty('stroke-dasharray', '6 4');
  }
  // The n-th Choice / Catch edge out of a state is its n-th rule / catcher (each has a Next).
  const seen = new Map<string, number>();
  for (const edge of graph.querySelectorAll<SVGGElement>('g.edge')) {
    const from = (edge.getAttribute('data-from') ?? '').replace(/^s:/, '');
    const kind = [...edge.classList].find((c) => c.startsWith('edge-') && c !== 'edge')?.slice(5);
    let taken: boolean;
    if (kind === 'choice' || kind === 'catch') {
      const key = `${kind}:${from}`;
      const index = seen.get(key) ?? 0;
      seen.set(key, index + 1);
      taken = (hits.get(`${kind}:${from}:${index}`) ?? 0) > 0;
    } else if (kind === 'default') {
      taken = (hits.get(`choice:${from}:Default`) ?? 0) > 0;
    } else {
      // next / branch / into the end: taken when the states at both ends ran (a group's
      // box and its end stand for its Map / Parallel state; Start and End always ran).
      const stateOf = (id: string) => (/^[sge]:/.test(id) ? id.slice(2) : undefined);
      const ends = [edge.getAttribute('data-from') ?? '', edge.getAttribute('data-to') ?? '']
        .map(stateOf)
        .filter((state): state is string => state !== undefined);
      taken = ends.every(entered);
    }
    edge.classList.add(taken ? 'coverage-taken' : 'coverage-never');
    if (!taken) {
      const path = edge.querySelector<SVGPathElement>('path');
      path?.style.setProperty('stroke', UNCOVERED);
      path?.style.setProperty('stroke-dasharray', '6 4');
    }
  }
  const { states, branches, errorHandlers } = coverage.totals;
  const part = (label: string, total?: { covered: number; total: number; pct: number }) =>
    total ? `${label} ${total.pct}% (${total.covered}/${total.total})` : '';
  const never = coverage.items.filter((item) => item.hits === 0).map((item) => item.label);
  graph.prepend(
    h(
      'div',
      { class: 'panel-title', 'data-role': 'coverage-summary' },
      `Coverage: ${[part('states', states), part('branches', branches), part('error handlers', errorHandlers)].join(' · ')}`,
      never.length > 0 ? ` · never covered: ${never.join('; ')}` : '',
    ),
  );
}
