// A learner going through one lesson: the current step, the completed ones, re-evaluation when
// the host says something may have changed (after every command, on watch events), hints and
// "show solution". Progress moves forward only: a step once done stays done even if a later step
// changes the state it checked (scaling 4 -> 2 does not undo "scaled to 4").
import { evaluateChecks, type CheckEnv, type ChecksResult } from './checks';
import { MAX_COMMANDS, reconcile, type LessonProgress } from './progress';
import type { Lesson, Localized, Step } from './types';

export interface RunState {
  lessonId: string;
  /** Index of the current step (steps.length when done). */
  current: number;
  currentId: string | null;
  completed: string[];
  done: boolean;
  /** What the current step still needs, per language (empty when done). */
  missing: { en: string[]; zh: string[] };
  /** Steps completed by this evaluation (for a "step done" animation). */
  newlyCompleted: string[];
}

export interface LessonRunOptions {
  /** The host's clock (virtual time in the playground); used for startedAt/finishedAt. */
  now?: () => number;
  /** Stored progress to resume from. */
  progress?: LessonProgress;
  /** Called after each evaluation that changed something. */
  onChange?: (s: RunState) => void;
}

export class LessonRun {
  private progress: LessonProgress;
  private last: ChecksResult | undefined;
  private running: Promise<RunState> | undefined;
  private again = false;
  private readonly now: () => number;

  constructor(
    readonly lesson: Lesson,
    private readonly env: Omit<CheckEnv, 'commands'>,
    private readonly opts: LessonRunOptions = {},
  ) {
    this.now = opts.now ?? env.now ?? (() => Date.now());
    const fresh: LessonProgress = { id: lesson.id, completed: [], current: lesson.steps[0]?.id ?? null, done: false, startedAt: this.now(), hints: {}, solutionShown: [], commands: [] };
    this.progress = opts.progress ? reconcile({ ...fresh, ...structuredClone(opts.progress), id: lesson.id }, lesson) : fresh;
  }

  get currentIndex(): number {
    return this.progress.done ? this.lesson.steps.length : this.lesson.steps.findIndex((s) => s.id === this.progress.current);
  }

  get currentStep(): Step | undefined {
    return this.lesson.steps[this.currentIndex];
  }

  get done(): boolean {
    return this.progress.done;
  }

  /** The host reports every command line the learner ran (for `ranCommand` checks). */
  recordCommand(line: string): void {
    const t = line.trim();
    if (!t) return;
    this.progress.commands.push(t);
    if (this.progress.commands.length > MAX_COMMANDS) this.progress.commands.splice(0, this.progress.commands.length - MAX_COMMANDS);
  }

  /** Reveals the next hint of the current step; undefined when there is none left. */
  nextHint(): Localized | undefined {
    const s = this.currentStep;
    if (!s) return undefined;
    const n = this.progress.hints[s.id] ?? 0;
    if (n >= s.hints.length) return undefined;
    this.progress.hints[s.id] = n + 1;
    return s.hints[n];
  }

  hintsShown(stepId: string): Localized[] {
    const s = this.lesson.steps.find((x) => x.id === stepId);
    return s ? s.hints.slice(0, this.progress.hints[stepId] ?? 0) : [];
  }

  /** The current step's solution lines (the UI types them); remembered in the progress. */
  showSolution(): string[] {
    const s = this.currentStep;
    if (!s) return [];
    if (!this.progress.solutionShown.includes(s.id)) this.progress.solutionShown.push(s.id);
    return [...s.solution];
  }

  /**
   * Evaluates the current step; when it passes, moves on and evaluates the next one too (a
   * learner may be ahead of the prose). Calls made while one runs are coalesced into one rerun.
   */
  evaluate(): Promise<RunState> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const go = async (): Promise<RunState> => {
      let state: RunState;
      do {
        this.again = false;
        state = await this.evaluateOnce();
      } while (this.again);
      return state;
    };
    this.running = go().finally(() => (this.running = undefined));
    return this.running;
  }

  private async evaluateOnce(): Promise<RunState> {
    const newly: string[] = [];
    const env: CheckEnv = { ...this.env, commands: this.progress.commands };
    this.last = undefined;
    while (!this.progress.done) {
      const step = this.currentStep!;
      const r = await evaluateChecks(step.checks, env);
      if (!r.passed) {
        this.last = r;
        break;
      }
      newly.push(step.id);
      this.complete(step.id);
    }
    const s = this.state(newly);
    if (newly.length) this.opts.onChange?.(s);
    return s;
  }

  private complete(id: string): void {
    const p = this.progress;
    if (!p.completed.includes(id)) p.completed.push(id);
    const i = this.lesson.steps.findIndex((s) => s.id === id);
    const next = this.lesson.steps[i + 1];
    p.current = next?.id ?? null;
    if (!next) {
      p.done = true;
      p.finishedAt = this.now();
    }
  }

  state(newlyCompleted: string[] = []): RunState {
    const i = this.currentIndex;
    return {
      lessonId: this.lesson.id,
      current: i,
      currentId: this.progress.current,
      completed: [...this.progress.completed],
      done: this.progress.done,
      missing: this.progress.done || !this.last ? { en: [], zh: [] } : this.friendlier(this.last.missing),
      newlyCompleted,
    };
  }

  /** ranCommand's regex is for authors; learners see the step's own command when one matches. */
  private friendlier(m: { en: string[]; zh: string[] }): { en: string[]; zh: string[] } {
    const step = this.currentStep;
    if (!step) return m;
    const fix = (line: string, lang: 'en' | 'zh'): string => {
      const r = /^(?:run a command matching|运行一条匹配) \/(.*)\/(?: 的命令)?$/.exec(line);
      if (!r) return line;
      let re: RegExp;
      try {
        re = new RegExp(r[1]);
      } catch {
        return line;
      }
      const cmd = step.solution.find((s) => re.test(s));
      return cmd ? (lang === 'en' ? `run: ${cmd}` : `运行：${cmd}`) : line;
    };
    return { en: m.en.map((l) => fix(l, 'en')), zh: m.zh.map((l) => fix(l, 'zh')) };
  }

  /** A copy of the progress, ready for IndexedDB or an export. */
  toJSON(): LessonProgress {
    return structuredClone(this.progress);
  }
}
