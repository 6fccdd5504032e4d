/**
 * An import's writer, in a worker thread of its own (import-threads.ts starts it): takes the
 * batches the reader thread maps (BatchSource, on the port it is given) and writes each in one
 * transaction of the import's tenant (BatchWriter) on a database connection of its own, so that
 * the API's thread, which answers the desk, does none of an import's work: it only keeps the
 * import's row current from this thread's messages (imports.service.ts).
 *
 * Messages out: { type: 'total' } first, then { type: 'batch' } per batch written (committed),
 * then one of { type: 'end' } (every batch written, the search index refreshed), { type:
 * 'stopped' } (asked to stop: it stops between two batches), { type: 'failed' }; and { type:
 * 'warn' } for the API's log. Messages in: 'stop'.
 */
import { setPriority } from 'node:os';
import { MessagePort, parentPort, workerData } from 'node:worker_threads';
import { Client } from 'pg';
import { runInTenantOn, TenantRef } from '@shiori/tenancy';
import { giveWay } from '../../../engine/http/requests-in-flight';
import { flushSearchPending, plannedRecordCount, refreshPlannerStatistics, refreshSearchIndex } from '../search/maintenance';
import { BatchSource, ImportReaderFailed } from './batch-source';
import { phase, takePhases } from './import-phases';
import { BatchWriter, reasonOf } from './import-writer';
import { StatisticsSchedule } from './statistics-schedule';
import type { WriterData, WriterMessage } from './import-threads';

const data = workerData as WriterData & { port: MessagePort };
const out = parentPort!;
const send = (m: WriterMessage) => out.postMessage(m);

/**
 * The GIN indexes' pending lists are merged after this many batches (and at the end): merging
 * a thousand records' entries at once costs half as much per record as 250 at a time, and
 * the list stays far below gin_pending_list_limit, so no desk statement ever merges it.
 */
const FLUSH_EVERY_BATCHES = 4;

let stopAsked = false;
out.on('message', (m) => {
  if (m === 'stop') stopAsked = true;
});

async function write(): Promise<void> {
  // Linux sets a nice value per thread: the import yields the CPU to the API's thread (the desk)
  try {
    setPriority(data.nice);
  } catch {
    /* not permitted here: the writer runs at the API's priority */
  }
  const source = new BatchSource(data.port);
  const client = new Client({ connectionString: data.db.url, application_name: 'shiori-import', options: data.db.options });
  // before each statement, the API's requests in flight (the desk's) are answered first
  const polite = {
    async query(text: string, values?: unknown[]) {
      await phase('give way', () => giveWay(data.inFlight, data.giveWayMs));
      return client.query(text, values);
    },
  };
  const inTenant = <T>(fn: () => Promise<T>) => runInTenantOn(polite, data.tenant as TenantRef, fn);
  const writer = new BatchWriter(inTenant, (message) => send({ type: 'warn', message }), data.codes);
  try {
    await client.connect();
    send({ type: 'total', total: await phase('count', () => source.total()) });
    let unflushed = 0;
    const statistics = new StatisticsSchedule(await inTenant(() => plannedRecordCount()));
    for (;;) {
      if (stopAsked) return send({ type: 'stopped' });
      const batch = await phase('wait for reader', () => source.next());
      if (!batch) break;
      if (stopAsked) return send({ type: 'stopped' });
      const results = await writer.writeBatch(batch.entries);
      const created = results.filter((r) => r.outcome === 'created').length;
      send({
        type: 'batch',
        processed: results.length,
        created,
        updated: results.filter((r) => r.outcome === 'updated').length,
        rejected: results.flatMap((r) => (r.reason === undefined ? [] : [{ index: r.index, reason: r.reason }])),
        warnings: batch.warnings,
      });
      // the desk's plans made for a nearly empty catalogue replaced before they read a large one
      if (statistics.added(created)) {
        await phase('analyze', () => inTenant(() => refreshPlannerStatistics(false))).catch((e) =>
          send({ type: 'warn', message: `planner statistics refresh failed: ${reasonOf(e)}` }),
        );
      }
      // the search entries of the last batches merged now, by the import, not later by a desk request
      if (batch.entries.length && ++unflushed >= FLUSH_EVERY_BATCHES) {
        unflushed = 0;
        await phase('flush GIN pending', () => inTenant(() => flushSearchPending())).catch((e) =>
          send({ type: 'warn', message: `search index flush failed: ${reasonOf(e)}` }),
        );
      }
    }
    // the new records searchable at full speed by the time the import says done (statistics, GIN pending lists)
    await phase('refresh at end', () => inTenant(() => refreshSearchIndex())).catch((e) =>
      send({ type: 'warn', message: `search index refresh failed: ${reasonOf(e)}` }),
    );
    send({ type: 'end', phases: takePhases() });
  } catch (e) {
    send(e instanceof ImportReaderFailed ? { type: 'failed', reader: true, reason: e.message } : { type: 'failed', reader: false, reason: reasonOf(e) });
  } finally {
    source.close();
    await client.end().catch(() => undefined);
    out.unref(); // nothing more to hear: the thread ends
  }
}

void write();
