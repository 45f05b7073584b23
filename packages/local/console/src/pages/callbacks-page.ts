import type { PendingCallback } from '../../../src/model/console-wire.js';
import { consoleGet, SfnError, sfn } from '../api.js';
import { h, replace } from '../dom.js';
import { duration, relative } from '../format.js';
import { jsonEditor } from '../json-editor.js';
import { prettyJson } from '../json-text.js';
import { jsonView } from '../json-view.js';
import { href } from '../router.js';
import { type Page, throttle } from './page.js';

/**
 * Every open task token: its state, execution, age, timeout and heartbeat deadlines and the
 * message it was sent with (token redacted unless revealed), with Send task success /
 * failure / heartbeat, through the Step Functions API as the AWS CLI calls it.
 */
export function callbacksPage(): Page {
  const list = h('div', { class: 'callbacks', 'data-role': 'callbacks' });
  const element = h(
    'section',
    { class: 'page', 'data-page': 'callbacks' },
    h('h1', {}, 'Pending callbacks'),
    h(
      'p',
      { class: 'hint' },
      'Open task tokens, waiting for SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat. With serve --no-workers, you are the worker.',
    ),
    list,
  );
  const cards = new Map<string, { card: HTMLElement; clocks: () => void }>();

  const card = (task: PendingCallback) => {
    const tokenText = h('code', { class: 'token', 'data-role': 'token' }, task.redactedToken);
    let revealed = false;
    const reveal = h(
      'button',
      {
        type: 'button',
        class: 'small',
        'data-role': 'reveal',
        onclick: () => {
          revealed = !revealed;
          tokenText.textContent = revealed ? task.token : task.redactedToken;
          reveal.textContent = revealed ? 'Hide' : 'Reveal';
        },
      },
      'Reveal',
    );
    const result = h('div', { class: 'field-message', 'data-role': 'send-result' });
    const output = jsonEditor('{\n  "result": "done from the local console"\n}', {
      label: 'Output (JSON)',
      name: 'task-output',
      rows: 4,
    });
    const error = h('input', {
      type: 'text',
      name: 'task-error',
      value: 'ConsoleFailure',
      'aria-label': 'Error',
    });
    const cause = h('input', {
      type: 'text',
      name: 'task-cause',
      value: 'Failed from the local console',
      'aria-label': 'Cause',
    });
    const send = async (operation: string, body: Record<string, unknown>) => {
      result.textContent = `${operation}…`;
      result.classList.remove('error');
      try {
        await sfn(operation, { taskToken: task.token, ...body });
        result.textContent = `${operation}: done.`;
      } catch (e) {
        result.textContent =
          e instanceof SfnError ? `${operation}: ${e.type}: ${e.message}` : String(e);
        result.classList.add('error');
      }
    };
    const clocks = h('dl', { class: 'summary compact' });
    const updateClocks = () => {
      const now = Date.now();
      replace(
        clocks,
        h('dt', {}, 'Age'),
        h('dd', {}, duration(now - task.openedAt)),
        h('dt', {}, 'Times out'),
        h('dd', {}, task.timeoutAt !== undefined ? relative(task.timeoutAt, now) : 'none set'),
        h('dt', {}, 'Heartbeat due'),
        h(
          'dd',
          {},
          task.heartbeatDueAt !== undefined
            ? relative(task.heartbeatDueAt, now)
            : 'no HeartbeatSeconds',
        ),
      );
    };
    updateClocks();
    const el = h(
      'article',
      {
        class: 'callback card',
        'data-state': task.stateName ?? '',
        'data-execution': task.executionArn ?? '',
      },
      h('h2', {}, task.stateName ?? 'Task', ' ', h('span', { class: 'sub' }, task.resource ?? '')),
      h(
        'p',
        {},
        'Execution ',
        task.executionArn
          ? h(
              'a',
              { href: href({ page: 'executions', arn: task.executionArn }) },
              task.executionName ?? task.executionArn,
            )
          : '-',
      ),
      clocks,
      h('div', { class: 'token-line' }, 'Task token ', tokenText, ' ', reveal),
      h('div', { class: 'panel-title' }, 'Message (TaskScheduled parameters)'),
      jsonView(prettyJson(task.parameters)),
      h(
        'div',
        { class: 'answer' },
        h(
          'div',
          { class: 'answer-box' },
          output.element,
          h(
            'button',
            {
              type: 'button',
              class: 'primary',
              'data-role': 'send-success',
              onclick: () => {
                const parsed = output.value();
                if (parsed.ok) void send('SendTaskSuccess', { output: output.textarea.value });
              },
            },
            'Send task success',
          ),
        ),
        h(
          'div',
          { class: 'answer-box' },
          h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Error'), error),
          h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Cause'), cause),
          h(
            'button',
            {
              type: 'button',
              class: 'danger',
              'data-role': 'send-failure',
              onclick: () =>
                void send('SendTaskFailure', { error: error.value, cause: cause.value }),
            },
            'Send task failure',
          ),
        ),
        h(
          'div',
          { class: 'answer-box' },
          h(
            'button',
            {
              type: 'button',
              'data-role': 'send-heartbeat',
              onclick: () => void send('SendTaskHeartbeat', {}),
            },
            'Send heartbeat',
          ),
        ),
      ),
      result,
    );
    return { card: el, clocks: updateClocks };
  };

  const refresh = throttle(() => {
    void consoleGet<PendingCallback[]>('pending').then((pending) => {
      const open = new Set(pending.map((p) => p.token));
      for (const [token, entry] of cards) {
        if (!open.has(token)) {
          entry.card.classList.add('answered');
          entry.card.dataset.answered = 'true';
          setTimeout(() => {
            entry.card.remove();
            if (list.children.length === 0) list.append(empty());
          }, 1500);
          cards.delete(token);
        }
      }
      for (const task of pending) {
        if (cards.has(task.token)) continue;
        const entry = card(task);
        cards.set(task.token, entry);
        list.querySelector('.empty')?.remove();
        list.append(entry.card);
      }
      if (list.children.length === 0) list.append(empty());
    });
  }, 300);
  const empty = () => h('p', { class: 'empty' }, 'No task token is waiting for an answer.');
  refresh();
  const ticker = setInterval(() => {
    for (const entry of cards.values()) entry.clocks();
  }, 1000);
  return { element, onCounts: refresh, close: () => clearInterval(ticker) };
}
