// Every kubectl command we serve, in kubectl's own order (its help groups them this way).
import type { CommandSpec } from '../command';
import { getCommand } from './get/get';
import { createCommand } from './create/create';
import { versionCommand, apiVersionsCommand, apiResourcesCommand, clusterInfoCommand } from './info';

export const COMMANDS: CommandSpec[] = [createCommand, getCommand, clusterInfoCommand, apiResourcesCommand, apiVersionsCommand, versionCommand];
