/**
 * An import's reader, in a worker thread of its own (import-threads.ts starts it): reads the
 * file, maps its records and builds their search columns (import-batches.ts), and sends the
 * batches on its port to the import's writer thread (import-writer.worker.ts, BatchSource), a
 * few ahead of the one being written (`ahead`, then one more for each batch the writer takes),
 * so that mapping batch n+1 overlaps writing batch n.
 *
 * Messages out: { type: 'total', total } first, then { type: 'batch', batch } in file order,
 * then { type: 'end' }. Messages in: 'more' (the writer took a batch).
 */
import { setPriority } from 'node:os';
import { MessagePort, workerData } from 'node:worker_threads';
import type { CatalogueFormat } from '../import';
import { countCatalogueEntries } from '../import';
import { giveWaySync } from '../../../engine/http/requests-in-flight';
import { mappedBatches } from './import-batches';

const { bytes, format, ahead, port, inFlight, giveWayMs } = workerData as {
  bytes: Uint8Array;
  format: CatalogueFormat;
  ahead: number;
  port: MessagePort;
  inFlight: SharedArrayBuffer;
  giveWayMs: number;
};

/**
 * Linux sets a nice value per thread: the reader yields the CPU to the API's thread (the desk's
 * requests) whenever both want it. Set once the total is out (the
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
  // between two records, the API's requests in flight (the desk's) are answered first
  for (const batch of mappedBatches(bytes, format, { between: () => giveWaySync(inFlight, giveWayMs) })) {
    while (credit <= 0) await new Promise<void>((r) => (resume = r));
    credit--;
    port.postMessage({ type: 'batch', batch });
  }
  port.postMessage({ type: 'end' });
  port.close();
}

// an exception here ends the thread with an 'error' event: the import fails with it (import-threads.ts: the writer sees its port close)
void read().catch((e) => {
  throw e;
});
