import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, openPage, shot } from '../../support/console-page.js';
import { consoleSession } from '../../support/console-session.js';
import { editorNodeNames, editorText, setDefinition } from '../../support/definition-editor.js';
import { seriousAccessibilityFindings } from '../../support/page-checks.js';

// The console as a workbench, in a real browser: `serve` with no app, a state machine
// written, validated, created, updated and deleted from the page, under the console's
// Content-Security-Policy as served. Each test writes a screenshot to tests/e2e/screenshots/.

const session = consoleSession();

/** The class of the focused element (read in the page; Node has no `document`). */
const focusedClass = (page: Page) =>
  page.evaluate(
    'document.activeElement ? document.activeElement.className : ""',
  ) as Promise<string>;

const TWO_STATES = JSON.stringify(
  {
    StartAt: 'First',
    States: {
      First: { Type: 'Pass', Next: 'Second' },
      Second: { Type: 'Succeed' },
    },
  },
  null,
  2,
);

/** Refused by AWS twice: a Next to no state, and a state nothing reaches. */
const REFUSED = JSON.stringify(
  {
    StartAt: 'First',
    States: {
      First: { Type: 'Pass', Next: 'Nowhere' },
      Orphan: { Type: 'Succeed' },
    },
  },
  null,
  2,
);

