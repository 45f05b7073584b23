import type { Counts } from '../../../src/model/console-wire.js';
import { SfnError, sfn } from '../api.js';
import { h, replace, s } from '../dom.js';
import { dateTime, duration } from '../format.js';
import { href } from '../router.js';
import type { ExecutionListItem } from './executions-page.js';
import {
  COUNT_COLUMNS,
  type MapRunCounts,
  type MapRunDescription,
  mapRunName,
  mapRunParentStateMachineArn,
  mapRunUpdateRequest,
} from './map-run-model.js';
import { type Page, throttle } from './page.js';

const CHILD_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

/** Child executions asked for at first, and added by "Show more". */
const CHILDREN_PER_PAGE = 100;

const errorText = (error: unknown) =>
  error instanceof SfnError ? `${error.type}: ${error.message}` : String(error);

/** The segments of the items' bar, in the order drawn, with their status class. */
const BAR_SEGMENTS: readonly (readonly [keyof MapRunCounts, string])[] = [
  ['succeeded', 'succeeded'],
  ['failed', 'failed'],
  ['timedOut', 'timed_out'],
  ['aborted', 'aborted'],
  ['running', 'running'],
];

/** The items' progress as a bar (the table beside it says the same in numbers). */
function itemsBar(counts: MapRunCounts): SVGSVGElement {
  const width = 1000;
  let x = 0;
  const total = Math.max(counts.total, 1);
  const rects = BAR_SEGMENTS.map(([key, status]) => {
    const w = ((counts[key] ?? 0) / total) * width;
    const rect = s('rect', { class: `bar-${status}`, x, y: 0, width: w, height: 12 });
    x += w;
    return rect;
  });
  return s(
    'svg',
    {
      class: 'map-run-bar',
      viewBox: `0 0 ${width} 12`,
      preserveAspectRatio: 'none',
      'aria-hidden': 'true',
      focusable: 'false',
    },
    s('rect', { class: 'bar-track', x: 0, y: 0, width, height: 12 }),
    rects,
  );
}

/**
 * Fetches up to `count` child executions of the Map Run (newest first, as ListExecutions
 * lists them), following `nextToken`; returns them with the token of what is left.
 */
async function fetchChildren(
  mapRunArn: string,
  statusFilter: string,
  count: number,
  from?: string,
): Promise<{ executions: ExecutionListItem[]; nextToken?: string }> {
  const executions: ExecutionListItem[] = [];
  let nextToken = from;
  do {
    const page = await sfn<{ executions: ExecutionListItem[]; nextToken?: string }>(
      'ListExecutions',
      {
        mapRunArn,
        maxResults: Math.min(1000, Math.max(CHILDREN_PER_PAGE, count - executions.length)),
        ...(statusFilter ? { statusFilter } : {}),
        ...(nextToken ? { nextToken } : {}),
      },
    );
    executions.push(...page.executions);
    nextToken = page.nextToken;
  } while (nextToken && executions.length < count);
  return nextToken ? { executions, nextToken } : { executions };
}

/**
 * One Map Run, as the AWS console's *Map Run details* page shows it: its status, dates and
 * settings, the items' and the child executions' counts (DescribeMapRun), its parent
 * execution, its child executions (ListExecutions by `mapRunArn`, with a status filter and
 * paging), and its settings changed with UpdateMapRun. Kept current while anything runs.
 */
