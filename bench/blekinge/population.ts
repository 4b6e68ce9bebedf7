import type { OccupationKey, SpecialisationCode } from './occupations.ts';
import type { Weighted } from './random.ts';

export type Sector = 'naringsliv' | 'offentlig' | 'akademi' | 'civilsamhalle';
export type SizeClass = '0' | '1-9' | '10-49' | '50-249' | '250+';
export type SmallSize = Exclude<SizeClass, '250+'>;

/**
 * Blekinge's five kommuner (data/reference/se_municipalities.csv) weighted by population, about
 * 2023 in thousands (SCB): Karlskrona 67, Karlshamn 32, Ronneby 30, Sölvesborg 18, Olofström 13.
 */
export const KOMMUNER: Weighted<string> = [
  ['1080', 67],
  ['1082', 32],
  ['1081', 30],
  ['1083', 18],
  ['1060', 13],
];

/** Real places in each kommun, for fictional firm names that sound local. */
export const PLACES: Record<string, readonly string[]> = {
  '1080': [
    'Trossö',
    'Hasslö',
    'Sturkö',
    'Tjurkö',
    'Aspö',
    'Nättraby',
    'Rödeby',
    'Lyckeby',
    'Jämjö',
    'Långö',
    'Vämö',
    'Saltö',
    'Torhamn',
    'Karlskrona',
  ],
  '1081': [
    'Kallinge',
    'Bräkne-Hoby',
    'Hallabro',
    'Listerby',
    'Johannishus',
    'Backaryd',
    'Eringsboda',
    'Saxemara',
    'Ronneby',
  ],
  '1082': ['Mörrum', 'Asarum', 'Svängsta', 'Hällaryd', 'Vägga', 'Tostarp', 'Matvik', 'Karlshamn'],
  '1083': ['Mjällby', 'Hällevik', 'Nogersund', 'Norje', 'Ysane', 'Valje', 'Listerlandet', 'Sölvesborg'],
  '1060': ['Jämshög', 'Kyrkhult', 'Vilshult', 'Holje', 'Gränum', 'Olofström'],
};

/**
 * A line of business: what it is registered as, which occupations its needs are for, and the
 * specialisation and focus areas that its generic occupations (sales, HR, …) count for.
 */
export interface Industry {
  sector: Sector;
  sni: readonly string[];
  occupations: Weighted<OccupationKey>;
  specs: Weighted<SpecialisationCode>;
  areas: readonly string[];
  /** How common the business is among organisations of each size that are not large employers. */
  weight: Record<SmallSize, number>;
  /** Where such organisations are; default: by population. */
  kommuner?: Weighted<string>;
  names: readonly string[];
  educationProvider?: boolean;
}

const KARLSKRONA_HEAVY: Weighted<string> = [
  ['1080', 60],
  ['1082', 15],
  ['1081', 15],
  ['1083', 5],
  ['1060', 5],
];

