import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium.ts';
import { spawnDemo, type DemoProcess } from './support/demo-process.ts';

/** A time zone with a half-hour offset, so a date shown in UTC or the machine's zone cannot pass for it. */
const VIEWER_TIME_ZONE = 'Asia/Kolkata';

function messageWith(page: Page, selector: string) {
  return page.locator('article.message', { has: page.locator(selector) });
}

describe('demo in chromium', () => {
  let demo: DemoProcess | undefined;
  let browser: Browser | undefined;

  afterAll(async () => {
    await browser?.close();
    demo?.kill();
  });

  it('runs incidents, buttons and a command', { timeout: 90_000 }, async () => {
    browser = await launchChromium();
    demo = spawnDemo(['--port', '0']);
    const [, pageUrl] = await demo.waitFor(/Open the Slack stand-in at (http:\/\/127\.0\.0\.1:\d+\/)/, 30_000);
    const [, folder] = await demo.waitFor(/SQLite database in (\S+)\/wifi-incidents\.db/, 1000);
    const origin = new URL(pageUrl!).origin;

    const context = await browser.newContext({ timezoneId: VIEWER_TIME_ZONE, locale: 'en-US' });
    const foreignRequests: string[] = [];
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) {
        await route.continue();
      } else {
        foreignRequests.push(url);
        await route.abort();
      }
    });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(pageUrl!);

    // The first agent incident of the default scenario qualifies 5 s after the start.
    const incident = messageWith(page, 'button[data-action-id="incident_acknowledge"]').first();
    await incident.waitFor({ timeout: 30_000 });
    const key = await incident.getAttribute('data-key');
    const message = page.locator(`article.message[data-key="${key}"]`);
    expect(await message.locator('.block-header').textContent()).toMatch(/at /);

    await message.locator('button[data-action-id="incident_acknowledge"]').click();
    await message.locator('button[data-action-id="incident_unacknowledge"]').waitFor({ timeout: 10_000 });
    const acknowledged = message.locator('.context-text', { hasText: 'Acknowledged by' });
    expect(await acknowledged.textContent()).toContain('Acknowledged by @demo.user');
    expect(await message.locator('.edited').count()).toBe(1);

    const ackTime = acknowledged.locator('time.slack-date');
    const datetime = await ackTime.getAttribute('datetime');
    const expectedTime = new Intl.DateTimeFormat('en-US', { timeZone: VIEWER_TIME_ZONE, hour: 'numeric', minute: '2-digit' }).format(new Date(datetime!));
    expect(await ackTime.textContent()).toContain(expectedTime);
    expect(await ackTime.textContent()).not.toContain('UTC');

    await page.locator('#composer input').fill('/wifi-incidents 24h');
    await page.locator('#composer input').press('Enter');
    const reply = page.locator('article.message.ephemeral', { hasText: 'in the last 24 hours' });
    await reply.waitFor({ timeout: 15_000 });
    expect(await reply.locator('.ephemeral-note').textContent()).toBe('Only visible to you');

    await reply.locator('button', { hasText: 'Post to channel' }).click();
    const shared = page.locator('article.message:not(.ephemeral)', { hasText: 'posted by @demo.user' });
    await shared.waitFor({ timeout: 15_000 });
    await page.locator('article.message.ephemeral', { hasText: 'You posted this result to the channel.' }).waitFor({ timeout: 5000 });

    expect(await page.locator('[data-unrendered]').count()).toBe(0);
    expect(await page.locator('#problems').isHidden()).toBe(true);
    expect(pageErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);

    demo.interrupt();
    await demo.exited;
    const output = demo.output();
    expect(output).toContain('demo.user clicked the "Acknowledge" button');
    expect(output).toContain('demo.user ran /wifi-incidents 24h');
    expect(output).toContain(`Stopped; removed ${folder}`);
    expect(existsSync(folder!)).toBe(false);
  });
});
