// Public face of the shell: the program contract, the Shell, the workspace and the coreutils.
export type { Program, ProgramIO, InputStream, OutputStream, Signal, Env, Completer, ShellHost } from './types';
export { EXIT_INTERRUPTED, EXIT_NOT_FOUND, EXIT_NOT_EXECUTABLE, EXIT_USAGE } from './types';
export { Shell, type ShellOptions, type RunIO, type RunOptions } from './shell';
export type { Completion } from './complete';
export { VirtualFs, FsError, normalize, basename, dirname, type FsChange, type FsSnapshot, type FileStat } from './fs';
export { Controller, neverAborted } from './signal';
export { Pipe, StringSink, LineReader, readAll, stringInput, emptyInput, nullSink, splitLines } from './streams';
export { coreutils } from './programs';
export { parse, type ParseResult } from './parser';
export { CLEAR_SEQUENCE } from './builtins/output';