describe('serve with no app: a state machine written from the page', () => {
  it('serves the page with a fresh style nonce in its policy and in the page', async () => {
    const first = await fetch(session.serve.consoleUrl as string, { redirect: 'manual' });
    const cookie = first.headers.get('set-cookie')?.split(';')[0] ?? '';
    const load = () => fetch(`${session.serve.endpointUrl}/console/`, { headers: { cookie } });
    const [a, b] = [await load(), await load()];
    const nonceOf = (policy: string | null) => /'nonce-([^']+)'/.exec(policy ?? '')?.[1];
    const nonce = nonceOf(a.headers.get('content-security-policy'));
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{24}$/);
    expect(await a.text()).toContain(`<meta name="csp-nonce" content="${nonce}" />`);
    expect(nonceOf(b.headers.get('content-security-policy'))).not.toBe(nonce);
    expect(a.headers.get('content-security-policy')).toContain("script-src 'self';");
  });

  it('from an empty list, writes a definition with its graph and AWS diagnostics, refuses what AWS refuses, creates, updates and deletes it', async () => {
    const { page, problems, violations } = await openPage(session.browser);
    await page.goto(session.serve.consoleUrl as string);
    await page.locator('[data-role=no-state-machines]').waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await shot(page, 'workbench-empty-list');

    await page.locator('[data-role=new-state-machine]').click();
    await page.locator('[data-page=definition] .cm-editor').waitFor();
    await page.locator('[data-role=no-diagnostics]').waitFor();
    expect(await editorNodeNames(page)).toEqual(['Hello']);

    // The name: refused as you type, by the endpoint's own rule.
    const name = page.locator('input[name=machine-name]');
    const create = page.locator('[data-role=create]');
    await name.fill('has space');
    expect(await page.locator('[data-role=name-message]').textContent()).toBe('No whitespace.');
    expect(await create.isDisabled()).toBe(true);
    await name.fill('orders/v2');
    expect(await page.locator('[data-role=name-message]').textContent()).toBe(
      'The character / is not allowed.',
    );
    await name.fill('Orders');
    expect(await create.isDisabled()).toBe(false);

    // Not JSON: where it stops, in the editor (a lint mark) and below.
    await setDefinition(page, '{\n  "StartAt": "First",\n  "States": {\n');
    await page.locator('[data-role=diagnostic]', { hasText: 'Not JSON' }).waitFor();
    await page.locator('.cm-lint-marker-error').first().waitFor();
    await shot(page, 'workbench-not-json');

    // AWS refuses: every diagnostic, on its state in the graph, and nothing is created.
    await setDefinition(page, REFUSED);
    await page.locator('[data-role=diagnostic]', { hasText: 'Nowhere' }).waitFor();
    const diagnostics = await page.locator('[data-role=diagnostic]').allTextContents();
    expect(diagnostics.length).toBeGreaterThanOrEqual(2);
    expect(diagnostics.join('\n')).toMatch(/Orphan/);
    await expect.poll(() => page.locator('g.node.has-problem[data-state="First"]').count()).toBe(1);
    await create.click();
    await expect
      .poll(() => page.locator('[data-role=editor-status]').textContent())
      .toMatch(/Not sent: AWS would refuse/);
    expect((await api(page, 'ListStateMachines')).stateMachines).toEqual([]);
    expect(await editorText(page)).toBe(REFUSED);
    // A diagnostic takes the cursor to its line.
    await page.locator('[data-role=diagnostic]', { hasText: 'Nowhere' }).click();
    expect(await page.locator('.cm-activeLine').textContent()).toContain('Nowhere');
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await shot(page, 'workbench-refused');

    // Accepted: the graph redrawn as typed, then created.
    await setDefinition(page, TWO_STATES);
    await page.locator('[data-role=no-diagnostics]').waitFor();
    await expect.poll(() => editorNodeNames(page)).toEqual(['First', 'Second']);
    expect(await page.locator('g.node.has-problem').count()).toBe(0);
    await shot(page, 'workbench-new');
    await create.click();
    await page.waitForURL(/#\/editor\/arn/);
    await page.locator('h1', { hasText: 'Edit Orders' }).waitFor();
    await expect.poll(() => editorText(page)).toBe(TWO_STATES);
    const [machine] = (await api(page, 'ListStateMachines')).stateMachines as {
      stateMachineArn: string;
      name: string;
    }[];
    expect(machine?.name).toBe('Orders');

    // A request that fails keeps the text.
    const edited = TWO_STATES.replace('"Second"', '"Done"').replace('"Second"', '"Done"');
    await setDefinition(page, edited);
    await expect.poll(() => editorNodeNames(page)).toEqual(['First', 'Done']);
    await page.route(`${session.serve.endpointUrl}/`, (route) =>
      route.request().headers()['x-amz-target'] === 'AWSStepFunctions.UpdateStateMachine'
        ? route.fulfill({
            status: 500,
            contentType: 'application/x-amz-json-1.0',
            body: JSON.stringify({ __type: 'ServiceUnavailable', message: 'try again' }),
          })
        : route.continue(),
    );
    await page.locator('[data-role=update]').click();
    await expect
      .poll(() => page.locator('[data-role=editor-status]').textContent())
      .toMatch(/Update failed — ServiceUnavailable: try again\. Your text is kept/);
    expect(await editorText(page)).toBe(edited);
    await page.unroute(`${session.serve.endpointUrl}/`);

    // Update: a new revision, read back through the API.
    await page.locator('[data-role=update]').click();
    await expect
      .poll(() => page.locator('[data-role=editor-status]').textContent())
      .toMatch(/^Updated: new revision \S+/);
    const described = await api(page, 'DescribeStateMachine', {
      stateMachineArn: machine?.stateMachineArn,
    });
    expect(JSON.parse(described.definition as string)).toEqual(JSON.parse(edited));
    // Update and publish a version with it (UpdateStateMachine's `publish`).
    await setDefinition(page, TWO_STATES);
    await page.locator('[data-role=no-diagnostics]').waitFor();
    await page.locator('[data-role=publish-version]').check();
    await page.locator('[data-role=update]').click();
    await expect
      .poll(() => page.locator('[data-role=editor-status]').textContent())
      .toMatch(/^Updated: new revision \S+; version 1 published\.$/);
    const versions = await api(page, 'ListStateMachineVersions', {
      stateMachineArn: machine?.stateMachineArn,
    });
    expect(versions.stateMachineVersions).toEqual([
      expect.objectContaining({ stateMachineVersionArn: `${machine?.stateMachineArn}:1` }),
    ]);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await shot(page, 'workbench-edit');

    // Delete: asks once more, then back to the (empty) list.
    await page.locator('[data-role=delete]').click();
    expect(await page.locator('[data-role=delete]').textContent()).toMatch(/click again/);
    await page.locator('[data-role=delete]').click();
    await page.locator('[data-role=no-state-machines]').waitFor();
    expect((await api(page, 'ListStateMachines')).stateMachines).toEqual([]);

    expect(await violations()).toEqual([]);
    expect(problems.filter((p) => !p.includes('500'))).toEqual([]);
    await page.close();
  });

  it('the policy is enforced and heard: a style without the nonce is refused and recorded', async () => {
    const { page, violations } = await openPage(session.browser);
    await page.goto(session.serve.consoleUrl as string);
    await page.locator('[data-role=no-state-machines]').waitFor();
    await page.evaluate(
      'document.head.appendChild(Object.assign(document.createElement("style"), { textContent: "body { color: red }" }))',
    );
    await expect
      .poll(violations)
      .toEqual([expect.stringMatching(/^style-src-elem blocked inline/)]);
    await page.close();
  });

  it('the editor works from the keyboard alone: Tab in, type, Escape then Tab out', async () => {
    const { page, violations } = await openPage(session.browser);
    await page.goto(session.serve.consoleUrl as string);
    await page.locator('[data-role=new-state-machine]').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-page=definition] .cm-editor').waitFor();
    await page.locator('input[name=machine-name]').focus();
    // Type, role, the JSON / YAML switch (one stop for the group), then the editor's
    // scroller and its text.
    for (let i = 0; i < 5; i += 1) await page.keyboard.press('Tab');
    expect(await focusedClass(page)).toContain('cm-content');
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('x');
    await page.locator('[data-role=diagnostic]', { hasText: 'Not JSON' }).waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await focusedClass(page)).not.toContain('cm-content');
    expect(await violations()).toEqual([]);
    await page.close();
  });

  it('tests a state with input, variables, a mock and an inspection level, the data flow laid out', async () => {
    const { page, problems, violations } = await openPage(session.browser);
    await page.goto(`${session.serve.consoleUrl as string}`);
    await page.locator('[data-role=no-state-machines]').waitFor();
    await page.goto(`${session.serve.endpointUrl}/console/#/test-state`);
    await page.locator('[data-page=test-state] .cm-editor').waitFor();
    await page.locator('[data-role=run-test]').click();
    await page.locator('[data-role=test-answer]').waitFor();
    expect(await page.locator('[data-role=test-status]').textContent()).toBe('SUCCEEDED');
    expect(await page.locator('[data-step=afterParameters]').textContent()).toContain(
      '"greeting": "Hello, world"',
    );
    expect(await page.locator('[data-role=test-answer]').textContent()).toContain('"said"');

    // A Task answered by a mock, with a variable, at INFO: no inspection data.
    await setDefinition(
      page,
      JSON.stringify({
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Arguments: { FunctionName: 'f', Payload: '{% $who %}' },
        QueryLanguage: 'JSONata',
        End: true,
      }),
    );
    await page.locator('textarea[name=test-variables]').fill('{"who": "ann"}');
    await page.locator('textarea[name=test-mock-result]').fill('{"Payload": {"ok": true}}');
    await page.locator('select[name=test-inspection-level]').selectOption('INFO');
    await page.locator('[data-role=run-test]').click();
    await expect
      .poll(() => page.locator('[data-role=test-answer]').textContent())
      .toContain('"ok": true');
    expect(await page.locator('[data-role=inspection]').count()).toBe(0);

    // At DEBUG, the arguments show the variable's value.
    await page.locator('select[name=test-inspection-level]').selectOption('DEBUG');
    await page.locator('[data-role=run-test]').click();
    await expect
      .poll(() => page.locator('[data-step=afterArguments]').textContent())
      .toContain('"Payload": "ann"');
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await shot(page, 'workbench-test-state');

    // A request TestState refuses: said, and the definition stays.
    await page.locator('input[name=test-state-name]').fill('NoSuchState');
    await page.locator('[data-role=run-test]').click();
    await expect
      .poll(() => page.locator('[data-role=test-status-line]').textContent())
      .toMatch(/^TestState refused the request — /);
    expect(await editorText(page)).toContain('lambda:invoke');
    expect(await violations()).toEqual([]);
    expect(problems.filter((p) => !p.includes('400'))).toEqual([]);
    await page.close();
  });

  it('lists the executions of every state machine, filters them by status, name and time, and stops one', async () => {
    const { page, problems, violations } = await openPage(session.browser);
    await page.goto(session.serve.consoleUrl as string);
    await page.locator('[data-role=no-state-machines]').waitFor();
    const role = 'arn:aws:iam::000000000000:role/sfn-callback-local';
    const quick = (await api(page, 'CreateStateMachine', {
      name: 'Quick',
      roleArn: role,
      definition: JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }),
    })) as { stateMachineArn: string };
    const slow = (await api(page, 'CreateStateMachine', {
      name: 'Slow',
      roleArn: role,
      definition: JSON.stringify({
        StartAt: 'W',
        States: { W: { Type: 'Wait', Seconds: 3600, End: true } },
      }),
    })) as { stateMachineArn: string };
    for (const name of ['order-1', 'order-2', 'refund-1'])
      await api(page, 'StartExecution', { stateMachineArn: quick.stateMachineArn, name });
    await api(page, 'StartExecution', { stateMachineArn: slow.stateMachineArn, name: 'waiting-1' });

    await page.goto(`${session.serve.endpointUrl}/console/#/executions`);
    await page.locator('[data-page=executions][data-loaded=true]').waitFor();
    const names = () =>
      page
        .locator('[data-role=all-executions] tbody tr[data-execution]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-execution')));
    await expect
      .poll(async () => (await names()).sort())
      .toEqual(['order-1', 'order-2', 'refund-1', 'waiting-1']);
    expect(await page.locator('tr[data-execution=waiting-1]').textContent()).toContain('Slow');

    await page.locator('select[name=executions-status]').selectOption('RUNNING');
    await expect.poll(names).toEqual(['waiting-1']);
    await page.locator('select[name=executions-status]').selectOption('');
    await expect.poll(async () => (await names()).length).toBe(4);

    await page.locator('input[name=executions-search]').fill('order');
    expect((await names()).sort()).toEqual(['order-1', 'order-2']);
    await page.locator('input[name=executions-search]').fill('');
    await page.locator('input[name=executions-after]').fill('2999-01-01T00:00:00');
    expect(await names()).toEqual([]);
    await page.locator('[data-role=no-executions]').waitFor();
    await page.locator('input[name=executions-after]').fill('2000-01-01T00:00:00');
    expect((await names()).length).toBe(4);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await shot(page, 'workbench-executions');

    await page.locator('tr[data-execution=waiting-1] [data-role=stop-execution]').click();
    await expect
      .poll(() => page.locator('tr[data-execution=waiting-1] .status').textContent())
      .toBe('ABORTED');
    expect(await page.locator('[data-role=stop-execution]').count()).toBe(0);
    expect(await violations()).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws a caught Map as caught, its failed item state as failed, and a state run three times with ×3', async () => {
    const { page, problems, violations } = await openPage(session.browser);
    await page.goto(session.serve.consoleUrl as string);
    await page.locator('[data-page=state-machines]').waitFor();
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Start',
      States: {
        Start: { Type: 'Pass', Assign: { n: 0 }, Next: 'Count' },
        Count: { Type: 'Pass', Assign: { n: '{% $n + 1 %}' }, Next: 'Again?' },
        'Again?': {
          Type: 'Choice',
          Choices: [{ Condition: '{% $n < 3 %}', Next: 'Count' }],
          Default: 'Items',
        },
        Items: {
          Type: 'Map',
          Items: [1, 2],
          ItemProcessor: {
            ProcessorConfig: { Mode: 'INLINE' },
            StartAt: 'Boom',
            States: { Boom: { Type: 'Fail', Error: 'Boom', Cause: 'every item fails' } },
          },
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handled' }],
          End: true,
        },
        Handled: { Type: 'Pass', End: true },
      },
    };
    const machine = (await api(page, 'CreateStateMachine', {
      name: 'CaughtMap',
      roleArn: 'arn:aws:iam::000000000000:role/sfn-callback-local',
      definition: JSON.stringify(definition),
    })) as { stateMachineArn: string };
    const started = (await api(page, 'StartExecution', {
      stateMachineArn: machine.stateMachineArn,
      name: 'caught-map',
    })) as { executionArn: string };
    await page.goto(
      `${session.serve.endpointUrl}/console/#/executions/${encodeURIComponent(started.executionArn)}`,
    );
    await page.locator('[data-role=execution-status].status-succeeded').waitFor();
    const statusOf = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => [...el.classList].find((c) => c.startsWith('status-')) ?? 'none');
    await expect.poll(() => statusOf('svg.graph g[data-group="Items"]')).toBe('status-caught');
    expect(await statusOf('svg.graph g.node[data-state="Boom"]')).toBe('status-failed');
    expect(await statusOf('svg.graph g.node[data-state="Handled"]')).toBe('status-succeeded');
    expect(await statusOf('svg.graph g.node[data-state="Count"]')).toBe('status-succeeded');
    expect(
      await page.locator('svg.graph g.node[data-state="Count"] text.entries').textContent(),
    ).toBe('×3');
    expect(await page.locator('svg.graph g.node[data-state="Start"] text.entries').count()).toBe(0);
    // The graph's states are buttons for the keyboard: Tab to one, Enter shows its details.
    await page.locator('svg.graph g.node[data-state="Boom"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.step-panel h3').textContent()).toBe('Boom');
    expect(await page.locator('.step-panel').textContent()).toContain('entered 2 times');
    await shot(page, 'workbench-caught-map');
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    expect(await violations()).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lists more executions than one page: the newest first, then all, 200 rows drawn and more on demand', async () => {
    const { page, problems } = await openPage(session.browser);
    await page.goto(session.serve.consoleUrl as string);
    await page.locator('[data-page=state-machines]').waitFor();
    const machine = (await api(page, 'CreateStateMachine', {
      name: 'Bulk',
      roleArn: 'arn:aws:iam::000000000000:role/sfn-callback-local',
      definition: JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }),
    })) as { stateMachineArn: string };
    await page.evaluate(
      async ([arn]) => {
        for (let i = 0; i < 250; i += 1)
          await fetch('/', {
            method: 'POST',
            headers: {
              'Content-Type': 'application/x-amz-json-1.0',
              'X-Amz-Target': 'AWSStepFunctions.StartExecution',
            },
            body: JSON.stringify({ stateMachineArn: arn, name: `bulk-${i}` }),
          });
      },
      [machine.stateMachineArn] as const,
    );
    await page.goto(`${session.serve.endpointUrl}/console/#/executions`);
    await page.locator('[data-page=executions][data-loaded=true]').waitFor();
    await page.locator('input[name=executions-search]').fill('bulk-');
    const summary = await page.locator('[data-role=executions-summary]').textContent();
    expect(summary).toMatch(/^250 of \d+ executions$/);
    expect(Number(summary?.split(' ')[2])).toBeGreaterThanOrEqual(250);
    const rows = page.locator('[data-role=all-executions] tbody tr[data-execution]');
    expect(await rows.count()).toBe(200);
    expect(await rows.first().getAttribute('data-execution')).toBe('bulk-249');
    await page.locator('[data-role=show-more]').click();
    expect(await rows.count()).toBe(250);
    expect(await rows.last().getAttribute('data-execution')).toBe('bulk-0');
    expect(problems).toEqual([]);
    await page.close();
  });
});
