import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, openPage, shot } from '../../support/console-page.js';
import { consoleSession } from '../../support/console-session.js';
import { seriousAccessibilityFindings } from '../../support/page-checks.js';

// Redrive from the console, in a real browser under the console's policy as served: from the
// execution page and from the Executions list, through RedriveExecution. Each test writes a
// screenshot to tests/e2e/screenshots/.

const ROLE = 'arn:aws:iam::000000000000:role/sfn-callback-local';

/** Fails on its first run and succeeds once redriven (`RedriveCount` is 0, then 1). */
const FAILS_UNTIL_REDRIVEN = JSON.stringify({
  QueryLanguage: 'JSONata',
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Pass', Output: { prepared: true }, Next: 'Check' },
    Check: {
      Type: 'Pass',
      Output:
        '{% $states.context.Execution.RedriveCount = 0 ? $error("not yet") : {"attempt": $states.context.Execution.RedriveCount} %}',
      End: true,
    },
  },
});

const session = consoleSession();

/** Starts an execution and waits for it to end (DescribeExecution until not RUNNING). */
async function ranToEnd(page: Page, stateMachineArn: string, name: string): Promise<string> {
  const { executionArn } = (await api(page, 'StartExecution', { stateMachineArn, name })) as {
    executionArn: string;
  };
  await expect
    .poll(async () => (await api(page, 'DescribeExecution', { executionArn })).status)
    .not.toBe('RUNNING');
  return executionArn;
}

const executionUrl = (arn: string) =>
  `${session.serve.endpointUrl}/console/#/executions/${encodeURIComponent(arn)}`;

describe('redrive from the console', () => {
  let failing: string;
  let plain: string;

  it('redrives a failed execution from its page: the button, then SUCCEEDED with its redrive count and date', async () => {
    const { page, problems, violations } = await openPage(session.browser);
    await page.goto(session.serve.consoleUrl as string);
    await page.locator('[data-page=state-machines]').waitFor();
    failing = (
      (await api(page, 'CreateStateMachine', {
        name: 'FailsUntilRedriven',
        roleArn: ROLE,
        definition: FAILS_UNTIL_REDRIVEN,
      })) as { stateMachineArn: string }
    ).stateMachineArn;
    const arn = await ranToEnd(page, failing, 'first-run');

    await page.goto(executionUrl(arn));
    await page.locator('[data-role=execution-status].status-failed').waitFor();
    expect(await page.locator('[data-role=redrive-count]').textContent()).toBe('0');
    expect(await page.locator('[data-role=redrive-status]').textContent()).toBe('REDRIVABLE');
    const redrive = page.locator('[data-role=redrive]');
    expect(await redrive.isVisible()).toBe(true);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await shot(page, 'redrive-failed-execution');

    await redrive.click();
    await page.locator('[data-role=execution-status].status-succeeded').waitFor();
    await expect.poll(() => page.locator('[data-role=redrive-count]').textContent()).toBe('1');
    expect(await page.locator('[data-role=redrive-message]').textContent()).toBe(
      'Redrove first-run.',
    );
    expect(await redrive.isVisible()).toBe(false);
    // The history continued after ExecutionRedriven, and `Prepare` did not run again.
    const history = (await api(page, 'GetExecutionHistory', { executionArn: arn })) as {
      events: { type: string }[];
    };
    const types = history.events.map((e) => e.type);
    expect(types).toContain('ExecutionRedriven');
    expect(types.at(-1)).toBe('ExecutionSucceeded');
    expect(types.filter((t) => t === 'PassStateEntered').length).toBe(3);
    const output = await page.locator('[data-role=execution-output]').textContent();
    expect(output).toContain('"attempt"');
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await shot(page, 'redrive-redriven-execution');
    expect(await violations()).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('offers no Redrive for a SUCCEEDED execution, and shows why it cannot be redriven', async () => {
    const { page, problems } = await openPage(session.browser);
    await page.goto(session.serve.consoleUrl as string);
    await page.locator('[data-page=state-machines]').waitFor();
    plain = (
      (await api(page, 'CreateStateMachine', {
        name: 'JustPasses',
        roleArn: ROLE,
        definition: JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }),
      })) as { stateMachineArn: string }
    ).stateMachineArn;
    const arn = await ranToEnd(page, plain, 'passes');
    await page.goto(executionUrl(arn));
    await page.locator('[data-role=execution-status].status-succeeded').waitFor();
    expect(await page.locator('[data-role=redrive-status]').textContent()).toBe('NOT_REDRIVABLE');
    expect(await page.locator('[data-role=redrive-status-reason]').textContent()).toMatch(
      /SUCCEEDED/,
    );
    expect(await page.locator('[data-role=redrive]').isVisible()).toBe(false);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows AWS refusing to redrive a failed execution whose state machine was deleted', async () => {
    const { page, problems } = await openPage(session.browser);
    await page.goto(session.serve.consoleUrl as string);
    await page.locator('[data-page=state-machines]').waitFor();
    const doomed = (
      (await api(page, 'CreateStateMachine', {
        name: 'DeletedAfterFailing',
        roleArn: ROLE,
        definition: JSON.stringify({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E' } } }),
      })) as { stateMachineArn: string }
    ).stateMachineArn;
    const arn = await ranToEnd(page, doomed, 'orphaned');
    await api(page, 'DeleteStateMachine', { stateMachineArn: doomed });
    const refused = (await api(page, 'RedriveExecution', { executionArn: arn })) as {
      __type?: string;
      message?: string;
    };
    expect(refused.__type).toMatch(/ExecutionNotRedrivable$/);
    await page.goto(executionUrl(arn));
    await page.locator('[data-role=execution-status].status-failed').waitFor();
    await page.locator('[data-role=redrive]').click();
    await expect
      .poll(() => page.locator('[data-role=redrive-message]').textContent())
      .toBe(`Redrive failed — ExecutionNotRedrivable: ${refused.message}`);
    expect(await page.locator('[data-role=redrive-message]').getAttribute('class')).toContain(
      'error-text',
    );
    // The graph is the definition the execution ran, its state machine gone or not.
    await page.locator('svg.graph g.node[data-state="F"].status-failed').waitFor();
    await shot(page, 'redrive-refused');
    // The two refusals (the call above and the button's) are the only errors the browser saw.
    expect(problems).toEqual([
      'console error: Failed to load resource: the server responded with a status of 400 (Bad Request)',
      'console error: Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
    await page.close();
  });

  it('redrives from the Executions list, with no Redrive on a SUCCEEDED row (one redriven included)', async () => {
    const { page, problems, violations } = await openPage(session.browser);
    await page.goto(session.serve.consoleUrl as string);
    await page.locator('[data-page=state-machines]').waitFor();
    await ranToEnd(page, failing, 'from-the-list');
    await page.goto(`${session.serve.endpointUrl}/console/#/executions`);
    await page.locator('[data-page=executions][data-loaded=true]').waitFor();
    const row = (name: string) =>
      page.locator(`[data-role=all-executions] tr[data-execution="${name}"]`);
    expect(await row('passes').locator('[data-role=redrive-execution]').count()).toBe(0);
    expect(await row('first-run').locator('[data-role=redrive-execution]').count()).toBe(0);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await shot(page, 'redrive-executions-list');
    await row('from-the-list').locator('[data-role=redrive-execution]').click();
    await expect
      .poll(() => page.locator('[data-role=executions-summary]').textContent())
      .toMatch(/Redrove from-the-list\./);
    await expect
      .poll(() => row('from-the-list').locator('.status').textContent())
      .toBe('SUCCEEDED');
    expect(await violations()).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
