// Shared jest settings for the Angular apps (apps/opac, apps/admin): jest-preset-angular in
// CommonJS mode, jsdom, each app's tsconfig.spec.json. Each app's test-setup.ts starts the
// zoneless test environment, matching the apps (no zone.js anywhere).
const { createCjsPreset } = require('jest-preset-angular/presets');

module.exports = {
  ...createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' }),
  testEnvironment: 'jsdom',
  moduleFileExtensions: ['ts', 'html', 'js', 'mjs', 'json'],
};
