import { describe, expect, it } from 'vitest';
import { decodeSharedQuery, encodeSharedQuery, MAX_BUTTON_VALUE } from '../../../src/slack/commands/shared-query.ts';

describe('shared query value', () => {
  it('round-trips text and time', () => {
    const query = { text: '7d location:"Main Campus - Floor 2" band:5', asOf: 1_796_385_600_000 };

    const value = encodeSharedQuery(query);

    expect(value).toBeDefined();
    expect(decodeSharedQuery(value)).toEqual(query);
  });

  it('is omitted when too long', () => {
    expect(encodeSharedQuery({ text: 'x'.repeat(MAX_BUTTON_VALUE), asOf: 1 })).toBeUndefined();
  });

  // Each row: a button value that must not decode.
  const invalid: Array<[string, string | undefined]> = [
    ['missing', undefined],
    ['not json', 'share-me'],
    ['json null', 'null'],
    ['other version', '{"v":2,"text":"24h","asOf":1}'],
    ['text not a string', '{"v":1,"text":5,"asOf":1}'],
    ['time not an integer', '{"v":1,"text":"24h","asOf":1.5}'],
    ['time missing', '{"v":1,"text":"24h"}'],
  ];
  for (const [name, value] of invalid) {
    it(`rejects ${name}`, () => expect(decodeSharedQuery(value)).toBeUndefined());
  }
});
