import {
  CreateActivityCommand,
  CreateStateMachineCommand,
  GetActivityTaskCommand,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../../support/browser.js';
import { openPage, shot } from '../../support/console-page.js';
import { seriousAccessibilityFindings } from '../../support/page-checks.js';
import { type ServeProcess, startServe } from '../../support/serve-process.js';
import { localClient, waitForEnd } from '../../support/sfn-client.js';

// The work at an activity on the console, live, in a real browser under the console's policy
// as served: an execution waiting at the activity shows as scheduled; a worker takes it
// (GetActivityTask with its workerName, through the SDK) and it shows as taken by that worker;
// another worker's poll held open shows; SendTaskSuccess ends the task and it leaves the page.
// The task token never reaches the page whole. Screenshots go to tests/e2e/screenshots/.

const ROLE = 'arn:aws:iam::000000000000:role/sfn-callback-local';
const FULL_TOKEN = /AQCLocal[0-9a-z]+\.[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}/;

let browser: TestBrowser;
let serve: ServeProcess;
let sfn: SFNClient;

beforeAll(async () => {
  browser = await launchBrowser();
  serve = await startServe(['--activity-poll-seconds', '30']);
  sfn = localClient(serve.endpointUrl);
}, 120_000);

afterAll(async () => {
  sfn?.destroy();
  await serve?.stop('SIGINT');
  await browser?.close();
});

/** The texts of a table's cells, row by row (its empty-row message when it has no row). */
const rows = (page: Page, role: string) =>
  page
    .locator(`[data-role=${role}] tbody tr`)
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );

/** The redacted tokens `/console/api/pending` lists (the console's own call, its cookie). */
const pendingTokens = (page: Page) =>
  page.evaluate(async () => {
    const answer = await fetch('/console/api/pending', { credentials: 'include' });
    return ((await answer.json()) as { redactedToken: string }[]).map((p) => p.redactedToken);
  });

/** The console's count of pending callbacks (its top bar's badge). */
const pendingCount = (page: Page) =>
  page.evaluate(async () => {
    const answer = await fetch('/console/api/counts', { credentials: 'include' });
    return ((await answer.json()) as { pending: number }).pending;
  });

