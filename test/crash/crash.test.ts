import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKillHarness } from './kill-harness.ts';

// `npm run test:crash` sets CRASH_KILLS=50; `npm test` runs a shorter version.
const KILLS = Number(process.env.CRASH_KILLS ?? 6);
const SEED = Number(process.env.CRASH_SEED ?? 20261204);

describe('crash safety', () => {
  it(`survives ${KILLS} kills`, { timeout: 60_000 + KILLS * 6_000 }, async () => {
    const folder = mkdtempSync(join(tmpdir(), 'wifi-crash-'));
    try {
      const report = await runKillHarness({ kills: KILLS, seed: SEED, databasePath: join(folder, 'bot.db'), folder });

      expect(report.incidents).toBeGreaterThan(KILLS);
      expect(report.recovered).toBeGreaterThan(0);
      const wrongPosts = [...report.postCounts].filter(([, count]) => count !== 1);
      expect(wrongPosts, 'incidents not posted exactly once').toEqual([]);
      // A recovery seen after the post gets one reply; one seen before the post shows in the first message.
      const wrongReplies = [...report.replyCounts].filter(
        ([id, count]) => count > 1 || (report.postedBeforeRecovery.has(id) && count !== 1),
      );
      expect(wrongReplies, 'recoveries not announced exactly once').toEqual([]);
      expect(report.postedBeforeRecovery.size).toBeGreaterThan(0);
      expect(report.notShownRecovered, 'recovered incidents whose message does not show it').toEqual([]);
      expect(report.integrity).toBe('ok');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
