// en.md / zh.md: `# Title`, an intro, then one `## <step id>` section per step. Headings inside
// fenced code blocks are text, not sections.
import type { Prose, Section } from './types';

export interface RawHeading {
  level: 1 | 2;
  text: string;
  line: number;
}

export interface ParsedProse extends Prose {
  headings: RawHeading[];
  /** Lines where a fence opened and never closed. */
  unclosedFence?: number;
}

const FENCE = /^\s{0,3}(`{3,}|~{3,})\s*([^`\s]*)/;

/** The `sh` (or `bash`, `shell`) fenced blocks of a markdown text, one string per block. */
export function shellBlocks(md: string): string[] {
  const out: string[] = [];
  let fence: string | undefined;
  let lang = '';
  let buf: string[] = [];
  for (const line of md.split('\n')) {
    const m = FENCE.exec(line);
    if (!fence) {
      if (m) {
        fence = m[1];
        lang = m[2];
        buf = [];
      }
    } else if (m && m[1][0] === fence[0] && m[1].length >= fence.length && !m[2]) {
      if (['sh', 'bash', 'shell'].includes(lang)) out.push(buf.join('\n'));
      fence = undefined;
    } else buf.push(line);
  }
  return out;
}

export function parseProse(text: string): ParsedProse {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const headings: RawHeading[] = [];
  let fence: string | undefined;
  let fenceLine = 0;
  lines.forEach((line, i) => {
    const m = FENCE.exec(line);
    if (fence) {
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && !m[2]) fence = undefined;
      return;
    }
    if (m) {
      fence = m[1];
      fenceLine = i + 1;
      return;
    }
    const h = /^(#{1,2})\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) headings.push({ level: h[1].length as 1 | 2, text: h[2], line: i + 1 });
  });
  const title = headings.find((h) => h.level === 1)?.text ?? '';
  const h2 = headings.filter((h) => h.level === 2);
  const sections: Section[] = h2.map((h, k) => {
    const end = k + 1 < h2.length ? h2[k + 1].line - 1 : lines.length;
    const markdown = lines.slice(h.line, end).join('\n').trim();
    return { id: h.text, markdown, commands: shellBlocks(markdown), line: h.line };
  });
  const firstH1 = headings.find((h) => h.level === 1);
  const introStart = firstH1 ? firstH1.line : 0;
  const introEnd = h2.length ? h2[0].line - 1 : lines.length;
  const intro = lines.slice(introStart, Math.max(introStart, introEnd)).join('\n').trim();
  return { title, intro, sections, headings, unclosedFence: fence ? fenceLine : undefined };
}
