import type { CompiledQuery, Kysely } from 'kysely';
import type { GlobalRole } from '../core/principal.ts';
import { upsertRows } from '../db/queries.ts';
import type { Database } from '../db/schema.ts';
import { completeOrgNumber } from '../organisations/org-number.ts';
import { demoAnswerQueries } from './demo-answers.ts';
import { demoCampaignQueries } from './demo-campaigns.ts';
import { demoFlexibleQueries } from './demo-flexible.ts';
import { demoMoveCaseQueries, demoMovedCaseQueries } from './demo-move-cases.ts';
import { demoOfferingQueries } from './demo-offerings.ts';
import { demoPartnerQueries } from './demo-partners.ts';
import { demoPlacementQueries, demoStudentProfileQuery } from './demo-placements.ts';
import { demoReturnerQueries } from './demo-returners.ts';
import type { ReferenceData } from './reference.ts';

/**
 * Fictional organisations and people, so that a newcomer sees a living service. Every row is
 * flagged `is_demo = 1`, every name ends in "(demo)", every address is at the reserved
 * `.example` domain, and the org numbers are built with a valid check digit in number group 4.
 * Existing rows are left alone, so a user's edits to demo data survive a restart.
 */
export const DEMO_DOMAIN = 'kompetensbron.example';

interface DemoOrganisation {
  key: string;
  name: string;
  sector: 'naringsliv' | 'offentlig' | 'akademi' | 'civilsamhalle';
  sniDivision: string;
  sizeClass: '0' | '1-9' | '10-49' | '50-249' | '250+';
  municipality: string;
  educationProvider?: boolean;
}

// Municipality codes are Blekinge's kommuner (data/reference/se_municipalities.csv);
// SNI divisions are SNI 2007 (data/reference/sni2007.csv).
export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = [
  {
    key: 'hamnvarvet',
    name: 'Hamnvarvet Marinteknik AB (demo)',
    sector: 'naringsliv',
    sniDivision: '30',
    sizeClass: '50-249',
    municipality: '1080',
  },
  {
    key: 'formpress',
    name: 'Formpress Olofström AB (demo)',
    sector: 'naringsliv',
    sniDivision: '29',
    sizeClass: '250+',
    municipality: '1060',
  },
  {
    key: 'kodkusten',
    name: 'Kodkusten Mjukvara AB (demo)',
    sector: 'naringsliv',
    sniDivision: '62',
    sizeClass: '10-49',
    municipality: '1080',
  },
  {
    key: 'skarvakt',
    name: 'Skärvakt Cybersäkerhet AB (demo)',
    sector: 'naringsliv',
    sniDivision: '62',
    sizeClass: '1-9',
    municipality: '1081',
  },
  {
    key: 'vagbrytaren',
    name: 'Vågbrytaren Spelstudio AB (demo)',
    sector: 'naringsliv',
    sniDivision: '58',
    sizeClass: '10-49',
    municipality: '1082',
  },
  {
    key: 'kustlivs',
    name: 'Kustlivs Livsmedelsteknik AB (demo)',
    sector: 'naringsliv',
    sniDivision: '10',
    sizeClass: '50-249',
    municipality: '1082',
  },
  {
    key: 'listerenergi',
    name: 'Listerlandets Energi och Klimat AB (demo)',
    sector: 'naringsliv',
    sniDivision: '35',
    sizeClass: '10-49',
    municipality: '1083',
  },
  {
    key: 'konsultbron',
    name: 'Konsultbron Teknik AB (demo)',
    sector: 'naringsliv',
    sniDivision: '71',
    sizeClass: '10-49',
    municipality: '1081',
  },
  {
    key: 'vattenforbundet',
    name: 'Vattenförbundet Östra Blekinge (demo)',
    sector: 'offentlig',
    sniDivision: '36',
    sizeClass: '50-249',
    municipality: '1080',
  },
  {
    key: 'havsdata',
    name: 'Föreningen Östersjöns havsdata (demo)',
    sector: 'civilsamhalle',
    sniDivision: '94',
    sizeClass: '1-9',
    municipality: '1080',
  },
  {
    key: 'hogskolan',
    name: 'Tekniska högskolan i Blekinge (demo)',
    sector: 'akademi',
    sniDivision: '85',
    sizeClass: '250+',
    municipality: '1080',
    educationProvider: true,
  },
  {
    key: 'yhsydost',
    name: 'Yrkeshögskolan Sydost (demo)',
    sector: 'akademi',
    sniDivision: '85',
    sizeClass: '10-49',
    municipality: '1060',
    educationProvider: true,
  },
];

