import { describe, expect, it } from 'vitest';
import { renderMrkdwn, renderPlainText } from '../../src/simulator/slack-page/render/index.ts';

function render(text: string): { html: string; problems: string[] } {
  const problems: string[] = [];
  const html = renderMrkdwn(text, {
    userName: (id) => (id === 'U0DEMOUSER' ? 'demo.user' : undefined),
    problem: (description) => problems.push(description),
  });
  return { html, problems };
}

describe('mrkdwn rendering', () => {
  it.each([
    ['*bold*', '<strong>bold</strong>'],
    ['_italic_', '<em>italic</em>'],
    ['~strike~', '<del>strike</del>'],
    ['*Location*\nMain Campus', '<strong>Location</strong><br>Main Campus'],
    ['snake_case_name', 'snake_case_name'],
    ['2*3*4', '2*3*4'],
    ['* not bold *', '* not bold *'],
    ['`a *b* &lt;c&gt;`', '<code>a *b* &lt;c&gt;</code>'],
    ['```\nline 1\nline 2```', '<pre class="code-block">line 1\nline 2</pre>'],
    ['&lt;!channel&gt; &amp; more', '&lt;!channel&gt; &amp; more'],
    ['<b>not html</b>'.replace(/</g, '&lt;').replace(/>/g, '&gt;'), '&lt;b&gt;not html&lt;/b&gt;'],
    ['"quotes" and \'apostrophes\'', '&quot;quotes&quot; and &#39;apostrophes&#39;'],
    ['<@U0DEMOUSER>', '<span class="mention user">@demo.user</span>'],
    ['<@U0OTHER>', '<span class="mention user">@U0OTHER</span>'],
    ['<@U0OTHER|someone>', '<span class="mention user">@someone</span>'],
    ['<#C0123|wifi>', '<span class="mention channel">#wifi</span>'],
    ['<!here>', '<span class="mention broadcast">@here</span>'],
    ['<!subteam^S0123|@network-team>', '<span class="mention group">@network-team</span>'],
    ['<https://example.com/a?b=1&amp;c=2|the docs>', '<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">the docs</a>'],
    ['<mailto:noc@example.com>', '<a href="mailto:noc@example.com" target="_blank" rel="noopener noreferrer">mailto:noc@example.com</a>'],
    ['*<@U0DEMOUSER>*', '<strong><span class="mention user">@demo.user</span></strong>'],
    ['<https://x.y|see `code`>', '<a href="https://x.y" target="_blank" rel="noopener noreferrer">see <code>code</code></a>'],
    [':warning: done :white_check_mark:', '⚠️ done ✅'],
    [':no_such_emoji:', ':no_such_emoji:'],
    ['> quoted *text*\nafter', '<blockquote>quoted <strong>text</strong></blockquote>after'],
    ['&gt; not a quote', '&gt; not a quote'],
    ['• one\n• two', '• one<br>• two'],
  ])('renders %j', (text, expected) => {
    const rendered = render(text);

    expect(rendered.html).toBe(expected);
    expect(rendered.problems).toEqual([]);
  });

  it('renders a date token', () => {
    const rendered = render('at <!date^1796420080^{date_short_pretty} {time}|2026-12-04 21:34 UTC>');

    expect(rendered.html).toBe(
      'at <time class="slack-date" datetime="2026-12-04T21:34:40.000Z" data-format="{date_short_pretty} {time}">2026-12-04 21:34 UTC</time>',
    );
    expect(rendered.problems).toEqual([]);
  });

  it('renders a linked date token', () => {
    const rendered = render('<!date^0^{date_num}^https://example.com/x|1970-01-01>');

    expect(rendered.html).toBe(
      '<a href="https://example.com/x" target="_blank" rel="noopener noreferrer"><time class="slack-date" datetime="1970-01-01T00:00:00.000Z" data-format="{date_num}">1970-01-01</time></a>',
    );
    expect(rendered.problems).toEqual([]);
  });

  it.each([
    ['<!date^soon^{time}|later>', 'has no whole number of seconds'],
    ['<!date^1796420080^{weekday}|Friday>', 'uses the unknown format token {weekday}'],
    ['<!date^1796420080^{time}>', 'has no fallback text after "|"'],
    ['<!date^1796420080^^https://x.y|fallback>', 'has no format'],
    ['<!date^1796420080^{time}^javascript:alert(1)|fallback>', 'is not an http(s) or mailto link'],
  ])('reports a bad date token %j', (text, problem) => {
    const rendered = render(text);

    expect(rendered.problems).toEqual([expect.stringContaining(problem)]);
  });

  it('reports an unknown special command', () => {
    const rendered = render('<!foo|bar>');

    expect(rendered.html).toBe('bar');
    expect(rendered.problems).toEqual(['unknown special command "<!foo|bar>"']);
  });

  it('reports an unsafe link', () => {
    const rendered = render('<javascript:alert(1)|click>');

    expect(rendered.html).toBe('click');
    expect(rendered.problems).toEqual(['link "<javascript:alert(1)|click>" is not an http(s) or mailto link']);
  });

  it('plain text stays literal', () => {
    expect(renderPlainText('*not bold* <@U1> &amp; :warning:', true)).toBe('*not bold* &lt;@U1&gt; &amp;amp; ⚠️');
  });

  it('plain text keeps shortcodes without emoji', () => {
    expect(renderPlainText(':warning:', false)).toBe(':warning:');
  });
});
