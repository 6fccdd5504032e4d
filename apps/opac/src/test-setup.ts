import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';
import { deserialize, serialize } from 'node:v8';

setupZonelessTestEnv();

// jsdom has no structuredClone (browsers and Node do); libs/policy uses it to hand out copies.
if (typeof globalThis.structuredClone !== 'function') {
  globalThis.structuredClone = <T>(value: T): T => deserialize(serialize(value));
}
