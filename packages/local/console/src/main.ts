import type { Counts } from '../../src/model/console-wire.js';
import { consoleGet, SfnError } from './api.js';
import { h, replace } from './dom.js';
import { live } from './live.js';
import type { Page } from './pages/page.js';
import { PAGES, pageFor } from './pages/registry.js';
import { href, parseRoute } from './router.js';

const main = document.getElementById('main') as HTMLElement;
const nav = document.getElementById('nav') as HTMLElement;
const stackLabel = document.getElementById('stack') as HTMLElement;
let current: Page | undefined;
let counts: Counts | undefined;

function navigation(): void {
  const route = parseRoute(location.hash);
  const shown = pageFor(route.page, route.arn);
  const lit = shown.navSection ?? shown.section;
  replace(
    nav,
    PAGES.filter((entry) => entry.nav).map((entry) => {
      const badge = counts && entry.nav?.badge ? entry.nav.badge(counts) : 0;
      return h(
        'a',
        {
          href: href({ page: entry.section }),
          class: entry.section === lit ? 'active' : undefined,
          'aria-current': entry.section === lit ? 'page' : undefined,
        },
        entry.nav?.label,
        badge
          ? h('span', { class: 'badge', 'data-role': `${entry.section}-badge` }, String(badge))
          : null,
      );
    }),
  );
}

function show(): void {
  current?.close();
  const route = parseRoute(location.hash);
  navigation();
  const page = pageFor(route.page, route.arn).open(route.arn);
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
