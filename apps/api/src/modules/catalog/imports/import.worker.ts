/**
 * An import's reader, in a worker thread of its own (import-reader.ts starts it): reads the
 * file, maps its records and builds their search columns (import-batches.ts), and sends the
 * batches to the API's thread, a few ahead of the one being written (`ahead`, then one more
 * for each batch the API takes), so that mapping batch n+1 overlaps writing batch n.
 *
 * Messages out: { type: 'total', total } first, then { type: 'batch', batch } in file order,
 * then { type: 'end' }. Messages in: 'more' (the API took a batch).
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { CatalogueFormat } from '../import';
import { countCatalogueEntries } from '../import';
import { mappedBatches } from './import-batches';

const { bytes, format, ahead } = workerData as { bytes: Uint8Array; format: CatalogueFormat; ahead: number };
const port = parentPort!;

/**
 * Linux sets a nice value per thread: the reader yields the CPU to the API's thread (the desk's
 * requests, the import's own statements) whenever both want it. Set once the total is out (the
 * count is a few milliseconds: the import's progress should not wait behind a busy machine for it).
 */
function yieldToOthers(): void {
  try {
    setPriority(10);
  } catch {
    /* not permitted here: the reader runs at the API's priority */
  }
}

let credit = ahead;
let resume: (() => void) | null = null;
port.on('message', (m) => {
  if (m !== 'more') return;
  credit++;
  resume?.();
  resume = null;
});

async function read(): Promise<void> {
  port.postMessage({ type: 'total', total: countCatalogueEntries(bytes, format) });
  yieldToOthers();
  for (const batch of mappedBatches(bytes, format)) {
    while (credit <= 0) await new Promise<void>((r) => (resume = r));
    credit--;
    port.postMessage({ type: 'batch', batch });
  }
  port.postMessage({ type: 'end' });
  port.close();
}

// an exception here ends the thread with an 'error' event: the import fails with it (import-reader.ts)
void read().catch((e) => {
  throw e;
});
