import { attributes, escapeHtml, isSafeLink } from './html.ts';
import { renderPlainText } from './mrkdwn.ts';
import { isRecord, type RenderState } from './render-state.ts';

const BUTTON_STYLES = new Set(['primary', 'danger']);

/** Renders a confirmation dialog as a template that the page's script shows before sending the click. */
function renderConfirm(state: RenderState, confirm: unknown, pointer: string): string {
  if (confirm === undefined) {
    return '';
  }
  if (!isRecord(confirm)) {
    return state.unrendered(pointer, 'confirm', 'expected a confirmation dialog object');
  }

  const style = typeof confirm.style === 'string' && BUTTON_STYLES.has(confirm.style) ? confirm.style : undefined;
  const title = renderPlainText(state.plainText(confirm.title, `${pointer}/title`), true);
  const confirmLabel = escapeHtml(state.plainText(confirm.confirm, `${pointer}/confirm`));
  const denyLabel = escapeHtml(state.plainText(confirm.deny, `${pointer}/deny`));
  return [
    `<template${attributes({ class: 'confirm', 'data-style': style })}>`,
    `<h2>${title}</h2>`,
    `<div class="confirm-text">${state.text(confirm.text, `${pointer}/text`)}</div>`,
    `<span class="confirm-label">${confirmLabel}</span>`,
    `<span class="deny-label">${denyLabel}</span>`,
    '</template>',
  ].join('');
}

/**
 * Renders a button. The page sends the message key with the block and element indexes back, and the
 * server reads the action from the stored message, as Slack does, so the page never supplies a value.
 */
export function renderButton(state: RenderState, element: Record<string, unknown>, pointer: string, position: { block: number; element: number }): string {
  if (typeof element.action_id !== 'string' || element.action_id === '') {
    state.report(`${pointer}/action_id`, 'a button without an action_id cannot be told apart from others');
  }
  const label = renderPlainText(state.plainText(element.text, `${pointer}/text`), true);
  const style = typeof element.style === 'string' ? element.style : undefined;
  if (style !== undefined && !BUTTON_STYLES.has(style)) {
    state.report(`${pointer}/style`, `unknown button style "${style}"`);
  }
  const url = typeof element.url === 'string' ? element.url : undefined;
  if (url !== undefined && !isSafeLink(url)) {
    state.report(`${pointer}/url`, `button URL "${url}" is not an http(s) or mailto link`);
  }

  const key = state.options.messageKey;
  const buttonAttributes = attributes({
    type: 'button',
    class: `block-button${style === undefined ? '' : ` ${style}`}`,
    'data-action-id': typeof element.action_id === 'string' ? element.action_id : undefined,
    'data-key': key,
    'data-block': position.block,
    'data-element': position.element,
    'data-url': url !== undefined && isSafeLink(url) ? url : undefined,
    disabled: key === undefined ? 'disabled' : undefined,
  });
  return `<span class="button-wrap"><button${buttonAttributes}>${label}</button>${renderConfirm(state, element.confirm, `${pointer}/confirm`)}</span>`;
}

/**
 * Renders an image as a labelled box. The stand-in never loads the image, because the page must
 * not contact any host but its own.
 */
export function renderImage(state: RenderState, element: Record<string, unknown>, pointer: string): string {
  const alt = typeof element.alt_text === 'string' ? element.alt_text : '';
  if (alt === '') {
    state.report(`${pointer}/alt_text`, 'an image needs alt_text');
  }
  const source = typeof element.image_url === 'string' ? element.image_url : 'an uploaded file';
  return `<span${attributes({ class: 'image-placeholder', title: source })}>🖼 ${escapeHtml(alt)}</span>`;
}

/** Renders one element of a context block: text or image. */
export function renderContextElement(state: RenderState, element: unknown, pointer: string): string {
  if (!isRecord(element) || typeof element.type !== 'string') {
    return state.unrendered(pointer, 'element', 'an element needs a type');
  }
  if (element.type === 'mrkdwn' || element.type === 'plain_text') {
    return `<span class="context-text">${state.text(element, pointer)}</span>`;
  }
  if (element.type === 'image') {
    return renderImage(state, element, pointer);
  }
  return state.unrendered(pointer, element.type, `context blocks hold text and images, not ${element.type}`);
}

/** Renders an interactive element of an actions block or a section accessory. */
export function renderInteractiveElement(state: RenderState, element: unknown, pointer: string, position: { block: number; element: number }): string {
  if (!isRecord(element) || typeof element.type !== 'string') {
    return state.unrendered(pointer, 'element', 'an element needs a type');
  }
  if (element.type === 'button') {
    return renderButton(state, element, pointer, position);
  }
  return state.unrendered(pointer, element.type, `the stand-in has no ${element.type} element`);
}
