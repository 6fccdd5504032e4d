import type { MessagePort } from 'node:worker_threads';
import type { MappedBatch } from './import-batches';
import { Inbox } from './inbox';

/** The reader stopped before the end of the file (an exception, out of memory, terminated). */
export class ImportReaderFailed extends Error {}

/** What the reader thread (import.worker.ts) sends on its port. */
export type ReaderMessage = { type: 'total'; total: number } | { type: 'batch'; batch: MappedBatch } | { type: 'end' };

/**
 * The receiving end of the reader thread's port (in the writer thread, import-writer.worker.ts):
 * `total()` first, then `next()` answers the batches in file order, then null. Each batch taken
 * tells the reader it may map one more (it keeps a few ahead). Should the reader's side of the
 * port close before its `end` (the thread died or was stopped), what waits rejects with
 * ImportReaderFailed; the batches that had arrived are still answered first.
 */
export class BatchSource {
  private readonly inbox = new Inbox<ReaderMessage>();
  private ended = false;

  constructor(private readonly port: MessagePort) {
    port.on('message', (m: ReaderMessage) => {
      if (m.type === 'end') this.ended = true;
      this.inbox.put(m);
    });
    port.on('close', () => {
      if (!this.ended) this.inbox.fail(new ImportReaderFailed('the reader thread ended before the end of the file'));
    });
  }

  /** How many entries the file has (the progress total). */
  async total(): Promise<number> {
    const m = await this.inbox.take();
    if (m.type !== 'total') throw new ImportReaderFailed(`the reader sent ${m.type} before the total`);
    return m.total;
  }

  /** The next batch in file order, or null after the last. */
  async next(): Promise<MappedBatch | null> {
    const m = await this.inbox.take();
    if (m.type === 'end') return null;
    if (m.type !== 'batch') throw new ImportReaderFailed(`the reader sent ${m.type} for a batch`);
    this.port.postMessage('more');
    return m.batch;
  }

  /** Stops listening (the port closes; the reader thread, if still running, ends with it). */
  close(): void {
    this.ended = true;
    this.port.close();
  }
}
