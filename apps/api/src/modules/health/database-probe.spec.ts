import { SingleFlightProbe } from './database-probe';

/** A probe whose runs are ended by hand, in the order they started. */
function handProbe() {
  const runs: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const probe = new SingleFlightProbe(() => new Promise<void>((resolve, reject) => runs.push({ resolve, reject })));
  return { probe, runs };
}

/** Lets every queued continuation run. */
const settle = () => new Promise((r) => setImmediate(r));

describe('SingleFlightProbe: one probe in flight, shared by the calls made meanwhile, never kept', () => {
  it('calls made while a probe is in flight share it; a call after it has ended starts a new one', async () => {
    const { probe, runs } = handProbe();
    const first = [probe.probe(), probe.probe(), probe.probe()];
    await settle();
    expect(runs).toHaveLength(1);
    runs[0].resolve();
    await expect(Promise.all(first)).resolves.toEqual([undefined, undefined, undefined]);

    const second = probe.probe();
    await settle();
    expect(runs).toHaveLength(2);
    runs[1].resolve();
    await second;
  });

  it('a failure reaches every call that shared the probe, and the next call probes again (and can succeed)', async () => {
    const { probe, runs } = handProbe();
    const shared = [probe.probe(), probe.probe()];
    await settle();
    runs[0].reject(new Error('connection refused'));
    for (const p of shared) await expect(p).rejects.toThrow('connection refused');

    const after = probe.probe();
    await settle();
    expect(runs).toHaveLength(2);
    runs[1].resolve();
    await expect(after).resolves.toBeUndefined();
  });

  it('a success is not kept: the call after it is answered by a probe of its own, which may fail', async () => {
    const { probe, runs } = handProbe();
    const ok = probe.probe();
    await settle();
    runs[0].resolve();
    await ok;
    const later = probe.probe();
    await settle();
    runs[1].reject(new Error('the database went away'));
    await expect(later).rejects.toThrow('the database went away');
  });

  it('a caller that resumes after the shared probe and calls again starts a new probe (the probe is cleared before callers resume)', async () => {
    const { probe, runs } = handProbe();
    let again: Promise<void> | undefined;
    const first = probe.probe().then(() => {
      again = probe.probe();
    });
    await settle();
    runs[0].resolve();
    await first;
    await settle();
    expect(runs).toHaveLength(2);
    runs[1].resolve();
    await again;
  });

  it('a run that throws at once fails that probe only', async () => {
    let calls = 0;
    const probe = new SingleFlightProbe(() => {
      if (++calls === 1) throw new Error('no pool');
      return Promise.resolve();
    });
    await expect(probe.probe()).rejects.toThrow('no pool');
    await expect(probe.probe()).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });
});
