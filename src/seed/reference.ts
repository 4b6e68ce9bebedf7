import type { CompiledQuery, Kysely } from 'kysely';
import { OCCUPATION_TITLES } from '../cache/names.ts';
import { upsertRows } from '../db/queries.ts';
import type { Database } from '../db/schema.ts';
import { QUESTIONNAIRES } from '../surveys/questionnaire.ts';
import { toSearchText } from '../taxonomy/search-text.ts';

/** The reference files of data/reference, parsed; see data/reference/SOURCES.md for each. */
export interface ReferenceData {
  strategy: {
    region: { name_sv: string; name_en: string; county_code: string };
    specialisations: {
      code: string;
      name_sv: string;
      name_en: string;
      focus_areas: { code: string; name_sv: string; name_en: string; note_en?: string }[];
    }[];
  };
  ssyk: { level: string; code: string; name_sv: string; name_en: string; parent_code: string }[];
  occupations: {
    concept_id: string;
    preferred_label: string;
    ssyk_code_2012: string;
    ssyk_code_source: string;
    definition: string;
  }[];
  occupationNames: { concept_id: string; preferred_label: string; ssyk4_concept_id: string; ssyk_code_2012: string }[];
  occupationNameSynonyms: { label: string; occupation_name_concept_id: string; kind: string }[];
  skills: { skill_concept_id: string; preferred_label: string; legacy_ams_taxonomy_id_2020: string }[];
  occupationSkills: { ssyk4_concept_id: string; skill_concept_id: string }[];
  sunLevels: { level_digits: string; code: string; name_sv: string; parent_code: string }[];
  sunFields: { level: string; code: string; name_sv: string; parent_code: string }[];
  sni: { level: string; code: string; name_sv: string; parent_code: string; jobtech_concept_id_exact_label: string }[];
  counties: { county_code: string; county_name: string; county_name_short: string; jobtech_concept_id: string }[];
  municipalities: {
    municipality_code: string;
    municipality_name: string;
    municipality_name_short: string;
    county_code: string;
    jobtech_concept_id: string;
  }[];
}

/** English SSYK name; for JobTech's merged manager groups (1410 …) the minor group's (141). */
function englishName(ssyk: Map<string, { name_en: string }>, code: string): string | undefined {
  return ssyk.get(code)?.name_en ?? ssyk.get(code.slice(0, 3))?.name_en;
}

const orNull = (value: string | undefined) => (value === undefined || value.trim() === '' ? null : value.trim());

/** The kinds of label jobtech_occupation_name_synonyms.csv gives (data/reference/SOURCES.md). */
const SYNONYM_KINDS = ['label_part', 'keyword', 'ontology_term', 'ontology_term_misspelled'] as const;
type SynonymKind = (typeof SYNONYM_KINDS)[number];
const isSynonymKind = (kind: string): kind is SynonymKind => (SYNONYM_KINDS as readonly string[]).includes(kind);

/**
 * A 53-bit digest of a text (two 32-bit FNV-1a-style lanes), as hex: a stamp that changes when the
 * text does, not a security measure.
 */
export function digestOf(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return ((b >>> 11) * 0x100000000 + (a >>> 0)).toString(16);
}

/** SNI levels in the source file, as stored. */
const SNI_LEVELS: Record<string, string> = { section: 'section', division: 'division', detail_group_5digit: 'detail' };

/**
 * Upserts for all reference tables, parents before children (foreign keys are on).
 * Rows are never deleted: stored answers keep the concept ids they refer to.
 */
