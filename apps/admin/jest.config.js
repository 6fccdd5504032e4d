// Component and service specs (src/**/*.spec.ts) in jsdom, zoneless like the app.
module.exports = {
  displayName: 'admin',
  preset: '../../jest.angular.preset.js',
  rootDir: '.',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
