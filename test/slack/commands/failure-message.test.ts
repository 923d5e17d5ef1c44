import { describe, expect, it } from 'vitest';
import { SevenSignalError, type SevenSignalErrorCode } from '../../../src/sevensignal/errors.ts';
import { buildFailureMessage, describeQueryFailure } from '../../../src/slack/commands/failure-message.ts';

// Each row: error code, HTTP status, and what the user must read.
const cases: Array<[SevenSignalErrorCode, number | undefined, RegExp]> = [
  ['timeout', undefined, /^7SIGNAL did not answer within 10 s\. Try again/],
  ['invalid_credentials', 400, /^7SIGNAL rejected the API key\./],
  ['unauthorized', 401, /^7SIGNAL rejected the API key\./],
  ['forbidden', 403, /denied the API key access to incidents \(HTTP 403\)/],
  ['rate_limited', 429, /rate limiting the bot's API key \(HTTP 429\)\. Try again in a minute/],
  ['server_error', 503, /failed with a server error \(HTTP 503\)\. Try again/],
  ['network', undefined, /could not reach 7SIGNAL.*SEVENSIGNAL_API_URL/],
  ['invalid_response', 200, /response the bot could not read/],
  ['bad_request', 400, /^7SIGNAL rejected the query\. original message$/],
  ['not_found', 404, /^7SIGNAL failed\. original message$/],
];

describe('describeQueryFailure', () => {
  for (const [code, status, expected] of cases) {
    it(`explains ${code}`, () => {
      const error = new SevenSignalError(code, 'original message', { status });

      expect(describeQueryFailure(error, 10_000)).toMatch(expected);
    });
  }

  it('formats the timeout in seconds', () => {
    expect(describeQueryFailure(new SevenSignalError('timeout', 'x'), 2500)).toContain('within 2.5 s');
  });

  it('names the request id', () => {
    const error = new SevenSignalError('server_error', 'x', { status: 500, requestId: 'req-42' });

    expect(describeQueryFailure(error, 10_000)).toContain('request id for their support: req-42');
  });

  it('hides details of other errors', () => {
    const text = describeQueryFailure(new TypeError('secret detail at line 3'), 10_000);

    expect(text).toContain('error in the bot');
    expect(text).not.toContain('secret detail');
  });
});

describe('buildFailureMessage', () => {
  it('escapes the api message', () => {
    const message = buildFailureMessage(new SevenSignalError('bad_request', 'bad <!channel>', { status: 400 }), 10_000);

    expect(JSON.stringify(message)).not.toContain('<!channel>');
    expect(message.text).toContain('&lt;!channel&gt;');
  });
});
