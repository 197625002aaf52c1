// -l on -f manifests (create -f, apply -f): objects whose labels do not match are skipped.
import { matchesLabels, parseLabelSelector } from '../../api/labels';
import { CmdError } from '../errors';

export function matchesSelector(selector: string, labels: Record<string, string>): boolean {
  let sel;
  try {
    sel = parseLabelSelector(selector);
  } catch (e) {
    throw new CmdError((e as Error).message);
  }
  return matchesLabels(sel, labels);
}
