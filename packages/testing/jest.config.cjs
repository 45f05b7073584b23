// jest runs only tests/jest: the built package as a user installs it (its CommonJS entry),
// with no transform, as jest runs CommonJS natively. vitest runs tests/**/*.test.ts.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/jest'],
  testMatch: ['**/*.jest.test.cjs'],
  transform: {},
};