// biome-ignore format: one line of business per block reads as a table
export const INDUSTRIES = {
  software: { sector: 'naringsliv', sni: ['62', '62', '63'], specs: [['tech', 1]], areas: ['mjukvaruutveckling', 'ai', 'big-data', 'cybersakerhet'],
    occupations: [['software', 10], ['itArchitect', 3], ['tester', 2], ['itSecurity', 1.5], ['itOther', 1], ['systemManager', 1], ['networkTechnician', 1], ['itSupport', 1], ['salesRepresentative', 0.5], ['marketer', 0.3]],
    weight: { '0': 3, '1-9': 14, '10-49': 14, '50-249': 8 }, kommuner: KARLSKRONA_HEAVY, names: ['Kod', 'Mjukvara', 'Systemutveckling', 'Data', 'Digital', 'IT-konsult', 'Molntjänst'] },
  games: { sector: 'naringsliv', sni: ['58', '62'], specs: [['tech', 1]], areas: ['spelindustrin'],
    occupations: [['gameDeveloper', 5], ['gameDesigner', 4], ['software', 2], ['marketer', 0.5]],
    weight: { '0': 2, '1-9': 4, '10-49': 3, '50-249': 0.5 }, kommuner: [['1082', 45], ['1080', 45], ['1081', 10]], names: ['Spelstudio', 'Games', 'Interaktiv', 'Pixelverkstad'] },
  engineering: { sector: 'naringsliv', sni: ['71'], specs: [['smart-industri', 4], ['tech', 3], ['missions', 3]], areas: ['digital-produktutveckling', 'marin-teknik', 'formningsteknologi', 'klimatneutrala-smarta-stader'],
    occupations: [['mechanicalEngineer', 3], ['electricalEngineer', 3], ['civilEngineer', 2], ['otherEngineer', 2], ['mechanicalTechnician', 2], ['electricalTechnician', 2], ['buildingTechnician', 2], ['urbanPlanner', 1], ['environmentSpecialist', 1], ['surveyor', 0.5]],
    weight: { '0': 2, '1-9': 10, '10-49': 9, '50-249': 5 }, names: ['Teknikkonsult', 'Ingenjörsbyrå', 'Konstruktion', 'Projektering'] },
  metal: { sector: 'naringsliv', sni: ['25', '25', '28', '22', '33'], specs: [['smart-industri', 1]], areas: ['formningsteknologi'],
    occupations: [['machineOperator', 5], ['welder', 4], ['maintenanceMechanic', 3], ['toolmaker', 2], ['sheetMetalWorker', 2], ['assembler', 2], ['mechanicalTechnician', 2], ['mechanicalEngineer', 1.5], ['industrialElectrician', 1.5], ['productionSupervisor', 1], ['industrialPainter', 1], ['productionManager', 0.5], ['logisticsEngineer', 0.5]],
    weight: { '0': 1, '1-9': 9, '10-49': 13, '50-249': 14 }, kommuner: [['1060', 30], ['1080', 25], ['1081', 20], ['1082', 15], ['1083', 10]], names: ['Mekaniska', 'Plåt', 'Verkstad', 'Press', 'Svets', 'Precision', 'Industri'] },
  marine: { sector: 'naringsliv', sni: ['30', '33', '50', '52'], specs: [['smart-industri', 7], ['missions', 3]], areas: ['marin-teknik', 'marin-digitalisering', 'friska-hav'],
    occupations: [['welder', 3], ['plater', 2], ['marineEngineer', 2], ['shipOfficer', 2], ['seaman', 2], ['mechanicalTechnician', 2], ['mechanicalEngineer', 1.5], ['maintenanceMechanic', 1.5], ['electricalTechnician', 1], ['industrialElectrician', 1], ['industrialPainter', 1]],
    weight: { '0': 1, '1-9': 5, '10-49': 5, '50-249': 4 }, kommuner: [['1080', 55], ['1082', 20], ['1083', 15], ['1081', 10]], names: ['Båtvarv', 'Marinservice', 'Sjöfart', 'Marin', 'Rederi'] },
  energy: { sector: 'naringsliv', sni: ['35', '36', '38'], specs: [['missions', 1]], areas: ['klimatneutrala-smarta-stader', 'klimatanpassning', 'friska-hav'],
    occupations: [['lineElectrician', 2], ['plantOperator', 2], ['electricalEngineer', 2], ['electricalTechnician', 2], ['environmentSpecialist', 2], ['otherEngineer', 1], ['chemicalEngineer', 0.5], ['chemistryTechnician', 0.5]],
    weight: { '0': 1, '1-9': 3, '10-49': 4, '50-249': 3 }, names: ['Energi', 'Kraft', 'Miljöteknik', 'Återvinning', 'Vattenteknik'] },
  construction: { sector: 'naringsliv', sni: ['41', '42', '43', '43'], specs: [['missions', 1]], areas: ['klimatneutrala-smarta-stader', 'klimatanpassning'],
    occupations: [['carpenter', 4], ['electrician', 3], ['plumber', 2], ['buildingTechnician', 2], ['civilEngineer', 1], ['truckDriver', 0.5]],
    weight: { '0': 2, '1-9': 16, '10-49': 10, '50-249': 3 }, names: ['Bygg', 'El', 'VVS', 'Mark och Anläggning', 'Snickeri'] },
  logistics: { sector: 'naringsliv', sni: ['49', '52'], specs: [['missions', 5], ['tech', 3], ['smart-industri', 2]], areas: ['klimatneutrala-smarta-stader', 'big-data'],
    occupations: [['truckDriver', 4], ['warehouseWorker', 4], ['logisticsEngineer', 1], ['purchaser', 1], ['software', 0.5]],
    weight: { '0': 1, '1-9': 6, '10-49': 5, '50-249': 2 }, kommuner: [['1082', 35], ['1080', 35], ['1081', 15], ['1083', 10], ['1060', 5]], names: ['Åkeri', 'Logistik', 'Transport', 'Terminal'] },
  food: { sector: 'naringsliv', sni: ['10', '11'], specs: [['smart-industri', 6], ['missions', 4]], areas: ['friska-hav', 'klimatneutrala-smarta-stader'],
    occupations: [['packingOperator', 3], ['factoryWorker', 3], ['maintenanceMechanic', 2], ['chemistryTechnician', 1], ['productionSupervisor', 1], ['chemicalEngineer', 0.5]],
    weight: { '0': 1, '1-9': 4, '10-49': 4, '50-249': 3 }, kommuner: [['1082', 35], ['1083', 25], ['1080', 20], ['1081', 10], ['1060', 10]], names: ['Livsmedel', 'Rökeri', 'Bageri', 'Mejeri', 'Fisk'] },
  trade: { sector: 'naringsliv', sni: ['46', '47', '56', '55', '45'], specs: [['tech', 5], ['missions', 5]], areas: ['klimatneutrala-smarta-stader', 'big-data'],
    occupations: [['salesRepresentative', 3], ['warehouseWorker', 2], ['cook', 2], ['marketer', 1], ['accountingAssistant', 1], ['software', 0.5]],
    weight: { '0': 3, '1-9': 16, '10-49': 8, '50-249': 2 }, names: ['Handel', 'Järn', 'Café', 'Restaurang', 'Hotell', 'Bilservice'] },
  business: { sector: 'naringsliv', sni: ['69', '70', '73', '78', '82'], specs: [['tech', 6], ['missions', 4]], areas: ['big-data', 'ai', 'klimatneutrala-smarta-stader'],
    occupations: [['accountingAssistant', 2], ['accountant', 2], ['hrSpecialist', 1.5], ['marketer', 1.5], ['software', 1], ['analyst', 1], ['salesRepresentative', 1]],
    weight: { '0': 3, '1-9': 12, '10-49': 6, '50-249': 2 }, names: ['Redovisning', 'Bemanning', 'Kommunikation', 'Revision', 'Kontorsservice'] },
  care: { sector: 'naringsliv', sni: ['86', '87', '88'], specs: [['missions', 1]], areas: [],
    occupations: [['assistantNurse', 3], ['homeCareAssistant', 3], ['personalAssistant', 3], ['nurse', 2], ['physiotherapist', 1], ['treatmentAssistant', 1], ['psychologist', 0.5]],
    weight: { '0': 1, '1-9': 5, '10-49': 5, '50-249': 3 }, names: ['Omsorg', 'Vård', 'Assistans', 'Hälsa'] },
  education: { sector: 'akademi', sni: ['85'], specs: [['tech', 6], ['smart-industri', 2], ['missions', 2]], areas: ['edtech', 'mjukvaruutveckling'], educationProvider: true,
    occupations: [['vocationalTeacher', 3], ['secondaryTeacher', 2], ['primaryTeacher', 2], ['lecturer', 0.5], ['software', 0.5]],
    weight: { '0': 0, '1-9': 1, '10-49': 2, '50-249': 1 }, names: ['Yrkesakademi', 'Kompetenscenter', 'Utbildning', 'Folkhögskola'] },
  publicServices: { sector: 'offentlig', sni: ['35', '36', '68', '84', '38'], specs: [['missions', 1]], areas: ['klimatanpassning', 'klimatneutrala-smarta-stader', 'friska-hav'],
    occupations: [['plantOperator', 2], ['lineElectrician', 1.5], ['environmentSpecialist', 1.5], ['analyst', 1.5], ['civilEngineer', 1], ['buildingTechnician', 1], ['electricalEngineer', 1], ['itSecurity', 0.5], ['software', 0.5], ['hrSpecialist', 0.3]],
    weight: { '0': 0, '1-9': 0.3, '10-49': 1.2, '50-249': 2.5 }, names: ['Energi', 'Vatten', 'Bostäder', 'Räddningstjänst', 'Hamn'] },
  civilSociety: { sector: 'civilsamhalle', sni: ['94', '93', '88', '90'], specs: [['missions', 7], ['tech', 3]], areas: ['friska-hav', 'klimatanpassning', 'edtech'],
    occupations: [['treatmentAssistant', 2], ['analyst', 1.5], ['eventProducer', 1], ['marketer', 1], ['personalAssistant', 1], ['biologist', 0.5]],
    weight: { '0': 3, '1-9': 7, '10-49': 3, '50-249': 0.5 }, names: ['idrottsförening', 'hembygdsförening', 'kulturförening', 'naturskyddsförening', 'företagarförening', 'studieförbund'] },
} satisfies Record<string, Industry>;

