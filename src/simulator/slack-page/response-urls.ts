import { randomBytes } from 'node:crypto';
import { validateBlocks } from '../slack/block-validation.ts';
import type { ChannelState } from './channel-state.ts';
import type { MessageContent } from './render/index.ts';

/** Path prefix of the response_urls the stand-in hands to the app. */
export const RESPONSE_URL_PATH = '/response-url/';

/** Slack accepts up to 5 posts to one response_url within 30 minutes of the interaction. */
export const MAX_RESPONSE_URL_POSTS = 5;
export const RESPONSE_URL_LIFETIME_MS = 30 * 60 * 1000;

/** The interaction a response_url belongs to. */
export interface ResponseUrlSource {
  /** The user who ran the command or clicked. */
  userId: string;
  /** Entry key of the message whose button was clicked; undefined for a slash command. */
  originalKey?: string;
  /** Description of the user's action for log lines, such as `/wifi-incidents 24h` or `the "Acknowledge" button`. */
  label: string;
}

interface Registration {
  source: ResponseUrlSource;
  createdAt: number;
  posts: number;
}

export interface ResponseUrlResult {
  status: number;
  body: Record<string, unknown>;
  /** Effect of the post in words, for the log; undefined when it was rejected. */
  outcome?: string;
}

function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

function reject(status: number, error: string, extra: Record<string, unknown> = {}): ResponseUrlResult {
  return { status, body: { ok: false, error, ...extra } };
}

/** Shortens message text for a log line. */
function preview(content: MessageContent): string {
  const text = (content.text ?? '').replace(/\s+/g, ' ').trim();
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/**
 * The response_urls of slash commands and button clicks. A post with `replace_original` or
 * `delete_original` changes the message the button was on. Any other post adds an ephemeral
 * message for the user, or a channel message for `response_type: in_channel`.
 * NOTE: Slack documents the limits and fields but not the exact error bodies, so the statuses and
 * error codes of rejected posts here are the stand-in's own choice.
 */
export class ResponseUrls {
  private readonly registrations = new Map<string, Registration>();

  constructor(
    private readonly channel: ChannelState,
    private readonly baseUrl: () => string,
    private readonly now: () => number,
    /** Receives every reply body before it is applied, accepted or not. */
    private readonly onReply: (source: ResponseUrlSource, payload: Record<string, unknown>) => void = () => undefined,
  ) {}

  /** Registers an interaction and returns its response_url. */
  create(source: ResponseUrlSource): string {
    const id = randomBytes(12).toString('hex');
    this.registrations.set(id, { source, createdAt: this.now(), posts: 0 });
    return `${this.baseUrl()}${RESPONSE_URL_PATH}${id}`;
  }

  /** Handles a POST to the response_url with id `id` and the raw request body. */
  deliver(id: string, rawBody: string): ResponseUrlResult {
    const registration = this.registrations.get(id);
    if (registration === undefined) {
      return reject(404, 'no_such_response_url');
    }
    if (this.now() - registration.createdAt > RESPONSE_URL_LIFETIME_MS || registration.posts >= MAX_RESPONSE_URL_POSTS) {
      return reject(404, 'expired_url');
    }

    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch {
      return reject(400, 'invalid_payload', { detail: 'the body is not JSON' });
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return reject(400, 'invalid_payload', { detail: 'the body is not a JSON object' });
    }
    registration.posts += 1;
    return this.respond(registration.source, body as Record<string, unknown>);
  }

  /**
   * Applies a reply to an interaction: a post to its response_url, or the JSON body of the app's
   * HTTP response to the interaction, which Slack treats the same way.
   */
  respond(source: ResponseUrlSource, payload: Record<string, unknown>): ResponseUrlResult {
    this.onReply(source, payload);
    if (isTrue(payload.delete_original)) {
      if (source.originalKey === undefined || this.channel.find(source.originalKey) === undefined) {
        return reject(404, 'message_not_found', { detail: 'delete_original: there is no original message to delete' });
      }
      this.channel.remove(source.originalKey);
      return { status: 200, body: { ok: true }, outcome: `deleted the message of ${source.label}` };
    }

    const content = this.readContent(payload);
    if ('error' in content) {
      return content.error;
    }

    if (isTrue(payload.replace_original) && source.originalKey !== undefined) {
      if (this.channel.find(source.originalKey) === undefined) {
        return reject(404, 'message_not_found', { detail: 'replace_original: the original message is gone' });
      }
      this.channel.replace(source.originalKey, content.message);
      return { status: 200, body: { ok: true }, outcome: `replaced the message of ${source.label}: ${preview(content.message)}` };
    }

    const responseType = payload.response_type ?? 'ephemeral';
    if (responseType === 'in_channel') {
      const posted = this.channel.postInChannel(content.message);
      return { status: 200, body: { ok: true }, outcome: `posted in the channel for ${source.label} (ts ${posted}): ${preview(content.message)}` };
    }
    if (responseType !== 'ephemeral') {
      return reject(400, 'invalid_response_type', { detail: `response_type is ${JSON.stringify(responseType)}; use in_channel or ephemeral` });
    }
    this.channel.addEphemeral(source.userId, content.message);
    return { status: 200, body: { ok: true }, outcome: `ephemeral reply to ${source.label}: ${preview(content.message)}` };
  }

  private readContent(payload: Record<string, unknown>): { message: MessageContent } | { error: ResponseUrlResult } {
    const { text, blocks } = payload;
    if (text !== undefined && typeof text !== 'string') {
      return { error: reject(400, 'invalid_payload', { detail: 'text is not a string' }) };
    }
    if (blocks !== undefined) {
      const problems = validateBlocks(blocks);
      if (problems !== undefined) {
        return { error: reject(400, problems.error, { response_metadata: { messages: problems.messages } }) };
      }
    }
    const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
    if ((text === undefined || text === '') && !hasBlocks) {
      return { error: reject(400, 'no_text') };
    }

    const message: MessageContent = {};
    if (text !== undefined) message.text = text;
    if (hasBlocks) message.blocks = blocks;
    return { message };
  }
}