describe('the work at an activity', () => {
  it('shows a task scheduled, taken by a worker, a worker polling, and the task gone once answered', async () => {
    const { page, problems, violations } = await openPage(browser);
    await page.goto(serve.consoleUrl as string);
    await page.locator('[data-page=state-machines]').waitFor();
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: 'workers' }));
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: 'ActivityFlow',
        roleArn: ROLE,
        definition: JSON.stringify({
          StartAt: 'Work',
          States: {
            Work: {
              Type: 'Task',
              Resource: activityArn,
              TimeoutSeconds: 600,
              HeartbeatSeconds: 120,
              End: true,
            },
          },
        }),
      }),
    );

    await page.locator('nav a', { hasText: 'Activities' }).click();
    await page.locator('[data-page=activities][data-loaded=true]').waitFor();
    const row = page.locator('tr[data-activity=workers]');
    expect(await row.locator('[data-role=scheduled-count]').textContent()).toBe('0');

    // An execution reaches the activity: its task waits for a worker, live on the list.
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn,
        name: 'order-42',
        input: JSON.stringify({ order: 42 }),
      }),
    );
    await expect.poll(() => row.locator('[data-role=scheduled-count]').textContent()).toBe('1');
    await row.locator('[data-role=activity-link]').click();
    await page.locator('[data-page=activity][data-loaded=true]').waitFor();
    expect(await page.locator('h1').textContent()).toBe('workers');
    const scheduled = page.locator(`[data-role=scheduled] tr[data-execution="${executionArn}"]`);
    await scheduled.waitFor();
    const [cells] = await rows(page, 'scheduled');
    expect(cells?.[0]).toBe('order-42');
    expect(cells?.[1]).toBe('Work');
    expect(cells?.[2]).toBe('{"order":42}');
    expect(cells?.[3]).toMatch(/ ago$/);
    expect(cells?.[4]).toMatch(/^in (9|10) min/);
    expect(cells?.[5]).toMatch(/^AQCLoc…#[0-9a-f]{12}$/);
    expect(await rows(page, 'started')).toEqual([['No task is with a worker.']]);
    expect(await rows(page, 'polls')).toEqual([['No worker is polling now (GetActivityTask).']]);
    // Nobody can answer a task no worker took (on AWS its token reaches no one before
    // GetActivityTask): it is not among the pending callbacks, nor in their count.
    expect(await pendingTokens(page)).toEqual([]);
    expect(await pendingCount(page)).toBe(0);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await shot(page, 'activity-scheduled');

    // The keyboard is on the task's execution link when the live stream redraws the tables.
    await scheduled.locator('[data-role=execution]').focus();

    // A worker takes it: the page shows it taken by that worker, its heartbeat clock running.
    const task = await sfn.send(
      new GetActivityTaskCommand({ activityArn, workerName: 'worker-1' }),
    );
    expect(JSON.parse(task.input as string)).toEqual({ order: 42 });
    const taken = page.locator('[data-role=started] tr[data-worker=worker-1]');
    await taken.waitFor();
    const [started] = await rows(page, 'started');
    expect(started?.slice(0, 3)).toEqual(['order-42', 'Work', 'worker-1']);
    expect(started?.[3]).toMatch(/ ago$/);
    expect(started?.[4]).toMatch(/^in (1 min 5\d s|2 min 00 s)$/);
    expect(started?.[5]).toMatch(/^in (9|10) min/);
    expect(await rows(page, 'scheduled')).toEqual([['No task waits for a worker.']]);
    // Taken, it waits for an answer: a pending callback now, answerable from the console too.
    await expect.poll(() => pendingTokens(page)).toHaveLength(1);
    expect(await pendingCount(page)).toBe(1);
    await expect.poll(() => page.locator('[data-role=callbacks-badge]').textContent()).toBe('1');
    // The focus followed the task to its new row instead of falling back to the page.
    expect(
      await taken
        .locator('[data-role=execution]')
        .evaluate((link) => link === link.ownerDocument.activeElement),
    ).toBe(true);

    // Another worker polls and finds nothing: its poll is held open, and shows.
    const abandoned = new AbortController();
    const held = sfn
      .send(new GetActivityTaskCommand({ activityArn, workerName: 'worker-2' }), {
        abortSignal: abandoned.signal,
      })
      .catch((error: unknown) => error);
    await page.locator('[data-role=polls] tr[data-worker=worker-2]').waitFor();
    const [poll] = await rows(page, 'polls');
    expect(poll?.[0]).toBe('worker-2');
    expect(poll?.[2]).toMatch(/^in (2\d|30)\.\d s$/);

    // The token is a bearer credential: the page holds it redacted only.
    expect(await page.content()).not.toMatch(FULL_TOKEN);
    expect(await page.content()).not.toContain(task.taskToken);
    const answer = await page.evaluate(async () => (await fetch('/console/api/activities')).text());
    expect(answer).not.toContain(task.taskToken);
    expect(answer).toContain('worker-1');
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await shot(page, 'activity-taken-and-polling');

    // The worker answers: the task leaves the page; the list counts follow.
    await sfn.send(
      new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{"shipped":true}' }),
    );
    expect((await waitForEnd(sfn, executionArn as string)).status).toBe('SUCCEEDED');
    await expect.poll(() => rows(page, 'started')).toEqual([['No task is with a worker.']]);
    expect(await rows(page, 'scheduled')).toEqual([['No task waits for a worker.']]);
    await page.locator('a.back').click();
    await page.locator('[data-page=activities][data-loaded=true]').waitFor();
    expect(await row.locator('[data-role=started-count]').textContent()).toBe('0');
    expect(await row.locator('[data-role=polling-count]').textContent()).toBe('1 (worker-2)');
    await shot(page, 'activities-list-work');

    // Deleting the activity ends the held poll with no task (AWS's answer: no token).
    await row.locator('[data-role=delete-activity]').click();
    await page.locator('[data-role=no-activities]').waitFor();
    const ended = await held;
    expect((ended as { taskToken?: string }).taskToken).toBeUndefined();
    abandoned.abort();
    expect(await violations()).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
