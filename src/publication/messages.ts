/**
 * Messages of a round's publication (its state and versions).
 * sv is the reference; en must carry every key (the type checker enforces it). The app shell
 * composes every feature's messages into one catalogue per language (src/messages.ts).
 */
export const publicationSv = {
  'publication.table.horizon': 'Tidshorisont',
  'publication.table.specialisation-horizon': 'Specialiseringsområde och tidshorisont',
  'publication.table.focus-area-horizon': 'Fokusområde och tidshorisont',
  'publication.table.ssyk4-horizon': 'Yrke (SSYK 4) och tidshorisont',
  'publication.table.ssyk3-horizon': 'Yrkesgrupp (SSYK 3) och tidshorisont',
  'publication.table.ssyk2-horizon': 'Huvudgrupp (SSYK 2) och tidshorisont',
  'publication.table.ssyk1-horizon': 'Yrkesområde (SSYK 1) och tidshorisont',
  'publication.table.specialisation-ssyk4-horizon': 'Specialiseringsområde, yrke (SSYK 4) och tidshorisont',
  'publication.table.specialisation-ssyk3-horizon': 'Specialiseringsområde, yrkesgrupp (SSYK 3) och tidshorisont',
  'publication.table.specialisation-ssyk2-horizon': 'Specialiseringsområde, huvudgrupp (SSYK 2) och tidshorisont',
  'publication.table.specialisation-ssyk1-horizon': 'Specialiseringsområde, yrkesområde (SSYK 1) och tidshorisont',
  'publication.table.municipality-horizon': 'Kommun och tidshorisont',
  'publication.table.specialisation-municipality-horizon': 'Specialiseringsområde, kommun och tidshorisont',
  'publication.table.education-level-horizon': 'Utbildningsnivå och tidshorisont',
  'publication.table.sector-horizon': 'Sektor och tidshorisont',
  'publication.table.size-class-horizon': 'Storleksklass och tidshorisont',
  'publication.table.difficulty-specialisation': 'Svårighet att rekrytera och specialiseringsområde',
  'publication.table.strategy-specialisation': 'Strategi och specialiseringsområde',
  'publication.error.notClosed': 'Bara en stängd enkätomgång kan publiceras på nytt.',
  'publication.error.computing': 'En ny version av siffrorna räknas redan fram för omgången. Vänta tills den är klar.',
  'publication.reason.required': 'Skriv vad som har rättats.',
} as const;

export const publicationEn: Record<keyof typeof publicationSv, string> = {
  'publication.table.horizon': 'Horizon',
  'publication.table.specialisation-horizon': 'Specialisation and horizon',
  'publication.table.focus-area-horizon': 'Focus area and horizon',
  'publication.table.ssyk4-horizon': 'Occupation (SSYK 4) and horizon',
  'publication.table.ssyk3-horizon': 'Minor occupation group (SSYK 3) and horizon',
  'publication.table.ssyk2-horizon': 'Sub-major occupation group (SSYK 2) and horizon',
  'publication.table.ssyk1-horizon': 'Major occupation group (SSYK 1) and horizon',
  'publication.table.specialisation-ssyk4-horizon': 'Specialisation, occupation (SSYK 4) and horizon',
  'publication.table.specialisation-ssyk3-horizon': 'Specialisation, minor occupation group (SSYK 3) and horizon',
  'publication.table.specialisation-ssyk2-horizon': 'Specialisation, sub-major occupation group (SSYK 2) and horizon',
  'publication.table.specialisation-ssyk1-horizon': 'Specialisation, major occupation group (SSYK 1) and horizon',
  'publication.table.municipality-horizon': 'Kommun and horizon',
  'publication.table.specialisation-municipality-horizon': 'Specialisation, kommun and horizon',
  'publication.table.education-level-horizon': 'Education level and horizon',
  'publication.table.sector-horizon': 'Sector and horizon',
  'publication.table.size-class-horizon': 'Size class and horizon',
  'publication.table.difficulty-specialisation': 'Recruitment difficulty and specialisation',
  'publication.table.strategy-specialisation': 'Strategy and specialisation',
  'publication.error.notClosed': 'Only a closed survey round can be published again.',
  'publication.error.computing':
    "A new version of the round's figures is already being computed. Wait until it is done.",
  'publication.reason.required': 'Say what was corrected.',
};
