import { takeAppErrors } from './browser';

// Every browser test fails when the apps threw while it ran (see watchForAppErrors in browser.ts).
afterEach(() => {
  const errors = takeAppErrors();
  if (errors.length) throw new Error(`the apps threw during this test:\n${errors.join('\n')}`);
});
