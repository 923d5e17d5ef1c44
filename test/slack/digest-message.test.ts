import { describe, expect, it } from 'vitest';
import { validateBlocks } from '../../src/simulator/slack/block-validation.ts';
import { buildDigestMessage, MAX_DIGEST_LOCATIONS, type DigestEntry } from '../../src/slack/messages/digest-message.ts';

function sectionTexts(blocks: unknown[]): string[] {
  return blocks
    .filter((block) => (block as { type: string }).type === 'section')
    .map((block) => (block as { text: { text: string } }).text.text);
}

function entries(where: string, what: string, count: number, impactedShare?: number): DigestEntry[] {
  return Array.from({ length: count }, () => ({ where, what, ...(impactedShare === undefined ? {} : { impactedShare }) }));
}

describe('buildDigestMessage', () => {
  it('counts by location and type', () => {
    const message = buildDigestMessage(7, [
      ...entries('Warehouse East - Dock', 'DHCP', 2),
      ...entries('Main Campus - Floor 2', 'CONNECTION', 3),
      ...entries('Main Campus - Floor 2', 'DNS', 1),
    ]);

    expect(message.text).toBe('6 new Wi-Fi incidents at 2 locations, most at Main Campus - Floor 2 (4), Warehouse East - Dock (2). Each incident is in the thread.');
    expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: '🔴 6 new Wi-Fi incidents at 2 locations', emoji: true } });
    expect(sectionTexts(message.blocks)).toEqual([
      '*By location*\n• *Main Campus - Floor 2*: 4 (CONNECTION 3, DNS 1)\n• *Warehouse East - Dock*: 2 (DHCP 2)',
      '*By type*\nCONNECTION 3 · DHCP 2 · DNS 1',
    ]);
    expect(message.metadata).toEqual({ event_type: 'wifi_incident_digest', event_payload: { kind: 'digest', id: '7' } });
    expect(validateBlocks(message.blocks)).toBeUndefined();
  });

  it('puts the larger impact first on a tie', () => {
    const message = buildDigestMessage(1, [...entries('Lobby', 'DHCP', 2, 0.1), ...entries('Atrium', 'DHCP', 2, 0.6)]);
    expect(sectionTexts(message.blocks)[0]).toBe('*By location*\n• *Atrium*: 2 (DHCP 2)\n• *Lobby*: 2 (DHCP 2)');
  });

  it('escapes names from the api', () => {
    const message = buildDigestMessage(1, entries('<!channel> & co', '<b>', 1));
    expect(sectionTexts(message.blocks)[0]).toContain('*&lt;!channel&gt; &amp; co*: 1 (&lt;b&gt; 1)');
    expect(message.text).not.toContain('<!channel>');
  });

  it('sums locations beyond the list', () => {
    const many = Array.from({ length: 40 }, (_, index) => entries(`Site ${String(index).padStart(2, '0')}`, 'CONNECTION', 40 - index)).flat();
    const [locations, types] = sectionTexts(buildDigestMessage(1, many).blocks);
    const lines = locations!.split('\n');
    expect(lines).toHaveLength(1 + MAX_DIGEST_LOCATIONS + 1);
    expect(lines[1]).toBe('• *Site 00*: 40 (CONNECTION 40)');
    // Sites 15 to 39 have 25 down to 1 incidents: 325 in all.
    expect(lines.at(-1)).toBe('• and 25 more locations with 325 incidents');
    expect(types).toBe('*By type*\nCONNECTION 820');
  });

  it('sums types beyond the list', () => {
    const many = Array.from({ length: 14 }, (_, index) => entries('Lobby', `TYPE_${String(index).padStart(2, '0')}`, 14 - index)).flat();
    const [locations, types] = sectionTexts(buildDigestMessage(1, many).blocks);
    expect(locations).toBe('*By location*\n• *Lobby*: 105 (TYPE_00 14, TYPE_01 13, TYPE_02 12, TYPE_03 11, TYPE_04 10, 9 other types 45)');
    expect(types).toBe('*By type*\nTYPE_00 14 · TYPE_01 13 · TYPE_02 12 · TYPE_03 11 · TYPE_04 10 · TYPE_05 9 · TYPE_06 8 · TYPE_07 7 · TYPE_08 6 · TYPE_09 5 · 4 other types 10');
  });

  it('stays within block kit limits', () => {
    // Long names full of characters that escaping lengthens, in many locations with many types.
    const huge = Array.from({ length: 100 }, (_, index) =>
      Array.from({ length: 8 }, (_, type) => ({ where: `${'<&>'.repeat(100)} ${index}`, what: `${'&'.repeat(300)}${type}` })),
    ).flat();
    const message = buildDigestMessage(1, huge);

    expect(validateBlocks(message.blocks)).toBeUndefined();
    for (const text of sectionTexts(message.blocks)) {
      expect(text.length).toBeLessThanOrEqual(3000);
    }
    expect(message.text.length).toBeLessThanOrEqual(4000);
  });
});
