// Strict loading of lessons (lessons/FORMAT.md): track.yaml, lesson.yaml, en.md and zh.md become
// Track and Lesson objects, or precise errors (`file:line: reason`). Pure: it sees file texts,
// never a file system, so the build script, the tests, the browser catalog and teachers' packs
// share it. Data only: nothing in a lesson is ever executed here.
import { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar, type Node as YamlNode } from 'yaml';
import { checkProblems } from './schema';
import { parseProse } from './markdown';
import { LANGS, type Check, type Lang, type Lesson, type LoadError, type Localized, type Prose, type Step, type Track, type LessonIndex } from './types';

const LESSON_KEYS = ['id', 'title', 'summary', 'minutes', 'prerequisites', 'topology', 'nodes', 'seed', 'setup', 'files', 'steps'];
const LESSON_REQUIRED = ['id', 'title', 'summary', 'minutes', 'topology', 'seed', 'steps'];
const STEP_KEYS = ['id', 'challenge', 'checks', 'hints', 'solution'];
const TRACK_KEYS = ['id', 'title'];
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const FOLDER = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

type Path = (string | number)[];

/** A parsed YAML file with line lookup for error messages. */
class YamlFile {
  readonly data: unknown;
  readonly errors: LoadError[] = [];
  private readonly lc = new LineCounter();
  private readonly doc;

  constructor(
    readonly file: string,
    text: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lc, uniqueKeys: true, prettyErrors: false });
    for (const e of this.doc.errors) this.errors.push({ file, line: this.lc.linePos(e.pos[0]).line, message: `YAML: ${e.message.split('\n')[0]}` });
    this.data = this.errors.length ? undefined : this.doc.toJS();
  }

  /** Line of the node at path (the key's line when `key`), or of the nearest parent that exists. */
  line(path: Path, key = false): number | undefined {
    let node: unknown = this.doc.contents;
    let line = this.pos(node);
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === seg);
        if (!pair) return line;
        if (key && i === path.length - 1) return this.pos(pair.key) ?? line;
        node = pair.value;
        line = this.pos(pair.key) ?? line;
        line = this.pos(node) ?? line;
      } else if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg];
        line = this.pos(node) ?? line;
      } else return line;
    }
    return line;
  }

  private pos(n: unknown): number | undefined {
    const r = (n as YamlNode | undefined)?.range;
    return r ? this.lc.linePos(r[0]).line : undefined;
  }
}

