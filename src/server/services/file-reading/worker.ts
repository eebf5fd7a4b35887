import { parentPort } from 'node:worker_threads';
import { readSpreadsheet, type SpreadsheetRequest } from './spreadsheet.ts';

// The file-reading worker: one job at a time, each answered with its id. A job that throws answers
// with the error's message; a job that runs out of memory or time ends the thread (see ./index.ts).

interface Job {
  id: number;
  buffer: Uint8Array;
  request: SpreadsheetRequest;
}

parentPort!.on('message', (job: Job) => {
  const buffer = Buffer.from(job.buffer.buffer, job.buffer.byteOffset, job.buffer.byteLength);
  readSpreadsheet(buffer, job.request).then(
    (result) => parentPort!.postMessage({ id: job.id, result }),
    (error: unknown) => parentPort!.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
parentPort!.postMessage({ ready: true });
