import * as path from 'node:path';
import { MessageChannel, MessagePort, Worker } from 'node:worker_threads';
import type { TenantRef } from '@shiori/tenancy';
import type { DataSource } from 'typeorm';
import type { CatalogueFormat } from '../import';
import { PlacesErrors } from '../../places';
import type { MappedBatch } from './import-batches';
import type { WriterCodes } from './import-writer';
import { requestsInFlightMemory } from '../../../engine/http/requests-in-flight';
import { Inbox } from './inbox';
import { workerBootstrap } from './worker-bootstrap';

/** Batches the reader maps ahead of the one being written. */
const AHEAD = 2;
/** The reader's heap: a pathological file fails its import, not the API. */
const READER_HEAP_MB = 512;
/** The writer's heap: a few batches and their statements. */
const WRITER_HEAP_MB = 256;
/** Both threads' nice value (Linux sets one per thread): they yield the CPU to the API's thread, which answers the desk. */
const IMPORT_NICE = 10;
/** The longest either thread waits at one point for the API's requests in flight to be answered (giveWay). */
const GIVE_WAY_MS = 25;

/** How the writer thread reaches the database: the API's own connection settings. */
export interface ImportDatabase {
  url: string;
  /** The API's session settings (`-c …`, session-options.ts). */
  options?: string;
}

/** How an import's connections reach the database: as the API does (its URL and session settings). */
export function importDatabase(ds: DataSource): ImportDatabase {
  const o = ds.options as { url?: string; extra?: { options?: string } };
  if (!o.url) throw new Error('catalogue imports need the database URL the API was started with');
  return { url: o.url, options: o.extra?.options };
}

/** What the writer thread (import-writer.worker.ts) is started with, besides the reader's port. */
export interface WriterData {
  tenant: TenantRef;
  db: ImportDatabase;
  nice: number;
  /** requestsInFlightMemory(): the writer gives way to the API's requests before each statement. */
  inFlight: SharedArrayBuffer;
  giveWayMs: number;
  codes: WriterCodes;
}

/** What the writer thread sends the API's thread. */
export type WriterMessage =
  | { type: 'total'; total: number }
  | {
      type: 'batch';
      processed: number;
      created: number;
      updated: number;
      rejected: { index: number; reason: string }[];
      warnings: MappedBatch['warnings'];
    }
  | { type: 'end'; phases: string | null }
  | { type: 'stopped' }
  | { type: 'failed'; reader: boolean; reason: string }
  | { type: 'warn'; message: string };

/** One of an import's threads ended before the import did: `reader` says which (its report says so). */
export class ImportThreadFailed extends Error {
  constructor(
    message: string,
    readonly reader: boolean,
  ) {
    super(message);
  }
}

const EXT = path.extname(__filename);
const READER_FILE = path.join(__dirname, `import.worker${EXT}`);
const WRITER_FILE = path.join(__dirname, `import-writer.worker${EXT}`);

type Settled = Exclude<WriterMessage, { type: 'warn' }>;

/**
 * The API's side of one running import: its reader thread (import.worker.ts: reads and maps the
 * file) and its writer thread (import-writer.worker.ts: writes the batches on a connection of
 * its own), joined by a port of their own, so that the batches never pass through the API's
 * thread. The API's thread only hears how far the writer got (`next()`), and can ask it to
 * stop between two batches (`stopWriting()`).
 */
export class ImportThreads {
  private reader?: Worker;
  private writer?: Worker;
  private readonly inbox = new Inbox<Settled>();
  /** The writer said its last word (end, stopped or failed). */
  private finished = false;
  private stopped = false;
  private stopAsked = false;
  private readonly started: Promise<void>;
  private exited: Promise<unknown> = Promise.resolve();

  constructor(bytes: Uint8Array, format: CatalogueFormat, tenant: TenantRef, db: ImportDatabase, onWarning: (message: string) => void) {
    const { port1, port2 } = new MessageChannel();
    this.started = Promise.all([workerBootstrap(READER_FILE), workerBootstrap(WRITER_FILE)]).then(
      ([reader, writer]) => {
        if (this.stopped) return;
        const inFlight = requestsInFlightMemory();
        this.reader = this.thread(reader, { bytes, format, ahead: AHEAD, port: port1, inFlight, giveWayMs: GIVE_WAY_MS }, port1, READER_HEAP_MB);
        // the reader's failure reaches the writer (its port closes early), which reports it
        this.reader.on('error', () => undefined);
        const data: WriterData & { port: MessagePort } = { tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name }, db, nice: IMPORT_NICE, inFlight, giveWayMs: GIVE_WAY_MS, codes: { branchNotFound: PlacesErrors.BRANCH_NOT_FOUND }, port: port2 };
        const w = this.thread(writer, data, port2, WRITER_HEAP_MB);
        this.writer = w;
        if (this.stopAsked) w.postMessage('stop');
        w.on('message', (m: WriterMessage) => {
          if (m.type === 'warn') return onWarning(m.message);
          if (m.type === 'end' || m.type === 'stopped' || m.type === 'failed') this.finished = true;
          this.inbox.put(m);
        });
        w.on('error', (e) => this.fail(`the import's writer thread failed: ${e?.message ?? e}`, false));
        const readerExit = new Promise((resolve) => this.reader!.once('exit', resolve));
        const writerExit = new Promise<void>((resolve) =>
          w.once('exit', (code) => {
            if (!this.finished) this.fail(`取込の書き込み処理が途中で終了しました / the import's writer thread ended (exit code ${code})`, false);
            resolve();
          }),
        );
        this.exited = Promise.all([readerExit, writerExit]);
      },
      (e: Error) => {
        port1.close();
        this.fail(`the import's threads could not be compiled: ${e?.message ?? e}`, false);
      },
    );
  }

  private thread(boot: Awaited<ReturnType<typeof workerBootstrap>>, data: object, port: MessagePort, heapMb: number): Worker {
    const { code, modules, aliases } = boot;
    return new Worker(code, {
      eval: true,
      workerData: { ...data, modules, aliases },
      transferList: [port],
      resourceLimits: { maxOldGenerationSizeMb: heapMb },
      stdout: false,
      stderr: false,
    });
  }

  /** How many entries the file has (the progress total). */
  async total(): Promise<number> {
    const m = await this.inbox.take();
    if (m.type !== 'total') throw new ImportThreadFailed(`the writer sent ${m.type} before the total`, false);
    return m.total;
  }

  /**
   * What the writer did next: a batch written (committed), or how it ended (`end`, `stopped`
   * after stopWriting, `failed`). Rejects with ImportThreadFailed should the writer thread end
   * without saying so.
   */
  async next(): Promise<Exclude<Settled, { type: 'total' }>> {
    const m = await this.inbox.take();
    if (m.type === 'total') throw new ImportThreadFailed('the writer sent a second total', false);
    return m;
  }

  /** Asks the writer to stop between two batches (it answers `stopped`, or ends first). */
  stopWriting(): void {
    this.stopAsked = true;
    this.writer?.postMessage('stop');
  }

  /** Ends the reader thread at once, as a crash of it would (the writer writes what it has, then fails). */
  async stopReader(): Promise<void> {
    await this.started;
    await this.reader?.terminate();
  }

  /** Ends both threads (the import is over, however it ended); resolves once they have exited. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.started;
    await Promise.all([this.reader?.terminate(), this.writer?.terminate()]);
    await this.exited;
    this.fail('stopped', false);
  }

  private fail(why: string, reader: boolean): void {
    this.inbox.fail(new ImportThreadFailed(why, reader));
  }
}
