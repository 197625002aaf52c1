// A tiny, safe markdown renderer for lesson prose: headings, paragraphs, lists, block quotes,
// fenced code, inline code, bold, italic and links. Everything is escaped; the only tags produced
// are the ones below, and links only to http(s), mailto, relative paths or #anchors. Fenced `sh`
// (`bash`, `shell`) blocks become click-to-run blocks: a button carrying `data-run="<k>"`, the
// index of the command in `commands` (the panel types it into the terminal).

export interface Rendered {
  html: string;
  /** The click-to-run blocks, in order; `data-run="k"` refers to commands[k]. */
  commands: string[];
}

export interface RenderOptions {
  /** The run button's label (and its title prefix). */
  runLabel?: string;
  /** Heading level offset: `#` becomes h(1 + offset). Default 2 (the panel owns h1/h2). */
  headingOffset?: number;
}

const SHELL = new Set(['sh', 'bash', 'shell']);
const FENCE = /^\s{0,3}(`{3,}|~{3,})\s*([^`\s]*)\s*$/;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Only these link targets survive; anything else (javascript:, data:, ...) renders as text. */
export function safeHref(url: string): string | undefined {
  const u = url.trim();
  if (/^(https?:|mailto:)/i.test(u)) return u;
  if (/^[a-z][a-z0-9+.-]*:/i.test(u)) return undefined;
  if (/^\/\//.test(u)) return undefined;
  return u;
}

/** Inline markdown: code spans first (their content is literal), then links, bold, italic. */
export function renderInline(text: string): string {
  const slots: string[] = [];
  const slot = (html: string) => `\u0000${slots.push(html) - 1}\u0000`;
  let s = codeSpans(text.replace(/\u0000/g, ''), (code) => slot(`<code>${escapeHtml(code)}</code>`));
  s = s.replace(/\[([^\]]+)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g, (_, label: string, url: string) => {
    const inner = styles(escapeHtml(label));
    const href = safeHref(url);
    if (href === undefined) return slot(inner);
    const external = /^https?:/i.test(href);
    return slot(`<a href="${escapeHtml(href)}"${external ? ' target="_blank" rel="noopener noreferrer"' : ''}>${inner}</a>`);
  });
  s = styles(escapeHtml(s));
  for (let guard = 0; guard < 4 && s.includes('\u0000'); guard++) s = s.replace(/\u0000(\d+)\u0000/g, (_, k: string) => slots[+k] ?? '');
  return s;
}

/** Replaces each code span (`x`, ``x ` y``) by what `code` returns; an unmatched backtick is text. */
function codeSpans(text: string, code: (content: string) => string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const tick = text.indexOf('`', i);
    if (tick < 0) break;
    let n = 1;
    while (text[tick + n] === '`') n++;
    const fence = '`'.repeat(n);
    const close = findClosingTicks(text, tick + n, fence);
    if (close < 0) {
      out += text.slice(i, tick + n);
      i = tick + n;
      continue;
    }
    let content = text.slice(tick + n, close);
    if (/^ .* $/.test(content) && content.trim()) content = content.slice(1, -1);
    out += text.slice(i, tick) + code(content);
    i = close + n;
  }
  return out + text.slice(i);
}

function findClosingTicks(text: string, from: number, fence: string): number {
  let k = from;
  while ((k = text.indexOf(fence, k)) >= 0) {
    if (text[k + fence.length] !== '`') return k;
    while (text[k] === '`') k++;
  }
  return -1;
}

/** Bold and italic on escaped text (the markers are not HTML-special). */
function styles(s: string): string {
  return s
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^\w])__(?=\S)([\s\S]*?\S)__(?!\w)/g, '$1<strong>$2</strong>')
    .replace(/(^|[^*\w])\*(?=[^\s*])([^*]*?[^\s*])\*(?!\*)/g, '$1<em>$2</em>')
    .replace(/(^|[^\w])_(?=[^\s_])([^_]*?[^\s_])_(?!\w)/g, '$1<em>$2</em>');
}

