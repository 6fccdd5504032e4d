// Component and service specs (src/**/*.spec.ts) in jsdom, zoneless like the app.
// @shiori/policy and @shiori/web-core are mapped to its source (the shared preset has no path aliases).
module.exports = {
  displayName: 'opac',
  preset: '../../jest.angular.preset.js',
  rootDir: '.',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  moduleNameMapper: {
    '^@shiori/contracts$': '<rootDir>/../../libs/contracts/src/index.ts',
    '^@shiori/policy$': '<rootDir>/../../libs/policy/src/index.ts',
    '^@shiori/web-core$': '<rootDir>/../../libs/web-core/src/index.ts',
  },
};
