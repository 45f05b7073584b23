import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthLongHistory } from '../../../bench/fixtures/long-history-app.js';
import { LocalRunner } from '../../../src/index.js';
import { launchBrowser, SCREENSHOTS, type TestBrowser } from '../../support/browser.js';
import { removeExamples, synthExample } from '../../support/example-app.js';
import { seriousAccessibilityFindings } from '../../support/page-checks.js';
import { type ServeProcess, startServe } from '../../support/serve-process.js';

// The console in a real browser (Debian's chromium, driven by playwright-core), end to end
// through the example app served by the built `sfn-callback-local serve`. Each test writes a
// screenshot of its page to tests/e2e/screenshots/.

const STATES = ['Start Task And Wait For Callback', 'Notify Success', 'Notify Failure', 'Fail'];
const CALLBACK = 'Start Task And Wait For Callback';
const FULL_TOKEN = /AQCLocal[0-9a-z]+\.[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}/;

let assembly: string;
let browser: TestBrowser;

beforeAll(async () => {
  assembly = synthExample();
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  removeExamples();
});

/** A new page that fails the test on any script error or refused resource. */
async function openPage(): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  return { page, problems };
}

/**
 * Writes the page's screenshot (the mouse moved away, so that no hover shows), and checks
 * the page as shown with axe-core: no serious nor critical accessibility finding.
 */
async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage });
  expect(await seriousAccessibilityFindings(page), `accessibility of ${name}`).toEqual([]);
}

/** The status class of a state's node in the graph (`status-succeeded` …). */
const nodeStatus = (page: Page, state: string) =>
  page
    .locator(`svg.graph g.node[data-state="${state}"]`)
    .first()
    .evaluate((el) => [...el.classList].find((c) => c.startsWith('status-')) ?? 'none');

/** Opens the example's state machine from the list. */
async function openStateMachine(page: Page, serve: ServeProcess): Promise<void> {
  await page.goto(serve.consoleUrl as string);
  // The secret left the address bar for a cookie.
  expect(page.url()).not.toContain('secret');
  await page.locator('[data-role=state-machine-link]').first().click();
  await page.locator('svg.graph g.node[data-state]').first().waitFor();
}

/** Starts an execution from the dialog; resolves on its page. */
async function startFromDialog(page: Page, name: string, input: string): Promise<void> {
  await page.locator('[data-role=open-start]').click();
  await page.locator('input[name=execution-name]').fill(name);
  await page.locator('textarea[name=execution-input]').fill(input);
  await page.locator('[data-role=start]').click();
  await page.locator('[data-page=execution][data-loaded=true]').waitFor();
}

