// The DaemonSet controller: one daemon pod per eligible node, rolling updates, history.
export { startDaemonSetController, DaemonSetsController } from './controller';
export { nodeShouldRunDaemonPod, addDaemonTolerations, createPodTemplate, replaceNodeNameAffinity } from './util';