/**
 * The large employers, each a fictional stand-in for a kind of employer that Blekinge has: the
 * region's hospital, the five kommuner, the naval base, a naval shipyard, a car-body press plant in
 * Olofström, the technical university, a power-cable plant, a telecom R&D site, a pulp mill, a
 * vegetable-oil plant and a pump maker. `lines` is how many need lines each answers with, relative
 * to the others; `employees` is the order of size, not any real employer's figure.
 */
export interface LargeEmployer {
  key: string;
  name: string;
  kommun: string;
  sni: string;
  lines: number;
  employees: number;
  profile: Omit<Industry, 'weight' | 'names'>;
}

// biome-ignore format: one employer per block reads as a table
const PROFILES = {
  hospital: { sector: 'offentlig', sni: ['86'], specs: [['missions', 6], ['tech', 4]], areas: ['ai', 'big-data'],
    occupations: [['nurse', 10], ['assistantNurse', 8], ['physician', 5], ['intensiveCareNurse', 3], ['residentPhysician', 3], ['anaesthesiaNurse', 2], ['districtNurse', 2], ['biomedicalAnalyst', 2], ['physiotherapist', 1.5], ['occupationalTherapist', 1], ['psychologist', 1], ['software', 1], ['itSecurity', 0.5], ['itArchitect', 0.5], ['hrSpecialist', 0.5], ['analyst', 0.5]] },
  municipality: { sector: 'offentlig', sni: ['84'], specs: [['missions', 6], ['tech', 4]], areas: ['klimatneutrala-smarta-stader', 'klimatanpassning', 'edtech'],
    occupations: [['homeCareAssistant', 7], ['primaryTeacher', 6], ['preschoolTeacher', 5], ['secondaryTeacher', 3], ['assistantNurse', 3], ['socialWorker', 3], ['personalAssistant', 3], ['specialEducator', 2], ['nurse', 2], ['childcareWorker', 2], ['treatmentAssistant', 1.5], ['analyst', 1.5], ['cook', 1.5], ['vocationalTeacher', 1], ['urbanPlanner', 1], ['civilEngineer', 1], ['buildingTechnician', 1], ['environmentSpecialist', 1], ['software', 0.7], ['hrSpecialist', 0.7], ['plantOperator', 0.7], ['systemManager', 0.5], ['itSecurity', 0.4]] },
  navalBase: { sector: 'offentlig', sni: ['84'], specs: [['smart-industri', 5], ['tech', 5]], areas: ['marin-teknik', 'cybersakerhet', 'marin-digitalisering'],
    occupations: [['specialistOfficer', 5], ['soldier', 5], ['officer', 4], ['marineEngineer', 2], ['shipOfficer', 2], ['seaman', 2], ['itSecurity', 2], ['maintenanceMechanic', 1.5], ['software', 1], ['electricalEngineer', 1], ['industrialElectrician', 1], ['mechanicalTechnician', 1], ['nurse', 0.5], ['physician', 0.3]] },
  shipyard: { sector: 'naringsliv', sni: ['30'], specs: [['smart-industri', 8], ['tech', 2]], areas: ['marin-teknik', 'digital-produktutveckling', 'marin-digitalisering'],
    occupations: [['welder', 6], ['plater', 4], ['mechanicalEngineer', 4], ['electricalEngineer', 3], ['mechanicalTechnician', 3], ['electricalTechnician', 2], ['industrialElectrician', 2], ['software', 2], ['industrialPainter', 1.5], ['maintenanceMechanic', 1.5], ['marineEngineer', 1], ['itSecurity', 1], ['logisticsEngineer', 1], ['productionSupervisor', 1], ['otherEngineer', 1], ['purchaser', 0.7]] },
  pressPlant: { sector: 'naringsliv', sni: ['29'], specs: [['smart-industri', 9], ['tech', 1]], areas: ['formningsteknologi', 'digital-produktutveckling'],
    occupations: [['machineOperator', 8], ['toolmaker', 4], ['maintenanceMechanic', 3], ['mechanicalTechnician', 3], ['mechanicalEngineer', 3], ['industrialElectrician', 2], ['sheetMetalWorker', 2], ['vehicleAssembler', 2], ['productionSupervisor', 1.5], ['logisticsEngineer', 1], ['software', 1], ['welder', 1], ['productionManager', 0.5]] },
  university: { sector: 'akademi', sni: ['85'], specs: [['tech', 6], ['smart-industri', 2], ['missions', 2]], areas: ['ai', 'mjukvaruutveckling', 'cybersakerhet', 'spelindustrin', 'digital-produktutveckling', 'formningsteknologi', 'klimatneutrala-smarta-stader'], educationProvider: true,
    occupations: [['lecturer', 6], ['doctoralStudent', 3], ['software', 1], ['itOther', 1], ['systemManager', 1], ['analyst', 1], ['hrSpecialist', 0.5], ['itSecurity', 0.5]] },
  cablePlant: { sector: 'naringsliv', sni: ['27'], specs: [['smart-industri', 6], ['missions', 3], ['tech', 1]], areas: ['marin-teknik', 'klimatneutrala-smarta-stader', 'digital-produktutveckling'],
    occupations: [['electricalEngineer', 5], ['electricalTechnician', 4], ['machineOperator', 4], ['assembler', 3], ['mechanicalEngineer', 2], ['maintenanceMechanic', 2], ['industrialElectrician', 2], ['chemicalEngineer', 1], ['logisticsEngineer', 1], ['software', 1], ['productionSupervisor', 1]] },
  telecom: { sector: 'naringsliv', sni: ['62'], specs: [['tech', 9], ['missions', 1]], areas: ['mjukvaruutveckling', 'ai', 'cybersakerhet', 'big-data'],
    occupations: [['software', 10], ['tester', 4], ['itArchitect', 3], ['itSecurity', 2], ['itOther', 2], ['electricalEngineer', 2], ['systemManager', 1]] },
  pulpMill: { sector: 'naringsliv', sni: ['17'], specs: [['smart-industri', 5], ['missions', 5]], areas: ['klimatneutrala-smarta-stader', 'friska-hav'],
    occupations: [['pulpOperator', 6], ['maintenanceMechanic', 4], ['industrialElectrician', 3], ['chemistryTechnician', 2], ['chemicalEngineer', 2], ['electricalEngineer', 1], ['mechanicalEngineer', 1], ['environmentSpecialist', 1], ['productionSupervisor', 1]] },
  oilPlant: { sector: 'naringsliv', sni: ['10'], specs: [['smart-industri', 6], ['missions', 4]], areas: ['klimatneutrala-smarta-stader', 'friska-hav'],
    occupations: [['packingOperator', 4], ['factoryWorker', 3], ['chemistryTechnician', 3], ['maintenanceMechanic', 3], ['chemicalEngineer', 2], ['industrialElectrician', 1], ['productionSupervisor', 1], ['logisticsEngineer', 1], ['software', 0.5]] },
  pumpMaker: { sector: 'naringsliv', sni: ['28'], specs: [['smart-industri', 8], ['missions', 2]], areas: ['formningsteknologi', 'digital-produktutveckling', 'klimatneutrala-smarta-stader'],
    occupations: [['machineOperator', 5], ['welder', 3], ['assembler', 3], ['mechanicalEngineer', 3], ['mechanicalTechnician', 3], ['maintenanceMechanic', 2], ['electricalEngineer', 1], ['software', 1], ['productionSupervisor', 1], ['toolmaker', 1]] },
} satisfies Record<string, LargeEmployer['profile']>;

