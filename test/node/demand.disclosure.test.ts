import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { primarySuppression, summariseContributions } from '../../src/publication/disclosure.ts';

const rule = { minOrganisations: 3, dominanceN: 2, dominanceK: 85 };
const decide = (contributions: number[]) =>
  primarySuppression(summariseContributions(contributions, rule.dominanceN), rule);

describe('primary suppression', () => {
  it('hides a cell that fewer than three organisations contribute to', () => {
    expect(decide([5, 5])).toEqual({ publish: false, reason: 'too-few-organisations' });
    expect(decide([1])).toEqual({ publish: false, reason: 'too-few-organisations' });
  });

  it('publishes a cell of three organisations of similar size', () => {
    expect(decide([3, 3, 3])).toEqual({ publish: true });
  });

  it('hides a cell where the two largest hold more than 85 % of the total', () => {
    // 80 + 10 = 90 of 100.
    expect(decide([80, 10, 5, 5])).toEqual({ publish: false, reason: 'dominated' });
  });

  it('publishes a cell where the two largest hold exactly 85 %', () => {
    // 50 + 35 = 85 of 100: at most k % is allowed.
    expect(decide([50, 35, 10, 5])).toEqual({ publish: true });
  });

  it('has nothing to hide in a cell nobody contributes to', () => {
    expect(decide([])).toEqual({ publish: true });
  });

  it('follows the configured parameters', () => {
    const strict = { minOrganisations: 5, dominanceN: 1, dominanceK: 50 };
    const summary = summariseContributions([4, 3, 3, 3, 3], 1);
    expect(primarySuppression(summary, strict)).toEqual({ publish: true });
    expect(primarySuppression(summariseContributions([30, 3, 3, 3, 3], 1), strict)).toEqual({
      publish: false,
      reason: 'dominated',
    });
    expect(primarySuppression(summariseContributions([1, 1, 1, 1], 1), strict).publish).toBe(false);
  });

  it('never publishes a cell that breaks either rule (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10_000 }), { maxLength: 12 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 100 }),
        (contributions, minOrganisations, dominanceN, dominanceK) => {
          const r = { minOrganisations, dominanceN, dominanceK };
          const decision = primarySuppression(summariseContributions(contributions, dominanceN), r);
          if (!decision.publish || contributions.length === 0) return;
          expect(contributions.length).toBeGreaterThanOrEqual(minOrganisations);
          const total = contributions.reduce((a, b) => a + b, 0);
          const top = [...contributions]
            .sort((a, b) => b - a)
            .slice(0, dominanceN)
            .reduce((a, b) => a + b, 0);
          expect(top / total).toBeLessThanOrEqual(dominanceK / 100 + 1e-12);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('publishes every cell that keeps both rules (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 3, maxLength: 12 }), (contributions) => {
        const total = contributions.reduce((a, b) => a + b, 0);
        const top = [...contributions]
          .sort((a, b) => b - a)
          .slice(0, 2)
          .reduce((a, b) => a + b, 0);
        fc.pre(top * 100 <= 85 * total);
        expect(decide(contributions)).toEqual({ publish: true });
      }),
    );
  });
});
