import type { Counts } from '../../../src/model/console-wire.js';
import { SfnError, sfn, sfnAll } from '../api.js';
import { h, replace } from '../dom.js';
import { dateTime, duration } from '../format.js';
import { href } from '../router.js';
import { type Page, throttle } from './page.js';
import { offersRedrive, redriveExecution } from './redrive.js';

/** An execution as ListExecutions lists it. */
export interface ExecutionListItem {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: string;
  readonly startDate: number;
  readonly stopDate?: number;
}

const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];

/** Rows drawn at first, and added by "Show more" (a long list stays light). */
const ROWS_PER_STEP = 200;

/** What the filters ask: the name's part, and the start date's range (epoch seconds). */
export interface ExecutionFilter {
  readonly nameContains: string;
  readonly startedAfter?: number;
  readonly startedBefore?: number;
}

/** The executions the filter keeps, newest first. */
export function filterExecutions(
  executions: readonly ExecutionListItem[],
  filter: ExecutionFilter,
): ExecutionListItem[] {
  const part = filter.nameContains.toLowerCase();
  return executions
    .filter(
      (e) =>
        (!part || e.name.toLowerCase().includes(part)) &&
        (filter.startedAfter === undefined || e.startDate >= filter.startedAfter) &&
        (filter.startedBefore === undefined || e.startDate <= filter.startedBefore),
    )
    .sort((a, b) => b.startDate - a.startDate);
}

/** A `datetime-local` input's value as epoch seconds (undefined when empty). */
const epochOf = (value: string): number | undefined =>
  value ? new Date(value).getTime() / 1000 : undefined;

/**
 * The actions on one execution's row: Stop for a running one, Redrive for a Standard one
 * that ended FAILED, TIMED_OUT or ABORTED.
 */
function rowActions(execution: ExecutionListItem, done: (message: string) => void): HTMLElement {
  const actions = h('td', { class: 'row-actions' });
  if (execution.status === 'RUNNING') {
    actions.append(
      h(
        'button',
        {
          type: 'button',
          class: 'small danger',
          'data-role': 'stop-execution',
          'aria-label': `Stop ${execution.name}`,
          onclick: async () => {
            try {
              await sfn('StopExecution', {
                executionArn: execution.executionArn,
                cause: 'Stopped from the local console',
              });
              done(`Stopped ${execution.name}.`);
            } catch (error) {
              done(
                `Stop failed — ${error instanceof SfnError ? `${error.type}: ${error.message}` : String(error)}`,
              );
            }
          },
        },
        'Stop',
      ),
    );
  }
  if (offersRedrive(execution)) {
    actions.append(
      h(
        'button',
        {
          type: 'button',
          class: 'small',
          'data-role': 'redrive-execution',
          'aria-label': `Redrive ${execution.name}`,
          onclick: async (event: Event) => {
            (event.currentTarget as HTMLButtonElement).disabled = true;
            done((await redriveExecution(execution.executionArn)).message);
          },
        },
        'Redrive',
      ),
    );
  }
  return actions;
}

/**
 * Every execution of every state machine (ListStateMachines, then ListExecutions of each,
 * the status filter sent to the API), with a name search and a start-time range, newest
 * first; Stop and Redrive from the list. The child executions of Distributed Maps are not
 * among them (ListExecutions by state machine does not list them; the page says where they
 * are: their Map Run's page).
 */