// Ordered by importance: with fewer organisations than 600, the generator keeps the first ones.
// biome-ignore format: one employer a line reads as a table
export const LARGE_EMPLOYERS: readonly LargeEmployer[] = [
  { key: 'sjukhuset', name: 'Länssjukhuset i Blekinge (demo)', kommun: '1080', sni: '86', lines: 9.5, employees: 4200, profile: PROFILES.hospital },
  { key: 'karlskrona-kommun', name: 'Karlskrona kommun (demo)', kommun: '1080', sni: '84', lines: 8, employees: 5500, profile: PROFILES.municipality },
  { key: 'marinbasen', name: 'Marinbasen Karlskrona (demo)', kommun: '1080', sni: '84', lines: 5, employees: 2500, profile: PROFILES.navalBase },
  { key: 'orlogsvarvet', name: 'Trossö Örlogsvarv AB (demo)', kommun: '1080', sni: '30', lines: 6, employees: 1300, profile: PROFILES.shipyard },
  { key: 'pressverket', name: 'Olofströms Pressverk AB (demo)', kommun: '1060', sni: '29', lines: 5, employees: 2000, profile: PROFILES.pressPlant },
  { key: 'karlshamns-kommun', name: 'Karlshamns kommun (demo)', kommun: '1082', sni: '84', lines: 4, employees: 2600, profile: PROFILES.municipality },
  { key: 'ronneby-kommun', name: 'Ronneby kommun (demo)', kommun: '1081', sni: '84', lines: 4, employees: 2500, profile: PROFILES.municipality },
  { key: 'hogskolan', name: 'Östersjöns tekniska högskola (demo)', kommun: '1080', sni: '85', lines: 3, employees: 650, profile: PROFILES.university },
  { key: 'solvesborgs-kommun', name: 'Sölvesborgs kommun (demo)', kommun: '1083', sni: '84', lines: 3, employees: 1400, profile: PROFILES.municipality },
  { key: 'olofstroms-kommun', name: 'Olofströms kommun (demo)', kommun: '1060', sni: '84', lines: 2.5, employees: 1100, profile: PROFILES.municipality },
  { key: 'telekom', name: 'Vågledaren Telekom Utveckling AB (demo)', kommun: '1080', sni: '62', lines: 4, employees: 700, profile: PROFILES.telecom },
  { key: 'kabelverket', name: 'Kustkabel Högspänning AB (demo)', kommun: '1080', sni: '27', lines: 3, employees: 900, profile: PROFILES.cablePlant },
  { key: 'massabruket', name: 'Mörrumsåns Massabruk AB (demo)', kommun: '1082', sni: '17', lines: 2.5, employees: 450, profile: PROFILES.pulpMill },
  { key: 'oljefabriken', name: 'Karlshamns Vegetabiliska Oljor AB (demo)', kommun: '1082', sni: '10', lines: 2.5, employees: 500, profile: PROFILES.oilPlant },
  { key: 'pumpfabriken', name: 'Kallinge Pump och Värmeväxlare AB (demo)', kommun: '1081', sni: '28', lines: 2.5, employees: 400, profile: PROFILES.pumpMaker },
];

/** Shares of the organisations that are not large employers, by size class (see round.ts). */
export const SMALL_SIZE_SHARES: Weighted<SmallSize> = [
  ['0', 3],
  ['1-9', 62],
  ['10-49', 27],
  ['50-249', 8],
];

/** The chance that an organisation of each size answers (see round.ts). */
export const ANSWER_RATE: Record<SizeClass, number> = {
  '0': 0.4,
  '1-9': 0.52,
  '10-49': 0.62,
  '50-249': 0.75,
  '250+': 0.92,
};
