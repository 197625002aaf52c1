// A test page for the terminal alone: Terminal.svelte against a fake in-page Session. Used by
// tests/e2e/terminal.test.ts (which builds this page on its own) and handy while working on the
// line editor: `npx vite` then open /src/ui/terminal/demo.html (add ?theme=light).
import { mount } from 'svelte';
import Terminal from './Terminal.svelte';
import type { ExecIO, Session } from '../../terminal/session';
import type { TerminalHandle } from './xterm-adapter';

const COMMANDS = ['ask', 'cjk', 'clear-history', 'echo', 'help', 'kubectl', 'link', 'sleep', 'watch'];
const VERBS = ['annotate', 'apply', 'create', 'delete', 'deploy', 'describe', 'get', 'logs', 'rollout', 'scale'];

let interrupted: (() => void) | null = null;
const inputs: string[] = [];

function sleep(ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      interrupted = null;
      resolve(true);
    }, ms);
    interrupted = () => {
      clearTimeout(t);
      interrupted = null;
      resolve(false);
    };
  });
}

const session: Session = {
  async exec(line: string, io: ExecIO) {
    const [cmd, ...args] = line.trim().split(/\s+/);
    switch (cmd) {
      case 'echo':
        io.write(args.join(' ') + '\n');
        return 0;
      case 'help':
        io.write(`commands: ${COMMANDS.join(' ')}\n`);
        return 0;
      case 'cjk':
        io.write('名前  状態\nweb   运行中\n');
        return 0;
      case 'link':
        io.write('docs: https://kubernetes.io/docs/home/\n');
        return 0;
      case 'sleep':
        return (await sleep(Number(args[0] ?? 1) * 1000)) ? 0 : 130;
      case 'watch':
        for (let i = 1; ; i++) {
          io.write(`tick ${i}\n`);
          if (!(await sleep(100))) return 130;
        }
      case 'ask': {
        for (;;) {
          const l = await io.readLine('/ # ');
          if (l === null || l === 'exit') return 0;
          io.write(`sh: ${l}\n`);
        }
      }
      case 'kubectl':
        if (args[0] === 'get') {
          io.write('NAME   READY   STATUS    RESTARTS   AGE\nweb    1/1     Running   0          5s\n');
          return 0;
        }
        io.write(`error: unknown command "${args[0] ?? ''}" for "kubectl"\n`);
        return 1;
      case 'clear-history':
        localStorage.removeItem('demo-history');
        return 0;
      default:
        io.write(`${cmd}: command not found\n`);
        return 127;
    }
  },
  async complete(line: string, cursor: number) {
    const before = line.slice(0, cursor);
    const from = before.search(/\S*$/);
    const word = before.slice(from);
    const words = before.slice(0, from).trim() ? (before.startsWith('kubectl ') ? VERBS : []) : COMMANDS;
    return { candidates: words.filter((w) => w.startsWith(word)), from };
  },
  interrupt() {
    interrupted?.();
  },
  prompt: () => '\x1b[1;32mcontrolplane\x1b[0m:~$ ',
  history: {
    async load() {
      try {
        return JSON.parse(localStorage.getItem('demo-history') ?? '[]');
      } catch {
        return [];
      }
    },
    save(lines: string[]) {
      localStorage.setItem('demo-history', JSON.stringify(lines));
    },
  },
  input(text: string) {
    inputs.push(text);
  },
};

const params = new URLSearchParams(location.search);
const theme = params.get('theme') === 'light' ? 'light' : 'dark';
document.body.style.background = theme === 'light' ? '#fff' : '#1e1e1e';

declare global {
  interface Window {
    kubeplayTerminal?: TerminalHandle;
    kubeplayTerminalInputs?: string[];
  }
}
window.kubeplayTerminalInputs = inputs;

mount(Terminal, {
  target: document.getElementById('app')!,
  props: {
    session,
    theme,
    label: 'Terminal 1',
    onready: (h: TerminalHandle) => {
      window.kubeplayTerminal = h;
    },
  },
});
