import { Piscina } from 'piscina';
import type { PdfDocument } from './frame.ts';

// PDFs are laid out off the request thread: the register of 1,000 entries takes seconds (bench/pdf.ts)
// and the event loop keeps answering meanwhile. One or two threads (as many as the file readers), started
// on the first document and ended after a minute idle; each has a memory ceiling and a document a time limit.

const MEMORY_MB = Number(process.env.DAICHO_PDF_MEMORY_MB) || 512;
const TIME_LIMIT_MS = (Number(process.env.DAICHO_PDF_TIMEOUT_S) || 120) * 1000;

let pool: Piscina | undefined;

export async function renderInWorker(doc: PdfDocument, now: Date): Promise<Buffer> {
  pool ??= new Piscina({
    filename: new URL('./render-worker.mjs', import.meta.url).href,
    minThreads: 0,
    maxThreads: 2,
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: MEMORY_MB },
  });
  const bytes: Uint8Array = await pool.run({ doc, now: now.toISOString() }, { signal: AbortSignal.timeout(TIME_LIMIT_MS) });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
