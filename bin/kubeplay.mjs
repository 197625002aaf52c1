#!/usr/bin/env node
// The `kubeplay` command. The CLI is TypeScript; tsx's loader is registered here so a fresh
// clone runs `npx kubeplay ...` after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
// Long-running subcommands (apiserver) resolve only when they are done; a number is an exit code.
if (typeof code === 'number') process.exitCode = code;
