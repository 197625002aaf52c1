// The learner's lesson progress as the panel holds it: read from the store once, in the background
// after the first prompt, and changed as lessons are opened, checked, restarted or imported.
// Until that read is in, the panel does not know where the learner was: a lesson opened meanwhile
// waits for it (and hurries it), and no write goes out before it, since the store keeps one record
// for every lesson and an early write would replace all of it. A failed read is tried again before
// the next write; while the store cannot be read, changes stay in memory for this visit.
import { emptyProgress, type LessonProgress, type Progress } from '../../lessons/progress';
import { mergeProgress } from './progress-store';

/** Where the progress is kept (the page's IndexedDB in the app; a fake in tests). */
export interface ProgressIO {
  /** Reads the stored progress; `asked`: the learner waits for it (not after the prompt settles). */
  load(asked: boolean): Promise<Progress>;
  /** Hurries a read already under way. */
  hurry(): void;
  save(p: Progress): Promise<void>;
}

export class ProgressBook {
  private p: Progress = emptyProgress();
  private reading: Promise<boolean> | undefined;
  private writes: Promise<void> = Promise.resolve();
  private read = false;

  /** `changed` hears every new value (the panel's reactive copy). */
  constructor(
    private readonly io: ProgressIO,
    private readonly changed: (p: Progress) => void = () => {},
  ) {}

  get progress(): Progress {
    return this.p;
  }

  /** Whether the stored progress has been read. */
  get loaded(): boolean {
    return this.read;
  }

  /** Starts the read of the stored progress (once; again after a failed one). Resolves true when it is in. */
  load(asked = false): Promise<boolean> {
    if (asked && !this.read) this.io.hurry();
    return (this.reading ??= this.io.load(asked).then(
      (stored) => {
        // What changed meanwhile (nothing, unless the store failed before) counts where it is further along.
        this.set(mergeProgress(stored, this.p).progress);
        this.read = true;
        return true;
      },
      () => {
        this.reading = undefined;
        return false;
      },
    ));
  }

  /** The progress, once read (or the read failed): the learner is waiting, so the read is hurried. */
  async ready(): Promise<Progress> {
    await this.load(true);
    return this.p;
  }

  /** A lesson's progress as it is opened; `fresh` (a restart, a shared lesson) forgets it first. */
  async opening(id: string, o: { fresh?: boolean } = {}): Promise<LessonProgress | undefined> {
    await this.ready();
    if (o.fresh) {
      this.forget(id);
      await this.writes;
    }
    return this.p.lessons[id];
  }

  /** Keeps a lesson's progress (the runner's, after each check, hint or solution). */
  record(l: LessonProgress): void {
    this.set({ version: 1, lessons: { ...this.p.lessons, [l.id]: l } });
    this.save();
  }

  forget(id: string): void {
    const { [id]: _gone, ...rest } = this.p.lessons;
    this.set({ version: 1, lessons: rest });
    this.save();
  }

  /** Merges imported progress in (per lesson, the one further along wins); the lessons it changed. */
  async merge(from: Progress): Promise<string[]> {
    await this.ready();
    const m = mergeProgress(this.p, from);
    this.set(m.progress);
    this.save();
    return m.changed;
  }

  /** The writes asked for so far, done. */
  saved(): Promise<void> {
    return this.writes;
  }

  private set(p: Progress): void {
    this.p = p;
    this.changed(p);
  }

  /** Queues a write of the progress as it is when its turn comes, after a successful read. */
  private save(): void {
    this.writes = this.writes
      .then(async () => {
        if (await this.load(true)) await this.io.save(this.p);
      })
      .catch(() => {});
  }
}
