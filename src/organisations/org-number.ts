import { z } from 'zod';
import type { MessageKey } from '../i18n/messages/sv.ts';

/**
 * Swedish organisationsnummer: NNNNNN-NNNN, the last digit a Luhn check digit over the first
 * nine, and the third digit at least 2 (that is what tells it from a personnummer's month).
 * Source: Skatteverket SKV 709; https://sv.wikipedia.org/wiki/Organisationsnummer
 */
export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < nineDigits.length; i++) {
    let digit = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (digit > 9) digit -= 9;
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

export type OrgNumberProblem = 'format' | 'third-digit' | 'check-digit';

/** Accepts NNNNNN-NNNN or ten digits; returns the canonical form or what is wrong. */
export function parseOrgNumber(input: string): { ok: true; value: string } | { ok: false; problem: OrgNumberProblem } {
  const match = /^(\d{6})-?(\d{4})$/.exec(input.trim());
  if (!match?.[1] || !match[2]) return { ok: false, problem: 'format' };
  const digits = match[1] + match[2];
  if (Number(digits[2]) < 2) return { ok: false, problem: 'third-digit' };
  if (luhnCheckDigit(digits.slice(0, 9)) !== Number(digits[9])) return { ok: false, problem: 'check-digit' };
  return { ok: true, value: `${match[1]}-${match[2]}` };
}

/** The valid number that begins with these nine digits. */
export function completeOrgNumber(nineDigits: string): string {
  return `${nineDigits.slice(0, 6)}-${nineDigits.slice(6)}${luhnCheckDigit(nineDigits)}`;
}

const PROBLEM_MESSAGES: Record<OrgNumberProblem, MessageKey> = {
  format: 'validation.orgNumber.format',
  'third-digit': 'validation.orgNumber.personnummer',
  'check-digit': 'validation.orgNumber.checkDigit',
};

/**
 * The organisationsnummer as a zod schema: NNNNNN-NNNN or ten digits in, NNNNNN-NNNN out. A number
 * whose third digit is below 2 is refused as a personnummer: a sole trader's number is personal
 * data, which this register of organisations does not hold (issue 3).
 */
export const orgNumberSchema = z
  .string({ error: 'validation.orgNumber.required' })
  .max(20, { error: PROBLEM_MESSAGES.format })
  .transform((input, ctx) => {
    const parsed = parseOrgNumber(input);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: 'custom', message: PROBLEM_MESSAGES[parsed.problem] });
    return z.NEVER;
  })
  .describe('Organisationsnummer, NNNNNN-NNNN (ten digits without the dash are accepted and normalised)');
