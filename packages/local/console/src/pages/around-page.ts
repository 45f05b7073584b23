import { consoleGet } from '../api.js';
import { h, replace } from '../dom.js';
import { dateTime } from '../format.js';
import { prettyJson } from '../json-text.js';
import { jsonView } from '../json-view.js';
import { href } from '../router.js';
import { type Page, throttle } from './page.js';

interface TopicView {
  readonly name: string;
  readonly arn: string;
  readonly published: number;
  readonly messages: readonly {
    messageId: string;
    timestamp: number;
    subject?: string;
    message: string;
    executionArn?: string;
    stateName?: string;
  }[];
}

interface QueueView {
  readonly name: string;
  readonly url: string;
  readonly fifo: boolean;
  readonly visible: number;
  readonly inFlight: number;
  readonly delayed: number;
  readonly deadLetterQueue?: string;
  readonly maxReceiveCount?: number;
  readonly deadLetterQueueOf: readonly string[];
  readonly messages: readonly {
    messageId: string;
    sentTimestamp: number;
    receiveCount: number;
    body: string;
  }[];
}

interface LogLine {
  readonly seq: number;
  readonly at: number;
  readonly functionName: string;
  readonly line: string;
}

/**
 * Around the state machine: the SNS notifications, the queues (visible and in-flight
 * counts, the dead-letter queues' messages) and the functions' log lines, tokens redacted
 * by the server.
 */
export function aroundPage(): Page {
  const topics = h('div', { 'data-role': 'notifications' });
  const queues = h('tbody', { 'data-role': 'queues' });
  const dlq = h('div', { 'data-role': 'dead-letters' });
  const logs = h('pre', { class: 'logs', 'data-role': 'logs', tabindex: 0 });
  let lastLog = 0;
  const element = h(
    'section',
    { class: 'page', 'data-page': 'around' },
    h('h1', {}, 'Notifications, queues, logs'),
    h('h2', {}, 'SNS notifications'),
    topics,
    h('h2', {}, 'Queues'),
    h(
      'table',
      { class: 'list' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Queue', 'Visible', 'In flight', 'Delayed', 'Dead-letter queue'].map((c) =>
            h('th', {}, c),
          ),
        ),
      ),
      queues,
    ),
    dlq,
    h('h2', {}, 'Worker logs'),
    logs,
  );
  const refresh = throttle(() => {
    void consoleGet<TopicView[]>('topics').then((list) => {
      replace(
        topics,
        list.map((t) =>
          h(
            'div',
            { class: 'card' },
            h('h3', {}, t.name, ' ', h('span', { class: 'sub' }, `${t.published} published`)),
            t.messages.length === 0
              ? h('p', { class: 'empty' }, 'Nothing published yet.')
              : h(
                  'table',
                  { class: 'list' },
                  h(
                    'thead',
                    {},
                    h(
                      'tr',
                      {},
                      ['Time', 'From', 'Execution', 'Message'].map((c) => h('th', {}, c)),
                    ),
                  ),
                  h(
                    'tbody',
                    {},
                    t.messages.map((m) =>
                      h(
                        'tr',
                        { class: 'notification' },
                        h('td', {}, dateTime(m.timestamp, 'ms')),
                        h('td', {}, m.stateName ?? '-'),
                        h(
                          'td',
                          {},
                          m.executionArn
                            ? h(
                                'a',
                                { href: href({ page: 'executions', arn: m.executionArn }) },
                                m.executionArn.split(':').at(-1) ?? '',
                              )
                            : '-',
                        ),
                        h('td', {}, m.message),
                      ),
                    ),
                  ),
                ),
          ),
        ),
      );
    });
    void consoleGet<QueueView[]>('queues').then((list) => {
      replace(
        queues,
        list.map((q) =>
          h(
            'tr',
            {},
            h(
              'td',
              {},
              q.name,
              q.deadLetterQueueOf.length ? h('span', { class: 'tag' }, 'DLQ') : null,
            ),
            h('td', { class: 'num' }, String(q.visible)),
            h('td', { class: 'num' }, String(q.inFlight)),
            h('td', { class: 'num' }, String(q.delayed)),
            h(
              'td',
              {},
              q.deadLetterQueue ? `${q.deadLetterQueue} after ${q.maxReceiveCount} receives` : '-',
            ),
          ),
        ),
      );
      replace(
        dlq,
        list
          .filter((q) => q.deadLetterQueueOf.length > 0)
          .map((q) =>
            h(
              'div',
              { class: 'card' },
              h(
                'h3',
                {},
                `Dead-letter queue ${q.name}`,
                ' ',
                h('span', { class: 'sub' }, `of ${q.deadLetterQueueOf.join(', ')}`),
              ),
              q.messages.length === 0
                ? h('p', { class: 'empty' }, 'No dead letters.')
                : q.messages.map((m) =>
                    h(
                      'div',
                      { class: 'dead-letter' },
                      h(
                        'div',
                        { class: 'sub' },
                        `${m.messageId} · sent ${dateTime(m.sentTimestamp, 'ms')}`,
                      ),
                      jsonView(prettyJson(m.body)),
                    ),
                  ),
            ),
          ),
      );
    });
    void consoleGet<LogLine[]>(`logs?after=${lastLog}`).then((lines) => {
      for (const line of lines) {
        logs.append(
          h('span', { class: 'log-fn' }, `${dateTime(line.at, 'ms')} [${line.functionName}] `),
          `${line.line}\n`,
        );
        lastLog = line.seq;
      }
      if (logs.childNodes.length === 0)
        logs.append(
          h(
            'span',
            { class: 'log-empty' },
            'No log lines yet (with serve --no-workers, no worker runs).',
          ),
        );
      else if (lines.length > 0) logs.querySelector('.log-empty')?.remove();
    });
  }, 500);
  refresh();
  return { element, onCounts: refresh, close: () => {} };
}
