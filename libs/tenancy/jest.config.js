module.exports = { displayName: 'tenancy', preset: '../../jest.preset.js', rootDir: '.', testMatch: ['<rootDir>/src/**/*.spec.ts'] };
