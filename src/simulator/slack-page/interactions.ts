import { createHash } from 'node:crypto';
import { sendToApp, APP_TIMEOUT_MS, type AppResponse, type AppEndpoint } from './app-requests.ts';
import type { ChannelEntry, ChannelState } from './channel-state.ts';
import { blockActionsBody, slashCommandBody, type ClickedButton, type WorkspaceContext } from './interaction-payloads.ts';
import { isRecord } from './render/render-state.ts';
import type { ResponseUrlSource, ResponseUrls } from './response-urls.ts';

/** Outcome of one interaction, as the page receives it. */
export interface InteractionResult {
  ok: boolean;
  /** Reason for the failure in words; the same text also appears on the page as a Slackbot message. */
  error?: string;
}

export interface InteractionOptions {
  app: AppEndpoint;
  workspace: WorkspaceContext;
  /** Slash commands of the workspace, such as `/wifi-incidents`. */
  commands: readonly string[];
  channel: ChannelState;
  responseUrls: ResponseUrls;
  /** Receives one line per interaction and per app response, for the terminal. */
  onActivity: (line: string) => void;
}

const COMMAND_LINE = /^(\/[a-z0-9_-]+)(?:\s+([\s\S]*))?$/i;

/**
 * Derives a block id for a block stored without one. Slack makes up a random id when a message
 * is posted, but the stand-in derives it from the message and position, so it stays the same.
 */
function blockIdFor(ts: string, index: number): string {
  return createHash('sha1').update(`${ts}/${index}`).digest('base64url').slice(0, 5);
}

function findButton(entry: ChannelEntry, blockIndex: number, elementIndex: number): ClickedButton | string {
  const block = entry.content.blocks?.[blockIndex];
  if (!isRecord(block)) {
    return `message ${entry.key} has no block ${blockIndex}`;
  }
  const element = block.type === 'section' && elementIndex === 0 ? block.accessory : Array.isArray(block.elements) ? block.elements[elementIndex] : undefined;
  if (!isRecord(element) || element.type !== 'button' || typeof element.action_id !== 'string') {
    return `block ${blockIndex} of message ${entry.key} has no button at ${elementIndex}`;
  }

  const button: ClickedButton = {
    actionId: element.action_id,
    blockId: typeof block.block_id === 'string' ? block.block_id : blockIdFor(entry.ts, blockIndex),
    text: element.text,
  };
  if (typeof element.value === 'string') button.value = element.value;
  if (typeof element.style === 'string') button.style = element.style;
  return button;
}

function buttonLabel(button: ClickedButton): string {
  const text = isRecord(button.text) && typeof button.text.text === 'string' ? button.text.text : button.actionId;
  return `the "${text}" button`;
}

/** Sends slash commands and button clicks to the app as Slack does, and shows failures on the page. */
export class Interactions {
  constructor(private readonly options: InteractionOptions) {}

  /** Runs a line typed in the message box, such as `/wifi-incidents 24h`. */
  async runCommand(line: string): Promise<InteractionResult> {
    const { workspace, commands } = this.options;
    const match = COMMAND_LINE.exec(line.trim());
    if (match === null) {
      return this.fail(`The stand-in sends slash commands only, such as \`${commands[0] ?? '/command'} 24h\`.`);
    }
    const command = match[1]!.toLowerCase();
    const text = (match[2] ?? '').trim();
    if (!commands.includes(command)) {
      const known = commands.map((name) => `\`${name}\``).join(', ');
      return this.fail(`\`${command}\` is not a command of this workspace. Commands here: ${known}.`);
    }

    const label = text === '' ? command : `${command} ${text}`;
    const source: ResponseUrlSource = { userId: workspace.user.id, label };
    const responseUrl = this.options.responseUrls.create(source);
    this.options.onActivity(`${workspace.user.name} ran ${label}`);

    const response = await sendToApp(this.options.app, slashCommandBody(workspace, command, text, responseUrl));
    return this.handleResponse(response, source, `\`${command}\``);
  }

  /** Clicks a button: block `blockIndex`, element `elementIndex` of the message with entry key `key`. */
  async click(key: string, blockIndex: number, elementIndex: number): Promise<InteractionResult> {
    const { workspace, channel } = this.options;
    const entry = channel.find(key);
    if (entry === undefined) {
      return { ok: false, error: `message ${key} is no longer in the channel` };
    }
    const button = findButton(entry, blockIndex, elementIndex);
    if (typeof button === 'string') {
      return { ok: false, error: button };
    }

    const label = buttonLabel(button);
    const source: ResponseUrlSource = { userId: workspace.user.id, originalKey: key, label };
    const responseUrl = this.options.responseUrls.create(source);
    this.options.onActivity(`${workspace.user.name} clicked ${label} (${button.actionId}) on message ${entry.ts}`);

    const message = { ts: entry.ts, ephemeral: entry.ephemeral, userId: entry.userId ?? '', ...entry.content };
    const body = blockActionsBody(workspace, entry.threadTs === undefined ? message : { ...message, threadTs: entry.threadTs }, button, responseUrl);
    const response = await sendToApp(this.options.app, body);
    return this.handleResponse(response, source, label);
  }

  private handleResponse(response: AppResponse, source: ResponseUrlSource, subject: string): InteractionResult {
    if (response.outcome === 'timeout') {
      return this.fail(`${subject} failed with the error "operation_timeout": the app did not respond within ${APP_TIMEOUT_MS / 1000} seconds.`);
    }
    if (response.outcome === 'unreachable') {
      return this.fail(`${subject} failed with the error "dispatch_failed": the app cannot be reached (${response.error}).`);
    }
    if (response.status !== 200) {
      return this.fail(`${subject} failed with the error "dispatch_failed": the app responded with HTTP ${response.status}.`);
    }

    this.options.onActivity(`app acknowledged ${source.label}`);
    if (response.body.trim() !== '') {
      this.applyResponseBody(source, response.body);
    }
    return { ok: true };
  }

  /** Shows the body of the app's HTTP response as Slack does: JSON as a message reply, other text as is. */
  private applyResponseBody(source: ResponseUrlSource, body: string): void {
    let payload: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(body);
      payload = isRecord(parsed) ? parsed : { text: body };
    } catch {
      payload = { text: body };
    }
    const result = this.options.responseUrls.respond(source, payload);
    this.options.onActivity(result.outcome ?? `the app's response to ${source.label} was rejected: ${JSON.stringify(result.body)}`);
  }

  private fail(text: string): InteractionResult {
    const { channel, workspace } = this.options;
    channel.addEphemeral(workspace.user.id, { text }, { author: 'slackbot' });
    this.options.onActivity(`Slackbot: ${text}`);
    return { ok: false, error: text };
  }
}
