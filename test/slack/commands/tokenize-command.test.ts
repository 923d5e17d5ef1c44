import { describe, expect, it } from 'vitest';
import { decodeSlackEntities, tokenizeCommand } from '../../../src/slack/commands/tokenize-command.ts';

describe('tokenizeCommand', () => {
  it('splits at any whitespace', () => {
    const { tokens } = tokenizeCommand(' 7d\tactive\u00a0 band:5 ');

    expect(tokens.map((token) => token.value)).toEqual(['7d', 'active', 'band:5']);
  });

  it('keeps spaces inside quotes', () => {
    const { tokens } = tokenizeCommand('location:"Main Campus - Floor 2" 7d');

    expect(tokens[0]).toEqual({ raw: 'location:"Main Campus - Floor 2"', value: 'location:Main Campus - Floor 2', quoted: true });
    expect(tokens[1]).toEqual({ raw: '7d', value: '7d', quoted: false });
  });

  it('joins quoted and unquoted parts', () => {
    const { tokens } = tokenizeCommand('location:"North Clinic"-Lobby');

    expect(tokens.map((token) => token.value)).toEqual(['location:North Clinic-Lobby']);
  });

  it('keeps a colon inside quotes', () => {
    const { tokens } = tokenizeCommand('type:"A: B"');

    expect(tokens.map((token) => token.value)).toEqual(['type:A: B']);
  });

  it('reports an unclosed quote', () => {
    const { tokens, problem } = tokenizeCommand('7d location:"Main Campus');

    expect(tokens.map((token) => token.value)).toEqual(['7d']);
    expect(problem).toEqual({ token: 'location:"Main Campus', reason: 'the closing double quote is missing' });
  });
});

describe('decodeSlackEntities', () => {
  it('decodes the three entities Slack sends', () => {
    expect(decodeSlackEntities('a &lt;b&gt; &amp;amp;')).toBe('a <b> &amp;');
  });
});
