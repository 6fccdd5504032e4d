import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';

setupZonelessTestEnv();

// jsdom has no structuredClone; the app only clones JSON data (policies), so JSON is enough here.
if (typeof globalThis.structuredClone !== 'function') {
  globalThis.structuredClone = <T>(value: T): T => (value === undefined ? value : JSON.parse(JSON.stringify(value)));
}
