// The shapes persistence stores and exchanges. Persistence may import only src/api, so the
// cluster snapshot and the workspace snapshot are described here structurally; they match
// ClusterSnapshot (src/cluster/cluster.ts) and FsSnapshot (src/shell/fs.ts), and the validators
// in validate.ts check every stored or imported state against them.
import type { KubeObject } from '../api/types';

/** A message in both UI languages (every refusal the learner may see). */
export interface Msg {
  en: string;
  zh: string;
}

/** ClusterSnapshot as `pg.cluster.snapshot()` returns it. */
export interface ClusterState {
  version: 1;
  /** Virtual time (ms). */
  now: number;
  seed: number;
  options: { topology?: string; nodes?: number };
  store: { revision: number; resources: Record<string, KubeObject[]> };
}

/** FsSnapshot as `pg.fs.toJSON()` returns it. */
export interface FilesState {
  version: 1;
  entries: { path: string; type: 'file' | 'dir'; mtime: number; content?: string }[];
}

/** Everything a reload needs to continue exactly where the learner was. */
export interface PlaygroundState {
  cluster: ClusterState;
  files: FilesState;
  /** Shell history (`pg.shell.history.entries`). */
  history: string[];
  /** kubectl's current namespace (`pg.namespace`). */
  namespace: string;
  /** Virtual time (ms), the same as cluster.now; kept apart so the UI can show it without parsing. */
  virtualTime: number;
}

export interface PlaygroundMeta {
  id: string;
  name: string;
  /** Wall-clock ms. */
  createdAt: number;
  updatedAt: number;
  topology?: string;
  seed: number;
  /** The lesson this playground belongs to, kept when a rename takes the lesson's name away. */
  lesson?: string;
}

export type Language = 'en' | 'zh';
export type Theme = 'dark' | 'light';

export interface Settings {
  language: Language;
  theme: Theme;
  /** Virtual-clock speed factor (1, 10, 60, ...). */
  speed: number;
  currentPlayground: string | null;
  /** The line editor's history, kept across reloads (most recent last). */
  terminalHistory: string[];
}

export const DEFAULT_SETTINGS: Settings = {
  language: 'en',
  theme: 'dark',
  speed: 1,
  currentPlayground: null,
  terminalHistory: [],
};

export interface LessonProgress {
  /** Ids of the completed steps, in completion order. */
  completed: string[];
  /** Index of the step the learner is on. */
  step: number;
  done: boolean;
  updatedAt: number;
}

/** A learner's progress through the lessons in one playground. */
export interface Progress {
  playgroundId: string;
  learner: string;
  lessons: Record<string, LessonProgress>;
}

export type StoreErrorCode =
  | 'quota' // QuotaExceededError: the browser refused to store more
  | 'blocked' // another tab holds an older version of the database open
  | 'closed' // the database was closed (a newer version opened elsewhere)
  | 'corrupt' // a stored record failed validation
  | 'not-found'
  | 'invalid' // the caller passed a value that fails validation
  | 'unknown';

export interface StoreError {
  code: StoreErrorCode;
  message: Msg;
  /** Technical detail (the DOMException name and message, the validation path). */
  detail?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: StoreError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: StoreErrorCode, message: Msg, detail?: string): Result<T> => ({ ok: false, error: { code, message, detail } });
