/** Renders Slack messages (Block Kit and mrkdwn) as HTML for the stand-in page. */
export { renderMessageContent, type MessageContent, type RenderedContent } from './message-content.ts';
export type { RenderOptions, RenderProblem } from './render-state.ts';
export { renderMrkdwn, renderPlainText } from './mrkdwn.ts';
export { escapeHtml } from './html.ts';
export { DATE_TOKENS } from './slack-date.ts';
