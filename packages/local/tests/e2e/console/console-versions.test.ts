import { describe, expect, it } from 'vitest';
import { api, openPage, shot } from '../../support/console-page.js';
import { consoleSession } from '../../support/console-session.js';
import { seriousAccessibilityFindings } from '../../support/page-checks.js';

// A state machine's versions and aliases on its page, in a real browser under the console's
// policy as served: publish versions, create an alias routing to one (its name refused as you
// type), through the Step Functions API. The test writes screenshots to tests/e2e/screenshots/.

const ROLE = 'arn:aws:iam::000000000000:role/sfn-callback-local';
const pass = (result: string) =>
  JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Result: result, End: true } } });

const session = consoleSession();

describe('versions and aliases on the state machine page', () => {
  it('publishes versions and creates an alias routing to one', async () => {
    const { page, problems, violations } = await openPage(session.browser);
    await page.goto(session.serve.consoleUrl as string);
    await page.locator('[data-page=state-machines]').waitFor();
    const { stateMachineArn } = (await api(page, 'CreateStateMachine', {
      name: 'Versioned',
      roleArn: ROLE,
      definition: pass('one'),
    })) as { stateMachineArn: string };
    await page.goto(
      `${session.serve.endpointUrl}/console/#/state-machines/${encodeURIComponent(stateMachineArn)}`,
    );
    await page.locator('[data-role=versions-panel][data-loaded=true]').waitFor();
    await page.locator('[data-role=no-versions]').waitFor();
    await page.locator('[data-role=no-aliases]').waitFor();
    expect(await page.locator('[data-role=create-alias]').isDisabled()).toBe(true);

    const versions = () =>
      page
        .locator('[data-role=versions] tr[data-version]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-version')));
    await page.locator('input[name=version-description]').fill('the first');
    await page.locator('[data-role=publish-version]').click();
    await expect.poll(versions).toEqual(['1']);
    expect(await page.locator('[data-role=versions-status]').textContent()).toBe(
      'Published version 1.',
    );
    await api(page, 'UpdateStateMachine', { stateMachineArn, definition: pass('two') });
    await page.locator('[data-role=publish-version]').click();
    await expect.poll(async () => (await versions()).sort()).toEqual(['1', '2']);
    const listed = (await api(page, 'ListStateMachineVersions', { stateMachineArn })) as {
      stateMachineVersions: { stateMachineVersionArn: string }[];
    };
    expect(listed.stateMachineVersions.map((v) => v.stateMachineVersionArn).sort()).toEqual([
      `${stateMachineArn}:1`,
      `${stateMachineArn}:2`,
    ]);

    const aliasName = page.locator('input[name=alias-name]');
    await aliasName.fill('has space');
    expect(await page.locator('[data-role=alias-name-message]').textContent()).toBe(
      'No whitespace.',
    );
    expect(await page.locator('[data-role=create-alias]').isDisabled()).toBe(true);
    await aliasName.fill('live');
    await page.locator('select[name=alias-version]').selectOption(`${stateMachineArn}:1`);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await page.locator('[data-role=create-alias]').click();
    await page.locator('[data-role=aliases] tr[data-alias=live]').waitFor();
    expect(await page.locator('tr[data-alias=live] [data-role=alias-routing]').textContent()).toBe(
      'version 1: 100%',
    );
    const alias = (await api(page, 'DescribeStateMachineAlias', {
      stateMachineAliasArn: `${stateMachineArn}:live`,
    })) as { routingConfiguration: unknown };
    expect(alias.routingConfiguration).toEqual([
      { stateMachineVersionArn: `${stateMachineArn}:1`, weight: 100 },
    ]);
    // The alias runs version 1's definition although the state machine now holds version 2's.
    const started = (await api(page, 'StartExecution', {
      stateMachineArn: `${stateMachineArn}:live`,
    })) as { executionArn: string };
    await expect
      .poll(async () => (await api(page, 'DescribeExecution', started)).output)
      .toBe('"one"');
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await page.locator('[data-role=versions-panel]').scrollIntoViewIfNeeded();
    await shot(page, 'versions-and-aliases');
    expect(await violations()).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
