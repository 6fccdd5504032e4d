import * as fs from 'node:fs';
import * as path from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { requestsInFlightMemory } from '../../../engine/http/requests-in-flight';
import { BatchSource, ImportReaderFailed } from './batch-source';
import { ImportThreadFailed, ImportThreads } from './import-threads';
import { workerBootstrap } from './worker-bootstrap';

const FIXTURES = path.join(__dirname, '../../../../test/fixtures/marc');

/** The reader thread (import.worker.ts) started as ImportThreads starts it, its port answered here. */
async function startReader(bytes: Uint8Array): Promise<{ worker: Worker; source: BatchSource }> {
  const { code, modules, aliases } = await workerBootstrap(path.join(__dirname, 'import.worker.ts'));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(code, { eval: true, workerData: { bytes, format: 'iso2709', ahead: 1, port: port1, inFlight: requestsInFlightMemory(), giveWayMs: 25, modules, aliases }, transferList: [port1] });
  worker.on('error', () => undefined);
  return { worker, source: new BatchSource(port2) };
}

describe('the reader thread and its port (BatchSource)', () => {
  it('answers the total, then every entry in file order in batches, then null', async () => {
    const { worker, source } = await startReader(fs.readFileSync(path.join(FIXTURES, 'pymarc/bad_records.mrc')));
    try {
      expect(await source.total()).toBe(8);
      const indexes: number[] = [];
      for (let b = await source.next(); b; b = await source.next()) indexes.push(...b.entries.map((e) => e.index));
      expect(indexes).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    } finally {
      source.close();
      await worker.terminate();
    }
  });

  it('fails what waits on it once the reader thread ends before the end of the file', async () => {
    const { worker, source } = await startReader(fs.readFileSync(path.join(FIXTURES, 'pymarc/marc.dat')));
    expect(await source.total()).toBeGreaterThan(0);
    await worker.terminate(); // what a crash of the thread does
    await expect(
      (async () => {
        while (await source.next());
      })(),
    ).rejects.toBeInstanceOf(ImportReaderFailed);
  });
});

describe('an import\'s threads stopped before they have started (the import ended while their modules compiled)', () => {
  it('start no thread and fail what waits on them instead of hanging', async () => {
    const threads = new ImportThreads(fs.readFileSync(path.join(FIXTURES, 'pymarc/marc.dat')), 'iso2709', { id: 't', slug: 'nowhere', name: 'x' }, { url: 'postgres://127.0.0.1:1/none' }, () => undefined);
    const waiting = threads.total();
    await threads.stop();
    await expect(waiting).rejects.toBeInstanceOf(ImportThreadFailed);
    await expect(threads.next()).rejects.toBeInstanceOf(ImportThreadFailed);
  });
});
