import type { EducationLevelCode } from '../../src/taxonomy/education-levels.ts';
import type { Weighted } from './random.ts';

/** The region's three specialisations (data/reference/blekinge-strategy.json). */
export type SpecialisationCode = 'smart-industri' | 'tech' | 'missions';

/**
 * How a need for one occupation group tends to be stated. Codes are SSYK 2012 unit groups that the
 * JobTech occupation table carries (data/reference/jobtech_ssyk4_groups.csv); the generator looks up
 * the JobTech id by code and stops if a code is missing. Focus-area codes are the strategy's.
 */
export interface OccupationProfile {
  ssyk: string;
  /** `bulk`: a large employer asks for many at once (nurses, welders); `specialist`: one or a few. */
  volume: 'bulk' | 'specialist';
  levels: Weighted<EducationLevelCode>;
  /** Typical recruitment difficulty, 1–5; a line varies by one either way. */
  difficulty: number;
  /** The specialisation a line names first; absent: the employer's line of business decides. */
  specs?: Weighted<SpecialisationCode>;
  /** Focus areas such a need usually counts for (under whichever specialisation is chosen). */
  areas?: readonly string[];
  /** Share of lines naming a specialisation as a whole instead of a focus area. */
  whole?: number;
  /** Share of lines open to remote work. */
  remote?: number;
}

const TECH: Weighted<SpecialisationCode> = [
  ['tech', 9],
  ['smart-industri', 1],
];
const INDUSTRY: Weighted<SpecialisationCode> = [
  ['smart-industri', 9],
  ['tech', 1],
];
const CARE: Weighted<SpecialisationCode> = [
  ['missions', 6],
  ['tech', 4],
];
const SCHOOL: Weighted<SpecialisationCode> = [
  ['tech', 5],
  ['missions', 5],
];
const UPPER: Weighted<EducationLevelCode> = [
  ['upper-secondary', 9],
  ['post-secondary-short', 1],
];
const ENGINEER: Weighted<EducationLevelCode> = [
  ['master', 7],
  ['bachelor', 3],
];
const TECHNICIAN: Weighted<EducationLevelCode> = [
  ['post-secondary-short', 5],
  ['bachelor', 4],
];
const CRAFT: Weighted<EducationLevelCode> = [
  ['upper-secondary', 6],
  ['post-secondary-short', 4],
];

