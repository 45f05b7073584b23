import type { Counts } from '../../src/model/console-wire.js';
import { consoleGet, SfnError } from './api.js';
import { h, replace } from './dom.js';
import { live } from './live.js';
import { aroundPage } from './pages/around-page.js';
import { callbacksPage } from './pages/callbacks-page.js';
import { executionPage } from './pages/execution-page.js';
import type { Page } from './pages/page.js';
import { stateMachinePage } from './pages/state-machine-page.js';
import { stateMachinesPage } from './pages/state-machines-page.js';
import { href, parseRoute } from './router.js';

const main = document.getElementById('main') as HTMLElement;
const nav = document.getElementById('nav') as HTMLElement;
const stackLabel = document.getElementById('stack') as HTMLElement;
let current: Page | undefined;
let counts: Counts | undefined;

function navigation(): void {
  const route = parseRoute(location.hash);
  const link = (page: string, label: string, target: string, badge?: number) =>
    h(
      'a',
      {
        href: target,
        class:
          page === route.page ||
          (page === 'state-machines' && route.page !== 'callbacks' && route.page !== 'around')
            ? 'active'
            : undefined,
      },
      label,
      badge ? h('span', { class: 'badge', 'data-role': `${page}-badge` }, String(badge)) : null,
    );
  replace(
    nav,
    link('state-machines', 'State machines', href({ page: 'state-machines' })),
    link('callbacks', 'Pending callbacks', href({ page: 'callbacks' }), counts?.pending),
    link('around', 'Notifications, queues, logs', href({ page: 'around' })),
  );
}

function show(): void {
  current?.close();
  const route = parseRoute(location.hash);
  navigation();
  const page =
    route.page === 'state-machine'
      ? stateMachinePage(route.arn)
      : route.page === 'execution'
        ? executionPage(route.arn)
        : route.page === 'callbacks'
          ? callbacksPage()
          : route.page === 'around'
            ? aroundPage()
            : stateMachinesPage();
  current = page;
  replace(main, page.element);
  if (counts) page.onCounts?.(counts);
}

async function start(): Promise<void> {
  try {
    const stack = await consoleGet<{ stackName: string; region: string }>('stack');
    stackLabel.textContent = `${stack.stackName} · ${stack.region}`;
  } catch (error) {
    const refused = error instanceof SfnError && error.status === 403;
    replace(
      main,
      h(
        'div',
        { class: 'notice error', 'data-role': 'no-secret' },
        h(
          'h2',
          {},
          refused ? 'This console needs its secret' : 'The console cannot reach its server',
        ),
        h(
          'p',
          {},
          refused
            ? 'Open the console URL that sfn-callback-local serve printed: it carries a per-start secret, kept in a cookie after the first visit.'
            : String(error),
        ),
      ),
    );
    return;
  }
  window.addEventListener('hashchange', show);
  live({
    onCounts: (next) => {
      const pendingChanged = next.pending !== counts?.pending;
      counts = next;
      if (pendingChanged) navigation();
      current?.onCounts?.(next);
    },
  });
  show();
}

void start();
