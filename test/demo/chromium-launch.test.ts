import { describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium.ts';

describe('chromium launch', () => {
  it('fails without the browser', async () => {
    await expect(launchChromium('/nonexistent/chromium')).rejects.toThrow(
      '/nonexistent/chromium is missing: install Debian\'s chromium package with "apt-get update && apt-get install -y chromium" (.ci/run does this).',
    );
  });
});
