// A lesson runs on its own playground: a cluster of the lesson's topology and seed (minikube's one
// node for the basics), saved under the lesson's name, so the sandbox is left as it was and coming
// back to a lesson finds its cluster where the learner left it. Switching playgrounds reloads the
// page (the worker restores the other one); the panel then continues the lesson.
import type { Lesson } from '../../lessons/types';

export interface PlaygroundHost {
  persistStatus(): Promise<{ persistent: boolean; busy?: boolean; playgroundName?: string } | undefined>;
  switchPlayground(o: { name: string; topology?: string; seed?: number; nodes?: number; fresh?: boolean }): Promise<boolean>;
}

export const SANDBOX = 'Playground 1';
export const lessonPlayground = (id: string) => `Lesson ${id}`;

const TOKEN = 'kubeplay.lessons.switching';

function session(): Storage | undefined {
  try {
    return sessionStorage;
  } catch {
    return undefined;
  }
}

/**
 * Makes the lesson's playground (or, for null, the sandbox) current. Resolves true when the page
 * already runs it, false when it cannot be switched to (nothing is saved in this browser, another
 * tab owns it): the lesson then runs on the current cluster. Otherwise the page reloads into it
 * and the promise never settles.
 */
export async function switchCluster(host: PlaygroundHost, lesson: Lesson | null, o: { fresh?: boolean; reload?: () => void } = {}): Promise<boolean> {
  const name = lesson ? lessonPlayground(lesson.id) : SANDBOX;
  const ss = session();
  const justSwitched = ss?.getItem(TOKEN) === name;
  ss?.removeItem(TOKEN);
  const st = await host.persistStatus().catch(() => undefined);
  if (st?.playgroundName === name && (justSwitched || !o.fresh || !ss)) return true;
  if (!lesson && !st?.playgroundName?.startsWith('Lesson ')) return true;
  // Switched and still not there: do not loop.
  if (justSwitched || !st?.persistent || st.busy) return false;
  ss?.setItem(TOKEN, name);
  const ok = await host
    .switchPlayground(lesson ? { name, topology: lesson.topology, seed: lesson.seed, nodes: lesson.nodes, fresh: o.fresh } : { name })
    .catch(() => false);
  if (!ok) {
    ss?.removeItem(TOKEN);
    return false;
  }
  (o.reload ?? (() => location.reload()))();
  return new Promise<boolean>(() => {});
}
