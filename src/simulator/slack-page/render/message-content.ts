import { renderBlock } from './blocks.ts';
import { RenderState, type RenderOptions, type RenderProblem } from './render-state.ts';

/** The parts of a Slack message that the page shows. */
export interface MessageContent {
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
}

export interface RenderedContent {
  html: string;
  /** Parts that could not be rendered; each also shows on the page as a marked box. */
  problems: RenderProblem[];
}

/**
 * Renders a message as Slack shows it: its blocks when it has any, else its `text` as mrkdwn.
 * Unknown block and element types, and malformed ones, come back as problems.
 */
export function renderMessageContent(message: MessageContent, options: RenderOptions): RenderedContent {
  const state = new RenderState(options);
  const parts: string[] = [];

  if (message.blocks !== undefined && message.blocks.length > 0) {
    message.blocks.forEach((block, index) => parts.push(renderBlock(state, block, index)));
  } else if (message.text !== undefined && message.text !== '') {
    parts.push(`<div class="message-text">${state.mrkdwn(message.text, '/text')}</div>`);
  } else {
    parts.push(state.unrendered('/', 'message', 'the message has neither blocks nor text'));
  }

  if (message.attachments !== undefined && message.attachments.length > 0) {
    parts.push(state.unrendered('/attachments', 'attachments', 'the stand-in has no legacy attachments'));
  }
  return { html: parts.join(''), problems: state.problems };
}
