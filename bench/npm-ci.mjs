// (a) Fresh `npm ci` time: in a temp folder holding a copy of package.json, package-lock.json and
// .npmrc, with an empty npm cache (everything downloaded, better-sqlite3 compiled), then once more
// with that cache warm (what a developer or CI on a used machine sees). Slow: minutes.
//
// usage: node bench/npm-ci.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, fmt, isMain, runCommand, table } from './lib.mjs';

export async function benchNpmCi() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'daicho-bench-npm-ci-'));
  try {
    const project = path.join(dir, 'project');
    const cache = path.join(dir, 'npm-cache');
    fs.mkdirSync(project);
    fs.mkdirSync(cache);
    for (const file of ['package.json', 'package-lock.json', '.npmrc']) {
      if (fs.existsSync(path.join(ROOT, file))) fs.copyFileSync(path.join(ROOT, file), path.join(project, file));
    }
    const env = { ...process.env, npm_config_cache: cache, npm_config_update_notifier: 'false' };
    const once = async () => {
      fs.rmSync(path.join(project, 'node_modules'), { recursive: true, force: true });
      const started = performance.now();
      await runCommand('npm', ['ci', '--no-audit', '--no-fund', '--cache', cache], { cwd: project, env });
      return (performance.now() - started) / 1000;
    };
    const coldSeconds = await once();
    const warmSeconds = await once();
    const packages = fs.readdirSync(path.join(project, 'node_modules')).length;
    return { coldSeconds, warmSeconds, topLevelEntries: packages };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const NPM_CI_HEADER = ['npm ci', 'seconds'];
export const npmCiRows = (r) => [
  ['empty npm cache (fresh machine)', fmt(r.coldSeconds, 1)],
  ['warm npm cache (node_modules removed)', fmt(r.warmSeconds, 1)],
];

if (isMain(import.meta.url)) {
  console.log('npm ci in a temp copy with an empty cache (this takes minutes)...');
  const result = await benchNpmCi();
  console.log(table(NPM_CI_HEADER, npmCiRows(result)).text);
}
