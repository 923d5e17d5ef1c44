import { randomBytes } from 'node:crypto';

/** The workspace, channel and app that every interaction payload names. */
export interface WorkspaceContext {
  teamId: string;
  teamDomain: string;
  apiAppId: string;
  channel: { id: string; name: string };
  user: { id: string; name: string };
}

/** Slack still sends this deprecated verification token field; Bolt ignores it and checks the signature. */
const VERIFICATION_TOKEN = 'stand-in-verification-token';

function triggerId(): string {
  return `${Math.floor(Date.now() / 1000)}.${randomBytes(5).readUInt32BE()}.${randomBytes(16).toString('hex')}`;
}

/** Returns the current time as an action timestamp in Slack's `seconds.micros` form. */
function actionTs(): string {
  return (Date.now() / 1000).toFixed(6);
}

/** Builds the form body of a slash command, with the fields Slack sends. */
export function slashCommandBody(context: WorkspaceContext, command: string, text: string, responseUrl: string): string {
  return new URLSearchParams({
    token: VERIFICATION_TOKEN,
    team_id: context.teamId,
    team_domain: context.teamDomain,
    channel_id: context.channel.id,
    channel_name: context.channel.name,
    user_id: context.user.id,
    user_name: context.user.name,
    command,
    text,
    api_app_id: context.apiAppId,
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: triggerId(),
  }).toString();
}

/** The clicked message as the payload describes it. */
export interface ClickedMessage {
  ts: string;
  ephemeral: boolean;
  threadTs?: string;
  userId: string;
  text?: string;
  blocks?: unknown[];
}

/** The clicked button, read from the stored message. */
export interface ClickedButton {
  actionId: string;
  blockId: string;
  text: unknown;
  value?: string;
  style?: string;
}

/**
 * Builds the form body of a `block_actions` interaction: the JSON payload in the field `payload`.
 * NOTE: for an ephemeral message the payload carries no `message` object. That is an assumption,
 * not checked against Slack, so an app that reads `message` there may behave differently in Slack.
 */
export function blockActionsBody(context: WorkspaceContext, message: ClickedMessage, button: ClickedButton, responseUrl: string): string {
  const action: Record<string, unknown> = {
    type: 'button',
    action_id: button.actionId,
    block_id: button.blockId,
    text: button.text,
    action_ts: actionTs(),
  };
  if (button.value !== undefined) action.value = button.value;
  if (button.style !== undefined) action.style = button.style;

  const payload: Record<string, unknown> = {
    type: 'block_actions',
    user: { id: context.user.id, username: context.user.name, name: context.user.name, team_id: context.teamId },
    api_app_id: context.apiAppId,
    token: VERIFICATION_TOKEN,
    container: {
      type: 'message',
      message_ts: message.ts,
      channel_id: context.channel.id,
      is_ephemeral: message.ephemeral,
      ...(message.threadTs === undefined ? {} : { thread_ts: message.threadTs }),
    },
    trigger_id: triggerId(),
    team: { id: context.teamId, domain: context.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: context.channel.id, name: context.channel.name },
    state: { values: {} },
    response_url: responseUrl,
    actions: [action],
  };
  if (!message.ephemeral) {
    payload.message = {
      type: 'message',
      user: message.userId,
      ts: message.ts,
      ...(message.threadTs === undefined ? {} : { thread_ts: message.threadTs }),
      ...(message.text === undefined ? {} : { text: message.text }),
      ...(message.blocks === undefined ? {} : { blocks: message.blocks }),
    };
  }
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
