import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandLines, renderInline, renderMarkdown, safeHref } from './markdown';

describe('renderInline', () => {
  it('renders code, bold, italic and links', () => {
    expect(renderInline('the **control plane** and *nodes*')).toBe('the <strong>control plane</strong> and <em>nodes</em>');
    expect(renderInline('run `kubectl get pods`')).toBe('run <code>kubectl get pods</code>');
    expect(renderInline('see [the docs](https://kubernetes.io/docs/)')).toBe(
      'see <a href="https://kubernetes.io/docs/" target="_blank" rel="noopener noreferrer">the docs</a>',
    );
    expect(renderInline('**`kubectl`** rules')).toBe('<strong><code>kubectl</code></strong> rules');
    expect(renderInline('``a ` b``')).toBe('<code>a ` b</code>');
  });

  it('leaves code span content literal', () => {
    expect(renderInline('`**not bold** <b>`')).toBe('<code>**not bold** &lt;b&gt;</code>');
    expect(renderInline('`[x](y)`')).toBe('<code>[x](y)</code>');
  });

  it('does not italicise inside words', () => {
    expect(renderInline('echo $POD_NAME and $NODE_PORT')).toBe('echo $POD_NAME and $NODE_PORT');
    expect(renderInline('2*3*4')).toBe('2*3*4');
    expect(renderInline('_yes_ it is')).toBe('<em>yes</em> it is');
  });

  it('escapes HTML and drops unsafe links', () => {
    expect(renderInline('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(renderInline('[click](javascript:alert(1))')).not.toContain('href');
    expect(renderInline('[x](data:text/html,hi)')).toBe('x');
    expect(renderInline('[x](#a" onclick="y)')).not.toContain('onclick="');
    expect(renderInline('an unmatched ` tick')).toBe('an unmatched ` tick');
    expect(safeHref('//evil.example')).toBeUndefined();
    expect(safeHref('./other')).toBe('./other');
  });
});

describe('renderMarkdown', () => {
  it('renders blocks', () => {
    const { html } = renderMarkdown('### Why\n\nOne line\nand the next.\n\n- a `b`\n- **c**\n  continued\n\n1. first\n2. second\n\n> note\n\n---');
    expect(html).toBe(
      [
        '<h5>Why</h5>',
        '<p>One line and the next.</p>',
        '<ul><li>a <code>b</code></li><li><strong>c</strong> continued</li></ul>',
        '<ol><li>first</li><li>second</li></ol>',
        '<blockquote><p>note</p></blockquote>',
        '<hr>',
      ].join('\n'),
    );
  });

  it('makes sh blocks click-to-run and leaves other blocks as code', () => {
    const r = renderMarkdown('Start:\n\n```sh\nminikube version\nminikube start\n```\n\n```\nNAME  STATUS\n<none>\n```\n\n```bash\nkubectl get pods\n```', { runLabel: 'Run' });
    expect(r.commands).toEqual(['minikube version\nminikube start', 'kubectl get pods']);
    expect(r.html).toContain('<div class="run-block"><pre><code class="language-sh">minikube version\nminikube start</code></pre><button type="button" class="run" data-run="0"');
    expect(r.html).toContain('data-run="1"');
    expect(r.html).toContain('<pre><code>NAME  STATUS\n&lt;none&gt;</code></pre>');
    // ## inside a fence is code, not a heading
    expect(renderMarkdown('```\n## not a heading\n```').html).toBe('<pre><code>## not a heading</code></pre>');
  });

  it('splits a block into the lines it types', () => {
    expect(commandLines('# comment\nkubectl get pods \\\n  -o wide\n\necho hi')).toEqual(['kubectl get pods -o wide', 'echo hi']);
  });

  it('renders every lesson text without raw tags', () => {
    const root = 'lessons';
    let n = 0;
    for (const track of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const lesson of readdirSync(join(root, track.name), { withFileTypes: true }).filter((d) => d.isDirectory())) {
        for (const lang of ['en', 'zh']) {
          const md = readFileSync(join(root, track.name, lesson.name, `${lang}.md`), 'utf8');
          const { html, commands } = renderMarkdown(md);
          expect(html).not.toMatch(/<(?!\/?(h[1-6]|p|ul|ol|li|blockquote|hr|pre|code|div|button|strong|em|a)[\s>])/);
          expect(commands.length).toBe((md.match(/^```(sh|bash|shell)\s*$/gm) ?? []).length);
          n++;
        }
      }
    }
    expect(n).toBeGreaterThanOrEqual(48);
  });
});
