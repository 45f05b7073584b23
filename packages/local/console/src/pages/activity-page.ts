import type {
  ActivitiesWire,
  ActivityTaskWire,
  ActivityWire,
} from '../../../src/model/activity-work.js';
import { SfnError, sfn } from '../api.js';
import { h, replace } from '../dom.js';
import { dateTime, relative } from '../format.js';
import { live } from '../live.js';
import { href } from '../router.js';
import type { Page } from './page.js';

const errorText = (error: unknown) =>
  error instanceof SfnError ? `${error.type}: ${error.message}` : String(error);

/**
 * The server's clock as the page reads it: the activities' dates are on the runner's time
 * (virtual time runs ahead of the wall clock), so deadlines are read against the time the
 * server said it was, moved on by the page's own clock since.
 */
export class ServerClock {
  #offset = 0;
  /** The server said it was `serverNow` (epoch ms). */
  sync(serverNow: number): void {
    this.#offset = serverNow - Date.now();
  }
  now(): number {
    return Date.now() + this.#offset;
  }
}

/**
 * A table cell whose text is a time relative to now (`12.0 s ago`, `in 48 s`), kept up to
 * date by {@link tickTimes}; its date in full in its title.
 */
function timeCell(at: number | undefined, clock: ServerClock, none: string): HTMLElement {
  if (at === undefined) return h('td', { class: 'muted' }, none);
  return h('td', { 'data-at': String(at), title: dateTime(at, 'ms') }, relative(at, clock.now()));
}

/** Brings every relative time under `root` up to date. */
export function tickTimes(root: HTMLElement, clock: ServerClock): void {
  const now = clock.now();
  for (const cell of root.querySelectorAll<HTMLElement>('[data-at]')) {
    cell.textContent = relative(Number(cell.dataset.at), now);
  }
}

/**
 * Redraws `container` (with `render`) keeping the keyboard's place: a control focused in a
 * keyed row (`data-key`) is focused again in the row of that key, when it is still there.
 * The live stream redraws on every change of the work, which must not throw the focus away.
 */
export function keepingFocus(container: HTMLElement, render: () => void): void {
  const active = document.activeElement;
  const focused = active instanceof HTMLElement && container.contains(active) ? active : undefined;
  const key = focused?.closest<HTMLElement>('[data-key]')?.dataset.key;
  const role = focused?.dataset.role;
  render();
  if (key === undefined || role === undefined) return;
  const row = [...container.querySelectorAll<HTMLElement>('[data-key]')].find(
    (candidate) => candidate.dataset.key === key,
  );
  row?.querySelector<HTMLElement>(`[data-role="${role}"]`)?.focus();
}

const executionCell = (task: ActivityTaskWire) =>
  h(
    'td',
    {},
    task.executionArn
      ? h(
          'a',
          { href: href({ page: 'executions', arn: task.executionArn }), 'data-role': 'execution' },
          task.executionName ?? task.executionArn,
        )
      : '-',
  );

const inputCell = (task: ActivityTaskWire) =>
  h(
    'td',
    {},
    h('code', { class: 'input-preview', 'data-role': 'input' }, task.inputPreview),
    task.inputLength > task.inputPreview.length
      ? h('span', { class: 'sub' }, ` … (${task.inputLength} characters)`)
      : null,
  );

const tokenCell = (task: ActivityTaskWire) =>
  h('td', {}, h('code', { class: 'token', 'data-role': 'token' }, task.redactedToken));

const table = (role: string, columns: readonly string[], rows: HTMLElement[], empty: string) =>
  h(
    'table',
    { class: 'list', 'data-role': role },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        columns.map((c) => h('th', { scope: 'col' }, c)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.length > 0
        ? rows
        : h('tr', {}, h('td', { colspan: columns.length, class: 'empty' }, empty)),
    ),
  );

/** The workers polling the activity now: GetActivityTask requests held open. */
export function pollsTable(activity: ActivityWire, clock: ServerClock): HTMLElement {
  return table(
    'polls',
    ['Worker', 'Polling since', 'Answers with no task'],
    activity.polls.map((poll) =>
      h(
        'tr',
        { 'data-worker': poll.workerName },
        h('td', {}, poll.workerName || h('span', { class: 'muted' }, '(no workerName)')),
        timeCell(poll.polledAt, clock, '-'),
        timeCell(poll.answersAt, clock, '-'),
      ),
    ),
    'No worker is polling now (GetActivityTask).',
  );
}

