import { childStateMachine } from '../../../src/model/arns.js';
import type { WireEvent, WireExecution } from '../../../src/model/console-wire.js';
import { redactTokensIn } from '../../../src/model/token-redaction.js';
import { sfn, sfnAll } from '../api.js';
import { h, replace } from '../dom.js';
import { dateTime, duration } from '../format.js';
import { aslGraph } from '../graph/asl-graph.js';
import { layoutGraph } from '../graph/graph-layout.js';
import { type GraphView, graphView, STATUS_LABEL } from '../graph/graph-view.js';
import { eventDetails, type StateRun, StateRuns } from '../history/state-runs.js';
import { prettyJson } from '../json-text.js';
import { jsonView } from '../json-view.js';
import { live } from '../live.js';
import { href } from '../router.js';
import { type ChildOrigin, childOrigin, mapRunLink, mapRunsOf } from './map-run-links.js';
import { type MapRunListItem, mapRunStates } from './map-run-model.js';
import type { Page } from './page.js';
import { offersRedrive, redriveExecution } from './redrive.js';

/** DescribeExecution's answer: the execution and, for a Standard one, its redrive fields. */
interface DescribedExecution extends WireExecution {
  readonly redriveCount?: number;
  readonly redriveStatus?: string;
  readonly redriveStatusReason?: string;
  readonly redriveDate?: number;
  /** The Map Run that started it, for a Distributed Map's child execution. */
  readonly mapRunArn?: string;
}

/** The shown JSON of a text (pretty, tokens redacted). */
const shownJson = (text: string | undefined) => jsonView(redactTokensIn(prettyJson(text)));

function eventResource(event: WireEvent): string {
  const d = eventDetails(event);
  if (!d || typeof d.resource !== 'string') return '-';
  return `${String(d.resourceType ?? '')}:${d.resource}`;
}

/**
 * One execution, live: its status, ARN, dates, input and output; the graph coloured by
 * each state's status; a state's input, output and events on click; the table view (one
 * row per state) and the event view (the history). Read from DescribeExecution and
 * GetExecutionHistory, then kept current by the live stream's new events. A parent's
 * Distributed Maps link to their Map Runs (ListMapRuns); a Map Run's child execution links
 * to its Map Run and its parent, and its graph is its Map state's item processor.
 */
