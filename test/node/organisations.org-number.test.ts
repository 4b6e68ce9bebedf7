import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeIssues } from '../../src/http/validation.ts';
import { translator } from '../../src/i18n/i18n.ts';
import { en, sv } from '../../src/messages.ts';
import { luhnCheckDigit, orgNumberSchema } from '../../src/organisations/org-number.ts';

/** What a person is told about a number, in Swedish (or null when it is accepted). */
function messageFor(input: string, lang: 'sv' | 'en' = 'sv'): string | null {
  const result = orgNumberSchema.safeParse(input);
  if (result.success) return null;
  return describeIssues(result.error.issues, lang, translator(lang))[0]?.message ?? '';
}

const nineDigits = fc
  .tuple(fc.stringMatching(/^\d{2}$/), fc.integer({ min: 2, max: 9 }), fc.stringMatching(/^\d{6}$/))
  .map(([head, third, tail]) => `${head}${third}${tail}`);

describe('the organisationsnummer schema', () => {
  it('accepts 556036-0793 (Saab) and 202100-2114 (Arbetsförmedlingen)', () => {
    expect(orgNumberSchema.parse('556036-0793')).toBe('556036-0793');
    expect(orgNumberSchema.parse('202100-2114')).toBe('202100-2114');
  });

  it('normalises ten digits and surrounding spaces to NNNNNN-NNNN', () => {
    expect(orgNumberSchema.parse('5560360793')).toBe('556036-0793');
    expect(orgNumberSchema.parse(' 556036-0793 ')).toBe('556036-0793');
  });

  it('refuses 556036-0794 with a message about the check digit, in both languages', () => {
    expect(messageFor('556036-0794')).toBe(sv['validation.orgNumber.checkDigit']);
    expect(messageFor('556036-0794', 'en')).toBe(en['validation.orgNumber.checkDigit']);
    expect(sv['validation.orgNumber.checkDigit']).toMatch(/kontrollsiffran/i);
  });

  it('refuses a number whose third digit is below 2 as a personnummer, which is personal data', () => {
    // 811218-9876 is a Luhn-valid personnummer shape (month 12): a sole trader's number.
    const personnummer = `811218-987${luhnCheckDigit('811218987')}`;
    expect(messageFor(personnummer)).toBe(sv['validation.orgNumber.personnummer']);
    expect(sv['validation.orgNumber.personnummer']).toMatch(/personnummer/);
    expect(en['validation.orgNumber.personnummer']).toMatch(/personal data/);
  });

  it.each(['', '55603-0793', '556036-079', '556036_0793', 'abcdef-ghij', '16556036-0793', '556036--0793'])(
    'refuses the badly formed %j with a message about the format',
    (input) => {
      expect(messageFor(input)).toBe(sv['validation.orgNumber.format']);
    },
  );

  it('accepts any nine digits (third at least 2) followed by their computed check digit', () => {
    fc.assert(
      fc.property(nineDigits, fc.boolean(), (digits, withDash) => {
        const number = `${digits}${luhnCheckDigit(digits)}`;
        const input = withDash ? `${number.slice(0, 6)}-${number.slice(6)}` : number;
        expect(orgNumberSchema.parse(input)).toBe(`${number.slice(0, 6)}-${number.slice(6)}`);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses the same nine digits with any other check digit, saying it is the check digit', () => {
    fc.assert(
      fc.property(nineDigits, fc.integer({ min: 1, max: 9 }), (digits, offset) => {
        const wrong = (luhnCheckDigit(digits) + offset) % 10;
        expect(messageFor(`${digits.slice(0, 6)}-${digits.slice(6)}${wrong}`)).toBe(
          sv['validation.orgNumber.checkDigit'],
        );
      }),
      { numRuns: 500 },
    );
  });

  it('accepts every real organisation number in test/fixtures/orgnr_examples.csv', () => {
    const rows = parse(readFileSync(new URL('../fixtures/orgnr_examples.csv', import.meta.url)), {
      columns: true,
    }) as { name: string; organisationsnummer: string }[];
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (const row of rows) {
      expect(orgNumberSchema.safeParse(row.organisationsnummer).success, row.name).toBe(true);
    }
  });
});
