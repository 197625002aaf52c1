// The lessons module's public face for the UI and the worker. (Node-only helpers: ./node.ts.)
export * from './types';
export { loadTree, loadPack, parseLesson, parseTrack, buildIndex, type Catalog, type LessonInput } from './validate';
export { CHECKS, CHECK_TYPES, resolveKind } from './schema';
export { evaluateCheck, evaluateChecks, sameImage, type CheckEnv, type CheckResult, type ChecksResult } from './checks';
export { LessonRun, type RunState, type LessonRunOptions } from './run';
export { emptyProgress, exportProgress, importProgress, reconcile, lessonState, type Progress, type LessonProgress, type ProgressExport } from './progress';
export { parseProse, shellBlocks } from './markdown';
