/** The Slack stand-in: a web page on 127.0.0.1 that shows a channel of the fake Slack and talks to the app. */
export { startSlackStandIn, type SlackStandIn, type SlackStandInOptions } from './slack-stand-in.ts';
export { renderMessageContent, type MessageContent, type RenderProblem } from './render/index.ts';
export type { ChannelEntry } from './channel-state.ts';
export type { ChannelProblem, ChannelView } from './channel-view.ts';
export type { InteractionResult } from './interactions.ts';
export type { ResponseUrlSource } from './response-urls.ts';
