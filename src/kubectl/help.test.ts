// Help layout as kubectl v1.32 prints it (compared with `kubectl.1.32 X --help`): the Aliases
// section, string defaults in single quotes, Go durations, indented blank example lines and the
// root help's groups in kubectl's order.
import { describe, expect, it } from 'vitest';
import { commandHelp, goDuration, rootHelp } from './help';
import { COMMANDS } from './cmd';

const find = (...path: string[]) => {
  let level = COMMANDS;
  let c = level[0];
  for (const p of path) {
    c = level.find((x) => x.name === p)!;
    level = c.subcommands ?? [];
  }
  return c;
};

describe('help', () => {
  it('create deployment: Aliases, quoted string defaults, slices and bools bare', () => {
    const h = commandHelp('create deployment', find('create', 'deployment'));
    expect(h.startsWith('Create a deployment with the specified name.\n\nAliases:\ndeployment, deploy\n\nExamples:\n')).toBe(true);
    expect(h).toContain("\n    --dry-run='none':\n");
    expect(h).toContain("\n    --field-manager='kubectl-create':\n");
    expect(h).toContain('\n    --image=[]:\n');
    expect(h).toContain('\n    --allow-missing-template-keys=true:\n');
    expect(h).toContain("\n    -o, --output='':\n");
  });

  it('run: durations as Go prints them; example blank lines keep the indent', () => {
    const h = commandHelp('run', find('run'));
    expect(h).toContain('\n    --pod-running-timeout=1m0s:\n');
    expect(h).toContain('\n    --timeout=0s:\n');
    expect(h).toContain("\n    --restart='Always':\n");
    expect(h).toMatch(/\n  kubectl run [^\n]*\n  \n  # /);
  });

  it('goDuration', () => {
    expect([0, 500, 1000, 30_000, 60_000, 90_000, 3_600_000, 1_500].map(goDuration)).toEqual(['0s', '500ms', '1s', '30s', '1m0s', '1m30s', '1h0m0s', '1.5s']);
  });

  it('root help: kubectl\'s groups in its order', () => {
    const h = rootHelp(COMMANDS);
    const groups = h.split('\n').filter((l) => /^[A-Z].*:$/.test(l));
    expect(groups).toEqual([
      'Basic Commands (Beginner):',
      'Basic Commands (Intermediate):',
      'Deploy Commands:',
      'Cluster Management Commands:',
      'Troubleshooting and Debugging Commands:',
      'Advanced Commands:',
      'Settings Commands:',
      'Subcommands provided by plugins:',
      'Other Commands:',
      'Usage:',
    ]);
    expect(h).toContain('Troubleshooting and Debugging Commands:\n  describe        Show details of a specific resource or group of resources\n  logs            Print the logs for a container in a pod\n  attach          Attach to a running container\n  exec            Execute a command in a container\n');
    expect(h).toContain('\n  autoscale       Auto-scale a deployment, replica set, stateful set, or replication controller\n');
  });
});
