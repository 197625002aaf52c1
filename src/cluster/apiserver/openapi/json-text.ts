// A small JSON reader that keeps what JSON.parse loses and strict decoding needs: every key of an
// object in order, duplicates included, and the literal text of numbers.

export type JsonNode =
  | { t: 'object'; entries: [string, JsonNode][] }
  | { t: 'array'; items: JsonNode[] }
  | { t: 'string'; v: string }
  | { t: 'number'; raw: string }
  | { t: 'bool'; v: boolean }
  | { t: 'null' };

/** Parses JSON text; throws SyntaxError on malformed input (callers normally JSON.parse first). */
export function parseJsonText(text: string): JsonNode {
  let i = 0;
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const bad = (): never => {
    throw new SyntaxError(`invalid JSON at offset ${i}`);
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) bad();
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (): JsonNode => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const entries: [string, JsonNode][] = [];
      ws();
      if (text[i] === '}') {
        i++;
        return { t: 'object', entries };
      }
      for (;;) {
        ws();
        if (text[i] !== '"') bad();
        const k = str();
        ws();
        if (text[i++] !== ':') bad();
        entries.push([k, value()]);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return { t: 'object', entries };
        } else bad();
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return { t: 'array', items };
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return { t: 'array', items };
        } else bad();
      }
    }
    if (c === '"') return { t: 'string', v: str() };
    if (text.startsWith('true', i)) return (i += 4), { t: 'bool', v: true };
    if (text.startsWith('false', i)) return (i += 5), { t: 'bool', v: false };
    if (text.startsWith('null', i)) return (i += 4), { t: 'null' };
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 64));
    if (!m || !m[0]) bad();
    i += m![0].length;
    return { t: 'number', raw: m![0] };
  };
  const root = value();
  ws();
  if (i !== text.length) bad();
  return root;
}

/** The same tree for an already parsed value (no duplicates; numbers as JavaScript prints them). */
export function jsonNodeOf(v: unknown): JsonNode {
  if (v === null || v === undefined) return { t: 'null' };
  if (typeof v === 'string') return { t: 'string', v };
  if (typeof v === 'number') return { t: 'number', raw: String(v) };
  if (typeof v === 'boolean') return { t: 'bool', v };
  if (Array.isArray(v)) return { t: 'array', items: v.map(jsonNodeOf) };
  if (typeof v === 'object') {
    const entries: [string, JsonNode][] = [];
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (x !== undefined) entries.push([k, jsonNodeOf(x)]);
    return { t: 'object', entries };
  }
  return { t: 'null' };
}

/** How encoding/json names a JSON value in an UnmarshalTypeError. */
export function jsonKind(n: JsonNode): string {
  return n.t === 'bool' ? 'bool' : n.t;
}