interface DemoPerson {
  key: string;
  name: string;
  email: string;
  roles?: GlobalRole[];
  memberOf?: { organisation: string; role: 'member' | 'provider' }[];
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    key: 'sekretariatet',
    name: 'Sara Sekretariat (demo)',
    email: `sekretariatet@${DEMO_DOMAIN}`,
    roles: ['secretariat'],
  },
  {
    key: 'anna',
    name: 'Anna Andersson (demo)',
    email: `anna@hamnvarvet.${DEMO_DOMAIN}`,
    memberOf: [{ organisation: 'hamnvarvet', role: 'member' }],
  },
  {
    key: 'erik',
    name: 'Erik Eriksson (demo)',
    email: `erik@hamnvarvet.${DEMO_DOMAIN}`,
    memberOf: [{ organisation: 'hamnvarvet', role: 'member' }],
  },
  {
    key: 'lina',
    name: 'Lina Lind (demo)',
    email: `lina@kodkusten.${DEMO_DOMAIN}`,
    memberOf: [{ organisation: 'kodkusten', role: 'member' }],
  },
  {
    key: 'omar',
    name: 'Omar Olsson (demo)',
    email: `omar@formpress.${DEMO_DOMAIN}`,
    memberOf: [{ organisation: 'formpress', role: 'member' }],
  },
  {
    key: 'karin',
    name: 'Karin Karlsson (demo)',
    email: `karin@hogskolan.${DEMO_DOMAIN}`,
    memberOf: [{ organisation: 'hogskolan', role: 'provider' }],
  },
  {
    key: 'jonas',
    name: 'Jonas Jönsson (demo)',
    email: `jonas@yhsydost.${DEMO_DOMAIN}`,
    memberOf: [{ organisation: 'yhsydost', role: 'provider' }],
  },
  { key: 'student', name: 'Stina Student (demo)', email: `stina.student@${DEMO_DOMAIN}`, roles: ['student'] },
  // A student with a profile filled in (src/seed/demo-placements.ts), whose ranked list is ready.
  { key: 'samir', name: 'Samir Student (demo)', email: `samir.student@${DEMO_DOMAIN}`, roles: ['student'] },
  // The region's relocation guide (inflyttarlots), who works the demo move case.
  { key: 'lotta', name: 'Lotta Lots (demo)', email: `lotta.lots@${DEMO_DOMAIN}`, roles: ['relocation-guide'] },
  // The household of the demo move case: the engineer Hamnvarvet recruits (an account, no role).
  { key: 'mikael', name: 'Mikael Inflyttare (demo)', email: `mikael.inflyttare@${DEMO_DOMAIN}` },
  // Mikael's partner, a software developer with a job profile shared with the network (decision 0030).
  { key: 'maja', name: 'Maja Inflyttare (demo)', email: `maja.inflyttare@${DEMO_DOMAIN}` },
  // The household of the demo case that has moved in, with its 3-month follow-up answered (an account, no role).
  { key: 'sofia', name: 'Sofia Inflyttad (demo)', email: `sofia.inflyttad@${DEMO_DOMAIN}` },
  { key: 'sam', name: 'Sam Inflyttad (demo)', email: `sam.inflyttad@${DEMO_DOMAIN}` },
  // The candidate of the demo campaign, whose one application went to two organisations (an account, no role).
  { key: 'klara', name: 'Klara Kandidat (demo)', email: `klara.kandidat@${DEMO_DOMAIN}` },
  // The demo returner: a software developer who studied at BTH (an account, no role; decision 0033).
  { key: 'johanna', name: 'Johanna Återvändare (demo)', email: `johanna.atervandare@${DEMO_DOMAIN}` },
];

