// Build-time validation (scripts/check-lessons.mjs) as a test: every lesson folder is valid.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadLessonsFromDisk } from '../../src/lessons/node';
import { formatError } from '../../src/lessons/types';

const ROOT = fileURLToPath(new URL('../../lessons', import.meta.url));

describe('lessons/ validates (lessons/FORMAT.md)', () => {
  it('every track and lesson loads without errors', () => {
    const c = loadLessonsFromDisk(ROOT);
    expect(c.errors.map(formatError)).toEqual([]);
  });
});
