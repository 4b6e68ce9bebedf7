import { encodeCursor } from '../http/pagination.ts';
import { PUBLIC, type Routes } from '../http/routes.ts';
import { translator } from '../i18n/i18n.ts';
import { EDUCATION_LEVELS } from './education-levels.ts';
import { cachedOccupationBody, searchOccupations } from './occupation-search.ts';
import { findSunLevels, listMunicipalities, listSpecialisations, searchSkills } from './queries.ts';
import {
  educationLevelList,
  municipalityList,
  municipalityQuery,
  occupationList,
  occupationQuery,
  skillList,
  skillQuery,
  specialisationList,
} from './schemas.ts';

const tags = ['Reference data'];

export function registerTaxonomyRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/api/v1/taxonomy/occupations',
      kind: 'api',
      access: PUBLIC,
      tags,
      summary:
        'Occupation groups (JobTech / SSYK 2012 level 4) by job title, Swedish or English group name or SSYK code',
      query: occupationQuery,
      responses: { 200: { description: 'Matching occupation groups', schema: occupationList } },
    },
    async (c, { query }) => {
      const db = c.get('deps').db;
      const body = await cachedOccupationBody(
        db,
        JSON.stringify([query.q, query.ssyk, query.limit, query.cursor]),
        async () => {
          const page = await searchOccupations(db, {
            ...(query.q === undefined ? {} : { q: query.q }),
            ...(query.ssyk === undefined ? {} : { ssyk: query.ssyk }),
            limit: query.limit,
            offset: query.cursor ?? 0,
          });
          return JSON.stringify({
            items: page.items,
            nextCursor: encodeCursor(page.nextOffset),
            didYouMean: page.didYouMean,
          });
        },
      );
      return c.body(body, 200, { 'content-type': 'application/json' });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/taxonomy/skills',
      kind: 'api',
      access: PUBLIC,
      tags,
      summary: 'Skills (JobTech), optionally only those related to an occupation group',
      query: skillQuery,
      responses: { 200: { description: 'Matching skills', schema: skillList } },
    },
    async (c, { query }) => {
      const page = await searchSkills(c.get('deps').db, {
        ...(query.q === undefined ? {} : { q: query.q }),
        ...(query.occupation === undefined ? {} : { occupation: query.occupation }),
        limit: query.limit,
        offset: query.cursor ?? 0,
      });
      return c.json({ items: page.items, nextCursor: encodeCursor(page.nextOffset) });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/taxonomy/specialisations',
      kind: 'api',
      access: PUBLIC,
      tags,
      summary: "The region's smart-specialisation areas and their focus areas",
      responses: { 200: { description: 'Specialisations', schema: specialisationList } },
    },
    async (c) => c.json({ items: await listSpecialisations(c.get('deps').db), nextCursor: null }),
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/taxonomy/municipalities',
      kind: 'api',
      access: PUBLIC,
      tags,
      summary: "Swedish municipalities (kommuner), the region's own first",
      query: municipalityQuery,
      responses: { 200: { description: 'Municipalities', schema: municipalityList } },
    },
    async (c, { query }) => {
      const items = await listMunicipalities(c.get('deps').db, {
        ...(query.county === undefined ? {} : { county: query.county }),
        regionOnly: query.scope === 'region',
      });
      return c.json({ items, nextCursor: null });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/taxonomy/education-levels',
      kind: 'api',
      access: PUBLIC,
      tags,
      summary: 'Education levels that needs are stated in, with the SUN 2020 levels each covers',
      responses: { 200: { description: 'Education levels', schema: educationLevelList } },
    },
    async (c) => {
      const names = await findSunLevels(
        c.get('deps').db,
        EDUCATION_LEVELS.flatMap((level) => level.sunLevels),
      );
      const sv = translator('sv');
      const en = translator('en');
      const items = EDUCATION_LEVELS.map((level) => ({
        code: level.code,
        nameSv: sv(`educationLevel.${level.code}`),
        nameEn: en(`educationLevel.${level.code}`),
        sunLevels: level.sunLevels.map((code) => ({ code, nameSv: names.get(code) ?? code })),
      }));
      return c.json({ items, nextCursor: null });
    },
  );
}