export function mapRunPage(mapRunArn: string): Page {
  let described: MapRunDescription | undefined;
  let children: ExecutionListItem[] = [];
  let childrenToken: string | undefined;
  let closed = false;
  /** Whether the reader changed the settings' fields since they were last filled. */
  let edited = false;

  const title = h('h1', {}, 'Map Run ', h('span', { class: 'mono' }, mapRunName(mapRunArn)));
  const status = h('span', { class: 'status', 'data-role': 'map-run-status' }, '…');
  const problem = h('div', { 'data-role': 'map-run-problem' });
  const summary = h('dl', { class: 'summary', 'data-role': 'map-run-summary' });
  const bar = h('div', { class: 'map-run-progress' });
  const countsBody = h('tbody');

  const numberField = (id: string, label: string, attributes: Record<string, unknown>) => {
    const input = h('input', {
      id,
      name: id,
      type: 'number',
      inputmode: 'numeric',
      'data-role': id,
      oninput: () => {
        edited = true;
      },
      ...attributes,
    });
    return {
      input,
      field: h(
        'div',
        { class: 'field' },
        h('label', { for: id, class: 'field-label' }, label),
        input,
      ),
    };
  };
  const concurrency = numberField('map-run-max-concurrency', 'Max concurrency (0: no limit)', {
    min: 0,
    step: 1,
  });
  const percentage = numberField(
    'map-run-tolerated-percentage',
    'Tolerated failure percentage (0 to 100)',
    { min: 0, max: 100, step: 'any', inputmode: 'decimal' },
  );
  const count = numberField('map-run-tolerated-count', 'Tolerated failure count', {
    min: 0,
    step: 1,
  });
  const updateButton = h(
    'button',
    { type: 'submit', class: 'primary', 'data-role': 'update-map-run' },
    'Update Map Run',
  );
  const updateStatus = h('p', {
    class: 'form-status',
    role: 'status',
    'aria-live': 'polite',
    'data-role': 'update-map-run-status',
  });
  const settings = h(
    'fieldset',
    { class: 'map-run-settings' },
    h('legend', {}, 'Settings (UpdateMapRun)'),
    h(
      'div',
      { class: 'form-row inline-form' },
      concurrency.field,
      percentage.field,
      count.field,
      updateButton,
    ),
  );
  const form = h(
    'form',
    { 'data-role': 'map-run-update', novalidate: true, onsubmit: (e: Event) => update(e) },
    settings,
    updateStatus,
  );

  const childStatus = h(
    'select',
    { id: 'map-run-children-status', name: 'map-run-children-status' },
    h('option', { value: '' }, 'Any status'),
    CHILD_STATUSES.map((value) => h('option', { value }, value)),
  );
  const childSummary = h('p', {
    class: 'form-status',
    role: 'status',
    'aria-live': 'polite',
    'data-role': 'map-run-children-summary',
  });
  const childBody = h('tbody');
  const more = h('div', { class: 'more' });

  const element = h(
    'section',
    { class: 'page', 'data-page': 'map-run' },
    h('div', { class: 'page-head' }, h('div', {}, title, status)),
    problem,
    summary,
    h('h2', { id: 'map-run-counts-heading' }, 'Item processing status'),
    bar,
    h(
      'table',
      {
        class: 'list map-run-counts',
        'data-role': 'map-run-counts',
        'aria-labelledby': 'map-run-counts-heading',
      },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('td', {}),
          COUNT_COLUMNS.map(([, label]) => h('th', { scope: 'col', class: 'num' }, label)),
        ),
      ),
      countsBody,
    ),
    form,
    h('h2', { id: 'map-run-children-heading' }, 'Child executions'),
    h(
      'div',
      { class: 'form-row filters map-run-filters' },
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'map-run-children-status', class: 'field-label' }, 'Status'),
        childStatus,
      ),
    ),
    childSummary,
    h(
      'table',
      {
        class: 'list',
        'data-role': 'map-run-children',
        'aria-labelledby': 'map-run-children-heading',
      },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Name', 'Status', 'Started', 'Ended', 'Duration'].map((c) =>
            h('th', { scope: 'col' }, c),
          ),
        ),
      ),
      childBody,
    ),
    more,
  );

  const durationOf = (run: MapRunDescription) =>
    run.stopDate
      ? duration((run.stopDate - run.startDate) * 1000)
      : `${duration(Date.now() - run.startDate * 1000)} so far`;
  const ticker = setInterval(() => {
    const shown = summary.querySelector('[data-role="map-run-duration"]');
    if (described && !described.stopDate && shown) shown.textContent = durationOf(described);
  }, 1000);

  const renderSummary = (run: MapRunDescription) => {
    status.textContent = run.status;
    status.className = `status status-${run.status.toLowerCase()}`;
    const item = (term: string, value: Node | string, role?: string) => [
      h('dt', {}, term),
      h('dd', role ? { 'data-role': role } : {}, value),
    ];
    const parentMachine = mapRunParentStateMachineArn(run.mapRunArn);
    replace(
      summary,
      item('Map Run ARN', h('span', { class: 'mono' }, run.mapRunArn)),
      item(
        'Parent execution',
        h(
          'a',
          {
            href: href({ page: 'executions', arn: run.executionArn }),
            'data-role': 'map-run-parent',
          },
          run.executionArn.split(':').at(-1) ?? run.executionArn,
        ),
      ),
      item(
        'State machine',
        h(
          'a',
          { href: href({ page: 'state-machines', arn: parentMachine }) },
          parentMachine.split(':').at(-1) ?? parentMachine,
        ),
      ),
      item('Started', dateTime(run.startDate)),
      item('Ended', dateTime(run.stopDate)),
      item('Duration', durationOf(run), 'map-run-duration'),
      item(
        'Max concurrency',
        run.maxConcurrency === 0 ? '0 (no limit)' : String(run.maxConcurrency),
        'map-run-max-concurrency-value',
      ),
      item(
        'Tolerated failure percentage',
        `${run.toleratedFailurePercentage} %`,
        'map-run-tolerated-percentage-value',
      ),
      item(
        'Tolerated failure count',
        String(run.toleratedFailureCount),
        'map-run-tolerated-count-value',
      ),
      run.redriveCount !== undefined
        ? item('Redrives', String(run.redriveCount), 'map-run-redrive-count')
        : null,
      run.redriveDate !== undefined ? item('Last redriven', dateTime(run.redriveDate)) : null,
    );
    const row = (label: string, role: string, counts: MapRunCounts) =>
      h(
        'tr',
        { 'data-role': role },
        h('th', { scope: 'row' }, label),
        COUNT_COLUMNS.map(([key]) =>
          h('td', { class: 'num', 'data-count': key }, String(counts[key] ?? 0)),
        ),
      );
    replace(
      countsBody,
      row('Items', 'item-counts', run.itemCounts),
      row('Child executions', 'execution-counts', run.executionCounts),
    );
    replace(
      bar,
      itemsBar(run.itemCounts),
      h(
        'p',
        { class: 'sub' },
        `${run.itemCounts.succeeded + run.itemCounts.failed + run.itemCounts.timedOut + run.itemCounts.aborted} of ${run.itemCounts.total} items processed`,
      ),
    );
    // UpdateMapRun changes a Map Run that runs; an ended one is shown as it ended.
    const running = run.status === 'RUNNING';
    settings.disabled = !running;
    if (!running && !updateStatus.classList.contains('error')) {
      updateStatus.textContent = `A Map Run's settings can be changed while it runs; this one is ${run.status}.`;
      updateStatus.className = 'form-status';
    }
    if (!edited) {
      concurrency.input.value = String(run.maxConcurrency);
      percentage.input.value = String(run.toleratedFailurePercentage);
      count.input.value = String(run.toleratedFailureCount);
    }
  };

  const renderChildren = () => {
    const total = described?.executionCounts.total;
    childSummary.textContent = `${children.length}${childrenToken ? '+' : ''} shown${childStatus.value ? ` (${childStatus.value})` : ''}${total !== undefined ? ` · ${total} child executions in this Map Run` : ''}`;
    replace(
      childBody,
      children.length === 0
        ? h(
            'tr',
            {},
            h(
              'td',
              { colspan: 5, class: 'empty', 'data-role': 'no-children' },
              childStatus.value
                ? `No ${childStatus.value} child execution.`
                : 'No child execution yet.',
            ),
          )
        : children.map((e) =>
            h(
              'tr',
              { 'data-execution': e.name },
              h(
                'td',
                { class: 'mono' },
                h('a', { href: href({ page: 'executions', arn: e.executionArn }) }, e.name),
              ),
              h(
                'td',
                {},
                h('span', { class: `status status-${e.status.toLowerCase()}` }, e.status),
              ),
              h('td', {}, dateTime(e.startDate)),
              h('td', {}, dateTime(e.stopDate)),
              h('td', {}, e.stopDate ? duration((e.stopDate - e.startDate) * 1000) : '-'),
            ),
          ),
    );
    replace(
      more,
      childrenToken
        ? h(
            'button',
            {
              type: 'button',
              'data-role': 'show-more-children',
              onclick: () => void loadChildren('more'),
            },
            `Show ${CHILDREN_PER_PAGE} more`,
          )
        : null,
    );
  };

  let childSequence = 0;
  /**
   * `first`: the newest page for the filter; `more`: the next page; `refresh`: as many as
   * shown, read again (the live stream said something changed).
   */
  const loadChildren = async (how: 'first' | 'more' | 'refresh') => {
    const mine = ++childSequence;
    try {
      const wanted = how === 'refresh' ? Math.max(children.length, CHILDREN_PER_PAGE) : 0;
      const page =
        how === 'more'
          ? await fetchChildren(mapRunArn, childStatus.value, CHILDREN_PER_PAGE, childrenToken)
          : await fetchChildren(mapRunArn, childStatus.value, wanted || CHILDREN_PER_PAGE);
      if (closed || mine !== childSequence) return;
      children = how === 'more' ? [...children, ...page.executions] : page.executions;
      childrenToken = page.nextToken;
      renderChildren();
      element.dataset.childrenLoaded = 'true';
    } catch (error) {
      if (!closed)
        childSummary.textContent = `Could not list the child executions: ${errorText(error)}`;
    }
  };

  /** Reads the Map Run; false when it cannot be read (the page then says why). */
  const describe = async (): Promise<boolean> => {
    try {
      const run = await sfn<MapRunDescription>('DescribeMapRun', { mapRunArn });
      if (closed) return false;
      described = run;
      replace(problem);
      renderSummary(run);
      element.dataset.loaded = 'true';
      element.dataset.status = run.status;
      return true;
    } catch (error) {
      if (closed) return false;
      replace(
        problem,
        h(
          'div',
          { class: 'notice error', role: 'alert' },
          h('h2', {}, 'This Map Run cannot be shown'),
          h('p', {}, errorText(error)),
        ),
      );
      status.textContent = 'UNKNOWN';
      return false;
    }
  };

  async function update(event: Event): Promise<void> {
    event.preventDefault();
    if (!described) return;
    const request = mapRunUpdateRequest(described, {
      maxConcurrency: concurrency.input.value,
      toleratedFailurePercentage: percentage.input.value,
      toleratedFailureCount: count.input.value,
    });
    if (!request) {
      updateStatus.textContent = 'Nothing to update: change a setting first.';
      updateStatus.className = 'form-status';
      return;
    }
    updateButton.disabled = true;
    try {
      await sfn('UpdateMapRun', request);
      edited = false;
      updateStatus.textContent = 'Updated the Map Run.';
      updateStatus.className = 'form-status ok';
    } catch (error) {
      // What was typed stays, to be put right.
      updateStatus.textContent = `Update failed — ${errorText(error)}`;
      updateStatus.className = 'form-status error';
    }
    updateButton.disabled = false;
    await describe();
  }

  childStatus.addEventListener('change', () => {
    children = [];
    childrenToken = undefined;
    void loadChildren('first');
  });
  void describe().then((found) => (found ? loadChildren('first') : undefined));
  /** Read again, at most once a second. */
  const refresh = throttle(() => {
    void describe().then((found) => (found ? loadChildren('refresh') : undefined));
  }, 1000);
  /** The counts a Map Run's progress moves: a child started or ended, its parent ended. */
  let seen = '';
  const onCounts = (counts: Counts) => {
    const next = `${counts.mapRunChildren} ${counts.mapRunChildrenRunning} ${counts.running} ${counts.lastStatus}`;
    if (next === seen) return;
    // The counts the page opens with: it is reading the Map Run already.
    const first = seen === '';
    seen = next;
    if (!first) refresh();
  };
  return {
    element,
    onCounts,
    close: () => {
      closed = true;
      clearInterval(ticker);
    },
  };
}
