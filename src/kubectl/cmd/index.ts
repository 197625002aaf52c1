// Every kubectl command we serve, in kubectl's own order (its help groups them this way).
import type { CommandSpec } from '../command';
import { getCommand } from './get/get';
import { describeCommand } from './describe';
import { createCommand } from './create/create';
import { applyCommand } from './apply/apply';
import { deleteCommand } from './delete/delete';
import { editCommand } from './edit/edit';
import { labelCommand, annotateCommand } from './label/label';
import { patchCommand } from './patch/patch';
import { replaceCommand } from './replace/replace';
import { versionCommand, apiVersionsCommand, apiResourcesCommand, clusterInfoCommand } from './info';
import { runCommand } from './run/run';
import { exposeCommand } from './expose/expose';
import { scaleCommand } from './scale/scale';
import { setCommand } from './set/set';
import { rolloutCommand } from './rollout/rollout';
import { cordonCommandSpec, uncordonCommandSpec, drainCommand } from './drain/drain';
import { waitCommand } from './wait/wait';
import { logsCommand } from './logs/logs';
import { execCommand } from './exec/exec';
import { proxyCommand } from './proxy/proxy';
import { portForwardCommand } from './portforward/portforward';
import { topCommand } from './top/top';
import { authCommand } from './auth/auth';
import { configCommand } from './config/config';
import { explainCommand } from './explain/explain';

export const COMMANDS: CommandSpec[] = [createCommand, exposeCommand, runCommand, setCommand, explainCommand, getCommand, editCommand, deleteCommand, rolloutCommand, scaleCommand, topCommand, cordonCommandSpec, uncordonCommandSpec, drainCommand, applyCommand, patchCommand, replaceCommand, waitCommand, labelCommand, annotateCommand, clusterInfoCommand, describeCommand, logsCommand, execCommand, portForwardCommand, proxyCommand, authCommand, apiResourcesCommand, apiVersionsCommand, configCommand, versionCommand];
