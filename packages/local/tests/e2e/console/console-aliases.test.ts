import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, openPage, shot } from '../../support/console-page.js';
import { consoleSession } from '../../support/console-session.js';
import { seriousAccessibilityFindings } from '../../support/page-checks.js';

// Aliases on the state machine page, in a real browser under the console's policy as served:
// an alias splitting executions 70/30 between two versions, created and then updated
// (routing and description) from the page, checked with DescribeStateMachineAlias; a version
// the alias routes to refused deletion with AWS's error beside its button; the alias deleted,
// then the version. Screenshots go to tests/e2e/screenshots/.

const ROLE = 'arn:aws:iam::000000000000:role/sfn-callback-local';
const pass = (result: string) =>
  JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Result: result, End: true } } });

const session = consoleSession();

const routingOf = async (page: Page, stateMachineAliasArn: string) =>
  (await api(page, 'DescribeStateMachineAlias', { stateMachineAliasArn })) as {
    routingConfiguration?: unknown;
    description?: string;
    __type?: string;
  };

describe('aliases on the state machine page', () => {
  it('creates an alias routed 70/30 to two versions, updates it, and deletes it', async () => {
    const { page, problems, violations } = await openPage(session.browser);
    await page.goto(session.serve.consoleUrl as string);
    await page.locator('[data-page=state-machines]').waitFor();
    const { stateMachineArn } = (await api(page, 'CreateStateMachine', {
      name: 'Canary',
      roleArn: ROLE,
      definition: pass('one'),
      publish: true,
    })) as { stateMachineArn: string };
    await api(page, 'UpdateStateMachine', {
      stateMachineArn,
      definition: pass('two'),
      publish: true,
    });
    const v1 = `${stateMachineArn}:1`;
    const v2 = `${stateMachineArn}:2`;
    const aliasArn = `${stateMachineArn}:canary`;
    await page.goto(
      `${session.serve.endpointUrl}/console/#/state-machines/${encodeURIComponent(stateMachineArn)}`,
    );
    await page.locator('[data-role=versions-panel][data-loaded=true]').waitFor();
    // A state machine created through the API can be edited from the page.
    expect(await page.locator('[data-role=edit-definition]').isVisible()).toBe(true);

    const create = page.locator('[data-role=create-alias]');
    const weight = page.locator('input[name=alias-weight]');
    const routingMessage = page.locator('[data-role=alias-routing-message]');
    await page.locator('input[name=alias-name]').fill('canary');
    await page.locator('select[name=alias-version]').selectOption(v1);
    // One version takes everything: its weight is 100 and not to be typed.
    expect(await weight.isDisabled()).toBe(true);
    await page.locator('select[name=alias-second-version]').selectOption(v1);
    expect(await routingMessage.textContent()).toBe('Choose two different versions.');
    expect(await create.isDisabled()).toBe(true);
    await page.locator('select[name=alias-second-version]').selectOption(v2);
    await weight.fill('101');
    expect(await routingMessage.textContent()).toBe('The weight is a whole number from 0 to 100.');
    expect(await create.isDisabled()).toBe(true);
    await weight.fill('70');
    expect(await page.locator('[data-role=alias-second-weight]').textContent()).toBe('30%');
    expect(await routingMessage.textContent()).toBe('');
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await create.click();
    const row = page.locator('[data-role=aliases] tr[data-alias=canary]');
    await row.waitFor();
    expect(await row.locator('[data-role=alias-routing]').textContent()).toBe(
      'version 1: 70%, version 2: 30%',
    );
    expect((await routingOf(page, aliasArn)).routingConfiguration).toEqual([
      { stateMachineVersionArn: v1, weight: 70 },
      { stateMachineVersionArn: v2, weight: 30 },
    ]);
    await page.locator('[data-role=versions-panel]').scrollIntoViewIfNeeded();
    await shot(page, 'alias-created-70-30');

    // Edit: the form takes the alias's routing; 30/70 and a description, UpdateStateMachineAlias.
    await row.locator('[data-role=edit-alias]').click();
    expect(await page.locator('.alias-form legend').textContent()).toBe('Edit alias canary');
    expect(await page.locator('input[name=alias-name]').isDisabled()).toBe(true);
    expect(await weight.inputValue()).toBe('70');
    // The focus moved to the form, where the keyboard goes on.
    expect(
      await page
        .locator('select[name=alias-version]')
        .evaluate((select) => select === select.ownerDocument.activeElement),
    ).toBe(true);
    await weight.fill('30');
    await page.locator('input[name=alias-description]').fill('shifting to two');
    await page.locator('[data-role=update-alias]').click();
    await expect
      .poll(() => row.locator('[data-role=alias-routing]').textContent())
      .toBe('version 1: 30%, version 2: 70%');
    expect(await row.locator('[data-role=alias-description]').textContent()).toBe(
      'shifting to two',
    );
    expect(await page.locator('[data-role=alias-form-status]').textContent()).toBe(
      'Updated alias canary.',
    );
    const updated = await routingOf(page, aliasArn);
    expect(updated.routingConfiguration).toEqual([
      { stateMachineVersionArn: v1, weight: 30 },
      { stateMachineVersionArn: v2, weight: 70 },
    ]);
    expect(updated.description).toBe('shifting to two');

    // A version the alias routes to: AWS refuses to delete it, and the page says so beside it.
    const version1 = page.locator('[data-role=versions] tr[data-version="1"]');
    await version1.locator('[data-role=delete-version]').click();
    expect(await version1.locator('[data-role=delete-version]').textContent()).toBe(
      'Delete: click again to confirm',
    );
    await version1.locator('[data-role=delete-version]').click();
    await expect
      .poll(() => version1.locator('[data-role=version-message]').textContent())
      .toMatch(
        /^Not deleted — ConflictException: Version to be deleted must not be referenced by an alias\. Current list of aliases referencing this version: \[canary\]/,
      );
    const versions = (await api(page, 'ListStateMachineVersions', { stateMachineArn })) as {
      stateMachineVersions: unknown[];
    };
    expect(versions.stateMachineVersions).toHaveLength(2);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await page.locator('[data-role=versions-panel]').scrollIntoViewIfNeeded();
    await shot(page, 'alias-updated-version-refused');

    // Delete the alias (a second click confirms), then the version it no longer holds.
    await row.locator('[data-role=delete-alias]').click();
    await row.locator('[data-role=delete-alias]').click();
    await page.locator('[data-role=no-aliases]').waitFor();
    expect((await routingOf(page, aliasArn)).__type).toMatch(/ResourceNotFound$/);
    await version1.locator('[data-role=delete-version]').click();
    await version1.locator('[data-role=delete-version]').click();
    await expect
      .poll(() =>
        page
          .locator('[data-role=versions] tr[data-version]')
          .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-version'))),
      )
      .toEqual(['2']);
    const left = (await api(page, 'ListStateMachineVersions', { stateMachineArn })) as {
      stateMachineVersions: { stateMachineVersionArn: string }[];
    };
    expect(left.stateMachineVersions.map((v) => v.stateMachineVersionArn)).toEqual([v2]);
    expect(await page.locator('[data-role=versions-status]').textContent()).toBe(
      'Deleted version 1.',
    );
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    expect(await violations()).toEqual([]);
    // Exactly the two refusals asked for (the routed version, the deleted alias): the browser
    // logs each 400 answer; nothing else went wrong.
    expect(problems).toEqual([
      'console error: Failed to load resource: the server responded with a status of 400 (Bad Request)',
      'console error: Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
    await page.close();
  });
});
