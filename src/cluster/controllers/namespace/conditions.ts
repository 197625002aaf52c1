// namespaceConditionUpdater (deletion/status_condition_utils.go): the five deletion conditions a
// terminating namespace shows, each False with its "ok" reason unless this pass found a problem.
export interface NamespaceCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export const CONDITION_TYPES = [
  'NamespaceDeletionDiscoveryFailure',
  'NamespaceDeletionGroupVersionParsingFailure',
  'NamespaceDeletionContentFailure',
  'NamespaceContentRemaining',
  'NamespaceFinalizersRemaining',
] as const;

const OK: Record<string, { reason: string; message: string }> = {
  NamespaceDeletionDiscoveryFailure: { reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
  NamespaceDeletionGroupVersionParsingFailure: { reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
  NamespaceDeletionContentFailure: { reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
  NamespaceContentRemaining: { reason: 'ContentRemoved', message: 'All content successfully removed' },
  NamespaceFinalizersRemaining: { reason: 'ContentHasNoFinalizers', message: 'All content-preserving finalizers finished' },
};

/** utilerrors.NewAggregate(...).Error(): one message alone, several in brackets. */
export function aggregateMessage(errors: string[]): string {
  return errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
}

export class ConditionUpdater {
  private conditions: NamespaceCondition[] = [];
  private deleteErrors: string[] = [];

  constructor(private readonly now: string) {}

  processDeleteContentErr(message: string): void {
    this.deleteErrors.push(message);
  }

  /** ProcessContentTotals: remaining instances per `resource.group`, and per finalizer. */
  processContentTotals(remaining: Map<string, number>, finalizers: Map<string, number>): void {
    const lines = [...remaining].filter(([, n]) => n > 0).map(([gr, n]) => `${gr} has ${n} resource instances`).sort();
    if (remaining.size) {
      this.conditions.push({ type: 'NamespaceContentRemaining', status: 'True', lastTransitionTime: this.now, reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${lines.join(', ')}` });
    }
    const byFinalizer = [...finalizers].filter(([, n]) => n > 0).map(([f, n]) => `${f} in ${n} resource instances`).sort();
    if (finalizers.size) {
      this.conditions.push({
        type: 'NamespaceFinalizersRemaining',
        status: 'True',
        lastTransitionTime: this.now,
        reason: 'SomeFinalizersRemain',
        message: `Some content in the namespace has finalizers remaining: ${byFinalizer.join(', ')}`,
      });
    }
  }

  /** Update: merges into the namespace's conditions; true when anything changed. */
  update(existing: NamespaceCondition[] | undefined): { conditions: NamespaceCondition[]; changed: boolean } {
    if (this.deleteErrors.length) {
      this.conditions.push({
        type: 'NamespaceDeletionContentFailure',
        status: 'True',
        lastTransitionTime: this.now,
        reason: 'ContentDeletionFailed',
        message: `Failed to delete all resource types, ${this.deleteErrors.length} remaining: ${aggregateMessage(this.deleteErrors)}`,
      });
    }
    const out = (existing ?? []).map((c) => ({ ...c }));
    let changed = false;
    for (const type of CONDITION_TYPES) {
      const next = this.conditions.find((c) => c.type === type) ?? { type, status: 'False', lastTransitionTime: this.now, ...OK[type] };
      const old = out.find((c) => c.type === type);
      if (!old) {
        out.push(next);
        changed = true;
      } else if (old.status !== next.status || old.reason !== next.reason || old.message !== next.message) {
        Object.assign(old, { status: next.status, reason: next.reason, message: next.message, lastTransitionTime: next.lastTransitionTime });
        changed = true;
      }
    }
    return { conditions: out, changed };
  }
}
