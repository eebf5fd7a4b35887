import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { bi } from '../../../shared/messages.ts';
import { AppError } from '../app-error.ts';
import type { ReadSheet, SheetLimits, SpreadsheetRequest, SpreadsheetResult } from './spreadsheet.ts';

// Every spreadsheet a user uploads (register and SLA report imports, questionnaires) is read here, in a
// worker thread: the event loop that answers other requests never parses a file, and the thread has a
// memory ceiling and a time limit of its own. A file that passes either ends only its thread, and the
// upload is refused with a clear reason. At most two threads read at once; further files wait their turn.
// Threads stay for a while after a job so that a series of imports does not start one each time.

export type { ReadSheet, SheetLimits } from './spreadsheet.ts';

/** What an import of up to 10 MB may contain once read. */
export const DEFAULT_SHEET_LIMITS: SheetLimits = {
  maxRows: 100_000,
  maxColumns: 256,
  maxCells: 2_000_000,
  maxFieldLength: 32_767,
  maxInflatedBytes: 256 * 1024 * 1024,
};

const MEMORY_MB = Number(process.env.DAICHO_FILE_READER_MEMORY_MB) || 512;
const TIME_LIMIT_MS = (Number(process.env.DAICHO_FILE_READER_TIMEOUT_S) || 120) * 1000;
const IDLE_MS = 30_000;
const THREADS = Math.max(1, Math.min(2, os.availableParallelism()));
const ENTRY = new URL('./worker-entry.mjs', import.meta.url);

interface Job {
  id: number;
  buffer: Buffer;
  request: SpreadsheetRequest;
  resolve: (result: SpreadsheetResult) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  job: Job | null;
  timer?: NodeJS.Timeout;
  idle?: NodeJS.Timeout;
}

const threads = new Set<Thread>();
const waiting: Job[] = [];
let nextId = 1;

const refusedTooLarge = () =>
  new AppError('payload_too_large', [{ field: 'file', reason: bi('ファイルを読み取るにはメモリか時間がかかりすぎます（行・列を減らすか、ファイルを分けてください）', 'Reading the file takes too much memory or time (remove rows or columns, or split the file)') }]);

function finish(thread: Thread, settle: (job: Job) => void) {
  const job = thread.job;
  clearTimeout(thread.timer);
  thread.job = null;
  if (job) settle(job);
}

function retire(thread: Thread) {
  threads.delete(thread);
  clearTimeout(thread.timer);
  clearTimeout(thread.idle);
  void thread.worker.terminate();
}

function startThread(): Thread {
  const worker = new Worker(ENTRY, { resourceLimits: { maxOldGenerationSizeMb: MEMORY_MB, maxYoungGenerationSizeMb: 64 }, stdout: false, stderr: false });
  const thread: Thread = { worker, job: null };
  threads.add(thread);
  worker.on('message', (message: { id?: number; result?: SpreadsheetResult; error?: string }) => {
    if (message.id === undefined || message.id !== thread.job?.id) return;
    if (message.result) finish(thread, (job) => job.resolve(message.result!));
    else finish(thread, (job) => job.reject(new Error(`file reader: ${message.error}`)));
    dispatch();
  });
  const fail = (error?: Error) => {
    if (!threads.has(thread)) return;
    threads.delete(thread);
    // Out of memory (ERR_WORKER_OUT_OF_MEMORY) is the file's fault; anything else is ours.
    const ofTheFile = (error as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
    finish(thread, (job) => job.reject(ofTheFile ? refusedTooLarge() : new Error(`file reader ended: ${error?.message ?? 'exit'}`)));
    clearTimeout(thread.idle);
    dispatch();
  };
  worker.on('error', fail);
  worker.on('exit', () => fail());
  return thread;
}

function run(thread: Thread, job: Job) {
  clearTimeout(thread.idle);
  thread.job = job;
  thread.worker.ref();
  thread.timer = setTimeout(() => {
    finish(thread, (j) => j.reject(refusedTooLarge()));
    retire(thread);
    dispatch();
  }, TIME_LIMIT_MS);
  const bytes = new Uint8Array(job.buffer.buffer, job.buffer.byteOffset, job.buffer.byteLength);
  thread.worker.postMessage({ id: job.id, buffer: bytes, request: job.request });
}

function dispatch() {
  for (const thread of threads) {
    if (thread.job) continue;
    const job = waiting.shift();
    if (!job) {
      // Nothing to do: let the process exit, and end the thread if it stays idle.
      thread.worker.unref();
      clearTimeout(thread.idle);
      thread.idle = setTimeout(() => retire(thread), IDLE_MS);
      thread.idle.unref();
      continue;
    }
    run(thread, job);
  }
  while (waiting.length > 0 && threads.size < THREADS) run(startThread(), waiting.shift()!);
}

/**
 * Reads a spreadsheet in a worker thread within its limits. A refused file is an AppError on the field
 * `file` (413 for a limit passed, 400 for a file that is not what it claims to be).
 */
export async function readSpreadsheetSafely(buffer: Buffer, request: SpreadsheetRequest): Promise<{ sheets: ReadSheet[]; encoding?: 'utf-8' | 'shift_jis' }> {
  const result = await new Promise<SpreadsheetResult>((resolve, reject) => {
    waiting.push({ id: nextId++, buffer, request, resolve, reject });
    dispatch();
  });
  if (!result.ok) throw new AppError(result.refusal.kind === 'too_large' ? 'payload_too_large' : 'validation_failed', [{ field: 'file', reason: bi(result.refusal.ja, result.refusal.en) }]);
  return { sheets: result.sheets, encoding: result.encoding };
}
