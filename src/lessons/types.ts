// The lesson model after loading: what lesson.yaml, en.md and zh.md (lessons/FORMAT.md) become.
// Plain data, serialisable, shared by the loader, the check engine, the UI and the tests.

export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];
export type Localized = Record<Lang, string>;

/** One check: a map with exactly one key, the check type (FORMAT.md's table). */
export type Check = { [type: string]: Record<string, unknown> };

export interface Step {
  id: string;
  /** The last step of every lesson: its prose states a goal without the commands. */
  challenge: boolean;
  checks: Check[];
  hints: Localized[];
  solution: string[];
}

/** A section of en.md / zh.md: the prose for one step (markdown, `sh` blocks are click-to-run). */
export interface Section {
  id: string;
  markdown: string;
  /** The `sh` blocks of this section, in order (the UI's click-to-run commands). */
  commands: string[];
  line: number;
}

export interface Prose {
  title: string;
  /** Markdown before the first step section. */
  intro: string;
  sections: Section[];
}

export interface Lesson {
  /** `<track id>/<slug>` */
  id: string;
  track: string;
  /** Folder under lessons/, e.g. `01-basics/02-deploy-an-app`. */
  dir: string;
  title: Localized;
  summary: Localized;
  minutes: number;
  prerequisites: string[];
  topology: 'default' | 'minikube';
  nodes?: number;
  seed: number;
  setup: string[];
  /** Workspace file name (under ~) -> contents. */
  files: Record<string, string>;
  steps: Step[];
  prose: Record<Lang, Prose>;
}

export interface Track {
  id: string;
  dir: string;
  title: Localized;
  /** Lesson ids in folder order. */
  lessons: string[];
}

/** What the picker needs before a lesson is loaded (lessons/index.json). */
export interface LessonIndexEntry {
  id: string;
  track: string;
  dir: string;
  title: Localized;
  summary: Localized;
  minutes: number;
  prerequisites: string[];
  steps: number;
}

export interface LessonIndex {
  version: 1;
  tracks: { id: string; dir: string; title: Localized; lessons: LessonIndexEntry[] }[];
}

export interface LoadError {
  file: string;
  line?: number;
  message: string;
}

export function formatError(e: LoadError): string {
  return `${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`;
}
