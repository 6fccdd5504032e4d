import type { NextFunction, Request, Response } from 'express';

/**
 * How many HTTP requests this process is answering right now, kept where worker threads can
 * read it (a SharedArrayBuffer): work that runs in threads of its own beside the requests (a
 * catalogue import's reader and writer) gives way while any is in flight (giveWay), so that a
 * desk request never waits behind that work for a core or for the database.
 */
const shared = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
const counter = new Int32Array(shared);

/** The counter's memory, for a worker thread (pass it in workerData: it is shared, not copied). */
export function requestsInFlightMemory(): SharedArrayBuffer {
  return shared;
}

/** Express middleware: counts the request from its arrival until its answer is sent or its connection closes. */
export function countRequestsInFlight(_req: Request, res: Response, next: NextFunction): void {
  Atomics.add(counter, 0, 1);
  let counted = true;
  const done = () => {
    if (!counted) return;
    counted = false;
    Atomics.sub(counter, 0, 1);
  };
  res.once('finish', done);
  res.once('close', done);
  next();
}

/**
 * In a worker thread: waits while the API's thread answers requests, at most `maxMs` (a busy
 * desk slows the work down, never stops it), looking every millisecond. `memory` is
 * requestsInFlightMemory().
 */
export async function giveWay(memory: SharedArrayBuffer, maxMs: number): Promise<void> {
  const inFlight = new Int32Array(memory);
  if (Atomics.load(inFlight, 0) <= 0) return;
  const until = performance.now() + maxMs;
  while (Atomics.load(inFlight, 0) > 0 && performance.now() < until) await new Promise((r) => setTimeout(r, 1));
}

/** giveWay for a worker thread that may block (Atomics.wait): waits without returning to its event loop. */
export function giveWaySync(memory: SharedArrayBuffer, maxMs: number): void {
  const inFlight = new Int32Array(memory);
  let now = Atomics.load(inFlight, 0);
  if (now <= 0) return;
  const until = performance.now() + maxMs;
  while (now > 0 && performance.now() < until) {
    Atomics.wait(inFlight, 0, now, 1);
    now = Atomics.load(inFlight, 0);
  }
}
