// The coreutils of the playground, by name. The host adds kubectl, curl and minikube to this map.
import type { Program } from '../types';
import { awk } from './awk';
import { cat, cp, ls, mkdir, mv, rm, rmdir, touch } from './files';
import { grep } from './grep';
import { base64, date, sleep, yes } from './misc';
import { sed } from './sed';
import { basename, cut, dirname, head, seq, sort, tail, tee, tr, uniq, wc } from './text';

export function coreutils(): Map<string, Program> {
  return new Map<string, Program>([
    ['cat', cat],
    ['ls', ls],
    ['touch', touch],
    ['rm', rm],
    ['rmdir', rmdir],
    ['mkdir', mkdir],
    ['mv', mv],
    ['cp', cp],
    ['head', head],
    ['tail', tail],
    ['wc', wc],
    ['tee', tee],
    ['sort', sort],
    ['uniq', uniq],
    ['cut', cut],
    ['tr', tr],
    ['seq', seq],
    ['basename', basename],
    ['dirname', dirname],
    ['grep', grep],
    ['egrep', (argv, io) => grep(['grep', '-E', ...argv.slice(1)], io)],
    ['fgrep', (argv, io) => grep(['grep', '-F', ...argv.slice(1)], io)],
    ['sed', sed],
    ['awk', awk],
    ['sleep', sleep],
    ['date', date],
    ['yes', yes],
    ['base64', base64],
  ]);
}
