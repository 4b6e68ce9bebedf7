import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { ReferenceData } from '../seed/reference.ts';

/** The reference files shipped in data/reference (copied from shared/data with SOURCES.md). */
export const REFERENCE_DIR = new URL('../../data/reference/', import.meta.url).pathname;

function readCsv<T>(dir: string, name: string): T[] {
  return parse(readFileSync(join(dir, name), 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as T[];
}

export function readReferenceData(dir: string = REFERENCE_DIR): ReferenceData {
  return {
    strategy: JSON.parse(readFileSync(join(dir, 'blekinge-strategy.json'), 'utf8')) as ReferenceData['strategy'],
    ssyk: readCsv(dir, 'ssyk2012.csv'),
    occupations: readCsv(dir, 'jobtech_ssyk4_groups.csv'),
    occupationNames: readCsv(dir, 'jobtech_occupation_names.csv'),
    occupationNameSynonyms: readCsv(dir, 'jobtech_occupation_name_synonyms.csv'),
    skills: readCsv(dir, 'jobtech_skills.csv'),
    occupationSkills: readCsv(dir, 'jobtech_ssyk4_skill_relations.csv'),
    sunLevels: readCsv(dir, 'sun2020_levels.csv'),
    sunFields: readCsv(dir, 'sun2020_fields.csv'),
    sni: readCsv(dir, 'sni2007.csv'),
    counties: readCsv(dir, 'se_counties.csv'),
    municipalities: readCsv(dir, 'se_municipalities.csv'),
  };
}