export const demoOrganisationId = (key: string) => `demo-org-${key}`;
export const demoUserId = (key: string) => `demo-user-${key}`;

/**
 * Every demo row as idempotent statements. `reference` gives the labels that the demo placements'
 * search words are made from, as a placement published through the API has them.
 */
export function demoSeedQueries(
  db: Kysely<Database>,
  now: Date,
  reference: Pick<ReferenceData, 'occupations' | 'skills'>,
): CompiledQuery[] {
  const at = now.toISOString();
  const occupationLabels = new Map(reference.occupations.map((o) => [o.concept_id, o.preferred_label]));
  const skillLabels = new Map(reference.skills.map((s) => [s.skill_concept_id, s.preferred_label]));
  const ignore = { onConflict: 'ignore' } as const;
  return [
    ...upsertRows(
      db,
      'organisations',
      ['id'],
      DEMO_ORGANISATIONS.map((o, index) => ({
        id: demoOrganisationId(o.key),
        name: o.name,
        org_number: completeOrgNumber(`4699${String(index + 1).padStart(5, '0')}`),
        sector: o.sector,
        sni_division: o.sniDivision,
        size_class: o.sizeClass,
        municipality_code: o.municipality,
        is_education_provider: o.educationProvider ? 1 : 0,
        is_demo: 1,
        created_at: at,
        updated_at: at,
      })),
      ignore,
    ),
    ...upsertRows(
      db,
      'users',
      ['id'],
      DEMO_PEOPLE.map((p) => ({ id: demoUserId(p.key), email: p.email, name: p.name, is_demo: 1, created_at: at })),
      ignore,
    ),
    ...upsertRows(
      db,
      'user_roles',
      ['user_id', 'role'],
      DEMO_PEOPLE.flatMap((p) => (p.roles ?? []).map((role) => ({ user_id: demoUserId(p.key), role, granted_at: at }))),
      ignore,
    ),
    ...upsertRows(
      db,
      'memberships',
      ['user_id', 'organisation_id'],
      DEMO_PEOPLE.flatMap((p) =>
        (p.memberOf ?? []).map((m) => ({
          user_id: demoUserId(p.key),
          organisation_id: demoOrganisationId(m.organisation),
          role: m.role,
          created_at: at,
        })),
      ),
      ignore,
    ),
    ...demoAnswerQueries(db, now),
    ...demoFlexibleQueries(db, now, demoUserId('sekretariatet')),
    ...demoOfferingQueries(db, now),
    ...demoPlacementQueries(db, now, {
      occupation: (id) => occupationLabels.get(id),
      skill: (id) => skillLabels.get(id),
    }),
    demoStudentProfileQuery(db, now, demoUserId('samir')),
    ...demoMoveCaseQueries(db, now, {
      guide: demoUserId('lotta'),
      openedBy: demoUserId('anna'),
      recruit: { name: 'Mikael Inflyttare (demo)', email: `mikael.inflyttare@${DEMO_DOMAIN}` },
    }),
    ...demoPartnerQueries(db, now, {
      partner: {
        userId: demoUserId('maja'),
        name: 'Maja Inflyttare (demo)',
        email: `maja.inflyttare@${DEMO_DOMAIN}`,
      },
      members: { 'demo-org-hamnvarvet': demoUserId('anna'), 'demo-org-kodkusten': demoUserId('lina') },
    }),
    ...demoMovedCaseQueries(db, now, {
      guide: demoUserId('lotta'),
      openedBy: demoUserId('lina'),
      recruit: { name: 'Sofia Inflyttad (demo)', email: `sofia.inflyttad@${DEMO_DOMAIN}` },
      partner: { name: 'Sam Inflyttad (demo)', email: `sam.inflyttad@${DEMO_DOMAIN}` },
    }),
    ...demoCampaignQueries(db, now, {
      secretariat: demoUserId('sekretariatet'),
      candidate: { name: 'Klara Kandidat (demo)', email: `klara.kandidat@${DEMO_DOMAIN}` },
    }),
    ...demoReturnerQueries(db, now, {
      name: 'Johanna Återvändare (demo)',
      email: `johanna.atervandare@${DEMO_DOMAIN}`,
    }),
  ];
}
