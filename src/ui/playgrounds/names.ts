// Playground names as the menu uses them: the worker switches to a playground by name, so the
// names the page creates are kept unique ("Shared: web (2)"), and a name is checked before a
// create or a rename with the reason the learner sees.
import type { PlaygroundMeta } from '../../persistence';

export const MAX_NAME = 100;

/** `base`, or `base (2)`, `base (3)`… whichever is not taken (case-insensitive). */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  const b = base.trim().slice(0, MAX_NAME - 6) || 'Playground';
  if (!used.has(b.toLowerCase())) return b;
  for (let i = 2; ; i++) if (!used.has(`${b} (${i})`.toLowerCase())) return `${b} (${i})`;
}

/** The next "Playground N" for the create form. */
export function nextPlaygroundName(taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  for (let i = 1; ; i++) if (!used.has(`playground ${i}`)) return `Playground ${i}`;
}

export type NameProblem = { key: 'pg.nameInvalid' } | { key: 'pg.nameTaken'; name: string };

/** Why `name` cannot be used for a playground (other than `self`), or null. */
export function nameProblem(name: string, list: Pick<PlaygroundMeta, 'id' | 'name'>[], self?: string): NameProblem | null {
  const n = name.trim();
  if (!n || n.length > MAX_NAME || /[\u0000-\u001f]/.test(n)) return { key: 'pg.nameInvalid' };
  if (list.some((m) => m.id !== self && m.name.toLowerCase() === n.toLowerCase())) return { key: 'pg.nameTaken', name: n };
  return null;
}

/** Renames that make every name unique (older imports may have left duplicates); oldest keeps its name. */
export function dedupe(list: PlaygroundMeta[]): { id: string; name: string }[] {
  const byAge = [...list].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  const taken: string[] = [];
  const out: { id: string; name: string }[] = [];
  for (const m of byAge) {
    const name = uniqueName(m.name, taken);
    if (name !== m.name) out.push({ id: m.id, name });
    taken.push(name);
  }
  return out;
}

export type Topology = { kind: 'default' } | { kind: 'minikube' } | { kind: 'nodes'; nodes: number };

/** What the worker builds a new playground from. */
export function topologyOptions(t: Topology): { topology?: string; nodes?: number } {
  if (t.kind === 'minikube') return { topology: 'minikube' };
  if (t.kind === 'nodes') return { nodes: t.nodes };
  return {};
}
