/**
 * Benchmark of the web console, each figure beside its baseline measured in the same run:
 *
 * 1. Rendering, measured in the browser (Debian's chromium through playwright-core): an
 *    execution of 1,008 history events, from navigation to its page drawn (graph, table and
 *    event view built, the next frame painted), beside a 13-event execution of the callback
 *    fixture. Then responsiveness on the long page: showing the event view, expanding a row.
 * 2. Throughput of the endpoint (DescribeExecution over HTTP) with 1,000 executions running
 *    (workers off: each waits for its token), without and with the console open on one of
 *    them in the browser (its live stream connected), rounds alternated, medians compared.
 *
 * Run with `pnpm bench` (or `pnpm --filter @sfn-callback/local bench`); it needs `dist`.
 * Environment: BENCH_CONSOLE_RUNS (page loads per case, default 7), BENCH_CONSOLE_ROUNDS
 * (throughput rounds per case, default 5), BENCH_CONSOLE_REQUESTS (requests per round,
 * default 4000). Exits 1 when a page takes a second or more, or the ratio is under 0.9.
 */
import type { Page } from 'playwright-core';
import { LocalRunner } from '../dist/index.js';
import { removeFixtures, synthFixture } from '../tests/fixtures/fixture-app.ts';
import { launchBrowser } from '../tests/support/browser.ts';
import { synthLongHistory } from './fixtures/long-history-app.ts';

const RUNS = Number(process.env.BENCH_CONSOLE_RUNS ?? 7);
const REQUESTS = Number(process.env.BENCH_CONSOLE_REQUESTS ?? 4000);
const RUNNING = 1000;
const ROUNDS = Number(process.env.BENCH_CONSOLE_ROUNDS ?? 5);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};
const ms = (value: number) => `${value.toFixed(0).padStart(6)} ms`;

const t0 = performance.now();
const phase = (name: string) =>
  console.error(`[${((performance.now() - t0) / 1000).toFixed(1)} s] ${name}`);
const browser = await launchBrowser();
console.log(
  `sfn-callback-local console benchmark: Node ${process.versions.node}, ${browser.context.browser()?.version() ?? 'chromium'}\n`,
);

/** Loads an execution's page; returns the in-browser time to drawn (ms since navigation). */
async function renderTime(page: Page, url: string, events: number): Promise<number> {
  await page.goto('about:blank');
  await page.goto(url);
  await page.locator(`[data-page=execution][data-loaded=true][data-events="${events}"]`).waitFor();
  return page.evaluate(
    () =>
      new Promise<number>((resolve) =>
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)),
      ),
  );
}

// 1. Rendering.
phase('rendering');
const longRunner = await LocalRunner.start({ assembly: synthLongHistory() });
const shortRunner = await LocalRunner.start({
  assembly: await synthFixture({ heartbeatSeconds: 60, timeoutSeconds: 300 }),
});
const long = await longRunner.runExecution({});
const short = await shortRunner.runExecution({});
const page = await browser.context.newPage();
const pageOf = async (runner: LocalRunner, arn: string) => {
  await page.goto(runner.serveConsole()); // trades the secret for the cookie
  return `${runner.endpointUrl}/console/#/executions/${encodeURIComponent(arn)}`;
};
const shortUrl = await pageOf(shortRunner, short.executionArn);
const shortTimes: number[] = [];
for (let i = 0; i < RUNS; i++)
  shortTimes.push(await renderTime(page, shortUrl, short.events.length));
const longUrl = await pageOf(longRunner, long.executionArn);
const longTimes: number[] = [];
for (let i = 0; i < RUNS; i++) longTimes.push(await renderTime(page, longUrl, long.events.length));
const showEvents = await page.evaluate(async () => {
  const began = performance.now();
  (document.querySelector('[data-role=event-tab]') as HTMLElement).click();
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return performance.now() - began;
});
const expandRow = await page.evaluate(async () => {
  const began = performance.now();
  (document.querySelector('tr.event[data-event-id="500"]') as HTMLElement).click();
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return performance.now() - began;
});
const shortMedian = median(shortTimes);
const longMedian = median(longTimes);
console.log(`execution page, navigation to drawn (median of ${RUNS}, in the browser):`);
console.log(
  `  ${String(short.events.length).padStart(5)} events (baseline)        ${ms(shortMedian)}`,
);
console.log(
  `  ${String(long.events.length).padStart(5)} events                   ${ms(longMedian)}  ratio ${(longMedian / shortMedian).toFixed(2)}  ${longMedian < 1000 ? 'under 1 s: OK' : 'OVER 1 s'}`,
);
console.log(
  `  on the ${long.events.length}-event page: show the event view ${showEvents.toFixed(0)} ms, expand an event ${expandRow.toFixed(0)} ms\n`,
);
await longRunner.close();
await shortRunner.close();

// 2. Throughput with 1,000 executions running.
phase('throughput');
const runner = await LocalRunner.start({
  assembly: await synthFixture({ heartbeatSeconds: 600, timeoutSeconds: 900 }),
  workers: false,
});
const executions = Array.from({ length: RUNNING }, (_, i) => runner.startExecution({ i }));
phase('started');
while (runner.openTaskCount < RUNNING) await new Promise((resolve) => setTimeout(resolve, 20));
phase('all waiting');
const arns = executions.map((e) => e.executionArn);
const describe = (i: number) =>
  fetch(runner.endpointUrl, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.0',
      'X-Amz-Target': 'AWSStepFunctions.DescribeExecution',
    },
    body: JSON.stringify({ executionArn: arns[i % RUNNING] }),
  }).then((response) => response.arrayBuffer());
const round = async (): Promise<number> => {
  let next = 0;
  const began = performance.now();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < REQUESTS) await describe(next++);
    }),
  );
  return REQUESTS / ((performance.now() - began) / 1000);
};
await round(); // warm-up
const consoleUrl = runner.serveConsole();
const without: number[] = [];
const withConsole: number[] = [];
const consolePage = await browser.context.newPage();
for (let i = 0; i < ROUNDS; i++) {
  without.push(await round());
  await consolePage.goto(consoleUrl);
  await consolePage.goto(
    `${runner.endpointUrl}/console/#/executions/${encodeURIComponent(arns[0] as string)}`,
  );
  await consolePage.locator('[data-page=execution][data-loaded=true]').waitFor();
  withConsole.push(await round());
  await consolePage.goto('about:blank');
}
const a = median(without);
const b = median(withConsole);
console.log(
  `endpoint throughput, DescribeExecution, ${RUNNING} executions running (median of ${ROUNDS} rounds of ${REQUESTS} each, alternated):`,
);
console.log(`  without the console (baseline)   ${a.toFixed(0).padStart(6)} requests/s`);
console.log(
  `  with the console open (live)     ${b.toFixed(0).padStart(6)} requests/s  ratio ${(b / a).toFixed(3)}  ${b / a >= 0.9 ? 'within 10 %: OK' : 'MORE THAN 10 % SLOWER'}`,
);
for (const e of executions) runner.stopExecution(e.executionArn);
await runner.close();
await browser.close();
removeFixtures();
phase('done');
// The verdict: a page that takes a second or more, or an endpoint slowed by over 10 %, fails.
process.exitCode = longMedian >= 1000 || b / a < 0.9 ? 1 : 0;
