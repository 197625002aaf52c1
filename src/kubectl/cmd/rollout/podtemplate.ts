// describe's "Pod Template:" block as `rollout history --revision` and `rollout undo --dry-run`
// print it (printTemplate): DescribePodTemplate on a PrefixWriter without a tabwriter.
import { formatLabelSelector } from '../../../api/labels';
import { describePodTemplate as describeTemplate } from '../../describe/containers';
import { PlainPrefixWriter } from '../../describe/writer';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function describePodTemplate(t: Any | undefined): string {
  const w = new PlainPrefixWriter();
  describeTemplate(t, w, formatLabelSelector);
  return w.toString();
}