export function executionsPage(): Page {
  const status = h(
    'select',
    { id: 'executions-status', name: 'executions-status' },
    h('option', { value: '' }, 'Any status'),
    STATUSES.map((s) => h('option', { value: s }, s)),
  );
  const search = h('input', {
    id: 'executions-search',
    name: 'executions-search',
    type: 'search',
    placeholder: 'part of the name',
    autocomplete: 'off',
  });
  const after = h('input', {
    id: 'executions-after',
    name: 'executions-after',
    type: 'datetime-local',
    step: '1',
  });
  const before = h('input', {
    id: 'executions-before',
    name: 'executions-before',
    type: 'datetime-local',
    step: '1',
  });
  const summary = h('p', {
    class: 'form-status',
    role: 'status',
    'aria-live': 'polite',
    'data-role': 'executions-summary',
  });
  const body = h('tbody');
  const more = h('div', { class: 'more' });
  let loaded: ExecutionListItem[] = [];
  let machineNames = new Map<string, string>();
  let shown = ROWS_PER_STEP;
  let closed = false;
  let note = '';

  const render = () => {
    const kept = filterExecutions(loaded, {
      nameContains: search.value,
      startedAfter: epochOf(after.value),
      startedBefore: epochOf(before.value),
    });
    summary.textContent = `${kept.length} of ${loaded.length} executions${note ? ` · ${note}` : ''}`;
    replace(
      body,
      kept.length === 0
        ? h(
            'tr',
            {},
            h(
              'td',
              { colspan: 7, class: 'empty', 'data-role': 'no-executions' },
              loaded.length === 0 ? 'No executions yet.' : 'No execution matches the filters.',
            ),
          )
        : kept.slice(0, shown).map((e) =>
            h(
              'tr',
              { 'data-execution': e.name },
              h(
                'td',
                {},
                h('a', { href: href({ page: 'executions', arn: e.executionArn }) }, e.name),
              ),
              h(
                'td',
                {},
                h(
                  'a',
                  { href: href({ page: 'state-machines', arn: e.stateMachineArn }) },
                  machineNames.get(e.stateMachineArn) ?? e.stateMachineArn,
                ),
              ),
              h(
                'td',
                {},
                h('span', { class: `status status-${e.status.toLowerCase()}` }, e.status),
              ),
              h('td', {}, dateTime(e.startDate)),
              h('td', {}, dateTime(e.stopDate)),
              h('td', {}, e.stopDate ? duration((e.stopDate - e.startDate) * 1000) : '-'),
              rowActions(e, (message) => {
                note = message;
                fetchAll();
              }),
            ),
          ),
    );
    replace(
      more,
      kept.length > shown
        ? h(
            'button',
            {
              type: 'button',
              'data-role': 'show-more',
              onclick: () => {
                shown += ROWS_PER_STEP;
                render();
              },
            },
            `Show ${Math.min(ROWS_PER_STEP, kept.length - shown)} more`,
          )
        : null,
    );
  };

  let sequence = 0;
  /** The status filter of the complete list on screen, once one is. */
  let completeFor: string | undefined;
  /**
   * Lists every execution: the newest 100 of each state machine first, drawn at once, then
   * the rest page by page (1,000 a request), the list redrawn when all are in. The summary
   * says while more are coming: the search and the time range apply to what is loaded.
   */
  const fetchAll = () => {
    const mine = ++sequence;
    const current = () => !closed && mine === sequence;
    element.setAttribute('data-loaded', 'false');
    void (async () => {
      try {
        const machines = await sfnAll<{ stateMachineArn: string; name: string }>(
          'ListStateMachines',
          {},
          'stateMachines',
        );
        const filter = status.value ? { statusFilter: status.value } : {};
        const firsts = await Promise.all(
          machines.map((m) =>
            sfn<{ executions: ExecutionListItem[]; nextToken?: string }>('ListExecutions', {
              stateMachineArn: m.stateMachineArn,
              maxResults: 100,
              ...filter,
            }),
          ),
        );
        if (!current()) return;
        machineNames = new Map(machines.map((m) => [m.stateMachineArn, m.name]));
        const newest = firsts.flatMap((page) => page.executions);
        const unfinished = firsts.some((page) => page.nextToken);
        // A refresh (news from the live stream) keeps the complete list on screen until the
        // new one is whole: drawing the newest 100 first would shrink it under the reader.
        const refresh = completeFor === status.value;
        if (!refresh || !unfinished) {
          loaded = newest;
          note = unfinished ? 'loading the older ones…' : note;
          render();
        }
        element.setAttribute('data-first-rows', 'true');
        if (unfinished) {
          const rests = await Promise.all(
            machines.map(async (m, i) => {
              const first = firsts[i];
              if (!first?.nextToken) return [];
              return sfnAll<ExecutionListItem>(
                'ListExecutions',
                {
                  stateMachineArn: m.stateMachineArn,
                  maxResults: 1000,
                  ...filter,
                  nextToken: first.nextToken,
                },
                'executions',
              );
            }),
          );
          if (!current()) return;
          loaded = [...newest, ...rests.flat()];
          note = '';
          render();
        }
        completeFor = status.value;
        element.setAttribute('data-loaded', 'true');
      } catch (error) {
        summary.textContent = `Could not list the executions: ${String(error)}`;
      }
    })();
  };
  /** On news from the live stream: at most once a second. */
  const load = throttle(fetchAll, 1000);
  /** What the list depends on in the counts (a Map Run's children coming and going is not). */
  let listedCounts = '';
  const onCounts = (counts: Counts) => {
    const next = `${counts.executions} ${counts.running} ${counts.lastExecutionArn} ${counts.lastStatus}`;
    if (next === listedCounts) return;
    listedCounts = next;
    load();
  };

  const field = (label: string, id: string, control: HTMLElement) =>
    h('div', { class: 'field' }, h('label', { for: id, class: 'field-label' }, label), control);
  const element = h(
    'section',
    { class: 'page', 'data-page': 'executions' },
    h('h1', {}, 'Executions'),
    h(
      'p',
      { class: 'hint', 'data-role': 'map-run-children-note' },
      'The child executions of Distributed Map states are not listed here, as in the AWS console: open the parent execution, then its Map Run, to see them.',
    ),
    h(
      'div',
      { class: 'form-row filters' },
      field('Status', 'executions-status', status),
      field('Name contains', 'executions-search', search),
      field('Started after', 'executions-after', after),
      field('Started before', 'executions-before', before),
    ),
    summary,
    h(
      'table',
      { class: 'list', 'data-role': 'all-executions' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Name', 'State machine', 'Status', 'Started', 'Ended', 'Duration', 'Actions'].map((c) =>
            h('th', { scope: 'col' }, c),
          ),
        ),
      ),
      body,
    ),
    more,
  );
  status.addEventListener('change', () => {
    note = '';
    fetchAll();
  });
  for (const input of [search, after, before])
    input.addEventListener('input', () => {
      shown = ROWS_PER_STEP;
      render();
    });
  fetchAll();
  return {
    element,
    onCounts,
    close: () => {
      closed = true;
    },
  };
}
