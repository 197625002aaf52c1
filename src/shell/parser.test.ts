// The parser's tree for the shapes the executor relies on.
import { describe, expect, it } from 'vitest';
import { parse } from './parser';

const ok = (src: string) => {
  const r = parse(src);
  if (!r.ok) throw new Error(r.error);
  return r.list;
};

describe('parser', () => {
  it('splits lists, and/or chains and pipelines', () => {
    const l = ok('a | b && c || d; e &');
    expect(l.items.map((i) => [i.raw, i.background])).toEqual([['a | b && c || d', false], ['e', true]]);
    expect(l.items[0].command.first.commands).toHaveLength(2);
    expect(l.items[0].command.rest.map((r) => r.op)).toEqual(['&&', '||']);
  });

  it('separates assignments, words and redirections', () => {
    const cmd = ok('A=1 B+=2 cmd x=y 2>&1 >out <in').items[0].command.first.commands[0];
    expect(cmd.type).toBe('simple');
    if (cmd.type !== 'simple') return;
    expect(cmd.assigns.map((a) => [a.name, a.append])).toEqual([['A', false], ['B', true]]);
    expect(cmd.words.map((w) => w.raw)).toEqual(['cmd', 'x=y']);
    expect(cmd.redirs.map((r) => [r.fd, r.op, r.target.raw])).toEqual([[2, '>&', '1'], [null, '>', 'out'], [null, '<', 'in']]);
  });

  it('reads heredoc bodies at the next newline', () => {
    const cmd = ok("cat <<A <<'B'; echo x\nbody $X\nA\nraw $X\nB\necho after").items;
    expect(cmd.map((i) => i.raw)).toEqual(['cat <<A <<\'B\'', 'echo x', 'echo after']);
    const c = cmd[0].command.first.commands[0];
    if (c.type !== 'simple') throw new Error();
    expect(c.redirs[0].heredoc?.quoted).toBe(false);
    expect(c.redirs[1].heredoc).toEqual({ quoted: true, body: { parts: [{ kind: 'lit', text: 'raw $X\n', q: true }], raw: 'raw $X\n' } });
  });

  it('treats reserved words only in command position', () => {
    expect(ok('echo if then fi').items[0].command.first.commands[0].type).toBe('simple');
    expect(ok('if a; then b; fi').items[0].command.first.commands[0].type).toBe('if');
    expect(ok('f() { a; }').items[0].command.first.commands[0].type).toBe('function');
  });

  it('flags incomplete input', () => {
    for (const src of ['if a; then', "echo '", 'a &&', 'for x in; do', 'echo ${x', 'echo `a']) {
      const r = parse(src);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.incomplete).toBe(true);
    }
    const r = parse('echo )');
    expect(r.ok || r.incomplete).toBe(false);
  });
});
