import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeFixtures, synthFixture } from '../../fixtures/fixture-app.js';
import { launchBrowser, type TestBrowser } from '../../support/browser.js';
import { api, openPage, shot } from '../../support/console-page.js';
import { seriousAccessibilityFindings } from '../../support/page-checks.js';
import { type ServeProcess, startServe } from '../../support/serve-process.js';

// A state machine of the CDK app `serve` loaded, in a real browser under the console's policy
// as served: UpdateStateMachine refuses it (its definition is the app's), so its page offers
// no edit and says why and where to change it; its definition opens read-only; it offers no
// version to publish. Screenshots go to tests/e2e/screenshots/.

const APP_ARN =
  'arn:aws:states:us-east-1:000000000000:stateMachine:CallbackFixture-CallbackStateMachineD8508698';

let browser: TestBrowser;
let serve: ServeProcess;

beforeAll(async () => {
  const app = await synthFixture({ heartbeatSeconds: 30, timeoutSeconds: 60 });
  browser = await launchBrowser();
  serve = await startServe(['--no-workers', '--app', app]);
}, 120_000);

afterAll(async () => {
  await serve?.stop('SIGINT');
  await browser?.close();
  removeFixtures();
});

describe("an app's state machine on the console", () => {
  it('offers no Update the API would refuse: the page says why, the definition opens read-only', async () => {
    const { page, problems, violations } = await openPage(browser);
    await page.goto(serve.consoleUrl as string);
    await page.locator('[data-page=state-machines]').waitFor();
    // What the API answers an Update of it: refused, the definition being the app's.
    const refused = await api(page, 'UpdateStateMachine', {
      stateMachineArn: APP_ARN,
      definition: JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }),
    });
    expect(refused.__type).toMatch(/ValidationException$/);
    expect(String(refused.message)).toContain('is a state machine of the cloud assembly');

    await page.goto(`${serve.endpointUrl}/console/#/state-machines/${encodeURIComponent(APP_ARN)}`);
    await page.locator('[data-role=versions-panel][data-loaded=true]').waitFor();
    expect(await page.locator('[data-role=edit-definition]').count()).toBe(0);
    const notice = page.locator('[data-role=from-app]');
    expect(await notice.textContent()).toBe(
      "This state machine comes from the CDK app (stack CallbackFixture): its definition is the app's, and UpdateStateMachine refuses to change it. Edit it in the app, then synthesize and restart serve (or redeploy).",
    );
    expect(await page.locator('[data-role=publish-version]').count()).toBe(0);
    await page.locator('[data-role=versions-from-app]').waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await shot(page, 'app-state-machine');

    // Its definition, read-only: no Update nor Delete, the same explanation, typing changes nothing.
    await page.locator('[data-role=view-definition]').click();
    await page.locator('[data-page=definition][data-read-only=true]').waitFor();
    expect(await page.locator('[data-role=update]').isVisible()).toBe(false);
    expect(await page.locator('[data-role=delete]').isVisible()).toBe(false);
    await page.locator('[data-role=from-app]').waitFor();
    const content = page.locator('.cm-content');
    expect(await content.getAttribute('aria-readonly')).toBe('true');
    const before = await content.textContent();
    expect(before).toContain('Start Task And Wait For Callback');
    await content.click();
    await page.keyboard.type('typed');
    expect(await content.textContent()).toBe(before);
    // Test a state stays offered: it changes nothing.
    expect(await page.locator('[data-role=open-test-state]').isVisible()).toBe(true);
    await page.locator('[data-role=no-diagnostics]').waitFor();
    expect(await seriousAccessibilityFindings(page)).toEqual([]);
    await shot(page, 'app-state-machine-definition');
    expect(await violations()).toEqual([]);
    // The one refusal the test asked for (the Update above) is the only failed request.
    expect(problems).toEqual([
      'console error: Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
    await page.close();
  });
});
