import { afterAll, expect } from 'vitest';
import { contractViolations, recordCoverage } from './contract.ts';

/**
 * Per Node test file (vitest setupFiles): after its tests, every JSON response they received must
 * have matched the OpenAPI document (test/support/contract.ts); the operations it validated are
 * recorded for the run's summary.
 */
afterAll(async () => {
  const violations = await contractViolations();
  recordCoverage(expect.getState().testPath ?? 'unknown');
  expect(violations, 'JSON responses that break the OpenAPI document').toEqual([]);
});
