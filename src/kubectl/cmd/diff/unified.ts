// `diff -u` between two texts: a shortest edit script by lines (Myers), printed as unified hunks
// with three lines of context, hunks closer than twice that merged, as GNU diff prints them.

type Op = { kind: ' ' | '-' | '+'; line: string };

function lines(text: string): string[] {
  if (text === '') return [];
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

/** Myers' O(ND) diff: the edit script from a to b. */
function editScript(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Map<number, number>([[1, 0]]);
  const trace: Map<number, number>[] = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(new Map(v));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v.get(k - 1) ?? -1) < (v.get(k + 1) ?? -1)) ? (v.get(k + 1) ?? 0) : (v.get(k - 1) ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v.set(k, x);
      if (x >= n && y >= m) break outer;
    }
  }
  // Walk back through the saved frontiers.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const vd = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && (vd.get(k - 1) ?? -1) < (vd.get(k + 1) ?? -1));
    const pk = down ? k + 1 : k - 1;
    const px = vd.get(pk) ?? 0;
    const py = px - pk;
    while (x > px && y > py) {
      ops.push({ kind: ' ', line: a[--x] });
      y--;
    }
    if (d === 0) break;
    if (down) ops.push({ kind: '+', line: b[--y] });
    else ops.push({ kind: '-', line: a[--x] });
  }
  while (x > 0 && y > 0) {
    ops.push({ kind: ' ', line: a[--x] });
    y--;
  }
  return ops.reverse();
}

/** The hunks of `diff -u` (without the ---/+++ header); empty when the texts are equal. */
export function unifiedHunks(from: string, to: string, context = 3): string {
  const ops = editScript(lines(from), lines(to));
  const changed = ops.map((o, i) => (o.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  if (!changed.length) return '';
  // Group changes whose context would touch.
  const groups: [number, number][] = [];
  for (const i of changed) {
    const last = groups[groups.length - 1];
    if (last && i - last[1] <= 2 * context + 1) last[1] = i;
    else groups.push([i, i]);
  }
  let out = '';
  for (const [first, last] of groups) {
    const start = Math.max(0, first - context);
    const end = Math.min(ops.length - 1, last + context);
    // Line numbers where the hunk starts in each file.
    let aLine = 1;
    let bLine = 1;
    for (let i = 0; i < start; i++) {
      if (ops[i].kind !== '+') aLine++;
      if (ops[i].kind !== '-') bLine++;
    }
    let aCount = 0;
    let bCount = 0;
    let body = '';
    for (let i = start; i <= end; i++) {
      const o = ops[i];
      if (o.kind !== '+') aCount++;
      if (o.kind !== '-') bCount++;
      body += o.kind + o.line + '\n';
    }
    out += `@@ -${hunkRange(aLine, aCount)} +${hunkRange(bLine, bCount)} @@\n` + body;
  }
  return out;
}

/** GNU diff's range: `l,n`, just `l` for one line, `l-1,0` for none (0,0 at the start). */
function hunkRange(start: number, count: number): string {
  if (count === 0) return `${start - 1},0`;
  if (count === 1) return String(start);
  return `${start},${count}`;
}
