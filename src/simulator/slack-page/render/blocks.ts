import { attributes } from './html.ts';
import { renderContextElement, renderImage, renderInteractiveElement } from './elements.ts';
import { isRecord, type RenderState } from './render-state.ts';

type BlockRenderer = (state: RenderState, block: Record<string, unknown>, pointer: string, index: number) => string;

function renderHeader(state: RenderState, block: Record<string, unknown>, pointer: string): string {
  return `<h3 class="block-header">${state.text(block.text, `${pointer}/text`, ['plain_text'])}</h3>`;
}

function renderSection(state: RenderState, block: Record<string, unknown>, pointer: string, index: number): string {
  const parts: string[] = [];
  if (block.text === undefined && block.fields === undefined) {
    parts.push(state.unrendered(pointer, 'section', 'a section needs text or fields'));
  }
  if (block.text !== undefined) {
    parts.push(`<div class="section-text">${state.text(block.text, `${pointer}/text`)}</div>`);
  }
  if (block.fields !== undefined) {
    if (Array.isArray(block.fields)) {
      const fields = block.fields.map((field, fieldIndex) => `<div class="field">${state.text(field, `${pointer}/fields/${fieldIndex}`)}</div>`);
      parts.push(`<div class="section-fields">${fields.join('')}</div>`);
    } else {
      parts.push(state.unrendered(`${pointer}/fields`, 'fields', 'fields must be an array'));
    }
  }

  let accessory = '';
  if (isRecord(block.accessory) && block.accessory.type === 'image') {
    accessory = renderImage(state, block.accessory, `${pointer}/accessory`);
  } else if (block.accessory !== undefined) {
    // A section accessory sits at element index 0 of its block.
    accessory = renderInteractiveElement(state, block.accessory, `${pointer}/accessory`, { block: index, element: 0 });
  }
  const aside = accessory === '' ? '' : `<div class="section-accessory">${accessory}</div>`;
  return `<div class="block-section"><div class="section-main">${parts.join('')}</div>${aside}</div>`;
}

function renderContext(state: RenderState, block: Record<string, unknown>, pointer: string): string {
  if (!Array.isArray(block.elements) || block.elements.length === 0) {
    return state.unrendered(`${pointer}/elements`, 'context', 'a context block needs elements');
  }
  const elements = block.elements.map((element, elementIndex) => renderContextElement(state, element, `${pointer}/elements/${elementIndex}`));
  return `<div class="block-context">${elements.join('')}</div>`;
}

function renderActions(state: RenderState, block: Record<string, unknown>, pointer: string, index: number): string {
  if (!Array.isArray(block.elements) || block.elements.length === 0) {
    return state.unrendered(`${pointer}/elements`, 'actions', 'an actions block needs elements');
  }
  const elements = block.elements.map((element, elementIndex) =>
    renderInteractiveElement(state, element, `${pointer}/elements/${elementIndex}`, { block: index, element: elementIndex }),
  );
  return `<div class="block-actions">${elements.join('')}</div>`;
}

function renderDivider(): string {
  return '<hr class="block-divider">';
}

function renderImageBlock(state: RenderState, block: Record<string, unknown>, pointer: string): string {
  const title = block.title === undefined ? '' : `<figcaption>${state.text(block.title, `${pointer}/title`, ['plain_text'])}</figcaption>`;
  return `<figure class="block-image">${renderImage(state, block, pointer)}${title}</figure>`;
}

/** Block types the stand-in renders. Any other type is marked on the page and reported as a problem. */
const BLOCK_RENDERERS: ReadonlyMap<string, BlockRenderer> = new Map<string, BlockRenderer>([
  ['header', renderHeader],
  ['section', renderSection],
  ['context', renderContext],
  ['actions', renderActions],
  ['divider', renderDivider],
  ['image', renderImageBlock],
]);

/** Renders one block of a message. */
export function renderBlock(state: RenderState, block: unknown, index: number): string {
  const pointer = `/blocks/${index}`;
  if (!isRecord(block) || typeof block.type !== 'string') {
    return state.unrendered(pointer, 'block', 'a block needs a type');
  }
  const render = BLOCK_RENDERERS.get(block.type);
  if (render === undefined) {
    return state.unrendered(pointer, block.type, `the stand-in has no ${block.type} block`);
  }
  return `<div${attributes({ class: 'block', 'data-block-type': block.type })}>${render(state, block, pointer, index)}</div>`;
}
