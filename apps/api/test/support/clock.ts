import { Clock } from '../../src/engine/clock';
import { TestApp } from './app';

/**
 * Holds the app's Clock (the time failed sign-ins are counted at) still, so a test can move
 * it past a wait instead of sleeping, and nothing depends on how fast the machine is.
 */
export function holdClock(t: TestApp): { advance: (seconds: number) => void; release: () => void } {
  const clock = t.app.get(Clock);
  const own = Object.getOwnPropertyDescriptor(clock, 'now');
  let at = Date.now();
  clock.now = () => new Date(at);
  return {
    advance: (seconds) => {
      at += seconds * 1000;
    },
    release: () => {
      if (own) Object.defineProperty(clock, 'now', own);
      else delete (clock as { now?: unknown }).now;
    },
  };
}
