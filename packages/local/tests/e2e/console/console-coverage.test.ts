import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitionHash } from '../../../src/console/coverage-report.js';
import { LocalRunner } from '../../../src/index.js';
import { launchBrowser, SCREENSHOTS, type TestBrowser } from '../../support/browser.js';
import { removeExamples, synthExample } from '../../support/example-app.js';
import { type ServeProcess, startServe } from '../../support/serve-process.js';

// State machine coverage over the console's graph, in a real browser: `serve --coverage`
// with a report in the format @sfn-callback/testing writes, for the example app's state
// machine: its tests took the callback task's first Catch only, never Notify Success.

const CALLBACK = 'Start Task And Wait For Callback';
let assembly: string;
let browser: TestBrowser;
const scratch = mkdtempSync(join(tmpdir(), 'sfn-console-coverage-'));

/** A report as the testing package writes it, over `definition`, with these hits. */
function report(name: string, definition: Record<string, unknown>, hits: Record<string, number>) {
  const items = [
    ['states', `state:${CALLBACK}`, CALLBACK],
    ['errorHandlers', `catch:${CALLBACK}:0`, `${CALLBACK} → Catch[0]`],
    ['errorHandlers', `catch:${CALLBACK}:1`, `${CALLBACK} → Catch[1]`],
    ['states', 'state:Notify Success', 'Notify Success'],
    ['errorHandlers', 'catch:Notify Success:0', 'Notify Success → Catch[0]'],
    ['states', 'state:Notify Failure', 'Notify Failure'],
    ['states', 'state:Fail', 'Fail'],
  ].map(([kind, id, label]) => ({
    id,
    kind,
    state: label?.split(' → ')[0],
    label,
    hits: hits[id as string] ?? 0,
  }));
  const total = (kind: string) => {
    const of = items.filter((i) => i.kind === kind);
    const covered = of.filter((i) => i.hits > 0).length;
    return {
      covered,
      total: of.length,
      pct: of.length ? Math.floor((covered / of.length) * 10000) / 100 : 100,
    };
  };
  const totals = {
    states: total('states'),
    branches: total('branches'),
    errorHandlers: total('errorHandlers'),
  };
  return {
    format: 'sfn-callback-state-machine-coverage',
    version: 1,
    totals,
    machines: [{ name, definitionHash: definitionHash(definition), items, totals }],
  };
}

let covered: string;
let stale: string;
beforeAll(async () => {
  assembly = synthExample();
  const runner = await LocalRunner.start({ assembly, workers: false });
  const machine = runner.model.stateMachines[0];
  await runner.close();
  if (!machine) throw new Error('the example app has no state machine');
  const hits = {
    [`state:${CALLBACK}`]: 3,
    [`catch:${CALLBACK}:0`]: 1,
    'state:Notify Failure': 1,
    'state:Fail': 1,
  };
  covered = join(scratch, 'state-machine-coverage.json');
  writeFileSync(covered, JSON.stringify(report(machine.name, machine.definition, hits)));
  stale = join(scratch, 'stale.json');
  writeFileSync(
    stale,
    JSON.stringify(report(machine.name, { ...machine.definition, Comment: 'older' }, hits)),
  );
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  removeExamples();
  rmSync(scratch, { recursive: true, force: true });
});

async function openGraph(serve: ServeProcess): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(serve.consoleUrl as string);
  await page.locator('[data-role=state-machine-link]').first().click();
  await page.locator('svg.graph g.node[data-state]').first().waitFor();
  return { page, problems };
}

describe('serve --coverage', () => {
  let serve: ServeProcess;
  afterAll(async () => {
    await serve?.stop('SIGINT');
  });

  it('draws the report over the graph: states never entered and transitions never taken stand out', async () => {
    serve = await startServe(['--app', assembly, '--no-workers', '--coverage', covered]);
    const { page, problems } = await openGraph(serve);
    await page.locator('[data-role=coverage-summary]').waitFor();
    const classOf = (selector: string) =>
      page
        .locator(selector)
        .evaluateAll((els) =>
          els.map(
            (el) =>
              `${el.getAttribute('data-state') ?? `${el.getAttribute('data-from')}→${el.getAttribute('data-to')}`} ${[...el.classList].find((c) => c.startsWith('coverage-'))}`,
          ),
        );
    expect((await classOf('svg.graph g.node[data-state]')).sort()).toEqual(
      [
        `${CALLBACK} coverage-covered`,
        'Fail coverage-covered',
        'Notify Failure coverage-covered',
        'Notify Success coverage-uncovered',
      ].sort(),
    );
    expect(await page.locator(`g.node[data-state="${CALLBACK}"]`).getAttribute('data-hits')).toBe(
      '3',
    );
    const never = await classOf('svg.graph g.edge.coverage-never');
    expect(never).toContain(
      `s:${CALLBACK}→s:Notify Success undefined`.replace(' undefined', ' coverage-never'),
    );
    expect(never).toContain('s:Notify Success→s:Notify Failure coverage-never');
    // Two Catch edges from the callback to Notify Failure: Catch[0] taken, Catch[1] never.
    expect(never.filter((e) => e === `s:${CALLBACK}→s:Notify Failure coverage-never`)).toHaveLength(
      1,
    );
    const taken = await classOf('svg.graph g.edge.coverage-taken');
    expect(taken).toContain(`s:${CALLBACK}→s:Notify Failure coverage-taken`);
    expect(await page.locator('[data-role=coverage-summary]').textContent()).toBe(
      `Coverage: states 75% (3/4) · branches 100% (0/0) · error handlers 33.33% (1/3) · never covered: ${CALLBACK} → Catch[1]; Notify Success; Notify Success → Catch[0]`,
    );
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `${SCREENSHOTS}coverage.png`, fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('serve --coverage with a report of another definition', () => {
  let serve: ServeProcess;
  afterAll(async () => {
    await serve?.stop('SIGINT');
  });

  it('says so above the graph, naming both hashes, and draws nothing', async () => {
    serve = await startServe(['--app', assembly, '--no-workers', '--coverage', stale]);
    const { page } = await openGraph(serve);
    const message = await page.locator('[data-role=coverage-error]').textContent();
    expect(message).toMatch(
      /^the coverage report .*stale\.json was measured on another definition than state machine ".+" \([0-9a-f]{12}\): it holds ".+" \([0-9a-f]{12}\); run the tests again/,
    );
    expect(await page.locator('g.node.coverage-covered, g.node.coverage-uncovered').count()).toBe(
      0,
    );
    await page.close();
  });
});
