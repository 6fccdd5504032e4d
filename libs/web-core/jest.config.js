// Service specs (src/**/*.spec.ts) in jsdom, zoneless like the apps that use the library.
module.exports = {
  displayName: 'web-core',
  preset: '../../jest.angular.preset.js',
  rootDir: '.',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
