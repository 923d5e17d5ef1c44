import { describe, expect, it } from 'vitest';
import { renderMessageContent, type MessageContent } from '../../src/simulator/slack-page/index.ts';

function render(message: MessageContent) {
  return renderMessageContent(message, { messageKey: 'm:1.000001', userName: () => undefined });
}

const BUTTON = {
  type: 'button',
  action_id: 'incident_resolve',
  text: { type: 'plain_text', text: 'Resolve' },
  style: 'danger',
  value: 'v1:alert:abc',
  confirm: {
    title: { type: 'plain_text', text: 'Resolve this alert incident?' },
    text: { type: 'plain_text', text: 'Marks it resolved.' },
    confirm: { type: 'plain_text', text: 'Resolve' },
    deny: { type: 'plain_text', text: 'Cancel' },
    style: 'danger',
  },
};

describe('block rendering', () => {
  it('renders a header', () => {
    const rendered = render({ blocks: [{ type: 'header', text: { type: 'plain_text', text: ':red_circle: DNS at <Lobby>', emoji: true } }] });

    expect(rendered.html).toContain('<h3 class="block-header">🔴 DNS at &lt;Lobby&gt;</h3>');
    expect(rendered.problems).toEqual([]);
  });

  it('renders section text and fields', () => {
    const rendered = render({
      blocks: [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: '*Summary*' },
          fields: [
            { type: 'mrkdwn', text: '*Band*\n5 GHz' },
            { type: 'plain_text', text: '*plain*' },
          ],
        },
      ],
    });

    expect(rendered.html).toContain('<div class="section-text"><strong>Summary</strong></div>');
    expect(rendered.html).toContain('<div class="field"><strong>Band</strong><br>5 GHz</div>');
    expect(rendered.html).toContain('<div class="field">*plain*</div>');
    expect(rendered.problems).toEqual([]);
  });

  it('renders context, divider and image', () => {
    const rendered = render({
      blocks: [
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'Ticket `4711`' }, { type: 'image', image_url: 'https://example.com/i.png', alt_text: 'signal' }] },
        { type: 'divider' },
        { type: 'image', image_url: 'https://example.com/map.png', alt_text: 'floor map', title: { type: 'plain_text', text: 'Floor 2' } },
      ],
    });

    expect(rendered.html).toContain('<span class="context-text">Ticket <code>4711</code></span>');
    expect(rendered.html).toContain('<hr class="block-divider">');
    expect(rendered.html).toContain('🖼 floor map');
    expect(rendered.html).toContain('<figcaption>Floor 2</figcaption>');
    expect(rendered.html).not.toContain('<img');
    expect(rendered.problems).toEqual([]);
  });

  it('renders a button with its position', () => {
    const rendered = render({ blocks: [{ type: 'divider' }, { type: 'actions', elements: [{ type: 'button', action_id: 'share', text: { type: 'plain_text', text: 'Post to channel' }, value: 'x' }, BUTTON] }] });

    expect(rendered.html).toContain(
      '<button type="button" class="block-button" data-action-id="share" data-key="m:1.000001" data-block="1" data-element="0">Post to channel</button>',
    );
    expect(rendered.html).toContain('data-action-id="incident_resolve" data-key="m:1.000001" data-block="1" data-element="1">Resolve</button>');
    expect(rendered.html).not.toContain('v1:alert:abc');
    expect(rendered.problems).toEqual([]);
  });

  it('renders a confirmation dialog template', () => {
    const rendered = render({ blocks: [{ type: 'actions', elements: [BUTTON] }] });

    expect(rendered.html).toContain(
      '<template class="confirm" data-style="danger"><h2>Resolve this alert incident?</h2><div class="confirm-text">Marks it resolved.</div><span class="confirm-label">Resolve</span><span class="deny-label">Cancel</span></template>',
    );
  });

  it('renders a section accessory button', () => {
    const rendered = render({ blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x' }, accessory: { ...BUTTON, confirm: undefined } }] });

    expect(rendered.html).toContain('<div class="section-accessory"><span class="button-wrap"><button type="button" class="block-button danger" data-action-id="incident_resolve" data-key="m:1.000001" data-block="0" data-element="0">');
    expect(rendered.problems).toEqual([]);
  });

  it('disables buttons without a message key', () => {
    const rendered = renderMessageContent({ blocks: [{ type: 'actions', elements: [BUTTON] }] }, { userName: () => undefined });

    expect(rendered.html).toContain('disabled="disabled"');
  });

  it('renders text when there are no blocks', () => {
    const rendered = render({ text: '🟢 Recovered at <!date^1796420080^{date_short_pretty} {time}|2026-12-04 21:34 UTC>.', blocks: [] });

    expect(rendered.html).toContain('<div class="message-text">🟢 Recovered at <time class="slack-date"');
    expect(rendered.problems).toEqual([]);
  });

  it.each([
    [{ blocks: [{ type: 'rich_text', elements: [] }] }, 'rich_text', '/blocks/0', 'the stand-in has no rich_text block'],
    [{ blocks: [{ type: 'actions', elements: [{ type: 'static_select', action_id: 'pick' }] }] }, 'static_select', '/blocks/0/elements/0', 'the stand-in has no static_select element'],
    [{ blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x' }, accessory: { type: 'overflow', action_id: 'more' } }] }, 'overflow', '/blocks/0/accessory', 'the stand-in has no overflow element'],
    [{ blocks: [{ type: 'context', elements: [{ type: 'button', action_id: 'b' }] }] }, 'button', '/blocks/0/elements/0', 'context blocks hold text and images, not button'],
    [{ blocks: [{ type: 'header', text: { type: 'mrkdwn', text: '*x*' } }] }, 'mrkdwn', '/blocks/0/text', 'a mrkdwn text object is not allowed here; expected plain_text'],
    [{ blocks: [{ type: 'section' }] }, 'section', '/blocks/0', 'a section needs text or fields'],
    [{ blocks: [{ text: 'no type' }] }, 'block', '/blocks/0', 'a block needs a type'],
    [{ text: 'x', attachments: [{ color: 'danger' }] }, 'attachments', '/attachments', 'the stand-in has no legacy attachments'],
    [{}, 'message', '/', 'the message has neither blocks nor text'],
  ])('marks %j as unrendered', (message, what, pointer, problem) => {
    const rendered = render(message as MessageContent);

    expect(rendered.html).toContain(`data-unrendered="${what}"`);
    expect(rendered.problems).toEqual([{ pointer, problem }]);
  });

  it('reports a button without an action id', () => {
    const rendered = render({ blocks: [{ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Go' } }] }] });

    expect(rendered.problems).toEqual([{ pointer: '/blocks/0/elements/0/action_id', problem: 'a button without an action_id cannot be told apart from others' }]);
  });

  it('reports an unknown button style', () => {
    const rendered = render({ blocks: [{ type: 'actions', elements: [{ ...BUTTON, confirm: undefined, style: 'warning' }] }] });

    expect(rendered.problems).toEqual([{ pointer: '/blocks/0/elements/0/style', problem: 'unknown button style "warning"' }]);
  });
});
