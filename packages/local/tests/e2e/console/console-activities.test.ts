import { describe, expect, it } from 'vitest';
import { api, openPage, shot } from '../../support/console-page.js';
import { consoleSession } from '../../support/console-session.js';
import { seriousAccessibilityFindings } from '../../support/page-checks.js';

// The Activities page, in a real browser under the console's policy as served: the list,
// Create (the name refused as you type) and Delete, through the Step Functions API. The test
// writes screenshots to tests/e2e/screenshots/.

const session = consoleSession();

describe('the Activities page', () => {
  it('lists activities, creates one (its name checked as typed) and deletes one', async () => {
    const { page, problems, violations } = await openPage(session.browser);
    await page.goto(session.serve.consoleUrl as string);
    await page.locator('[data-page=state-machines]').waitFor();
    await api(page, 'CreateActivity', { name: 'made-by-the-cli' });
    await page.locator('nav a', { hasText: 'Activities' }).click();
    await page.locator('[data-page=activities][data-loaded=true]').waitFor();
    const names = () =>
      page
        .locator('[data-role=activities] tr[data-activity]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-activity')));
    expect(await names()).toEqual(['made-by-the-cli']);

    const name = page.locator('input[name=activity-name]');
    const create = page.locator('[data-role=create-activity]');
    const message = page.locator('[data-role=activity-name-message]');
    expect(await create.isDisabled()).toBe(true);
    await name.fill('has space');
    expect(await message.textContent()).toBe('No whitespace.');
    expect(await create.isDisabled()).toBe(true);
    await name.fill('x'.repeat(81));
    expect(await message.textContent()).toBe('At most 80 characters (this one has 81).');
    await name.fill('workers');
    expect(await message.textContent()).toBe('');
    expect(await create.isDisabled()).toBe(false);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await shot(page, 'activities-typing');

    await create.click();
    await expect.poll(names).toEqual(['made-by-the-cli', 'workers']);
    expect(await page.locator('[data-role=activities-status]').textContent()).toBe(
      'Created workers.',
    );
    expect(await name.inputValue()).toBe('');
    const listed = (await api(page, 'ListActivities')) as { activities: { name: string }[] };
    expect(listed.activities.map((a) => a.name).sort()).toEqual(['made-by-the-cli', 'workers']);
    await shot(page, 'activities-created');

    await page.locator('tr[data-activity="made-by-the-cli"] [data-role=delete-activity]').click();
    await expect.poll(names).toEqual(['workers']);
    const after = (await api(page, 'ListActivities')) as { activities: { name: string }[] };
    expect(after.activities.map((a) => a.name)).toEqual(['workers']);
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await shot(page, 'activities-deleted');
    expect(await violations()).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
