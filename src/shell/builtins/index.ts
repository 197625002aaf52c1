// The builtin table: commands that run inside the shell because they change or read it.
import type { Builtin } from '../runtime';
import * as core from './core';
import * as jobs from './jobs';
import * as out from './output';
import * as run from './run';

export function createBuiltins(): Map<string, Builtin> {
  return new Map<string, Builtin>([
    ['cd', core.cd],
    ['pwd', core.pwd],
    ['export', core.exportBuiltin],
    ['local', core.local],
    ['unset', core.unset],
    ['alias', core.alias],
    ['unalias', core.unalias],
    ['history', core.history],
    ['exit', core.exit],
    ['logout', core.exit],
    ['set', core.set],
    ['shift', core.shift],
    ['return', core.returnBuiltin],
    ['break', core.breakBuiltin],
    ['continue', core.continueBuiltin],
    ['read', core.read],
    ['source', core.source],
    ['.', core.source],
    ['eval', core.evalBuiltin],
    ['bash', core.bash],
    ['sh', core.bash],
    ['echo', out.echo],
    ['printf', out.printf],
    ['true', out.trueBuiltin],
    ['false', out.falseBuiltin],
    [':', out.trueBuiltin],
    ['clear', out.clear],
    ['test', out.test],
    ['[', out.test],
    ['env', out.env],
    ['which', out.which],
    ['type', out.type],
    ['help', out.help],
    ['jobs', jobs.jobs],
    ['fg', jobs.fg],
    ['bg', jobs.bg],
    ['kill', jobs.kill],
    ['wait', jobs.wait],
    ['watch', run.watch],
    ['xargs', run.xargs],
  ]);
}
