// (b) Time from `node bin/daicho.js serve` to ready (GET /api/health answers 200) on an existing
// database that holds the demo data: median of several starts. The server's own "ready in N ms"
// (migrate check + buildApp + listen, measured inside the process) is shown beside it. One warm-up
// start (tsx's transpile cache) is not counted.
//
// usage: node bench/startup.mjs [--dialect=sqlite|postgres|both] [--starts=5]
import { chooseDialects, cleanupAll, createDataset, fmt, isMain, median, parseFlags, startDaicho, table } from './lib.mjs';

export async function benchStartup(dataset, starts = 5) {
  // One uncounted start first: after a code change tsx transpiles every file once and caches it.
  await (await startDaicho(dataset)).stop();
  const wall = [];
  const inProcess = [];
  for (let i = 0; i < starts; i++) {
    const server = await startDaicho(dataset);
    wall.push(server.readyMs);
    const reported = Number(server.output().match(/ready at .* in (\d+) ms/)?.[1]);
    if (Number.isFinite(reported)) inProcess.push(reported);
    await server.stop();
  }
  return {
    starts,
    medianMs: median(wall),
    minMs: Math.min(...wall),
    maxMs: Math.max(...wall),
    inProcessMedianMs: inProcess.length ? median(inProcess) : null,
  };
}

export function startupRows(results) {
  return results.map(({ dialect, startup }) => [
    dialect,
    startup.starts,
    fmt(startup.medianMs, 0),
    `${fmt(startup.minMs, 0)}–${fmt(startup.maxMs, 0)}`,
    fmt(startup.inProcessMedianMs, 0),
  ]);
}
export const STARTUP_HEADER = ['database', 'starts', 'spawn→ready median ms', 'min–max ms', 'in-process median ms'];

if (isMain(import.meta.url)) {
  const flags = parseFlags(process.argv.slice(2));
  const { dialects, notes } = await chooseDialects(flags);
  notes.forEach((n) => console.log(`note: ${n}`));
  const results = [];
  try {
    for (const dialect of dialects) {
      const dataset = await createDataset(dialect);
      try {
        results.push({ dialect, startup: await benchStartup(dataset, Number(flags.starts ?? 5)) });
      } finally {
        await dataset.dispose();
      }
    }
  } finally {
    await cleanupAll();
  }
  console.log('\nstartup: `node bin/daicho.js serve` → /api/health answers (existing database with demo data)');
  console.log(table(STARTUP_HEADER, startupRows(results)).text);
}
