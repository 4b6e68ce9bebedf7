import { InvalidInput } from '../core/errors.ts';
import { asksPartnerNeedsWork, asksWorkForm, meaningOf, type Questionnaire, questionnaireOf } from './questionnaire.ts';
import type { DraftNeed, ResponseDocument } from './schemas.ts';

/**
 * Answers in the form of a round's questionnaire version. "A partner moving with the recruit also
 * needs work" is one fact, asked in version 1 as the strategy `relocation-family` and from version 2
 * on as the need line's `partnerNeedsWork`: a write is stored in its round's form (an API client
 * that still sends the strategy to a version 2 round loses nothing), and everything that counts the
 * fact reads both (`partnerNeedsWork` below; need_lines.relocation_family holds it for either).
 */
export function partnerNeedsWork(need: Pick<DraftNeed, 'strategies' | 'partnerNeedsWork'>): boolean {
  return need.strategies.includes('relocation-family') || need.partnerNeedsWork === true;
}

/**
 * The work form (version 3 on) in a round's form: a version that does not ask it keeps none of it
 * (an answer to a question the respondent was never shown is no answer), one that asks it keeps an
 * unanswered choice as null and "open to sharing" as a plain yes or no.
 */
function conformWorkForm<N extends DraftNeed>(need: N, q: Questionnaire): N {
  if (!asksWorkForm(q)) return { ...need, workPlace: undefined, extent: undefined, openToSharing: undefined };
  return {
    ...need,
    workPlace: need.workPlace ?? null,
    extent: need.extent ?? null,
    openToSharing: need.openToSharing === true,
  };
}

function conformNeed<N extends DraftNeed>(need: N, index: number, q: Questionnaire): N {
  return conformWorkForm(conformCondition(need, index, q), q);
}

function conformCondition<N extends DraftNeed>(need: N, index: number, q: Questionnaire): N {
  const asStrategy = need.strategies.includes('relocation-family');
  if (!asksPartnerNeedsWork(q)) {
    const strategies =
      need.partnerNeedsWork === true && !asStrategy
        ? [...need.strategies, 'relocation-family' as const]
        : need.strategies;
    // Left out of the stored document (JSON drops an undefined field): version 1 does not ask it.
    return { ...need, strategies, partnerNeedsWork: undefined };
  }
  if (asStrategy && need.partnerNeedsWork === false) {
    throw new InvalidInput([
      { path: ['needs', index, 'partnerNeedsWork'], message: 'validation.survey.partnerNeedsWorkContradicts' },
    ]);
  }
  return {
    ...need,
    strategies: need.strategies.filter((s) => s !== 'relocation-family'),
    partnerNeedsWork: asStrategy ? true : (need.partnerNeedsWork ?? null),
  };
}

/** The document as a round of `version` stores it; a contradiction is a 422 at the line's field. */
export function conformToQuestionnaire<D extends ResponseDocument>(document: D, version: number): D {
  const q = questionnaireOf(version);
  return { ...document, needs: document.needs.map((need, i) => conformNeed(need, i, q)) };
}

/**
 * An earlier round's answers as the start of a draft in a round of another version: in the new
 * version's form, and without the answers to a question whose meaning has changed (version 1's
 * headcount is no count of the people to recruit or train), which the respondent gives anew.
 */
export function carryForward(
  document: ResponseDocument,
  fromVersion: number,
  toVersion: number,
): { document: ResponseDocument; notCopied: string[] } {
  const from = questionnaireOf(fromVersion);
  const to = questionnaireOf(toVersion);
  const changed = to.need
    .filter((question) => {
      const before = from.need.find((b) => b.code === question.code);
      return before !== undefined && meaningOf(before) !== meaningOf(question);
    })
    .map((question) => question.code);
  const notCopied = CLEARABLE.filter((code) => changed.includes(code));
  const cleared = Object.fromEntries(notCopied.map((code) => [code, null]));
  const conformed = conformToQuestionnaire(document, toVersion);
  return {
    document: { ...conformed, needs: conformed.needs.map((need) => ({ ...need, ...cleared })) },
    notCopied: conformed.needs.length > 0 ? notCopied : [],
  };
}

/** The need's answers that a draft may leave empty (null) until it is submitted. */
const CLEARABLE = ['occupationId', 'headcount', 'horizon', 'educationLevel', 'difficulty', 'partnerNeedsWork'] as const;
