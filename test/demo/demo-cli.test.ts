import { createServer, type Server } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnDemo } from './support/demo-process.ts';

describe('demo command line', () => {
  const folder = mkdtempSync(join(tmpdir(), 'demo-cli-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('prints help', { timeout: 30_000 }, async () => {
    const demo = spawnDemo(['--help']);

    expect(await demo.exited).toBe(0);
    expect(demo.output()).toContain('Usage: npm run demo -- [--scenario FILE] [--port PORT] [--bot-log-level LEVEL]');
  });

  it('rejects an invalid scenario', { timeout: 30_000 }, async () => {
    const file = join(folder, 'broken.json');
    writeFileSync(file, JSON.stringify({ name: 'Broken', organization: 'Org', thresholds: {}, sites: [] }));
    const demo = spawnDemo(['--scenario', file]);

    expect(await demo.exited).toBe(2);
    expect(demo.output()).toContain(`wifi-incidents demo: Invalid scenario ${file}:`);
    expect(demo.output()).toContain('  - sites: ');
  });

  it('rejects a bad option', { timeout: 30_000 }, async () => {
    const demo = spawnDemo(['--port', 'eighty']);

    expect(await demo.exited).toBe(2);
    expect(demo.output()).toContain('wifi-incidents demo: --port is "eighty": use a port number from 0 to 65535');
  });

  it('plays another scenario', { timeout: 40_000 }, async () => {
    const file = join(folder, 'one-incident.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'One incident',
        organization: 'Test Org',
        thresholds: { minIncidentDurationMinutes: 10 },
        sites: [{ key: 'lab', id: '11111111-1111-4111-8111-111111111111', name: 'Test Lab', networks: [{ ssid: 'LabNet', bands: [6] }] }],
        agentIncidents: [
          {
            id: '22222222-2222-4222-8222-222222222222',
            type: 'ROAMING',
            site: 'lab',
            network: 'LabNet',
            band: 6,
            populationCount: 10,
            timeline: [
              { at: '-10m', event: 'start', countImpacted: 4 },
              { at: '1s', event: 'qualify' },
            ],
          },
        ],
      }),
    );
    const demo = spawnDemo(['--scenario', file, '--port', '0']);
    try {
      await demo.waitFor(/agent incident qualified: ROAMING at Test Lab \(LabNet, 6 GHz\), 4 of 10 agents impacted/, 20_000);
      await demo.waitFor(/bot posted a message \(ts [\d.]+\): Wi-Fi incident: ROAMING at Test Lab/, 10_000);
      await demo.waitFor(/The scenario has no more events/, 1000);
    } finally {
      demo.interrupt();
    }

    await demo.exited;
    expect(demo.output()).toContain(`Scenario "One incident" from ${file} (agent incidents: 1, alert-rule incidents: 0)`);
    expect(demo.output()).toMatch(/Received SIGINT; stopping the demo/);
    expect(demo.output()).toMatch(/Stopped; removed /);
  });

  it('explains a busy port', { timeout: 30_000 }, async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const demo = spawnDemo(['--port', String(port)]);

      expect(await demo.exited).toBe(1);
      expect(demo.output()).toContain(`Port ${port} on 127.0.0.1 is in use: pass --port with another number, or --port 0 for any free port.`);
      const folderLine = /SQLite database in (\S+)\/wifi-incidents\.db/.exec(demo.output());
      expect(folderLine).not.toBeNull();
      const { existsSync } = await import('node:fs');
      expect(existsSync(folderLine![1]!)).toBe(false);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
