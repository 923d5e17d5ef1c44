import { escapeHtml, attributes } from './html.ts';
import { renderMrkdwn, renderPlainText, type MrkdwnContext } from './mrkdwn.ts';

/** A piece of a message that the stand-in cannot show as Slack would, with its JSON pointer. */
export interface RenderProblem {
  pointer: string;
  problem: string;
}

export interface RenderOptions {
  /** Key that the page sends back when a button of this message is clicked; without it buttons are inert. */
  messageKey?: string;
  /** Display name of a user id, such as `demo.user`; undefined shows the id. */
  userName(id: string): string | undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Options and collected problems of one message being rendered. */
export class RenderState {
  readonly problems: RenderProblem[] = [];

  constructor(readonly options: RenderOptions) {}

  report(pointer: string, problem: string): void {
    this.problems.push({ pointer, problem });
  }

  /**
   * Returns a visible marker for a part that cannot be rendered and records the problem, so that
   * the gap shows on the page and fails the tests instead of disappearing.
   */
  unrendered(pointer: string, kind: string, problem: string): string {
    this.report(pointer, problem);
    return `<div${attributes({ class: 'unrendered', 'data-unrendered': kind, title: pointer })}>Cannot render ${escapeHtml(kind)}: ${escapeHtml(problem)}</div>`;
  }

  mrkdwn(text: string, pointer: string): string {
    const context: MrkdwnContext = {
      userName: (id) => this.options.userName(id),
      problem: (description) => this.report(pointer, description),
    };
    return renderMrkdwn(text, context);
  }

  /** Renders a text object of the allowed types; anything else is marked as unrendered. */
  text(value: unknown, pointer: string, allowed: ReadonlyArray<'plain_text' | 'mrkdwn'> = ['plain_text', 'mrkdwn']): string {
    if (!isRecord(value) || typeof value.text !== 'string' || typeof value.type !== 'string') {
      return this.unrendered(pointer, 'text object', 'expected {type, text}');
    }
    if (!(allowed as readonly string[]).includes(value.type)) {
      return this.unrendered(pointer, value.type, `a ${value.type} text object is not allowed here; expected ${allowed.join(' or ')}`);
    }
    if (value.type === 'plain_text') {
      return renderPlainText(value.text, typeof value.emoji === 'boolean' ? value.emoji : undefined);
    }
    return this.mrkdwn(value.text, `${pointer}/text`);
  }

  /** Returns the plain text of a plain_text object, for labels and dialog titles. */
  plainText(value: unknown, pointer: string): string {
    if (!isRecord(value) || value.type !== 'plain_text' || typeof value.text !== 'string') {
      this.report(pointer, 'expected a plain_text object');
      return '';
    }
    return value.text;
  }
}
