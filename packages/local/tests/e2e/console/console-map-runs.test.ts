import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../../support/browser.js';
import { api, openPage, shot } from '../../support/console-page.js';
import { seriousAccessibilityFindings } from '../../support/page-checks.js';
import { type ServeProcess, startServe } from '../../support/serve-process.js';

// Map Runs in the console, in a real browser under the console's policy as served: a
// Distributed Map over a CSV in a `serve --buckets` folder, its Map Run opened from the
// execution page, its counts beside DescribeMapRun's, a child execution and the way back,
// UpdateMapRun from the page, and the Executions list without the children. Each test writes
// screenshots to tests/e2e/screenshots/.

const ROLE = 'arn:aws:iam::000000000000:role/sfn-callback-local';

/** A Distributed Map over `orders-in/orders.csv`, its item processor given. */
function distributedMap(extra: Record<string, unknown>, states: Record<string, unknown>) {
  return JSON.stringify({
    StartAt: 'Orders',
    States: {
      Orders: {
        Type: 'Map',
        Label: 'Orders',
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' },
          Parameters: { Bucket: 'orders-in', Key: 'orders.csv' },
        },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: Object.keys(states)[0],
          States: states,
        },
        End: true,
        ...extra,
      },
    },
  });
}

/** Batches of two orders: the batch that starts with a bad order fails, the others pass. */
const TOLERANT = distributedMap(
  { ItemBatcher: { MaxItemsPerBatch: 2 }, ToleratedFailureCount: 2 },
  {
    Check: {
      Type: 'Choice',
      Choices: [{ Variable: '$.Items[0].status', StringEquals: 'bad', Next: 'Reject' }],
      Default: 'Accept',
    },
    Reject: { Type: 'Fail', Error: 'BadOrder', Cause: 'the order is bad' },
    Accept: { Type: 'Pass', End: true },
  },
);

/** One order at a time, each waiting ten minutes: a Map Run that keeps running. */
const WAITING = distributedMap(
  { MaxConcurrency: 1 },
  { Hold: { Type: 'Wait', Seconds: 600, End: true } },
);

interface Counts {
  readonly [key: string]: number;
}
interface Described {
  readonly status: string;
  readonly maxConcurrency: number;
  readonly toleratedFailureCount: number;
  readonly toleratedFailurePercentage: number;
  readonly itemCounts: Counts;
  readonly executionCounts: Counts;
}

let browser: TestBrowser;
let serve: ServeProcess;
let buckets: string;

beforeAll(async () => {
  buckets = mkdtempSync(join(tmpdir(), 'sfn-console-buckets-'));
  mkdirSync(join(buckets, 'orders-in'));
  writeFileSync(
    join(buckets, 'orders-in', 'orders.csv'),
    'id,status\n1,ok\n2,ok\n3,bad\n4,ok\n5,ok\n6,ok\n',
  );
  browser = await launchBrowser();
  serve = await startServe(['--buckets', buckets]);
}, 120_000);

afterAll(async () => {
  await serve?.stop('SIGINT');
  await browser?.close();
  rmSync(buckets, { recursive: true, force: true });
});

const consoleUrl = (fragment: string) => `${serve.endpointUrl}/console/#/${fragment}`;

async function createMachine(page: Page, name: string, definition: string): Promise<string> {
  const created = (await api(page, 'CreateStateMachine', { name, roleArn: ROLE, definition })) as {
    stateMachineArn?: string;
    message?: string;
  };
  expect(created.message).toBeUndefined();
  return created.stateMachineArn as string;
}

async function start(page: Page, stateMachineArn: string, name: string): Promise<string> {
  return (
    (await api(page, 'StartExecution', { stateMachineArn, name })) as { executionArn: string }
  ).executionArn;
}

/** The Map Run an execution started, once it has. */
async function mapRunOf(page: Page, executionArn: string): Promise<string> {
  let mapRunArn: string | undefined;
  await expect
    .poll(async () => {
      const listed = (await api(page, 'ListMapRuns', { executionArn })) as {
        mapRuns: { mapRunArn: string }[];
      };
      mapRunArn = listed.mapRuns[0]?.mapRunArn;
      return mapRunArn;
    })
    .toBeDefined();
  return mapRunArn as string;
}

/** The counts a row of the page's counts table shows, by DescribeMapRun's member names. */
async function shownCounts(page: Page, role: string): Promise<Counts> {
  const cells = page.locator(`[data-role=${role}] td[data-count]`);
  const shown: Record<string, number> = {};
  for (const cell of await cells.all()) {
    shown[(await cell.getAttribute('data-count')) as string] = Number(await cell.textContent());
  }
  return shown;
}

/** DescribeMapRun's counts, limited to the columns the page shows. */
function shownColumnsOf(counts: Counts, columns: Counts): Counts {
  return Object.fromEntries(Object.keys(columns).map((key) => [key, counts[key] as number]));
}

