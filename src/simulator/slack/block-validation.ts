// Block Kit limits for messages, from Slack's Block Kit reference (docs.slack.dev, reference/block-kit).
// The fake checks the limits the bot can reach, not every rule Slack enforces.
export const maxBlocksPerMessage = 50;
export const maxSectionTextLength = 3000;
export const maxSectionFields = 10;
export const maxSectionFieldLength = 2000;
export const maxHeaderTextLength = 150;
export const maxContextElements = 10;
export const maxActionsElements = 25;
export const maxBlockIdLength = 255;
export const maxActionIdLength = 255;
export const maxButtonTextLength = 75;
export const maxButtonValueLength = 2000;
export const maxConfirmTitleLength = 100;
export const maxConfirmTextLength = 300;
export const maxConfirmButtonLength = 30;

/** Slack error code and the `[ERROR] ... [json-pointer:...]` lines Slack sends in `response_metadata.messages`. */
export interface BlocksError {
  error: 'invalid_blocks' | 'invalid_blocks_format';
  messages: string[];
}

type Problems = string[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function report(problems: Problems, pointer: string, problem: string): void {
  problems.push(`[ERROR] ${problem} [json-pointer:${pointer}]`);
}

function checkLength(problems: Problems, pointer: string, value: unknown, max: number): void {
  if (typeof value === 'string' && value.length > max) {
    report(problems, pointer, `must be less than ${max + 1} characters`);
  }
}

function checkTextObject(
  problems: Problems,
  pointer: string,
  value: unknown,
  max: number,
  allowedTypes: readonly string[] = ['plain_text', 'mrkdwn'],
): void {
  if (!isRecord(value)) {
    report(problems, pointer, 'must be a text object');
    return;
  }
  if (typeof value.type !== 'string' || !allowedTypes.includes(value.type)) {
    report(problems, `${pointer}/type`, `must be one of ${allowedTypes.join(', ')}`);
  }
  if (typeof value.text !== 'string') {
    report(problems, `${pointer}/text`, 'missing required field: text');
    return;
  }
  if (value.text.length === 0) {
    report(problems, `${pointer}/text`, 'must be more than 0 characters');
  }
  checkLength(problems, `${pointer}/text`, value.text, max);
}

function checkConfirm(problems: Problems, pointer: string, confirm: unknown): void {
  if (confirm === undefined) {
    return;
  }
  if (!isRecord(confirm)) {
    report(problems, pointer, 'must be a confirmation dialog object');
    return;
  }
  checkTextObject(problems, `${pointer}/title`, confirm.title, maxConfirmTitleLength, ['plain_text']);
  checkTextObject(problems, `${pointer}/text`, confirm.text, maxConfirmTextLength);
  checkTextObject(problems, `${pointer}/confirm`, confirm.confirm, maxConfirmButtonLength, ['plain_text']);
  checkTextObject(problems, `${pointer}/deny`, confirm.deny, maxConfirmButtonLength, ['plain_text']);
}

function checkElement(problems: Problems, pointer: string, element: unknown): void {
  if (!isRecord(element) || typeof element.type !== 'string') {
    report(problems, `${pointer}/type`, 'missing required field: type');
    return;
  }
  checkLength(problems, `${pointer}/action_id`, element.action_id, maxActionIdLength);
  if (element.type === 'button') {
    checkTextObject(problems, `${pointer}/text`, element.text, maxButtonTextLength, ['plain_text']);
    checkLength(problems, `${pointer}/value`, element.value, maxButtonValueLength);
    checkConfirm(problems, `${pointer}/confirm`, element.confirm);
  }
}

function checkSection(problems: Problems, pointer: string, block: Record<string, unknown>): void {
  if (block.text === undefined && block.fields === undefined) {
    report(problems, pointer, 'must provide either text or fields');
  }
  if (block.text !== undefined) {
    checkTextObject(problems, `${pointer}/text`, block.text, maxSectionTextLength);
  }
  if (block.fields !== undefined) {
    if (!Array.isArray(block.fields)) {
      report(problems, `${pointer}/fields`, 'must be an array');
    } else {
      if (block.fields.length > maxSectionFields) {
        report(problems, `${pointer}/fields`, `must provide no more than ${maxSectionFields} items`);
      }
      block.fields.forEach((field, index) => {
        checkTextObject(problems, `${pointer}/fields/${index}`, field, maxSectionFieldLength);
      });
    }
  }
  if (block.accessory !== undefined) {
    checkElement(problems, `${pointer}/accessory`, block.accessory);
  }
}

function checkElementList(
  problems: Problems,
  pointer: string,
  elements: unknown,
  max: number,
  checkItem: (itemPointer: string, item: unknown) => void,
): void {
  if (!Array.isArray(elements) || elements.length === 0) {
    report(problems, pointer, 'must provide at least 1 item');
    return;
  }
  if (elements.length > max) {
    report(problems, pointer, `must provide no more than ${max} items`);
  }
  elements.forEach((item, index) => checkItem(`${pointer}/${index}`, item));
}

function checkBlock(problems: Problems, pointer: string, block: unknown): void {
  if (!isRecord(block) || typeof block.type !== 'string') {
    report(problems, `${pointer}/type`, 'missing required field: type');
    return;
  }
  checkLength(problems, `${pointer}/block_id`, block.block_id, maxBlockIdLength);

  switch (block.type) {
    case 'section':
      checkSection(problems, pointer, block);
      break;
    case 'header':
      checkTextObject(problems, `${pointer}/text`, block.text, maxHeaderTextLength, ['plain_text']);
      break;
    case 'context':
      checkElementList(problems, `${pointer}/elements`, block.elements, maxContextElements, (itemPointer, item) => {
        if (!isRecord(item) || typeof item.type !== 'string') {
          report(problems, `${itemPointer}/type`, 'missing required field: type');
        }
      });
      break;
    case 'actions':
      checkElementList(problems, `${pointer}/elements`, block.elements, maxActionsElements, (itemPointer, item) => {
        checkElement(problems, itemPointer, item);
      });
      break;
    default:
      // Other block types (divider, image, rich_text, ...) pass without checks.
      break;
  }
}

/** Checks `blocks` from a chat.postMessage or chat.update request. Returns undefined when Slack would accept them. */
export function validateBlocks(blocks: unknown): BlocksError | undefined {
  if (!Array.isArray(blocks)) {
    return { error: 'invalid_blocks_format', messages: ['[ERROR] must be an array [json-pointer:/blocks]'] };
  }

  const problems: Problems = [];
  if (blocks.length > maxBlocksPerMessage) {
    report(problems, '/blocks', `must provide no more than ${maxBlocksPerMessage} items`);
  }
  blocks.forEach((block, index) => checkBlock(problems, `/blocks/${index}`, block));

  return problems.length === 0 ? undefined : { error: 'invalid_blocks', messages: problems };
}
