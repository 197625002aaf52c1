// Every lesson under lessons/ (all tracks), replayed headlessly: setup, then the first step's
// checks must FAIL (nothing is done for free), then each step's solution makes that step's
// checks PASS, and a LessonRun fed the same commands ends with every step completed in order.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadLessonsFromDisk } from '../../src/lessons/node';
import { LessonRun } from '../../src/lessons/run';
import { host } from './harness';

const ROOT = fileURLToPath(new URL('../../lessons', import.meta.url));
const catalog = loadLessonsFromDisk(ROOT);

/** How long a learner may wait after a step's last command for its checks to turn green. */
const SETTLE_MS = 120_000;

describe('lesson replay', () => {
  it('finds lessons', () => {
    expect(catalog.lessons.length).toBeGreaterThan(0);
  });

  for (const lesson of catalog.lessons) {
    it(`${lesson.id}: solutions pass every step`, async () => {
      const h = await host(lesson);
      const run = new LessonRun(lesson, { client: h.env.client, now: h.env.now });
      const log = () => `\n--- transcript ---\n${h.transcript.join('').slice(-6000)}`;

      // Nothing done yet: let time pass and the first step must still be open.
      h.idle(30_000);
      const before = await h.evaluate(lesson.steps[0].checks.map((c) => c));
      expect(before.passed, `${lesson.id}: step "${lesson.steps[0].id}" passes before its solution ran${log()}`).toBe(false);
      expect(before.missing.en.length).toBeGreaterThan(0);
      expect(before.missing.zh.length).toBe(before.missing.en.length);

      for (const step of lesson.steps) {
        h.transcript.push(`\n=== step ${step.id}\n`);
        for (const line of step.solution) {
          await h.type(line);
          run.recordCommand(line);
          await run.evaluate();
        }
        const r = await h.waitFor(step.checks, SETTLE_MS);
        expect(r.passed, `${lesson.id}: step "${step.id}" still fails after its solution:\n  ${r.missing.en.join('\n  ')}${log()}`).toBe(true);
        const s = await run.evaluate();
        expect(s.completed, `${lesson.id}: LessonRun did not complete "${step.id}"`).toContain(step.id);
      }
      const end = await run.evaluate();
      expect(end.done).toBe(true);
      expect(end.completed).toEqual(lesson.steps.map((s) => s.id));
      // The challenge (the final state) is still green at the end.
      const last = lesson.steps[lesson.steps.length - 1];
      expect((await h.evaluate(last.checks)).passed, `${lesson.id}: challenge checks no longer pass at the end`).toBe(true);
    }, 120_000);
  }
});
