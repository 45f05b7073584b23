/**
 * Benchmark of the console as a workbench, in the browser (Debian's chromium through
 * playwright-core), each figure beside its baseline measured in the same run:
 *
 * 1. The definition editor's graph: redrawn after an edit of a 100-state definition, beside
 *    the first draw of the same definition on a fresh page. Two edits: a character typed
 *    that changes nothing the graph shows (the drawing stays), and a state renamed (a new
 *    layout). Each drawing is timed inside the page (`performance.measure('graph-draw')`:
 *    graph read, laid out and put in the page when it changed). Goal: either edit under
 *    100 ms and no slower than the first draw. Then the first draw of other common shapes
 *    (tests/support/asl-graph-shapes.ts), beside the 100 states'.
 * 2. The Executions page (every execution of every state machine) with 10,000 executions in
 *    the store, beside the same page with 10: from navigation to the list drawn.
 *
 * Run with `pnpm bench` (or `pnpm --filter @sfn-callback/local bench`); it needs `dist`.
 * Environment: BENCH_WORKBENCH_RUNS (page loads per case, default 5), BENCH_WORKBENCH_EDITS
 * (edits measured, default 15), BENCH_WORKBENCH_EXECUTIONS (default 10000).
 * Exits 1 when a typed edit or a rename redraws in 100 ms or more, or slower than the first
 * draw (+10 %).
 */
import type { Page } from 'playwright-core';
import { GRAPH_SHAPES, hundredStates } from '../tests/support/asl-graph-shapes.ts';
import { launchBrowser } from '../tests/support/browser.ts';
import { type ServeProcess, startServe } from '../tests/support/serve-process.ts';

const RUNS = Number(process.env.BENCH_WORKBENCH_RUNS ?? 5);
const EDITS = Number(process.env.BENCH_WORKBENCH_EDITS ?? 15);
const EXECUTIONS = Number(process.env.BENCH_WORKBENCH_EXECUTIONS ?? 10_000);
const STATES = 100;
const ROLE = 'arn:aws:iam::000000000000:role/sfn-callback-local';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};
const ms = (value: number) => `${value.toFixed(1).padStart(7)} ms`;