export function executionPage(arn: string): Page {
  const runs = new StateRuns();
  const events: WireEvent[] = [];
  let execution: DescribedExecution | undefined;
  let graph: GraphView | undefined;
  let selected: string | undefined;
  let stop: (() => void) | undefined;
  let closed = false;
  /** The Map Runs this execution started, and the state that started each. */
  let mapRuns: MapRunListItem[] = [];
  let mapRunState: ReadonlyMap<string, string> = new Map();
  /** For a Map Run's child execution: its Map Run and its parent. */
  let origin: ChildOrigin | undefined;

  const title = h('h1', {}, arn.split(':').at(-1) ?? arn);
  const status = h('span', { class: 'status', 'data-role': 'execution-status' }, '…');
  const stopButton = h(
    'button',
    { type: 'button', class: 'danger', 'data-role': 'stop', hidden: true },
    'Stop execution',
  );
  const redriveButton = h(
    'button',
    { type: 'button', 'data-role': 'redrive', hidden: true },
    'Redrive',
  );
  const redriveMessage = h('p', {
    class: 'form-status',
    role: 'status',
    'aria-live': 'polite',
    'data-role': 'redrive-message',
  });
  const summary = h('dl', { class: 'summary' });
  const io = h('div', { class: 'io' });
  const graphSlot = h('div', { class: 'graph-slot' });
  const stepPanel = h(
    'aside',
    { class: 'step-panel', 'data-role': 'step-panel' },
    h('p', { class: 'hint' }, 'Click a state to see its input, output and events.'),
  );
  const tableBody = h('tbody');
  const eventBody = h('tbody');
  const tableView = h(
    'section',
    { class: 'tab', 'data-role': 'table-view' },
    h(
      'table',
      { class: 'list' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['State', 'Type', 'Status', 'Resource', 'Started', 'Duration'].map((c) => h('th', {}, c)),
        ),
      ),
      tableBody,
    ),
  );
  const eventView = h(
    'section',
    { class: 'tab', 'data-role': 'event-view', hidden: true },
    h(
      'table',
      { class: 'list events' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['ID', 'Type', 'Step', 'Resource', 'Elapsed (ms)', 'Timestamp'].map((c) =>
            h('th', {}, c),
          ),
        ),
      ),
      eventBody,
    ),
  );
  const tabButton = (label: string, role: string, show: HTMLElement) =>
    h(
      'button',
      {
        type: 'button',
        class: 'tab-button',
        'data-role': role,
        onclick: (event: Event) => {
          for (const tab of [tableView, eventView]) tab.hidden = tab !== show;
          for (const b of (event.currentTarget as HTMLElement).parentElement?.children ?? [])
            b.classList.toggle('active', b === event.currentTarget);
        },
      },
      label,
    );
  const tableTab = tabButton('Table view', 'table-tab', tableView);
  tableTab.classList.add('active');
  const element = h(
    'section',
    { class: 'page', 'data-page': 'execution' },
    h(
      'div',
      { class: 'page-head' },
      h('div', {}, title, status),
      h('div', { class: 'row-actions' }, redriveButton, stopButton),
    ),
    redriveMessage,
    summary,
    io,
    h('div', { class: 'split' }, graphSlot, stepPanel),
    h('div', { class: 'tabs' }, tableTab, tabButton('Event view', 'event-tab', eventView)),
    tableView,
    eventView,
  );

  stopButton.addEventListener('click', () => {
    stopButton.disabled = true;
    void sfn('StopExecution', { executionArn: arn, cause: 'Stopped from the local console' }).catch(
      () => {
        stopButton.disabled = false;
      },
    );
  });

  const describe = async () => {
    execution = await sfn<DescribedExecution>('DescribeExecution', { executionArn: arn });
    renderSummary();
  };

  redriveButton.addEventListener('click', () => {
    redriveButton.disabled = true;
    void redriveExecution(arn).then(async ({ ok, message }) => {
      redriveMessage.textContent = message;
      redriveMessage.classList.toggle('error-text', !ok);
      redriveButton.disabled = false;
      await describe();
    });
  });

  const renderSummary = () => {
    if (!execution) return;
    const e = execution;
    const ended = e.status !== 'RUNNING';
    status.textContent = e.status;
    status.className = `status status-${e.status.toLowerCase()}`;
    stopButton.hidden = ended;
    // A Map Run's child is redriven with its parent (RedriveExecution refuses it).
    redriveButton.hidden = !offersRedrive(e) || e.mapRunArn !== undefined;
    const child = childStateMachine(e.stateMachineArn);
    const item = (term: string, value: Node | string, role?: string) => [
      h('dt', {}, term),
      h('dd', role ? { 'data-role': role } : {}, value),
    ];
    replace(
      summary,
      item('Execution ARN', h('span', { class: 'mono' }, e.executionArn)),
      item(
        'State machine',
        h(
          'a',
          // A child runs `<parent>/<label>`, which is no state machine of its own.
          { href: href({ page: 'state-machines', arn: child?.parentArn ?? e.stateMachineArn }) },
          e.stateMachineArn.split(':').at(-1) ?? '',
        ),
      ),
      e.mapRunArn !== undefined
        ? item('Map Run', mapRunLink(e.mapRunArn, { 'data-role': 'execution-map-run' }))
        : null,
      e.mapRunArn !== undefined
        ? item(
            'Parent execution',
            origin
              ? h(
                  'a',
                  {
                    href: href({ page: 'executions', arn: origin.mapRun.executionArn }),
                    'data-role': 'execution-parent',
                  },
                  origin.mapRun.executionArn.split(':').at(-1) ?? '',
                  origin.mapStateName ? ` (its ${origin.mapStateName} state)` : '',
                )
              : '…',
          )
        : null,
      mapRuns.length > 0
        ? item(
            'Map Runs',
            h(
              'ul',
              { class: 'map-run-links', 'data-role': 'execution-map-runs' },
              mapRuns.map((run) =>
                h(
                  'li',
                  {},
                  mapRunLink(run.mapRunArn),
                  mapRunState.get(run.mapRunArn) ? ` · ${mapRunState.get(run.mapRunArn)}` : '',
                ),
              ),
            ),
          )
        : null,
      item('Started', dateTime(e.startDate)),
      item('Ended', dateTime(e.stopDate)),
      item(
        'Duration',
        e.stopDate
          ? duration((e.stopDate - e.startDate) * 1000)
          : `${duration(Date.now() - e.startDate * 1000)} so far`,
        'duration',
      ),
      e.error ? item('Error', h('span', { class: 'error-text' }, e.error)) : null,
      e.cause ? item('Cause', redactTokensIn(e.cause)) : null,
      e.redriveCount !== undefined
        ? item('Redrives', String(e.redriveCount), 'redrive-count')
        : null,
      e.redriveDate !== undefined ? item('Last redriven', dateTime(e.redriveDate)) : null,
      e.redriveStatus !== undefined
        ? item('Redrive status', e.redriveStatus, 'redrive-status')
        : null,
      e.redriveStatusReason !== undefined
        ? item('Not redrivable because', e.redriveStatusReason, 'redrive-status-reason')
        : null,
      e.mapRunArn !== undefined && offersRedrive(e)
        ? item('Redrive', 'with its parent execution: redriving the parent runs this child again')
        : null,
    );
    replace(
      io,
      h(
        'div',
        { class: 'io-box' },
        h('div', { class: 'panel-title' }, 'Input'),
        shownJson(e.input),
      ),
      h(
        'div',
        { class: 'io-box', 'data-role': 'execution-output' },
        h('div', { class: 'panel-title' }, 'Output'),
        e.output !== undefined
          ? shownJson(e.output)
          : h('p', { class: 'hint' }, ended ? 'No output.' : 'Not yet.'),
      ),
    );
  };

  /** The Map Runs a Distributed Map state started, linked (nothing for other states). */
  const stepMapRuns = (state: string) => {
    const started = mapRuns.filter((run) => mapRunState.get(run.mapRunArn) === state);
    if (started.length === 0) return null;
    return [
      h('div', { class: 'panel-title' }, started.length > 1 ? 'Map Runs' : 'Map Run'),
      h(
        'ul',
        { class: 'map-run-links', 'data-role': 'step-map-runs' },
        started.map((run) => h('li', {}, mapRunLink(run.mapRunArn))),
      ),
    ];
  };

  /** Reads the Map Runs this execution started (after a Map Run event). */
  let mapRunSequence = 0;
  const loadMapRuns = async () => {
    const mine = ++mapRunSequence;
    const listed = await mapRunsOf(arn);
    if (closed || mine !== mapRunSequence) return;
    mapRuns = listed;
    mapRunState = mapRunStates(events, runs);
    renderSummary();
    renderStep();
    element.dataset.mapRuns = String(mapRuns.length);
  };

  const renderStep = () => {
    if (!selected) return;
    const run = runs.get(selected);
    replace(
      stepPanel,
      h('h3', {}, selected),
      h(
        'p',
        {},
        h(
          'span',
          { class: `status status-${run?.status ?? 'not-run'}` },
          STATUS_LABEL[run?.status ?? 'not-run'],
        ),
        run && run.entries > 1 ? ` · entered ${run.entries} times` : '',
        run?.retries ? ` · ${run.retries} retries` : '',
      ),
      run?.error
        ? h('p', { class: 'error-text' }, `${run.error}: ${redactTokensIn(run.cause ?? '')}`)
        : null,
      stepMapRuns(selected),
      h('div', { class: 'panel-title' }, 'Input'),
      run?.input !== undefined ? shownJson(run.input) : h('p', { class: 'hint' }, '-'),
      h('div', { class: 'panel-title' }, 'Output'),
      run?.output !== undefined ? shownJson(run.output) : h('p', { class: 'hint' }, '-'),
      h('div', { class: 'panel-title' }, 'Events'),
      h(
        'ul',
        { class: 'step-events' },
        (run?.events ?? []).map((e) => h('li', {}, `${e.id} ${e.type}`)),
      ),
    );
  };

  const renderTable = () => {
    const rows = [...runs.runs.values()].map((run: StateRun) =>
      h(
        'tr',
        { 'data-state': run.name },
        h(
          'td',
          {},
          h(
            'a',
            {
              href: '#',
              onclick: (ev: Event) => {
                ev.preventDefault();
                select(run.name);
              },
            },
            run.name,
          ),
        ),
        h('td', {}, run.type),
        h('td', {}, h('span', { class: `status status-${run.status}` }, STATUS_LABEL[run.status])),
        h('td', { class: 'mono' }, run.resource ?? '-'),
        h('td', {}, dateTime(run.startedAt)),
        h(
          'td',
          {},
          run.startedAt !== undefined && run.endedAt !== undefined
            ? duration((run.endedAt - run.startedAt) * 1000)
            : '-',
        ),
      ),
    );
    replace(tableBody, rows);
  };

  /** An event's row; its details row is made on the first click (a long history stays light). */
  const eventRow = (event: WireEvent): HTMLTableRowElement => {
    let detailsRow: HTMLTableRowElement | undefined;
    const row = h(
      'tr',
      {
        class: `event event-${event.type.endsWith('Failed') || event.type.endsWith('TimedOut') || event.type.endsWith('Aborted') ? 'bad' : 'ok'}`,
        'data-event-id': event.id,
        onclick: () => {
          if (!detailsRow) {
            const { id: _id, previousEventId: _p, timestamp: _t, type: _ty, ...rest } = event;
            detailsRow = h(
              'tr',
              { class: 'event-details', hidden: true },
              h(
                'td',
                { colspan: 6 },
                jsonView(redactTokensIn(JSON.stringify(rest, expandJsonText, 2))),
              ),
            );
            row.after(detailsRow);
          }
          detailsRow.hidden = !detailsRow.hidden;
          row.classList.toggle('open', !detailsRow.hidden);
        },
      },
      h('td', {}, String(event.id)),
      h('td', {}, h('span', { class: 'expander' }), event.type),
      h('td', {}, runs.ownerOf(event.id) ?? '-'),
      h('td', { class: 'mono' }, eventResource(event)),
      h(
        'td',
        { class: 'num' },
        runs.startedAt !== undefined
          ? String(Math.round((event.timestamp - runs.startedAt) * 1000))
          : '-',
      ),
      h('td', {}, dateTime(event.timestamp)),
    );
    return row;
  };

  const select = (name: string) => {
    selected = name;
    graph?.select(name);
    renderStep();
  };

  const addEvents = (next: readonly WireEvent[]) => {
    const fresh = next.filter((e) => e.id > (events.at(-1)?.id ?? 0));
    if (fresh.length === 0) return;
    events.push(...fresh);
    runs.add(fresh);
    const fragment = document.createDocumentFragment();
    for (const event of fresh) fragment.append(eventRow(event));
    eventBody.append(fragment);
    graph?.setStatuses(
      (name) => runs.get(name)?.status,
      (name) => runs.get(name)?.entries,
    );
    renderTable();
    renderStep();
    element.dataset.events = String(events.length);
    if (fresh.some((e) => e.type.startsWith('MapRun'))) {
      void loadMapRuns().catch((error: unknown) => {
        redriveMessage.textContent = `Could not list the Map Runs: ${String(error)}`;
      });
    }
  };

  /**
   * The definition this execution ran (still there once its state machine is updated or
   * deleted); for a Map Run's child, its Map state's item processor in its parent's, found
   * through the Map Run (the graph slot says so when it cannot be).
   */
  const definitionRun = async (e: DescribedExecution): Promise<unknown> => {
    if (e.mapRunArn === undefined) {
      const machine = await sfn<{ definition: string }>('DescribeStateMachineForExecution', {
        executionArn: arn,
      });
      return JSON.parse(machine.definition);
    }
    try {
      origin = await childOrigin(e.mapRunArn, e.stateMachineArn);
      renderSummary();
    } catch (error) {
      replace(graphSlot, h('p', { class: 'hint' }, `No graph: ${String(error)}`));
      return undefined;
    }
    if (!origin.definition) {
      replace(
        graphSlot,
        h('p', { class: 'hint' }, 'No graph: the Map state of this Map Run was not found.'),
      );
    }
    return origin.definition;
  };

  const load = async () => {
    await describe();
    if (!execution) return;
    const [definition, history] = await Promise.all([
      definitionRun(execution),
      sfnAll<WireEvent>('GetExecutionHistory', { executionArn: arn, maxResults: 1000 }, 'events'),
    ]);
    if (closed) return;
    if (definition) {
      graph = graphView(layoutGraph(aslGraph(definition)), select);
      replace(graphSlot, graph.element);
    }
    addEvents(history);
    graph?.setStatuses(
      (name) => runs.get(name)?.status,
      (name) => runs.get(name)?.entries,
    );
    element.dataset.loaded = 'true';
    performance.mark('execution-rendered');
    stop = live(
      {
        onHistory: (update) => {
          addEvents(update.events);
          if (update.execution) {
            const changed = update.execution.status !== execution?.status;
            execution = { ...execution, ...update.execution };
            renderSummary();
            // The redrive fields are DescribeExecution's: read again when the status moves.
            if (changed) void describe().catch(() => undefined);
          }
        },
      },
      { arn, after: () => events.at(-1)?.id ?? 0 },
    );
  };
  const ticker = setInterval(() => {
    const shown = summary.querySelector('[data-role="duration"]');
    if (execution?.status === 'RUNNING' && shown)
      shown.textContent = `${duration(Date.now() - execution.startDate * 1000)} so far`;
  }, 1000);
  load().catch((error: unknown) => {
    replace(summary, h('p', { class: 'error-text' }, String(error)));
  });
  return {
    element,
    close: () => {
      closed = true;
      clearInterval(ticker);
      stop?.();
    },
  };
}

/** JSON.stringify replacer: an input, output or parameters member that holds JSON text is shown as JSON. */
function expandJsonText(key: string, value: unknown): unknown {
  if (typeof value !== 'string' || !/(input|output|parameters)$/i.test(key) || !/^[[{]/.test(value))
    return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
