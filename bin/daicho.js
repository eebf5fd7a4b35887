#!/usr/bin/env node
// Entry point of the `daicho` command. The code base is TypeScript, loaded through tsx's ESM hook,
// so there is no separate server compile step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