export function referenceSeedQueries(db: Kysely<Database>, data: ReferenceData): CompiledQuery[] {
  const ssykByCode = new Map(data.ssyk.map((row) => [row.code, row]));
  const byNumber =
    <T>(key: (row: T) => number) =>
    (a: T, b: T) =>
      key(a) - key(b);
  const occupations = data.occupations.map((o) => {
    const ssyk = orNull(o.ssyk_code_2012);
    return {
      id: o.concept_id,
      label_sv: o.preferred_label,
      ssyk_code: ssyk,
      ssyk_source: orNull(o.ssyk_code_source),
      definition_sv: orNull(o.definition),
      search_text: toSearchText(o.preferred_label, ssyk ? englishName(ssykByCode, ssyk) : null, ssyk),
    };
  });
  const occupationNames = data.occupationNames.map((n) => ({
    id: n.concept_id,
    label_sv: n.preferred_label,
    occupation_id: n.ssyk4_concept_id,
    ssyk_code: orNull(n.ssyk_code_2012),
  }));
  const synonyms = data.occupationNameSynonyms.map((s) => {
    if (!isSynonymKind(s.kind)) throw new Error(`unknown synonym kind "${s.kind}" for "${s.label}"`);
    return { label: s.label, occupation_name_id: s.occupation_name_concept_id, kind: s.kind };
  });
  return [
    ...upsertRows(db, 'region', ['id'], [{ id: 1, ...data.strategy.region }]),
    // Questionnaire versions are written once and never changed (src/surveys/questionnaire.ts).
    ...upsertRows(
      db,
      'questionnaires',
      ['version'],
      Object.entries(QUESTIONNAIRES).map(([version, definition]) => ({
        version: Number(version),
        definition: JSON.stringify(definition),
        created_at: '2026-11-28T00:00:00.000Z',
      })),
      { onConflict: 'ignore' },
    ),
    ...upsertRows(
      db,
      'specialisations',
      ['code'],
      data.strategy.specialisations.map((s, index) => ({
        code: s.code,
        name_sv: s.name_sv,
        name_en: s.name_en,
        sort_order: index + 1,
      })),
    ),
    ...upsertRows(
      db,
      'focus_areas',
      ['code'],
      data.strategy.specialisations.flatMap((s) =>
        s.focus_areas.map((f, index) => ({
          code: f.code,
          specialisation_code: s.code,
          name_sv: f.name_sv,
          name_en: f.name_en,
          note_en: orNull(f.note_en),
          sort_order: index + 1,
        })),
      ),
    ),
    ...upsertRows(
      db,
      'ssyk',
      ['code'],
      [...data.ssyk].sort(byNumber((r) => Number(r.level))).map((r) => ({
        code: r.code,
        level: Number(r.level),
        name_sv: r.name_sv,
        name_en: r.name_en,
        parent_code: orNull(r.parent_code),
      })),
    ),
    ...upsertRows(db, 'occupations', ['id'], occupations, { chunkSize: 50 }),
    ...upsertRows(db, 'occupation_names', ['id'], occupationNames),
    ...upsertRows(db, 'occupation_name_synonyms', ['label', 'occupation_name_id'], synonyms, { chunkSize: 150 }),
    // What the job-title index is built from, as one digest stored as its data version (a number
    // below 2^53): a server that holds the index in memory builds it again when this changes
    // (src/taxonomy/occupation-search.ts); seeding the same data again changes nothing.
    ...upsertRows(
      db,
      'data_versions',
      ['name'],
      [
        {
          name: OCCUPATION_TITLES,
          version: Number.parseInt(digestOf(JSON.stringify([occupations, occupationNames, synonyms, data.ssyk])), 16),
        },
      ],
    ),
    ...upsertRows(
      db,
      'skills',
      ['id'],
      data.skills.map((s) => ({
        id: s.skill_concept_id,
        label_sv: s.preferred_label,
        legacy_id: orNull(s.legacy_ams_taxonomy_id_2020),
        search_text: toSearchText(s.preferred_label),
      })),
    ),
    ...upsertRows(
      db,
      'occupation_skills',
      ['occupation_id', 'skill_id'],
      data.occupationSkills.map((r) => ({ occupation_id: r.ssyk4_concept_id, skill_id: r.skill_concept_id })),
      { chunkSize: 200 },
    ),
    ...upsertRows(
      db,
      'sun_levels',
      ['code'],
      [...data.sunLevels].sort(byNumber((r) => Number(r.level_digits))).map((r) => ({
        code: r.code,
        digits: Number(r.level_digits),
        name_sv: r.name_sv,
        parent_code: orNull(r.parent_code),
      })),
    ),
    ...upsertRows(
      db,
      'sun_fields',
      ['code'],
      [...data.sunFields].sort(byNumber((r) => Number(r.level))).map((r) => ({
        code: r.code,
        level: Number(r.level),
        name_sv: r.name_sv,
        parent_code: orNull(r.parent_code),
      })),
    ),
    ...upsertRows(
      db,
      'sni',
      ['code'],
      [...data.sni].sort(byNumber((r) => ['section', 'division', 'detail_group_5digit'].indexOf(r.level))).map((r) => {
        const level = SNI_LEVELS[r.level];
        if (!level) throw new Error(`unknown SNI level "${r.level}" for code ${r.code}`);
        return {
          code: r.code,
          level,
          name_sv: r.name_sv,
          parent_code: orNull(r.parent_code),
          jobtech_id: orNull(r.jobtech_concept_id_exact_label),
        };
      }),
    ),
    ...upsertRows(
      db,
      'counties',
      ['code'],
      data.counties.map((r) => ({
        code: r.county_code,
        name: r.county_name,
        short_name: r.county_name_short,
        jobtech_id: orNull(r.jobtech_concept_id),
      })),
    ),
    ...upsertRows(
      db,
      'municipalities',
      ['code'],
      data.municipalities.map((r) => ({
        code: r.municipality_code,
        name: r.municipality_name,
        short_name: r.municipality_name_short,
        county_code: r.county_code,
        jobtech_id: orNull(r.jobtech_concept_id),
      })),
    ),
  ];
}
