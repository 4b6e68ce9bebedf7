import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HORIZONS, OBSTACLES, PLACEMENT_KINDS, STRATEGIES } from '../../src/surveys/questionnaire.ts';
import {
  documentToFields,
  fieldNameForPath,
  fieldsToDocument,
  formToDocument,
  readFields,
} from '../../src/surveys/respond/form-mapping.ts';
import { responseDocument } from '../../src/surveys/schemas.ts';

describe('the response form mapping', () => {
  it('turns a posted form into the API document', () => {
    const document = formToDocument({
      employeesNow: '1 200',
      expectedChange1y: '−3',
      expectedChange3y: '',
      obstacles: ['housing', 'few-applicants'],
      obstaclesOther: '  ',
      providerInterest: 'maybe',
      contactConsent: 'true',
      'needs.0.line': '1',
      'needs.0.occupationId': 'DJh5_yyF_hEM',
      'needs.0.occupationQuery': 'Mjukvaru',
      'needs.0.skillIds': ['a', 'b', 'a'],
      'needs.0.specialisations': 'missions',
      'needs.0.focusAreas': ['tech/ai', 'tech/big-data'],
      'needs.0.headcount': '3',
      'needs.0.horizon': '1-3',
      'needs.0.educationLevel': 'bachelor',
      'needs.0.difficulty': '4',
      'needs.0.strategies': 'remote',
      'needs.0.placementKinds': ['lia'],
      'needs.0.placementCount': '2',
      'needs.0.comment': ' Gärna Python ',
      'needs.7.line': '1',
    });
    expect(document).toEqual({
      organisation: {
        employeesNow: 1200,
        expectedChange1y: -3,
        obstacles: ['housing', 'few-applicants'],
        providerInterest: 'maybe',
        contactConsent: true,
      },
      needs: [
        {
          occupationId: 'DJh5_yyF_hEM',
          skillIds: ['a', 'b'],
          specialisations: [
            { code: 'missions', focusAreas: [] },
            { code: 'tech', focusAreas: ['ai', 'big-data'] },
          ],
          headcount: 3,
          horizon: '1-3',
          educationLevel: 'bachelor',
          difficulty: 4,
          strategies: ['remote'],
          placementOffer: { kinds: ['lia'], count: 2 },
          comment: 'Gärna Python',
        },
        {
          occupationId: null,
          skillIds: [],
          specialisations: [],
          headcount: null,
          horizon: null,
          educationLevel: null,
          difficulty: null,
          strategies: [],
          placementOffer: null,
          comment: '',
        },
      ],
    });
  });

  it('passes on what is not a number as typed, so that the schema names the field', () => {
    const document = formToDocument({ 'needs.0.line': '1', 'needs.0.headcount': 'tio', employeesNow: '2,5' });
    const parsed = responseDocument.safeParse(document);
    expect(parsed.success).toBe(false);
    const paths = parsed.error?.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['needs.0.headcount', 'organisation.employeesNow']);
  });

  it('keeps need lines in the order of their numbers, whatever the order of the fields', () => {
    const fields = readFields({ 'needs.10.headcount': '3', 'needs.2.headcount': '1', 'needs.9.line': '1' });
    expect(fields.needs.map((n) => n.headcount)).toEqual(['1', '', '3']);
  });

  it('maps error paths to the field that shows them', () => {
    expect(fieldNameForPath('needs.0.headcount')).toBe('needs.0.headcount');
    expect(fieldNameForPath('needs.3.occupationId')).toBe('needs.3.occupationQuery');
    expect(fieldNameForPath('needs.1.placementOffer.count')).toBe('needs.1.placementCount');
    expect(fieldNameForPath('needs.1.placementOffer.kinds')).toBe('needs.1.placementKinds');
    expect(fieldNameForPath('needs.2.specialisations.0.focusAreas.1')).toBe('needs.2.specialisations');
    expect(fieldNameForPath('needs.0.skillIds.4')).toBe('needs.0.skillIds');
    expect(fieldNameForPath('organisation.obstacles.2')).toBe('obstacles');
    expect(fieldNameForPath('organisation')).toBe('form');
    expect(fieldNameForPath('needs')).toBe('form');
    expect(fieldNameForPath('')).toBe('form');
  });

  it('gives back every valid stored document unchanged through the form (property)', () => {
    const subset = <T>(values: readonly T[]) => fc.subarray([...values]);
    const need = fc.record({
      occupationId: fc.option(fc.constantFrom('DJh5_yyF_hEM', 'ek9W_qqp_XpF'), { nil: null }),
      skillIds: fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9_]{4,12}$/), { maxLength: 4 }),
      specialisations: fc.uniqueArray(
        fc.record({
          code: fc.constantFrom('tech', 'missions', 'smart-industri'),
          focusAreas: fc.uniqueArray(fc.constantFrom('ai', 'big-data', 'friska-hav'), { maxLength: 2 }),
        }),
        { selector: (s) => s.code, maxLength: 3 },
      ),
      headcount: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: null }),
      horizon: fc.option(fc.constantFrom(...HORIZONS), { nil: null }),
      educationLevel: fc.option(fc.constantFrom('bachelor', 'master'), { nil: null }),
      difficulty: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
      strategies: subset(STRATEGIES),
      partnerNeedsWork: fc.option(fc.boolean(), { nil: undefined }),
      workPlace: fc.option(fc.constantFrom('on-site', 'hybrid', 'remote'), { nil: undefined }),
      extent: fc.option(fc.constantFrom('full-time', 'part-time'), { nil: undefined }),
      openToSharing: fc.constantFrom(true, undefined),
      placementOffer: fc.option(
        fc.record({
          kinds: subset(PLACEMENT_KINDS).filter((k) => k.length > 0),
          count: fc.integer({ min: 1, max: 1000 }),
        }),
        { nil: null },
      ),
      comment: fc.stringMatching(/^[a-zåäö]{0,3}( [a-zåäö]{1,3}){0,2}$/),
    });
    const organisation = fc.record(
      {
        employeesNow: fc.integer({ min: 0, max: 1_000_000 }),
        expectedChange1y: fc.integer({ min: -1000, max: 1000 }),
        expectedChange3y: fc.integer({ min: -1000, max: 1000 }),
        obstacles: subset(OBSTACLES).filter((o) => o.length > 0 && o.length <= 3),
        obstaclesOther: fc.stringMatching(/^[a-z]{1,8}$/),
        providerInterest: fc.constantFrom('yes', 'maybe', 'no'),
        contactConsent: fc.constant(true),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(organisation, fc.array(need, { maxLength: 3 }), (org, needs) => {
        const stored = responseDocument.parse({
          organisation: org,
          needs: needs.map((n) => ({
            ...n,
            specialisations: [...n.specialisations].sort((a, b) => a.code.localeCompare(b.code)),
          })),
        });
        const back = fieldsToDocument(documentToFields(stored, (id) => `label ${id}`));
        expect(responseDocument.parse(back)).toEqual(stored);
      }),
      { numRuns: 300 },
    );
  });
});