class Reporter {
  constructor(
    readonly errors: LoadError[],
    readonly y: YamlFile,
  ) {}
  at(path: Path, message: string, key = false): void {
    this.errors.push({ file: this.y.file, line: this.y.line(path, key), message });
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function localized(r: Reporter, v: unknown, path: Path, what: string): Localized | undefined {
  if (!isObj(v)) {
    r.at(path, `${what} must be a map with en and zh`);
    return undefined;
  }
  let ok = true;
  for (const k of Object.keys(v)) if (!(LANGS as readonly string[]).includes(k)) (r.at([...path, k], `${what}: unknown language "${k}" (en, zh)${/\s/.test(k) ? '; a value with a comma in { ... } must be quoted' : ''}`, true), (ok = false));
  for (const l of LANGS) {
    if (typeof v[l] !== 'string' || !(v[l] as string).trim()) {
      r.at(path, `${what}: missing ${l === 'en' ? 'English (en)' : 'Chinese (zh)'} text`);
      ok = false;
    }
  }
  return ok ? { en: (v.en as string).trim(), zh: (v.zh as string).trim() } : undefined;
}

function unknownKeys(r: Reporter, v: Record<string, unknown>, allowed: string[], path: Path, what: string): void {
  for (const k of Object.keys(v)) if (!allowed.includes(k)) r.at([...path, k], `unknown key "${k}" in ${what} (allowed: ${allowed.join(', ')})`, true);
}

function lines(r: Reporter, v: unknown, path: Path, what: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    r.at(path, `${what} must be a list of shell lines`);
    return [];
  }
  const out: string[] = [];
  v.forEach((x, i) => {
    if (isObj(x)) r.at([...path, i], `${what}[${i}] was read as a map because it contains ": ": put the whole line in quotes`);
    else if (typeof x !== 'string' || !x.trim()) r.at([...path, i], `${what}[${i}] must be a non-empty shell line`);
    else out.push(x);
  });
  return out;
}

export interface TrackInput {
  /** Folder under lessons/, e.g. `01-basics`. */
  dir: string;
  text: string;
}

export function parseTrack(input: TrackInput, errors: LoadError[]): Track | undefined {
  const file = `lessons/${input.dir}/track.yaml`;
  const y = new YamlFile(file, input.text);
  errors.push(...y.errors);
  if (y.errors.length) return undefined;
  const r = new Reporter(errors, y);
  const before = errors.length;
  if (!FOLDER.test(input.dir)) r.at([], `track folder "${input.dir}" must be named NN-name (two digits, a dash, lower-case words)`);
  if (!isObj(y.data)) {
    r.at([], 'track.yaml must be a map with id and title');
    return undefined;
  }
  const d = y.data;
  unknownKeys(r, d, TRACK_KEYS, [], 'track.yaml');
  if (typeof d.id !== 'string' || !SLUG.test(d.id)) r.at(['id'], 'id must be a lower-case slug such as basics');
  const title = localized(r, d.title, ['title'], 'title');
  if (errors.length > before || !title) return undefined;
  return { id: d.id as string, dir: input.dir, title, lessons: [] };
}

export interface LessonInput {
  /** Folder under lessons/, e.g. `01-basics/02-deploy-an-app`. */
  dir: string;
  yaml: string;
  md: Partial<Record<Lang, string>>;
  /** Other files of the lesson folder, by path relative to it (`files/pod.yaml`). */
  files: Record<string, string>;
}

function parseSteps(r: Reporter, v: unknown): Step[] {
  if (!Array.isArray(v) || !v.length) {
    r.at(['steps'], 'steps must be a non-empty list');
    return [];
  }
  const steps: Step[] = [];
  const seen = new Map<string, number>();
  v.forEach((s, i) => {
    const p: Path = ['steps', i];
    if (!isObj(s)) {
      r.at(p, `steps[${i}] must be a map with id, checks and solution`);
      return;
    }
    unknownKeys(r, s, STEP_KEYS, p, `steps[${i}]`);
    const id = s.id;
    if (typeof id !== 'string' || !SLUG.test(id)) r.at([...p, 'id'], `steps[${i}].id must be a lower-case slug such as create`);
    else if (seen.has(id)) r.at([...p, 'id'], `duplicate step id "${id}" (also steps[${seen.get(id)}])`);
    else seen.set(id, i);
    const sid = typeof id === 'string' ? id : `steps[${i}]`;
    if (s.challenge !== undefined && typeof s.challenge !== 'boolean') r.at([...p, 'challenge'], `step "${sid}": challenge must be true or false`);
    const checks: Check[] = [];
    if (!Array.isArray(s.checks) || !s.checks.length) r.at(s.checks === undefined ? p : [...p, 'checks'], `step "${sid}": checks must be a non-empty list`);
    else
      s.checks.forEach((c, k) => {
        const { type, problems } = checkProblems(c);
        for (const pr of problems) r.at(pr.field && type ? [...p, 'checks', k, type, pr.field] : [...p, 'checks', k], `step "${sid}": ${pr.message}`);
        if (!problems.length) checks.push(c as Check);
      });
    const hints: Localized[] = [];
    if (s.hints !== undefined) {
      if (!Array.isArray(s.hints)) r.at([...p, 'hints'], `step "${sid}": hints must be a list of { en, zh }`);
      else
        s.hints.forEach((h, k) => {
          const l = localized(r, h, [...p, 'hints', k], `step "${sid}" hint ${k + 1}`);
          if (l) hints.push(l);
        });
    }
    const solution = lines(r, s.solution, [...p, 'solution'], `step "${sid}" solution`);
    if (!solution.length && (s.solution === undefined || (Array.isArray(s.solution) && !s.solution.length))) r.at(s.solution === undefined ? p : [...p, 'solution'], `step "${sid}": solution must list the shell lines that complete the step`);
    steps.push({ id: sid, challenge: s.challenge === true, checks, hints, solution });
  });
  steps.forEach((s, i) => {
    const last = i === steps.length - 1;
    if (last && !s.challenge) r.at(['steps', i], `the last step ("${s.id}") must be a challenge (challenge: true)`);
    if (!last && s.challenge) r.at(['steps', i, 'challenge'], `only the last step may be a challenge ("${s.id}" is step ${i + 1} of ${steps.length})`);
    if (s.challenge && s.checks.some((c) => 'ranCommand' in c)) r.at(['steps', i, 'checks'], `challenge step "${s.id}" must check the cluster's state, not ranCommand`);
  });
  return steps;
}

function checkProse(errors: LoadError[], file: string, text: string, title: string | undefined, steps: Step[]): Prose | undefined {
  const p = parseProse(text);
  const before = errors.length;
  const ids = steps.map((s) => s.id);
  const list = `(steps: ${ids.join(', ')})`;
  const h1 = p.headings.filter((h) => h.level === 1);
  if (!h1.length) errors.push({ file, line: 1, message: `missing the title line "# ${title ?? '...'}"` });
  else {
    if (title !== undefined && h1[0].text !== title) errors.push({ file, line: h1[0].line, message: `title "${h1[0].text}" does not match lesson.yaml's title "${title}"` });
    for (const h of h1.slice(1)) errors.push({ file, line: h.line, message: `a second "# " title "${h.text}" (use ## for step sections, ### inside them)` });
    const firstH2 = p.headings.find((h) => h.level === 2);
    if (firstH2 && firstH2.line < h1[0].line) errors.push({ file, line: firstH2.line, message: `section "## ${firstH2.text}" comes before the title` });
  }
  if (p.unclosedFence) errors.push({ file, line: p.unclosedFence, message: 'code block opened here is never closed' });
  const got = p.sections.map((s) => s.id);
  const seen = new Set<string>();
  for (const s of p.sections) {
    if (!ids.includes(s.id)) errors.push({ file, line: s.line, message: `unexpected section "## ${s.id}": no step has this id ${list}` });
    else if (seen.has(s.id)) errors.push({ file, line: s.line, message: `duplicate section "## ${s.id}"` });
    seen.add(s.id);
  }
  for (const id of ids) if (!got.includes(id)) errors.push({ file, message: `missing section "## ${id}" ${list}` });
  if (errors.length === before) {
    const order = got.filter((g) => ids.includes(g));
    const wrong = order.findIndex((g, i) => g !== ids[i]);
    if (wrong >= 0) errors.push({ file, line: p.sections.find((s) => s.id === order[wrong])!.line, message: `section "## ${order[wrong]}" is out of order: sections must follow the steps ${list}` });
  }
  for (const s of p.sections) {
    if (!s.markdown.trim()) errors.push({ file, line: s.line, message: `section "## ${s.id}" is empty` });
    const step = steps.find((x) => x.id === s.id);
    if (step?.challenge && s.commands.length) errors.push({ file, line: s.line, message: `challenge section "## ${s.id}" states the goal without the commands: remove its \`sh\` blocks` });
  }
  if (!p.intro.trim() && h1.length) errors.push({ file, line: h1[0].line, message: 'an intro paragraph is expected between the title and the first section' });
  return errors.length === before ? { title: p.title, intro: p.intro, sections: p.sections } : undefined;
}

/** One lesson folder. `track` is the id of its track (from track.yaml) when known. */
export function parseLesson(input: LessonInput, track: string | undefined, errors: LoadError[]): Lesson | undefined {
  const base = `lessons/${input.dir}`;
  const file = `${base}/lesson.yaml`;
  const y = new YamlFile(file, input.yaml);
  errors.push(...y.errors);
  const before = errors.length;
  const slugFolder = FOLDER.exec(input.dir.split('/').pop() ?? '');
  if (!slugFolder) errors.push({ file, message: `lesson folder "${input.dir}" must be named <NN-track>/<NN-slug>` });
  if (y.errors.length) return undefined;
  const r = new Reporter(errors, y);
  if (!isObj(y.data)) {
    r.at([], 'lesson.yaml must be a map (id, title, summary, minutes, topology, seed, steps, ...)');
    return undefined;
  }
  const d = y.data;
  unknownKeys(r, d, LESSON_KEYS, [], 'lesson.yaml');
  for (const k of LESSON_REQUIRED) if (!(k in d)) r.at([], `missing key "${k}"`);
  let id = '';
  if (typeof d.id !== 'string' || !/^[a-z0-9-]+\/[a-z0-9-]+$/.test(d.id)) r.at(['id'], 'id must be "<track id>/<lesson slug>", e.g. basics/deploy-an-app');
  else {
    id = d.id;
    const [t, slug] = id.split('/');
    if (track !== undefined && t !== track) r.at(['id'], `id "${id}" must start with its track's id "${track}/"`);
    if (slugFolder && slug !== slugFolder[2]) r.at(['id'], `id "${id}": the slug must match the folder name "${slugFolder[0]}" (expected "${t}/${slugFolder[2]}")`);
  }
  const title = 'title' in d ? localized(r, d.title, ['title'], 'title') : undefined;
  const summary = 'summary' in d ? localized(r, d.summary, ['summary'], 'summary') : undefined;
  if ('minutes' in d && !(typeof d.minutes === 'number' && Number.isInteger(d.minutes) && d.minutes > 0 && d.minutes <= 120)) r.at(['minutes'], 'minutes must be a whole number from 1 to 120');
  const prerequisites: string[] = [];
  if (d.prerequisites !== undefined && d.prerequisites !== null) {
    if (!Array.isArray(d.prerequisites)) r.at(['prerequisites'], 'prerequisites must be a list of lesson ids');
    else
      d.prerequisites.forEach((p, i) => {
        if (typeof p !== 'string' || !/^[a-z0-9-]+\/[a-z0-9-]+$/.test(p)) r.at(['prerequisites', i], `prerequisites[${i}] must be a lesson id such as basics/create-a-cluster`);
        else if (p === id) r.at(['prerequisites', i], 'a lesson cannot be its own prerequisite');
        else prerequisites.push(p);
      });
  }
  if ('topology' in d && d.topology !== 'default' && d.topology !== 'minikube') r.at(['topology'], 'topology must be default or minikube');
  if (d.nodes !== undefined) {
    if (d.topology === 'minikube') r.at(['nodes'], 'nodes applies to the default topology only (minikube has one node)');
    else if (!(typeof d.nodes === 'number' && Number.isInteger(d.nodes) && d.nodes >= 1 && d.nodes <= 10)) r.at(['nodes'], 'nodes must be a whole number of workers from 1 to 10');
  }
  if ('seed' in d && !(typeof d.seed === 'number' && Number.isInteger(d.seed) && d.seed >= 0)) r.at(['seed'], 'seed must be a whole number');
  const setup = lines(r, d.setup, ['setup'], 'setup');
  const files: Record<string, string> = {};
  if (d.files !== undefined && d.files !== null) {
    if (!isObj(d.files)) r.at(['files'], 'files must map a workspace file name to a path under files/');
    else
      for (const [name, rel] of Object.entries(d.files)) {
        if (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(name) || name.split('/').includes('..')) r.at(['files', name], `files: "${name}" must be a relative workspace path`, true);
        else if (typeof rel !== 'string' || !rel.startsWith('files/') || rel.split('/').includes('..')) r.at(['files', name], `files: "${name}" must point to a path under files/`);
        else if (!(rel in input.files)) r.at(['files', name], `files: ${base}/${rel} does not exist`);
        else files[name] = input.files[rel];
      }
  }
  const steps = 'steps' in d ? parseSteps(r, d.steps) : [];
  const prose = {} as Record<Lang, Prose>;
  for (const l of LANGS) {
    const text = input.md[l];
    if (text === undefined) {
      errors.push({ file: `${base}/${l}.md`, message: `missing ${l}.md: every lesson has en.md and zh.md` });
      continue;
    }
    const p = checkProse(errors, `${base}/${l}.md`, text, title?.[l], steps);
    if (p) prose[l] = p;
  }
  if (errors.length > before) return undefined;
  return {
    id,
    track: id.split('/')[0],
    dir: input.dir,
    title: title!,
    summary: summary!,
    minutes: d.minutes as number,
    prerequisites,
    topology: d.topology as 'default' | 'minikube',
    ...(d.nodes !== undefined ? { nodes: d.nodes as number } : {}),
    seed: d.seed as number,
    setup,
    files,
    steps,
    prose,
  };
}

export interface Catalog {
  tracks: Track[];
  lessons: Lesson[];
  errors: LoadError[];
}

/**
 * Loads a tree of lesson files: paths relative to the lessons root (`01-basics/track.yaml`,
 * `01-basics/01-create-a-cluster/lesson.yaml`, ...) or prefixed with `lessons/`. Cross-checks ids
 * and prerequisites; `known` names lesson ids outside the tree (a pack building on built-ins).
 */
export function loadTree(files: Record<string, string>, known: Iterable<string> = []): Catalog {
  const errors: LoadError[] = [];
  const norm: Record<string, string> = {};
  for (const [p, text] of Object.entries(files)) norm[p.replace(/\\/g, '/').replace(/^\.?\//, '').replace(/^lessons\//, '')] = text;
  const trackDirs = new Set<string>();
  const lessonDirs = new Set<string>();
  for (const p of Object.keys(norm)) {
    const parts = p.split('/');
    if (parts.length === 2 && parts[1] === 'track.yaml') trackDirs.add(parts[0]);
    if (parts.length >= 3) {
      if (parts[0] && /^\d{2}-/.test(parts[0])) trackDirs.add(parts[0]);
      if (/^\d{2}-/.test(parts[1]) || parts.length === 3) lessonDirs.add(`${parts[0]}/${parts[1]}`);
    }
  }
  const tracks: Track[] = [];
  const lessons: Lesson[] = [];
  const trackIds = new Map<string, string>();
  for (const dir of [...trackDirs].sort()) {
    const text = norm[`${dir}/track.yaml`];
    if (text === undefined) {
      errors.push({ file: `lessons/${dir}/track.yaml`, message: 'missing track.yaml (id and title of the track)' });
      continue;
    }
    const t = parseTrack({ dir, text }, errors);
    if (!t) continue;
    if (trackIds.has(t.id)) errors.push({ file: `lessons/${dir}/track.yaml`, line: 1, message: `duplicate track id "${t.id}" (also lessons/${trackIds.get(t.id)})` });
    trackIds.set(t.id, dir);
    tracks.push(t);
  }
  const byId = new Map<string, string>();
  for (const dir of [...lessonDirs].sort()) {
    const [tdir] = dir.split('/');
    const yamlText = norm[`${dir}/lesson.yaml`];
    if (yamlText === undefined) {
      errors.push({ file: `lessons/${dir}/lesson.yaml`, message: 'missing lesson.yaml in a lesson folder' });
      continue;
    }
    const own: Record<string, string> = {};
    for (const [p, t] of Object.entries(norm)) if (p.startsWith(`${dir}/files/`)) own[p.slice(dir.length + 1)] = t;
    const track = tracks.find((t) => t.dir === tdir);
    const l = parseLesson({ dir, yaml: yamlText, md: { en: norm[`${dir}/en.md`], zh: norm[`${dir}/zh.md`] }, files: own }, track?.id, errors);
    if (!l) continue;
    if (byId.has(l.id)) {
      errors.push({ file: `lessons/${dir}/lesson.yaml`, line: 1, message: `duplicate lesson id "${l.id}" (also lessons/${byId.get(l.id)})` });
      continue;
    }
    byId.set(l.id, dir);
    lessons.push(l);
    track?.lessons.push(l.id);
  }
  const all = new Set([...byId.keys(), ...known]);
  for (const l of lessons) {
    l.prerequisites.forEach((p) => {
      if (!all.has(p)) errors.push({ file: `lessons/${l.dir}/lesson.yaml`, message: `prerequisite "${p}" is not a known lesson id` });
    });
  }
  // Prerequisite cycles.
  const state = new Map<string, 1 | 2>();
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === 2) return;
    if (state.get(id) === 1) {
      const l = lessons.find((x) => x.id === id)!;
      errors.push({ file: `lessons/${l.dir}/lesson.yaml`, message: `prerequisites form a cycle: ${[...trail.slice(trail.indexOf(id)), id].join(' -> ')}` });
      return;
    }
    state.set(id, 1);
    for (const p of lessons.find((x) => x.id === id)?.prerequisites ?? []) visit(p, [...trail, id]);
    state.set(id, 2);
  };
  for (const l of lessons) visit(l.id, []);
  return { tracks, lessons, errors };
}

/** Teachers' lesson packs: the same format, from a URL or a file, as data (nothing executes). */
export function loadPack(files: Record<string, string>, known: Iterable<string> = []): Catalog {
  return loadTree(files, known);
}

/** The picker's index (what lessons/index.json holds): titles without the lessons' content. */
export function buildIndex(c: Catalog): LessonIndex {
  return {
    version: 1,
    tracks: c.tracks.map((t) => ({
      id: t.id,
      dir: t.dir,
      title: t.title,
      lessons: t.lessons.map((id) => {
        const l = c.lessons.find((x) => x.id === id)!;
        return { id: l.id, track: l.track, dir: l.dir, title: l.title, summary: l.summary, minutes: l.minutes, prerequisites: l.prerequisites, steps: l.steps.length };
      }),
    })),
  };
}