/** The lines a click-to-run block types: `\`-continued lines joined, blanks and comments dropped. */
export function commandLines(block: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const raw of block.split('\n')) {
    const line = cur ? raw.trim() : raw.replace(/\s+$/, '');
    if (line.endsWith('\\')) {
      cur += line.slice(0, -1).trimEnd() + ' ';
      continue;
    }
    const full = (cur + line).trim();
    cur = '';
    if (!full || full.startsWith('#')) continue;
    out.push(full);
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'para'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'quote'; text: string }
  | { kind: 'code'; lang: string; text: string }
  | { kind: 'rule' };

function parseBlocks(md: string): Block[] {
  const lines = md.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  const item = /^\s{0,3}([-*+]|\d{1,9}[.)])\s+(.*)$/;
  while (i < lines.length) {
    const line = lines[i];
    const fence = FENCE.exec(line);
    if (fence) {
      const buf: string[] = [];
      i++;
      while (i < lines.length) {
        const c = FENCE.exec(lines[i]);
        if (c && c[1][0] === fence[1][0] && c[1].length >= fence[1].length && !c[2]) break;
        buf.push(lines[i]);
        i++;
      }
      i++;
      blocks.push({ kind: 'code', lang: fence[2].toLowerCase(), text: buf.join('\n') });
      continue;
    }
    if (!line.trim()) {
      i++;
      continue;
    }
    const h = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) {
      blocks.push({ kind: 'heading', level: h[1].length, text: h[2] });
      i++;
      continue;
    }
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      blocks.push({ kind: 'rule' });
      i++;
      continue;
    }
    if (/^\s{0,3}>/.test(line)) {
      const buf: string[] = [];
      while (i < lines.length && /^\s{0,3}>/.test(lines[i])) buf.push(lines[i++].replace(/^\s{0,3}>\s?/, ''));
      blocks.push({ kind: 'quote', text: buf.join(' ') });
      continue;
    }
    const first = item.exec(line);
    if (first) {
      const ordered = /\d/.test(first[1]);
      const items: string[] = [];
      while (i < lines.length) {
        const m = item.exec(lines[i]);
        if (m && /\d/.test(m[1]) === ordered) {
          items.push(m[2]);
          i++;
        } else if (lines[i].trim() && /^\s+/.test(lines[i]) && items.length && !FENCE.test(lines[i])) {
          items[items.length - 1] += ' ' + lines[i].trim();
          i++;
        } else break;
      }
      blocks.push({ kind: 'list', ordered, items });
      continue;
    }
    const buf: string[] = [];
    while (i < lines.length && lines[i].trim() && !FENCE.test(lines[i]) && !/^\s{0,3}(#{1,6}\s|>)/.test(lines[i]) && !item.test(lines[i])) buf.push(lines[i++].trim());
    blocks.push({ kind: 'para', text: buf.join('\n') });
  }
  return blocks;
}

export function renderMarkdown(md: string, opts: RenderOptions = {}): Rendered {
  const runLabel = opts.runLabel ?? 'Run';
  const offset = opts.headingOffset ?? 2;
  const commands: string[] = [];
  const html = parseBlocks(md)
    .map((b) => {
      switch (b.kind) {
        case 'heading': {
          const n = Math.min(6, b.level + offset);
          return `<h${n}>${renderInline(b.text)}</h${n}>`;
        }
        case 'para':
          // A line break inside a paragraph is a space, except a trailing double space or backslash.
          return `<p>${b.text
            .split('\n')
            .map((l) => renderInline(l))
            .join(' ')}</p>`;
        case 'list': {
          const tag = b.ordered ? 'ol' : 'ul';
          return `<${tag}>${b.items.map((x) => `<li>${renderInline(x)}</li>`).join('')}</${tag}>`;
        }
        case 'quote':
          return `<blockquote><p>${renderInline(b.text)}</p></blockquote>`;
        case 'rule':
          return '<hr>';
        case 'code': {
          const code = `<pre><code${b.lang ? ` class="language-${escapeHtml(b.lang)}"` : ''}>${escapeHtml(b.text)}</code></pre>`;
          if (!SHELL.has(b.lang) || !commandLines(b.text).length) return code;
          const k = commands.push(b.text) - 1;
          return `<div class="run-block">${code}<button type="button" class="run" data-run="${k}" title="${escapeHtml(runLabel)}: ${escapeHtml(commandLines(b.text).join('; '))}">▶ ${escapeHtml(runLabel)}</button></div>`;
        }
      }
    })
    .join('\n');
  return { html, commands };
}