describe('Map Runs in the console', () => {
  let parentArn: string;
  let mapRunArn: string;
  let childNames: string[] = [];

  it('opens the Map Run from the execution page, its counts those DescribeMapRun gives, its children listed', async () => {
    const { page, problems, violations } = await openPage(browser);
    await page.goto(serve.consoleUrl as string);
    await page.locator('[data-page=state-machines]').waitFor();
    const machine = await createMachine(page, 'TolerantOrders', TOLERANT);
    parentArn = await start(page, machine, 'orders-monday');
    await expect
      .poll(async () => (await api(page, 'DescribeExecution', { executionArn: parentArn })).status)
      .toBe('SUCCEEDED');

    await page.goto(consoleUrl(`executions/${encodeURIComponent(parentArn)}`));
    await page.locator('[data-page=execution][data-loaded=true]').waitFor();
    const link = page.locator('[data-role=execution-map-runs] a');
    await link.waitFor();
    mapRunArn = await mapRunOf(page, parentArn);
    expect(await link.getAttribute('href')).toBe(`#/map-runs/${encodeURIComponent(mapRunArn)}`);
    expect(await page.locator('[data-role=execution-map-runs]').textContent()).toContain(
      '· Orders',
    );
    // The Map state's panel links its Map Run too.
    await page.locator('svg.graph g.node-state[data-state="Orders"]').click();
    expect(await page.locator('[data-role=step-map-runs] a').getAttribute('href')).toBe(
      `#/map-runs/${encodeURIComponent(mapRunArn)}`,
    );
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await shot(page, 'map-run-parent-execution');

    await link.click();
    await page
      .locator('[data-page=map-run][data-loaded=true][data-children-loaded=true]')
      .waitFor();
    const described = (await api(page, 'DescribeMapRun', { mapRunArn })) as unknown as Described;
    expect(described).toMatchObject({
      status: 'SUCCEEDED',
      toleratedFailureCount: 2,
      itemCounts: { total: 6, succeeded: 4, failed: 2 },
      executionCounts: { total: 3, succeeded: 2, failed: 1 },
    });
    const items = await shownCounts(page, 'item-counts');
    const executions = await shownCounts(page, 'execution-counts');
    expect(Object.keys(items)).toEqual([
      'pending',
      'running',
      'succeeded',
      'failed',
      'timedOut',
      'aborted',
      'total',
      'resultsWritten',
    ]);
    expect(items).toEqual(shownColumnsOf(described.itemCounts, items));
    expect(executions).toEqual(shownColumnsOf(described.executionCounts, executions));
    expect(await page.locator('[data-role=map-run-status]').textContent()).toBe('SUCCEEDED');
    expect(await page.locator('[data-role=map-run-tolerated-count-value]').textContent()).toBe('2');
    expect(await page.locator('[data-role=map-run-parent]').getAttribute('href')).toBe(
      `#/executions/${encodeURIComponent(parentArn)}`,
    );
    // An ended Map Run's settings cannot change: the form says so and is disabled.
    expect(await page.locator('[data-role=update-map-run]').isDisabled()).toBe(true);
    expect(await page.locator('[data-role=update-map-run-status]').textContent()).toMatch(
      /while it runs; this one is SUCCEEDED/,
    );

    // The children, as ListExecutions by Map Run lists them; the status filter asks the API.
    const listed = (await api(page, 'ListExecutions', { mapRunArn })) as {
      executions: { name: string; status: string }[];
    };
    childNames = listed.executions.map((e) => e.name);
    const rows = page.locator('[data-role=map-run-children] tbody tr[data-execution]');
    expect(
      await rows.evaluateAll((all) => all.map((r) => r.getAttribute('data-execution'))),
    ).toEqual(childNames);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await shot(page, 'map-run-succeeded');
    await page.locator('#map-run-children-status').selectOption('FAILED');
    await expect.poll(() => rows.count()).toBe(1);
    const failedName = listed.executions.find((e) => e.status === 'FAILED')?.name as string;
    expect(await rows.first().getAttribute('data-execution')).toBe(failedName);

    // A child's page: its graph is the item processor, and it links back to its Map Run and parent.
    await rows.first().locator('a').click();
    await page.locator('[data-page=execution][data-loaded=true]').waitFor();
    await page.locator('[data-role=execution-status].status-failed').waitFor();
    await page.locator('svg.graph g.node[data-state="Reject"].status-failed').waitFor();
    expect(await page.locator('[data-role=execution-map-run]').getAttribute('href')).toBe(
      `#/map-runs/${encodeURIComponent(mapRunArn)}`,
    );
    await page.locator('[data-role=execution-parent]').waitFor();
    expect(await page.locator('[data-role=execution-parent]').getAttribute('href')).toBe(
      `#/executions/${encodeURIComponent(parentArn)}`,
    );
    // Redriven with its parent only: no Redrive of its own.
    expect(await page.locator('[data-role=redrive]').isVisible()).toBe(false);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await shot(page, 'map-run-child-execution');
    expect(await violations()).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('updates a running Map Run from its page, shows AWS refusing a bad value, and follows it live to its end', async () => {
    const { page, problems, violations } = await openPage(browser);
    await page.goto(serve.consoleUrl as string);
    await page.locator('[data-page=state-machines]').waitFor();
    const machine = await createMachine(page, 'WaitingOrders', WAITING);
    const executionArn = await start(page, machine, 'orders-waiting');
    const running = await mapRunOf(page, executionArn);

    await page.goto(consoleUrl(`map-runs/${encodeURIComponent(running)}`));
    await page.locator('[data-page=map-run][data-status=RUNNING]').waitFor();
    expect(await page.locator('[data-role=map-run-max-concurrency-value]').textContent()).toBe('1');
    await expect.poll(async () => (await shownCounts(page, 'item-counts')).running).toBe(1);

    // From the keyboard: type the value, Enter submits.
    const concurrency = page.locator('#map-run-max-concurrency');
    await concurrency.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('[data-role=update-map-run-status]').textContent())
      .toBe('Updated the Map Run.');
    const updated = (await api(page, 'DescribeMapRun', {
      mapRunArn: running,
    })) as unknown as Described;
    expect(updated.maxConcurrency).toBe(3);
    expect(await page.locator('[data-role=map-run-max-concurrency-value]').textContent()).toBe('3');
    // Three children run now: the page follows without a reload.
    await expect.poll(async () => (await shownCounts(page, 'item-counts')).running).toBe(3);
    await expect
      .poll(() => page.locator('[data-role=map-run-children] tbody tr[data-execution]').count())
      .toBe(3);

    // A value AWS refuses: its error, and the typed value kept.
    const percentage = page.locator('#map-run-tolerated-percentage');
    await percentage.fill('101');
    await page.locator('[data-role=update-map-run]').click();
    await expect
      .poll(() => page.locator('[data-role=update-map-run-status]').textContent())
      .toMatch(/^Update failed — ValidationException: .*toleratedFailurePercentage/);
    expect(await percentage.inputValue()).toBe('101');
    expect(
      ((await api(page, 'DescribeMapRun', { mapRunArn: running })) as unknown as Described)
        .toleratedFailurePercentage,
    ).toBe(0);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await shot(page, 'map-run-running-updated');

    // Stopped elsewhere: the page shows the Map Run's end by itself.
    await api(page, 'StopExecution', { executionArn });
    await page.locator('[data-page=map-run][data-status=ABORTED]').waitFor();
    expect(await page.locator('[data-role=update-map-run]').isDisabled()).toBe(true);
    await shot(page, 'map-run-aborted');
    expect(await violations()).toEqual([]);
    // The one refusal (the 101 %) is the only error the browser saw.
    expect(problems).toEqual([
      'console error: Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
    await page.close();
  });

  it('leaves the children out of the Executions list, and says where they are', async () => {
    const { page, problems, violations } = await openPage(browser);
    await page.goto(consoleUrl('executions'));
    await page.locator('[data-page=executions][data-loaded=true]').waitFor();
    const names = await page
      .locator('[data-role=all-executions] tbody tr[data-execution]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-execution')));
    expect(names).toContain('orders-monday');
    expect(names).toContain('orders-waiting');
    expect(childNames).toHaveLength(3);
    for (const child of childNames) expect(names).not.toContain(child);
    expect(await page.locator('[data-role=executions-summary]').textContent()).toMatch(
      /^2 of 2 executions/,
    );
    expect(await page.locator('[data-role=map-run-children-note]').textContent()).toMatch(
      /not listed here.*Map Run/,
    );
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await shot(page, 'map-run-executions-list');
    expect(await violations()).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("says why a Map Run that does not exist cannot be shown, in AWS's words", async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(serve.consoleUrl as string);
    await page.locator('[data-page=state-machines]').waitFor();
    const missing = `${mapRunArn.slice(0, mapRunArn.lastIndexOf(':'))}:00000000-0000-0000-0000-000000000000`;
    await page.goto(consoleUrl(`map-runs/${encodeURIComponent(missing)}`));
    await expect
      .poll(() => page.locator('[data-role=map-run-problem]').textContent())
      .toContain(`ResourceNotFound: Resource not found: '${missing}'`);
    expect(await page.locator('[data-role=map-run-problem] [role=alert]').count()).toBe(1);
    // DescribeMapRun's refusal is the only request that failed (the children are not asked for).
    expect(problems).toEqual([
      'console error: Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
    expect(await page.locator('[data-role=map-run-children] tbody tr').count()).toBe(0);
    await page.close();
  });
});