describe('with the workers: the whole flow of the AWS walkthrough', () => {
  let serve: ServeProcess;
  beforeAll(async () => {
    serve = await startServe(['--app', assembly]);
  });
  afterAll(async () => {
    await serve?.stop('SIGINT');
  });

  it('serve prints the console URL with its secret', () => {
    expect(serve.consoleUrl).toMatch(
      new RegExp(`^${serve.endpointUrl}/console/\\?secret=[A-Za-z0-9_-]{32}$`),
    );
  });

  it('shows the graph with every state, the callback task waiting for a token, beside the definition', async () => {
    const { page, problems } = await openPage();
    await openStateMachine(page, serve);
    const names = await page
      .locator('svg.graph g.node[data-state]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-state')));
    expect(names.sort()).toEqual([...STATES].sort());
    await expect
      .poll(() => page.locator(`g.node.waits-for-token[data-state="${CALLBACK}"]`).count())
      .toBe(1);
    expect(await page.locator('g.edge-catch').count()).toBeGreaterThan(0);
    expect(await page.locator('.definition-json').textContent()).toContain('"StartAt"');
    // Zoom and fit move the drawing.
    const transform = () => page.locator('svg.graph g.viewport').getAttribute('transform');
    const fitted = await transform();
    await page.locator('.graph-toolbar button', { hasText: '+' }).click();
    expect(await transform()).not.toBe(fitted);
    await page.locator('.graph-toolbar button', { hasText: 'Fit' }).click();
    expect(await transform()).toBe(fitted);
    await shot(page, 'state-machine');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('checks the name as you type, starts an execution with a name and input, and watches it succeed', async () => {
    const { page, problems } = await openPage();
    await openStateMachine(page, serve);
    await page.locator('[data-role=open-start]').click();
    const name = page.locator('input[name=execution-name]');
    const start = page.locator('[data-role=start]');
    await name.fill('has space');
    expect(await page.locator('[data-role=name-message]').textContent()).toBe('No whitespace.');
    expect(await start.isDisabled()).toBe(true);
    await name.fill('a'.repeat(81));
    expect(await page.locator('[data-role=name-message]').textContent()).toMatch(/At most 80/);
    await name.fill('order-42');
    await page.locator('textarea[name=execution-input]').fill('{"orderId": 42');
    expect(await page.locator('[data-role=execution-input-message]').textContent()).toMatch(
      /^Not JSON/,
    );
    expect(await start.isDisabled()).toBe(true);
    await shot(page, 'start-dialog');
    await page.locator('textarea[name=execution-input]').fill('{"orderId": 42}');
    expect(await start.isDisabled()).toBe(false);
    await start.click();
    await page.locator('[data-page=execution][data-loaded=true]').waitFor();
    await page.locator('[data-role=execution-status].status-succeeded').waitFor();
    expect(await page.locator('h1').textContent()).toBe('order-42');
    await expect.poll(() => nodeStatus(page, CALLBACK)).toBe('status-succeeded');
    expect(await nodeStatus(page, 'Notify Success')).toBe('status-succeeded');
    expect(await nodeStatus(page, 'Notify Failure')).toBe('status-not-run');
    expect(await page.locator('[data-role=execution-output]').textContent()).toContain(
      'Callback task completed successfully.',
    );
    // A state's input, output and events on click.
    await page.locator(`svg.graph g.node[data-state="${CALLBACK}"]`).click();
    const panel = page.locator('[data-role=step-panel]');
    await expect.poll(() => panel.textContent()).toContain('TaskSubmitted');
    expect(await panel.textContent()).toContain('"orderId": 42');
    await shot(page, 'execution');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('reads the event view: every event, with its step, resource and expandable details, tokens redacted', async () => {
    const { page, problems } = await openPage();
    await page.goto(`${serve.endpointUrl}/console/`);
    const history = await page.evaluate(async () => {
      interface Answer {
        stateMachines: { stateMachineArn: string }[];
        executions: { name: string; executionArn: string }[];
        events: { id: number; type: string }[];
      }
      const call = async (target: string, body: unknown): Promise<Answer> =>
        (
          await fetch('/', {
            method: 'POST',
            headers: {
              'X-Amz-Target': `AWSStepFunctions.${target}`,
              'Content-Type': 'application/x-amz-json-1.0',
            },
            body: JSON.stringify(body),
          })
        ).json() as Promise<Answer>;
      const { stateMachines } = await call('ListStateMachines', {});
      const { executions } = await call('ListExecutions', {
        stateMachineArn: stateMachines[0]?.stateMachineArn,
      });
      const arn = executions.find((e) => e.name === 'order-42')?.executionArn ?? '';
      return { arn, events: (await call('GetExecutionHistory', { executionArn: arn })).events };
    });
    await page.goto(`${serve.endpointUrl}/console/#/executions/${encodeURIComponent(history.arn)}`);
    await page.locator('[data-page=execution][data-loaded=true]').waitFor();
    await page.locator('[data-role=event-tab]').click();
    const rows = page.locator('[data-role=event-view] tr.event');
    expect(await rows.count()).toBe(history.events.length);
    const scheduled = history.events.find((e) => e.type === 'TaskScheduled');
    const row = page.locator(`tr.event[data-event-id="${scheduled?.id}"]`);
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(1, 4)).toEqual([
      'TaskScheduled',
      CALLBACK,
      'sqs:sendMessage.waitForTaskToken',
    ]);
    expect(Number(cells[4])).toBeGreaterThanOrEqual(0);
    await row.click();
    const details = page.locator('tr.event-details:not([hidden])');
    await details.waitFor();
    expect(await details.textContent()).toMatch(/"TaskToken": "AQCLoc…#[0-9a-f]{12}"/);
    expect(await page.locator('body').textContent()).not.toMatch(FULL_TOKEN);
    await shot(page, 'event-view');
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('with --no-workers: a person answers the callback by a click', () => {
  let serve: ServeProcess;
  beforeAll(async () => {
    serve = await startServe(['--app', assembly, '--no-workers']);
  });
  afterAll(async () => {
    await serve?.stop('SIGINT');
  });

  async function answer(page: Page, execution: string, button: 'send-success' | 'send-failure') {
    await page.locator('nav a', { hasText: 'Pending callbacks' }).click();
    const card = page.locator(`article.callback[data-execution$=":${execution}"]`);
    await card.waitFor();
    expect(await card.getAttribute('data-state')).toBe(CALLBACK);
    const token = card.locator('[data-role=token]');
    expect(await token.textContent()).toMatch(/^AQCLoc…#[0-9a-f]{12}$/);
    await card.locator('[data-role=reveal]').click();
    expect(await token.textContent()).toMatch(FULL_TOKEN);
    await card.locator('[data-role=reveal]').click();
    expect(await token.textContent()).not.toMatch(FULL_TOKEN);
    expect(await card.textContent()).toContain('Times out');
    expect(await card.textContent()).toContain('Heartbeat due');
    await shot(page, `callbacks-${button}`);
    await card.locator(`[data-role=${button}]`).click();
    await expect.poll(() => card.locator('[data-role=send-result]').textContent()).toMatch(/done/);
  }

  it('Send task success: the execution succeeds and Notify Success publishes', async () => {
    const { page, problems } = await openPage();
    await openStateMachine(page, serve);
    await startFromDialog(page, 'by-hand-ok', '{"orderId": 7}');
    await expect.poll(() => nodeStatus(page, CALLBACK)).toBe('status-in-progress');
    expect(await page.locator('[data-role=execution-status]').textContent()).toBe('RUNNING');
    await expect.poll(() => page.locator('[data-role=callbacks-badge]').textContent()).toBe('1');
    await shot(page, 'execution-waiting');
    await answer(page, 'by-hand-ok', 'send-success');
    // Back from the callbacks to the execution, which went on live.
    await page.goBack();
    await page.locator('[data-role=execution-status].status-succeeded').waitFor();
    await expect.poll(() => nodeStatus(page, 'Notify Success')).toBe('status-succeeded');
    await page.locator('nav a', { hasText: 'Notifications' }).click();
    const notification = page.locator('[data-role=notifications] tr.notification', {
      hasText: 'by-hand-ok',
    });
    await notification.waitFor();
    expect(await notification.textContent()).toContain('Notify Success');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('Send task failure: the Catch takes over, Notify Failure publishes, the execution fails', async () => {
    const { page, problems } = await openPage();
    await openStateMachine(page, serve);
    await startFromDialog(page, 'by-hand-fail', '{"orderId": 8}');
    await answer(page, 'by-hand-fail', 'send-failure');
    // Back from the callbacks to the execution, which went on live to its end.
    await page.goBack();
    await page.locator('[data-role=execution-status].status-failed').waitFor();
    await expect.poll(() => nodeStatus(page, CALLBACK)).toBe('status-caught');
    expect(await nodeStatus(page, 'Notify Failure')).toBe('status-succeeded');
    expect(await nodeStatus(page, 'Fail')).toBe('status-failed');
    expect(await nodeStatus(page, 'Notify Success')).toBe('status-not-run');
    await shot(page, 'execution-failed');
    await page.locator('nav a', { hasText: 'Notifications' }).click();
    const notification = page.locator('[data-role=notifications] tr.notification', {
      hasText: 'by-hand-fail',
    });
    await notification.waitFor();
    expect(await notification.textContent()).toContain('Notify Failure');
    // The queue still holds the two messages nobody received (workers off).
    expect(await page.locator('[data-role=queues]').textContent()).toMatch(/WorkerQueue\w*2/);
    await shot(page, 'notifications');
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('a page of another origin, in the same browser', () => {
  let serve: ServeProcess;
  let evil: Server;
  beforeAll(async () => {
    serve = await startServe(['--app', assembly, '--no-workers']);
    evil = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end('<!doctype html><title>another site</title><p>another site</p>');
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await serve?.stop('SIGINT');
    evil?.closeAllConnections();
    await new Promise((resolve) => evil?.close(resolve));
  });

  it('cannot start an execution nor read the pending tokens, even with the console open in another tab', async () => {
    const { page: consolePage } = await openPage();
    await consolePage.goto(serve.consoleUrl as string);
    const { page } = await openPage();
    await page.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
    const endpoint = serve.endpointUrl;
    const attempts = await page.evaluate(async (target) => {
      const tryFetch = async (url: string, init: RequestInit) => {
        try {
          const response = await fetch(url, init);
          return `status ${response.status}`;
        } catch (error) {
          return `blocked: ${(error as Error).name}`;
        }
      };
      return {
        start: await tryFetch(target, {
          method: 'POST',
          mode: 'no-cors',
          credentials: 'include',
          headers: { 'Content-Type': 'text/plain' },
          body: JSON.stringify({}),
        }),
        pending: await tryFetch(`${target}/console/api/pending`, { credentials: 'include' }),
      };
    }, endpoint);
    // A no-cors POST cannot read its answer (status 0); the cross-origin GET is blocked.
    expect(attempts.start).toMatch(/status 0|blocked/);
    expect(attempts.pending).toMatch(/blocked/);
    // What the server did with them: both refused (counted by no execution started).
    const listed = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'X-Amz-Target': 'AWSStepFunctions.ListStateMachines',
        'Content-Type': 'application/x-amz-json-1.0',
      },
      body: '{}',
    }).then((r) => r.json() as Promise<{ stateMachines: { stateMachineArn: string }[] }>);
    const executions = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'X-Amz-Target': 'AWSStepFunctions.ListExecutions',
        'Content-Type': 'application/x-amz-json-1.0',
      },
      body: JSON.stringify({ stateMachineArn: listed.stateMachines[0]?.stateMachineArn }),
    }).then((r) => r.json() as Promise<{ executions: unknown[] }>);
    expect(executions.executions).toEqual([]);
    await page.close();
    await consolePage.close();
  });

  it('the console without its secret says how to get in', async () => {
    const fresh = await browser.context.browser()?.newContext();
    const page = fresh ? await fresh.newPage() : (await openPage()).page;
    await browser.context.clearCookies();
    await page.goto(`${serve.endpointUrl}/console/`);
    await page.locator('[data-role=no-secret]').waitFor();
    expect(await page.locator('[data-role=no-secret]').textContent()).toContain('needs its secret');
    await shot(page, 'no-secret');
    await page.close();
  });
});

describe('a Map state and a long history', () => {
  it('draws the Map as a group around its state, colours it, and lists all 1,008 events', async () => {
    const runner = await LocalRunner.start({ assembly: synthLongHistory(250) });
    try {
      const execution = await runner.runExecution({});
      expect(execution.events.length).toBeGreaterThanOrEqual(1000);
      const { page, problems } = await openPage();
      await page.goto(runner.serveConsole());
      await page.goto(
        `${runner.endpointUrl}/console/#/executions/${encodeURIComponent(execution.executionArn)}`,
      );
      await page
        .locator(
          `[data-page=execution][data-loaded=true][data-events="${execution.events.length}"]`,
        )
        .waitFor();
      const group = page.locator('svg.graph g.group-map[data-group="Each Item"]');
      expect(await group.count()).toBe(1);
      // The inner state is drawn inside the group's box.
      const box = await group.locator('rect').boundingBox();
      const inner = await page.locator('svg.graph g.node[data-state="Touch Item"]').boundingBox();
      expect(box && inner).toBeTruthy();
      if (box && inner) {
        expect(inner.x).toBeGreaterThanOrEqual(box.x);
        expect(inner.y).toBeGreaterThanOrEqual(box.y);
        expect(inner.x + inner.width).toBeLessThanOrEqual(box.x + box.width);
        expect(inner.y + inner.height).toBeLessThanOrEqual(box.y + box.height);
      }
      expect(await nodeStatus(page, 'Touch Item')).toBe('status-succeeded');
      expect(await nodeStatus(page, 'Each Item')).toBe('status-succeeded');
      await shot(page, 'map-long-history', false);
      await page.locator('[data-role=event-tab]').click();
      expect(await page.locator('[data-role=event-view] tr.event').count()).toBe(
        execution.events.length,
      );
      await page.locator(`tr.event[data-event-id="${execution.events.length}"]`).waitFor();
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await runner.close();
    }
  });
});
