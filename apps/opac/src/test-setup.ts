import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';
import { deserialize, serialize } from 'node:v8';

setupZonelessTestEnv();

// jsdom has no structuredClone (browsers and Node do); libs/policy uses it to hand out copies.
if (typeof globalThis.structuredClone !== 'function') {
  globalThis.structuredClone = <T>(value: T): T => deserialize(serialize(value));
}

// The specs play a browser whose patron may be signed in (they answer /me themselves): the API's
// readable session hint is set, as after a sign-in; core/session.spec.ts removes it to test
// that an anonymous visitor's page never asks /me.
document.cookie = 'shiori_signed_in=1; path=/';
