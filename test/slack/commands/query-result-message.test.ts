import { describe, expect, it } from 'vitest';
import {
  layoutQueryResult,
  MAX_BLOCKS,
  MAX_SECTION_TEXT,
  type QueryResultBody,
  type QueryResultFrame,
} from '../../../src/slack/messages/query-result-message.ts';
import { validateBlocks } from '../../../src/simulator/slack/block-validation.ts';

const FRAME: QueryResultFrame = {
  commandText: '/wifi-incidents 24h',
  windowText: 'the last 24 hours',
  filterTexts: [],
  activeOnly: false,
  asOf: Date.UTC(2026, 11, 4, 12, 0),
  share: { actionId: 'share', value: '{}', text: 'Post to channel' },
};

function body(entries: string[], total = entries.length): QueryResultBody {
  return {
    noun: { one: 'incident', many: 'incidents' },
    total,
    active: 0,
    breakdown: { title: 'By location', groups: [{ name: 'Site', total, active: 0 }] },
    entries,
  };
}

describe('layoutQueryResult', () => {
  it('caps blocks at the block kit maximum', () => {
    const entries = Array.from({ length: 80 }, (_, index) => `entry ${index}`);

    const message = layoutQueryResult(FRAME, body(entries));

    expect(message.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
    expect(validateBlocks(message.blocks)).toBeUndefined();
    expect(JSON.stringify(message.blocks.at(-3))).toContain('…and 55 more; narrow it');
  });

  it('cuts an overlong entry', () => {
    const message = layoutQueryResult(FRAME, body(['x'.repeat(MAX_SECTION_TEXT + 500)]));

    expect(validateBlocks(message.blocks)).toBeUndefined();
  });

  it('counts unlisted incidents', () => {
    const message = layoutQueryResult(FRAME, body(['a', 'b'], 30));

    expect(JSON.stringify(message.blocks)).toContain('…and 28 more; narrow it with location: or a shorter window.');
  });

  it('keeps backticks out of the command', () => {
    const message = layoutQueryResult({ ...FRAME, commandText: '/wifi-incidents `x`' }, body(['a']));
    const footer = message.blocks.find((block) => block.type === 'context');

    expect(JSON.stringify(footer)).toContain("`/wifi-incidents 'x'`");
  });
});
