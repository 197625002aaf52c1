#!/usr/bin/env node
// Build-time validation of every lesson (lessons/FORMAT.md): prints each problem as
// `file:line: reason` and exits 1, or writes lessons/index.json (the picker's index) and exits 0.
// `--check` validates without writing the index.
import { register } from 'tsx/esm/api';
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

register();
const root = fileURLToPath(new URL('../lessons', import.meta.url));
const { loadLessonsFromDisk } = await import('../src/lessons/node.ts');
const { buildIndex } = await import('../src/lessons/validate.ts');
const { formatError } = await import('../src/lessons/types.ts');

const catalog = loadLessonsFromDisk(root);
if (catalog.errors.length) {
  for (const e of catalog.errors) console.error(formatError(e));
  console.error(`\ncheck-lessons: ${catalog.errors.length} problem${catalog.errors.length === 1 ? '' : 's'} in lessons/`);
  process.exit(1);
}
const n = catalog.lessons.length;
if (!process.argv.includes('--check')) {
  const file = join(root, 'index.json');
  const text = JSON.stringify(buildIndex(catalog), null, 2) + '\n';
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) writeFileSync(file, text);
}
console.log(`check-lessons: ${n} lesson${n === 1 ? '' : 's'} in ${catalog.tracks.length} track${catalog.tracks.length === 1 ? '' : 's'}, all valid`);