// biome-ignore format: one occupation a line reads as a table; formatted, it is 800 lines of braces
export const OCCUPATIONS = {
  // Tech: Karlskrona's telecom and software cluster, games in Karlshamn and Karlskrona.
  software: { ssyk: '2512', volume: 'specialist', levels: [['bachelor', 5], ['post-secondary-short', 3], ['master', 3]], difficulty: 4, specs: TECH, areas: ['mjukvaruutveckling', 'ai', 'big-data', 'digital-produktutveckling', 'marin-digitalisering'], remote: 0.45 },
  itArchitect: { ssyk: '2511', volume: 'specialist', levels: [['master', 5], ['bachelor', 4]], difficulty: 4, specs: TECH, areas: ['mjukvaruutveckling', 'big-data', 'ai'], remote: 0.35 },
  tester: { ssyk: '2514', volume: 'specialist', levels: [['bachelor', 4], ['post-secondary-short', 4]], difficulty: 3, specs: TECH, areas: ['mjukvaruutveckling'], remote: 0.3 },
  systemManager: { ssyk: '2515', volume: 'specialist', levels: [['bachelor', 3], ['post-secondary-short', 4]], difficulty: 3, specs: TECH, areas: ['mjukvaruutveckling', 'big-data'], remote: 0.2 },
  itSecurity: { ssyk: '2516', volume: 'specialist', levels: [['bachelor', 4], ['master', 4]], difficulty: 5, specs: TECH, areas: ['cybersakerhet'], remote: 0.35 },
  itOther: { ssyk: '2519', volume: 'specialist', levels: [['master', 4], ['bachelor', 3]], difficulty: 4, specs: TECH, areas: ['ai', 'big-data'], remote: 0.35 },
  gameDeveloper: { ssyk: '2513', volume: 'specialist', levels: [['bachelor', 5], ['post-secondary-short', 3]], difficulty: 3, specs: [['tech', 1]], areas: ['spelindustrin'], remote: 0.4 },
  gameDesigner: { ssyk: '2173', volume: 'specialist', levels: [['bachelor', 5], ['post-secondary-short', 3]], difficulty: 3, specs: [['tech', 1]], areas: ['spelindustrin', 'edtech'], remote: 0.3 },
  itSupport: { ssyk: '3512', volume: 'specialist', levels: [['post-secondary-short', 5], ['upper-secondary', 3]], difficulty: 2, specs: TECH, areas: ['cybersakerhet'], whole: 0.4, remote: 0.1 },
  networkTechnician: { ssyk: '3514', volume: 'specialist', levels: [['post-secondary-short', 6], ['bachelor', 2]], difficulty: 3, specs: TECH, areas: ['cybersakerhet'], remote: 0.1 },
  // Engineers and technicians: forming technology in Olofström, marine technology in Karlskrona.
  logisticsEngineer: { ssyk: '2141', volume: 'specialist', levels: ENGINEER, difficulty: 4, specs: [['smart-industri', 6], ['tech', 2], ['missions', 1]], areas: ['formningsteknologi', 'digital-produktutveckling', 'big-data'] },
  civilEngineer: { ssyk: '2142', volume: 'specialist', levels: ENGINEER, difficulty: 4, specs: [['missions', 7], ['tech', 2]], areas: ['klimatanpassning', 'klimatneutrala-smarta-stader'] },
  electricalEngineer: { ssyk: '2143', volume: 'specialist', levels: ENGINEER, difficulty: 4, specs: [['tech', 4], ['smart-industri', 3], ['missions', 3]], areas: ['digital-produktutveckling', 'marin-teknik', 'klimatneutrala-smarta-stader', 'ai'], remote: 0.1 },
  mechanicalEngineer: { ssyk: '2144', volume: 'specialist', levels: ENGINEER, difficulty: 5, specs: [['smart-industri', 8], ['tech', 2]], areas: ['formningsteknologi', 'marin-teknik', 'digital-produktutveckling'], remote: 0.05 },
  chemicalEngineer: { ssyk: '2145', volume: 'specialist', levels: [['master', 8], ['doctoral', 2]], difficulty: 4, specs: [['missions', 6], ['smart-industri', 4]], areas: ['friska-hav', 'klimatneutrala-smarta-stader'] },
  otherEngineer: { ssyk: '2149', volume: 'specialist', levels: [['master', 7], ['bachelor', 2], ['doctoral', 1]], difficulty: 4, specs: [['missions', 4], ['smart-industri', 4], ['tech', 2]], areas: ['friska-hav', 'klimatanpassning', 'marin-teknik', 'formningsteknologi'] },
  buildingTechnician: { ssyk: '3112', volume: 'specialist', levels: TECHNICIAN, difficulty: 3, specs: [['missions', 8], ['tech', 1]], areas: ['klimatneutrala-smarta-stader', 'klimatanpassning'] },
  electricalTechnician: { ssyk: '3113', volume: 'specialist', levels: TECHNICIAN, difficulty: 4, specs: [['smart-industri', 4], ['tech', 3], ['missions', 3]], areas: ['digital-produktutveckling', 'klimatneutrala-smarta-stader', 'marin-teknik'] },
  mechanicalTechnician: { ssyk: '3114', volume: 'specialist', levels: TECHNICIAN, difficulty: 4, specs: INDUSTRY, areas: ['formningsteknologi', 'marin-teknik', 'digital-produktutveckling'] },
  chemistryTechnician: { ssyk: '3115', volume: 'specialist', levels: TECHNICIAN, difficulty: 3, specs: [['smart-industri', 5], ['missions', 5]], areas: ['friska-hav', 'klimatneutrala-smarta-stader'] },
  productionSupervisor: { ssyk: '3122', volume: 'specialist', levels: [['post-secondary-short', 5], ['upper-secondary', 3], ['bachelor', 2]], difficulty: 3, specs: INDUSTRY, areas: ['formningsteknologi', 'marin-teknik'] },
  productionManager: { ssyk: '1370', volume: 'specialist', levels: [['bachelor', 5], ['master', 5]], difficulty: 4, specs: INDUSTRY, areas: ['formningsteknologi', 'digital-produktutveckling'] },
  // Industrial and craft work: the bulk of a manufacturer's or shipyard's need.
  welder: { ssyk: '7212', volume: 'bulk', levels: [['upper-secondary', 8], ['post-secondary-short', 2]], difficulty: 4, specs: INDUSTRY, areas: ['marin-teknik', 'formningsteknologi'] },
  machineOperator: { ssyk: '7223', volume: 'bulk', levels: UPPER, difficulty: 3, specs: INDUSTRY, areas: ['formningsteknologi'], whole: 0.15 },
  toolmaker: { ssyk: '7222', volume: 'specialist', levels: CRAFT, difficulty: 4, specs: INDUSTRY, areas: ['formningsteknologi'] },
  plater: { ssyk: '7215', volume: 'bulk', levels: UPPER, difficulty: 4, specs: INDUSTRY, areas: ['marin-teknik'] },
  sheetMetalWorker: { ssyk: '7214', volume: 'bulk', levels: UPPER, difficulty: 3, specs: INDUSTRY, areas: ['formningsteknologi'] },
  maintenanceMechanic: { ssyk: '7233', volume: 'specialist', levels: CRAFT, difficulty: 4, specs: INDUSTRY, areas: ['formningsteknologi', 'marin-teknik'] },
  industrialElectrician: { ssyk: '7412', volume: 'specialist', levels: CRAFT, difficulty: 4, specs: INDUSTRY, areas: ['formningsteknologi', 'marin-teknik'] },
  assembler: { ssyk: '8213', volume: 'bulk', levels: UPPER, difficulty: 2, specs: INDUSTRY, areas: ['formningsteknologi'], whole: 0.25 },
  vehicleAssembler: { ssyk: '8211', volume: 'bulk', levels: UPPER, difficulty: 2, specs: INDUSTRY, areas: ['formningsteknologi'], whole: 0.2 },
  industrialPainter: { ssyk: '7132', volume: 'bulk', levels: UPPER, difficulty: 2, specs: INDUSTRY, areas: ['formningsteknologi', 'marin-teknik'], whole: 0.2 },
  factoryWorker: { ssyk: '9320', volume: 'bulk', levels: [['upper-secondary', 1]], difficulty: 1, specs: INDUSTRY, whole: 0.3 },
  packingOperator: { ssyk: '8181', volume: 'bulk', levels: UPPER, difficulty: 2, specs: INDUSTRY, whole: 0.3 },
  pulpOperator: { ssyk: '8171', volume: 'bulk', levels: UPPER, difficulty: 3, specs: [['smart-industri', 6], ['missions', 4]], areas: ['klimatneutrala-smarta-stader'], whole: 0.4 },
  // At sea: the navy, ferries, the shipyard's trials.
  marineEngineer: { ssyk: '3151', volume: 'specialist', levels: [['post-secondary-short', 6], ['bachelor', 4]], difficulty: 4, specs: [['smart-industri', 6], ['missions', 4]], areas: ['marin-teknik', 'friska-hav'] },
  shipOfficer: { ssyk: '3152', volume: 'specialist', levels: [['bachelor', 6], ['post-secondary-short', 4]], difficulty: 4, specs: [['missions', 6], ['smart-industri', 4]], areas: ['marin-teknik', 'friska-hav'] },
  seaman: { ssyk: '8350', volume: 'bulk', levels: UPPER, difficulty: 3, specs: [['missions', 5], ['smart-industri', 5]], areas: ['friska-hav', 'marin-teknik'], whole: 0.3 },
  // Missions: environment, planning, building and energy.
  environmentSpecialist: { ssyk: '2183', volume: 'specialist', levels: ENGINEER, difficulty: 4, specs: [['missions', 1]], areas: ['klimatanpassning', 'friska-hav', 'klimatneutrala-smarta-stader'] },
  urbanPlanner: { ssyk: '2163', volume: 'specialist', levels: [['master', 8], ['bachelor', 2]], difficulty: 4, specs: [['missions', 1]], areas: ['klimatneutrala-smarta-stader', 'klimatanpassning'] },
  biologist: { ssyk: '2132', volume: 'specialist', levels: [['master', 6], ['doctoral', 2], ['bachelor', 2]], difficulty: 3, specs: [['missions', 1]], areas: ['friska-hav'] },
  surveyor: { ssyk: '2164', volume: 'specialist', levels: [['master', 5], ['bachelor', 5]], difficulty: 3, specs: [['missions', 7], ['tech', 3]], areas: ['klimatanpassning', 'big-data'] },
  carpenter: { ssyk: '7111', volume: 'bulk', levels: UPPER, difficulty: 3, specs: [['missions', 1]], areas: ['klimatneutrala-smarta-stader', 'klimatanpassning'], whole: 0.3 },
  electrician: { ssyk: '7411', volume: 'specialist', levels: [['upper-secondary', 8], ['post-secondary-short', 2]], difficulty: 4, specs: [['missions', 7], ['smart-industri', 3]], areas: ['klimatneutrala-smarta-stader', 'klimatanpassning'] },
  plumber: { ssyk: '7125', volume: 'specialist', levels: [['upper-secondary', 1]], difficulty: 4, specs: [['missions', 1]], areas: ['klimatneutrala-smarta-stader'], whole: 0.3 },
  lineElectrician: { ssyk: '7413', volume: 'specialist', levels: CRAFT, difficulty: 4, specs: [['missions', 1]], areas: ['klimatneutrala-smarta-stader'] },
  plantOperator: { ssyk: '8191', volume: 'specialist', levels: [['post-secondary-short', 5], ['upper-secondary', 5]], difficulty: 4, specs: [['missions', 1]], areas: ['klimatanpassning', 'klimatneutrala-smarta-stader', 'friska-hav'] },
  truckDriver: { ssyk: '8332', volume: 'bulk', levels: [['upper-secondary', 1]], difficulty: 3, specs: [['missions', 6], ['smart-industri', 4]], areas: ['klimatneutrala-smarta-stader'], whole: 0.3 },
  // Health and care: the strategy has no health area, so most lines name a specialisation as a whole.
  nurse: { ssyk: '2221', volume: 'bulk', levels: [['bachelor', 1]], difficulty: 5, specs: CARE, areas: ['ai', 'big-data'], whole: 0.7 },
  intensiveCareNurse: { ssyk: '2228', volume: 'bulk', levels: [['master', 8], ['bachelor', 2]], difficulty: 5, specs: CARE, areas: ['ai'], whole: 0.75 },
  anaesthesiaNurse: { ssyk: '2223', volume: 'specialist', levels: [['master', 8], ['bachelor', 2]], difficulty: 5, specs: CARE, whole: 0.9 },
  districtNurse: { ssyk: '2224', volume: 'specialist', levels: [['master', 8], ['bachelor', 2]], difficulty: 5, specs: CARE, whole: 0.9 },
  physician: { ssyk: '2211', volume: 'specialist', levels: [['doctoral', 6], ['master', 4]], difficulty: 5, specs: [['missions', 5], ['tech', 5]], areas: ['ai'], whole: 0.7 },
  residentPhysician: { ssyk: '2212', volume: 'specialist', levels: [['master', 1]], difficulty: 4, specs: CARE, whole: 0.9 },
  assistantNurse: { ssyk: '5323', volume: 'bulk', levels: UPPER, difficulty: 3, specs: [['missions', 8], ['tech', 2]], whole: 0.95 },
  homeCareAssistant: { ssyk: '5321', volume: 'bulk', levels: UPPER, difficulty: 3, specs: [['missions', 8], ['tech', 2]], whole: 0.95 },
  biomedicalAnalyst: { ssyk: '3212', volume: 'specialist', levels: [['bachelor', 1]], difficulty: 4, specs: CARE, areas: ['ai', 'big-data'], whole: 0.6 },
  physiotherapist: { ssyk: '2272', volume: 'specialist', levels: [['bachelor', 1]], difficulty: 3, specs: CARE, whole: 0.95 },
  occupationalTherapist: { ssyk: '2273', volume: 'specialist', levels: [['bachelor', 1]], difficulty: 3, specs: CARE, whole: 0.95 },
  psychologist: { ssyk: '2241', volume: 'specialist', levels: [['master', 1]], difficulty: 4, specs: CARE, whole: 0.95 },
  socialWorker: { ssyk: '2661', volume: 'bulk', levels: [['bachelor', 1]], difficulty: 4, specs: [['missions', 1]], whole: 0.95 },
  treatmentAssistant: { ssyk: '3411', volume: 'specialist', levels: [['post-secondary-short', 6], ['upper-secondary', 4]], difficulty: 2, specs: [['missions', 1]], whole: 0.95 },
  personalAssistant: { ssyk: '5343', volume: 'bulk', levels: [['upper-secondary', 1]], difficulty: 2, specs: [['missions', 1]], whole: 0.95 },
  // Schools and the university: EdTech is the nearest focus area.
  primaryTeacher: { ssyk: '2341', volume: 'bulk', levels: [['master', 6], ['bachelor', 4]], difficulty: 4, specs: SCHOOL, areas: ['edtech'], whole: 0.35 },
  secondaryTeacher: { ssyk: '2330', volume: 'bulk', levels: [['master', 7], ['bachelor', 3]], difficulty: 4, specs: [['tech', 6], ['smart-industri', 2], ['missions', 2]], areas: ['edtech', 'mjukvaruutveckling'], whole: 0.25 },
  vocationalTeacher: { ssyk: '2320', volume: 'specialist', levels: [['bachelor', 4], ['post-secondary-short', 4], ['upper-secondary', 2]], difficulty: 4, specs: [['smart-industri', 6], ['tech', 4]], areas: ['formningsteknologi', 'marin-teknik', 'edtech'] },
  preschoolTeacher: { ssyk: '2343', volume: 'bulk', levels: [['bachelor', 8], ['master', 2]], difficulty: 4, specs: SCHOOL, areas: ['edtech'], whole: 0.5 },
  specialEducator: { ssyk: '2351', volume: 'specialist', levels: [['master', 1]], difficulty: 4, specs: [['missions', 6], ['tech', 4]], areas: ['edtech'], whole: 0.6 },
  childcareWorker: { ssyk: '5311', volume: 'bulk', levels: [['upper-secondary', 1]], difficulty: 2, specs: [['missions', 1]], whole: 0.95 },
  lecturer: { ssyk: '2312', volume: 'specialist', levels: [['doctoral', 1]], difficulty: 4, specs: [['tech', 6], ['smart-industri', 2], ['missions', 2]], areas: ['ai', 'mjukvaruutveckling', 'cybersakerhet', 'spelindustrin', 'digital-produktutveckling', 'formningsteknologi', 'klimatneutrala-smarta-stader'], whole: 0.1 },
  doctoralStudent: { ssyk: '2314', volume: 'specialist', levels: [['master', 1]], difficulty: 3, specs: [['tech', 6], ['smart-industri', 2], ['missions', 2]], areas: ['ai', 'mjukvaruutveckling', 'big-data', 'formningsteknologi', 'friska-hav'] },
  // Defence: the naval base.
  officer: { ssyk: '0110', volume: 'specialist', levels: [['bachelor', 8], ['master', 2]], difficulty: 4, specs: [['tech', 5], ['smart-industri', 5]], areas: ['cybersakerhet', 'marin-teknik', 'marin-digitalisering'] },
  specialistOfficer: { ssyk: '0210', volume: 'specialist', levels: [['post-secondary-short', 8], ['upper-secondary', 2]], difficulty: 4, specs: [['smart-industri', 6], ['tech', 4]], areas: ['marin-teknik', 'cybersakerhet', 'marin-digitalisering'] },
  soldier: { ssyk: '0310', volume: 'bulk', levels: [['upper-secondary', 1]], difficulty: 3, specs: [['smart-industri', 5], ['tech', 3], ['missions', 2]], areas: ['marin-teknik'], whole: 0.5 },
  // Occupations every line of business has; the employer's business decides the specialisation.
  analyst: { ssyk: '2422', volume: 'specialist', levels: [['master', 6], ['bachelor', 4]], difficulty: 3, areas: ['klimatneutrala-smarta-stader', 'klimatanpassning', 'big-data'], whole: 0.3 },
  hrSpecialist: { ssyk: '2423', volume: 'specialist', levels: [['bachelor', 1]], difficulty: 2, whole: 0.4 },
  marketer: { ssyk: '2431', volume: 'specialist', levels: [['bachelor', 1]], difficulty: 2, whole: 0.4, remote: 0.2 },
  salesRepresentative: { ssyk: '3322', volume: 'specialist', levels: [['post-secondary-short', 5], ['upper-secondary', 3], ['bachelor', 2]], difficulty: 2, whole: 0.4 },
  purchaser: { ssyk: '3323', volume: 'specialist', levels: [['bachelor', 5], ['post-secondary-short', 5]], difficulty: 3, whole: 0.4 },
  accountingAssistant: { ssyk: '4111', volume: 'specialist', levels: [['post-secondary-short', 6], ['upper-secondary', 4]], difficulty: 2, whole: 0.4 },
  accountant: { ssyk: '2411', volume: 'specialist', levels: [['bachelor', 5], ['master', 5]], difficulty: 3, whole: 0.5, remote: 0.15 },
  warehouseWorker: { ssyk: '4322', volume: 'bulk', levels: [['upper-secondary', 1]], difficulty: 1, whole: 0.4 },
  cook: { ssyk: '5120', volume: 'bulk', levels: [['upper-secondary', 1]], difficulty: 2, whole: 0.5 },
  eventProducer: { ssyk: '3332', volume: 'specialist', levels: [['bachelor', 5], ['post-secondary-short', 5]], difficulty: 2, whole: 0.5 },
} satisfies Record<string, OccupationProfile>;

export type OccupationKey = keyof typeof OCCUPATIONS;

export function occupationProfile(key: OccupationKey): OccupationProfile {
  return OCCUPATIONS[key];
}
