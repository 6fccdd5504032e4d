// Component and service specs (src/**/*.spec.ts) in jsdom, zoneless like the app.
// `@shiori/policy` and `@shiori/web-core` resolve to its source, as in the app's build (tsconfig.base.json paths).
module.exports = {
  displayName: 'admin',
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
