#!/usr/bin/env node
// Runs the browser tests: `node scripts/e2e.mjs [vitest args]`. The e2e project's global setup
// builds the web app when needed and starts a throwaway server; Chromium comes from Debian
// (`apt-get install -y chromium fonts-ipaexfont-gothic`), set CHROMIUM_PATH to use another one.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium}: apt-get install -y chromium fonts-ipaexfont-gothic (or set CHROMIUM_PATH)`);
  process.exit(1);
}
const result = spawnSync('npx', ['vitest', 'run', '--project', 'e2e', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
