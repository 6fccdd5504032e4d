import { IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Where an import's time goes, per phase (IMPORT_PHASES=1 in the API's environment: the
 * import logs the totals when it ends; the import benchmark prints them). Off by default:
 * then `phase` only runs its function.
 */
const ON = process.env.IMPORT_PHASES === '1';
const totals = new Map<string, { ms: number; n: number }>();
/** How long the API's event loop was held up (what a desk request waits for before it is even read). */
let loop: IntervalHistogram | undefined;

/** Starts measuring the API's event loop delay (when on): the import's side in the API's thread calls it. */
export function watchEventLoop(): void {
  if (!ON || loop) return;
  loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
}

/** The event loop delay since watchEventLoop, one line (and stops measuring); null when off. */
export function takeEventLoopDelay(): string | null {
  if (!ON || !loop) return null;
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  const out = `event loop delay p50 ${ms(loop.percentile(50))} p99 ${ms(loop.percentile(99))} max ${ms(loop.max)} ms`;
  loop.disable();
  loop = undefined;
  return out;
}

export async function phase<T>(name: string, fn: () => Promise<T>): Promise<T> {
  if (!ON) return fn();
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    const t = totals.get(name) ?? { ms: 0, n: 0 };
    t.ms += performance.now() - t0;
    t.n++;
    totals.set(name, t);
  }
}

/** The totals since the last call (and resets them), one line; null when off. */
export function takePhases(): string | null {
  if (!ON) return null;
  const out = [...totals].map(([k, v]) => `${k} ${(v.ms / 1000).toFixed(2)}s/${v.n}`).join(', ');
  totals.clear();
  return out;
}
