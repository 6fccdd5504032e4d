import { EventEmitter } from 'node:events';
import type { NextFunction, Request, Response } from 'express';
import { countRequestsInFlight, giveWay, giveWaySync, requestsInFlightMemory } from './requests-in-flight';

const inFlight = () => Atomics.load(new Int32Array(requestsInFlightMemory()), 0);

/** A request through the middleware: its answer is an emitter that can say `finish` and `close`. */
function arrive(): EventEmitter {
  const res = new EventEmitter();
  let passed = false;
  countRequestsInFlight({} as Request, res as unknown as Response, (() => (passed = true)) as NextFunction);
  expect(passed).toBe(true);
  return res;
}

describe('requests in flight (what an import\'s threads give way to)', () => {
  it('counts a request from its arrival until it is answered, once even when its connection closes afterwards', () => {
    const before = inFlight();
    const a = arrive();
    const b = arrive();
    expect(inFlight()).toBe(before + 2);
    a.emit('finish');
    a.emit('close');
    expect(inFlight()).toBe(before + 1);
    b.emit('close'); // the client went away before the answer
    b.emit('finish');
    expect(inFlight()).toBe(before);
  });

  it('giveWay waits until the requests in flight are answered', async () => {
    const events: string[] = [];
    const res = arrive();
    const waiting = giveWay(requestsInFlightMemory(), 60_000).then(() => events.push('went on'));
    await new Promise((r) => setImmediate(r));
    events.push('answered');
    res.emit('finish');
    await waiting;
    expect(events).toEqual(['answered', 'went on']);
  });

  it('giveWay goes on at once with nothing in flight, and after its bound when requests never end', async () => {
    const events: string[] = [];
    await giveWay(requestsInFlightMemory(), 60_000).then(() => events.push('went on'));
    events.push('next');
    expect(events).toEqual(['went on', 'next']);
    const stuck = arrive();
    try {
      await giveWay(requestsInFlightMemory(), 5); // resolves: a busy desk slows the work, never stops it
      giveWaySync(requestsInFlightMemory(), 5);
      expect(inFlight()).toBeGreaterThan(0);
    } finally {
      stuck.emit('finish');
    }
  });
});