/** A StartExecution (or any call) to the endpoint, as the SDK sends it. */
async function call(endpoint: string, operation: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${endpoint}/`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.0',
      'X-Amz-Target': `AWSStepFunctions.${operation}`,
    },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as unknown;
  if (!response.ok) throw new Error(`${operation}: ${JSON.stringify(answer)}`);
  return answer;
}

/** The page's graph drawings so far, in ms. */
const drawings = (page: Page) =>
  page.evaluate(() => performance.getEntriesByName('graph-draw').map((e) => e.duration));

/** Waits for the drawing after `count` drawings; returns its time. */
async function nextDrawing(page: Page, count: number): Promise<number> {
  await page.waitForFunction((n) => performance.getEntriesByName('graph-draw').length > n, count);
  return (await drawings(page))[count] as number;
}

const browser = await launchBrowser();
console.log(
  `sfn-callback-local workbench benchmark: Node ${process.versions.node}, ${browser.context.browser()?.version() ?? 'chromium'}\n`,
);
const servers: ServeProcess[] = [];
let failed = false;
try {
  // 1. The graph: first draw and redraw after an edit.
  const serve = await startServe([]);
  servers.push(serve);
  const definition = JSON.stringify(hundredStates(STATES), null, 2);
  const page = await browser.context.newPage();
  await page.goto(serve.consoleUrl as string);
  const firstDraws: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    await page.goto('about:blank');
    await page.goto(`${serve.endpointUrl}/console/#/editor`);
    await page.locator('.cm-content').waitFor();
    // The starter definition is drawn first; then the 100 states are pasted.
    await page.waitForFunction(() => performance.getEntriesByName('graph-draw').length > 0);
    const count = (await drawings(page)).length;
    await page.evaluate((text) => {
      const content = document.querySelector('.cm-content') as HTMLElement;
      content.focus();
      document.execCommand('selectAll');
      document.execCommand('insertText', false, text);
    }, definition);
    firstDraws.push(await nextDrawing(page, count));
  }
  const nodes = await page.locator('[data-role=editor-graph] g.node[data-state]').count();
  if (nodes !== STATES) throw new Error(`the graph has ${nodes} states, not ${STATES}`);
  /** Replaces the whole text, as a paste (CodeMirror's own select-all: it draws only what shows). */
  const paste = async (text: string) => {
    await page.locator('.cm-content').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(text);
  };
  // An edit that leaves the graph as it is: a character typed (a space after the last brace).
  const redraws: number[] = [];
  for (let edit = 0; edit < EDITS; edit += 1) {
    const count = (await drawings(page)).length;
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText(' ');
    redraws.push(await nextDrawing(page, count));
  }
  // An edit that changes the graph: a state renamed (its references too), a new layout.
  const relayouts: number[] = [];
  for (let edit = 0; edit < RUNS; edit += 1) {
    const count = (await drawings(page)).length;
    await paste(definition.replaceAll('"Step 50"', `"Step 50 (${edit})"`));
    relayouts.push(await nextDrawing(page, count));
  }
  // Other common shapes, each pasted over the last: drawn in a new layout.
  const shapeDraws: [string, number][] = [];
  for (const [name, make] of Object.entries(GRAPH_SHAPES)) {
    if (name.startsWith('100 states')) continue;
    const times: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const count = (await drawings(page)).length;
      // Alternately with the 100 states, so that each paste is a new drawing.
      await paste(JSON.stringify(run % 2 === 0 ? make() : hundredStates(STATES), null, 2));
      const time = await nextDrawing(page, count);
      if (run % 2 === 0) times.push(time);
    }
    shapeDraws.push([name, median(times)]);
  }
  const first = median(firstDraws);
  const redraw = median(redraws);
  const relayout = median(relayouts);
  console.log(`graph of a ${STATES}-state definition in the editor (medians)`);
  console.log(`  first draw on a fresh page        ${ms(first)}   (${RUNS} loads)`);
  console.log(
    `  redraw after a typed edit         ${ms(redraw)}   (${EDITS} edits; ratio to the first draw ${(redraw / first).toFixed(3)})`,
  );
  console.log(
    `  redraw after a state is renamed   ${ms(relayout)}   (${RUNS} edits; ratio to the first draw ${(relayout / first).toFixed(2)})`,
  );
  for (const [name, time] of shapeDraws)
    console.log(
      `  other shape: ${name.padEnd(34)}${ms(time)}   (ratio to the 100 states' first draw ${(time / first).toFixed(2)})`,
    );
  // The goal holds for both kinds of edit: under 100 ms, and no slower than the first draw
  // (10 % for noise).
  for (const [edit, time] of [
    ['a typed edit', redraw],
    ['a rename', relayout],
  ] as const) {
    if (time >= 100 || time > first * 1.1) {
      console.log(`  FAIL: ${edit} redraws in 100 ms or more, or slower than the first draw`);
      failed = true;
    }
  }

  // 2. The Executions page with many executions beside few.
  const frame = () =>
    page.evaluate(
      () =>
        new Promise<number>((resolve) =>
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)),
        ),
    );
  /** Medians of: the newest rows drawn, and every execution listed (ms since navigation). */
  const loadTimes = async (endpoint: string, consoleUrl: string, expected: number) => {
    await page.goto(consoleUrl);
    const firstRows: number[] = [];
    const all: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      await page.goto('about:blank');
      await page.goto(`${endpoint}/console/#/executions`);
      await page
        .locator('[data-page=executions][data-first-rows=true]')
        .waitFor({ timeout: 120_000 });
      firstRows.push(await frame());
      await page.locator('[data-page=executions][data-loaded=true]').waitFor({ timeout: 120_000 });
      all.push(await frame());
      const summary = await page.locator('[data-role=executions-summary]').textContent();
      if (!summary?.startsWith(`${expected} of ${expected}`))
        throw new Error(`the page says "${summary}", not ${expected} executions`);
    }
    return { firstRows: median(firstRows), all: median(all) };
  };
  const fill = async (server: ServeProcess, count: number) => {
    const machine = (await call(server.endpointUrl, 'CreateStateMachine', {
      name: 'Quick',
      roleArn: ROLE,
      definition: JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }),
    })) as { stateMachineArn: string };
    let next = 0;
    const worker = async () => {
      while (next < count) {
        next += 1;
        await call(server.endpointUrl, 'StartExecution', {
          stateMachineArn: machine.stateMachineArn,
        });
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  };
  const few = await startServe([]);
  servers.push(few);
  await fill(few, 10);
  const many = await startServe([]);
  servers.push(many);
  const filling = performance.now();
  await fill(many, EXECUTIONS);
  console.error(
    `[${((performance.now() - filling) / 1000).toFixed(1)} s] ${EXECUTIONS} executions started`,
  );
  const fewTimes = await loadTimes(few.endpointUrl, few.consoleUrl as string, 10);
  const manyTimes = await loadTimes(many.endpointUrl, many.consoleUrl as string, EXECUTIONS);
  console.log('\nExecutions page, from navigation (medians)');
  console.log(`  10 executions: all listed                 ${ms(fewTimes.all)}   (${RUNS} loads)`);
  console.log(
    `  ${EXECUTIONS} executions: newest 100 drawn      ${ms(manyTimes.firstRows)}   (ratio to 10 listed ${(manyTimes.firstRows / fewTimes.all).toFixed(1)})`,
  );
  console.log(
    `  ${EXECUTIONS} executions: all listed             ${ms(manyTimes.all)}   (ratio to 10 listed ${(manyTimes.all / fewTimes.all).toFixed(1)})`,
  );
} finally {
  for (const server of servers) await server.stop('SIGINT');
  await browser.close();
}
process.exit(failed ? 1 : 0);
