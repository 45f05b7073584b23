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
import type { Page } from './page.js';
import { offersRedrive, redriveExecution } from './redrive.js';

/** DescribeExecution's answer: the execution and, for a Standard one, its redrive fields. */
interface DescribedExecution extends WireExecution {
  readonly redriveCount?: number;
  readonly redriveStatus?: string;
  readonly redriveStatusReason?: string;
  readonly redriveDate?: number;
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
 * GetExecutionHistory, then kept current by the live stream's new events.
 */
export function executionPage(arn: string): Page {
  const runs = new StateRuns();
  const events: WireEvent[] = [];
  let execution: DescribedExecution | undefined;
  let graph: GraphView | undefined;
  let selected: string | undefined;
  let stop: (() => void) | undefined;
  let closed = false;

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
    redriveButton.hidden = !offersRedrive(e);
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
          { href: href({ page: 'state-machines', arn: e.stateMachineArn }) },
          e.stateMachineArn.split(':').at(-1) ?? '',
        ),
      ),
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
  };

  const load = async () => {
    await describe();
    if (!execution) return;
    const [machine, history] = await Promise.all([
      // The definition this execution ran (still there once its state machine is updated or deleted).
      sfn<{ definition: string }>('DescribeStateMachineForExecution', { executionArn: arn }),
      sfnAll<WireEvent>('GetExecutionHistory', { executionArn: arn, maxResults: 1000 }, 'events'),
    ]);
    if (closed) return;
    graph = graphView(layoutGraph(aslGraph(JSON.parse(machine.definition))), select);
    replace(graphSlot, graph.element);
    addEvents(history);
    graph.setStatuses(
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
