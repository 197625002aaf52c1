// Flags shared by create -f, the create generators and the other write verbs.
import { F } from '../../command';
import type { FlagDef } from '../../flags';

export const saveConfigFlag: FlagDef = {
  name: 'save-config',
  type: 'bool',
  usage: "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.",
};

export const validateFlag: FlagDef = {
  ...F.validate,
  usage:
    'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" has the server check the object against its schema and refuse unknown or duplicated fields. "warn" lets the request through and prints a warning for each such field. "false" or "ignore" checks nothing and drops unknown fields silently.',
};

export const outputFlag: FlagDef = {
  ...F.output,
  usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
};

/** Flags every printing write command has. */
export const printingFlags: FlagDef[] = [F.allowMissingTemplateKeys, F.dryRun, outputFlag, F.showManagedFields, F.template];
