import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium package; tests never download a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Launches headless Chromium with background networking, updates and sync switched off.
 * playwright-core gives every launch a fresh temporary `--user-data-dir` and removes it on close,
 * and it rejects one passed in `args`. Throws with the install command when the browser is missing,
 * so the test fails instead of skipping.
 */
export async function launchChromium(executablePath: string = CHROMIUM_PATH): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(`${executablePath} is missing: install Debian's chromium package with "apt-get update && apt-get install -y chromium" (.ci/run does this).`);
  }
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
