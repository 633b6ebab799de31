import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The CLI tests spawn the built binary and the property tests run thousands of cases.
    testTimeout: 60_000,
    hookTimeout: 60_000
  }
})