/** The tasks scheduled and not yet taken by a worker. */
export function scheduledTable(activity: ActivityWire, clock: ServerClock): HTMLElement {
  return table(
    'scheduled',
    ['Execution', 'State', 'Input', 'Scheduled', 'Times out', 'Task token'],
    activity.scheduled.map((task) =>
      h(
        'tr',
        {
          'data-key': task.redactedToken,
          'data-execution': task.executionArn ?? '',
          'data-state': task.stateName ?? '',
        },
        executionCell(task),
        h('td', {}, task.stateName ?? '-'),
        inputCell(task),
        timeCell(task.scheduledAt, clock, '-'),
        timeCell(task.timeoutAt, clock, 'no TimeoutSeconds'),
        tokenCell(task),
      ),
    ),
    'No task waits for a worker.',
  );
}

/** The tasks a worker took, waiting for its SendTaskSuccess / SendTaskFailure. */
export function startedTable(activity: ActivityWire, clock: ServerClock): HTMLElement {
  return table(
    'started',
    ['Execution', 'State', 'Worker', 'Taken', 'Heartbeat due', 'Times out', 'Task token'],
    activity.started.map((task) =>
      h(
        'tr',
        {
          'data-key': task.redactedToken,
          'data-execution': task.executionArn ?? '',
          'data-state': task.stateName ?? '',
          'data-worker': task.workerName ?? '',
        },
        executionCell(task),
        h('td', {}, task.stateName ?? '-'),
        h('td', { 'data-role': 'worker' }, task.workerName || '(no workerName)'),
        timeCell(task.startedAt, clock, '-'),
        timeCell(task.heartbeatDueAt, clock, 'no HeartbeatSeconds'),
        timeCell(task.timeoutAt, clock, 'no TimeoutSeconds'),
        tokenCell(task),
      ),
    ),
    'No task is with a worker.',
  );
}

/**
 * One activity (`#/activities/<arn>`): the workers polling it now, the tasks waiting for a
 * worker (execution, state, input, since when) and the tasks workers took (worker, heartbeat
 * and timeout deadlines), live from the console's stream; *Delete* (DeleteActivity). Task
 * tokens are shown redacted: the page never receives one whole.
 */
export function activityPage(activityArn: string): Page {
  const clock = new ServerClock();
  const title = h('h1', {}, 'Activity');
  const status = h('p', {
    class: 'form-status',
    role: 'status',
    'aria-live': 'polite',
    'data-role': 'activity-status',
  });
  const content = h('div', { 'data-role': 'activity-work' });
  let confirming = false;
  const deleteButton = h(
    'button',
    {
      type: 'button',
      class: 'danger',
      'data-role': 'delete-activity',
      onclick: async () => {
        if (!confirming) {
          confirming = true;
          deleteButton.textContent = 'Delete: click again to confirm';
          return;
        }
        try {
          await sfn('DeleteActivity', { activityArn });
          location.hash = href({ page: 'activities' });
        } catch (error) {
          confirming = false;
          deleteButton.textContent = 'Delete';
          status.textContent = `Delete failed — ${errorText(error)}`;
          status.className = 'form-status error';
        }
      },
    },
    'Delete',
  );
  const element = h(
    'section',
    { class: 'page', 'data-page': 'activity' },
    h(
      'div',
      { class: 'page-head' },
      h(
        'div',
        {},
        h('a', { href: href({ page: 'activities' }), class: 'back' }, '← Activities'),
        title,
        h('div', { class: 'meta mono' }, activityArn),
      ),
      h('div', { class: 'actions' }, deleteButton),
    ),
    status,
    content,
  );

  const show = (wire: ActivitiesWire) => {
    clock.sync(wire.now);
    const activity = wire.activities.find((a) => a.activityArn === activityArn);
    if (!activity) {
      title.textContent = 'Activity';
      deleteButton.disabled = true;
      replace(
        content,
        h(
          'p',
          { class: 'notice', 'data-role': 'no-activity' },
          'No such activity (it may have been deleted): create it with CreateActivity.',
        ),
      );
    } else {
      title.textContent = activity.name;
      keepingFocus(content, () =>
        replace(
          content,
          h('h2', {}, 'Workers polling now'),
          pollsTable(activity, clock),
          h('h2', {}, 'Waiting for a worker'),
          scheduledTable(activity, clock),
          h('h2', {}, 'Taken by a worker, waiting for its answer'),
          startedTable(activity, clock),
          h(
            'p',
            { class: 'hint' },
            'A worker answers with SendTaskSuccess or SendTaskFailure and the token GetActivityTask gave it; you can also answer from ',
            h('a', { href: href({ page: 'callbacks' }) }, 'Pending callbacks'),
            '.',
          ),
        ),
      );
    }
    element.dataset.loaded = 'true';
  };

  const stop = live({ onActivities: show });
  const ticker = setInterval(() => tickTimes(content, clock), 1000);
  return {
    element,
    close: () => {
      stop();
      clearInterval(ticker);
    },
  };
}
