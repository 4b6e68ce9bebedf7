/**
 * Everyday job titles as people type them, each with the occupation group (JobTech ssyk-level-4
 * label and SSYK 2012 code) it belongs in, for the acceptance of issue 18: at least 90 % must
 * have their group among the first three results of occupation search, on Node and in workerd.
 *
 * Each pair was checked against data/reference: `name` — a JobTech occupation name under the group
 * (jobtech_occupation_names.csv) is the title, or a part of it split at "/" is, or it holds the
 * title's words ("2:e Styrman", "Projektledare, IT");
 * `synonym` — a label in jobtech_occupation_name_synonyms.csv does; `group` — the group's own label
 * holds the title as a word or word beginning; `alias` — our alias list (src/taxonomy/titles/
 * aliases.ts, with the reason). The code is the group's ssyk_code_2012 in jobtech_occupation_names.csv;
 * test/node/taxonomy.job-titles.test.ts checks every label–code pair against the seeded data.
 * Titles that name several groups equally ("projektledare", "ekonom", "lärare", "säljare") are left
 * out; "undersköterska" is the one kept with two groups, both JobTech's own "Undersköterska, …" names.
 */
export interface JobTitleCase {
  title: string;
  /** The acceptable groups: label and SSYK 2012 code. */
  groups: { label: string; ssyk: string }[];
  evidence: 'name' | 'synonym' | 'group' | 'alias';
}

const one = (title: string, label: string, ssyk: string, evidence: JobTitleCase['evidence']): JobTitleCase => ({
  title,
  groups: [{ label, ssyk }],
  evidence,
});

const SOFTWARE = 'Mjukvaru- och systemutvecklare m.fl.';

export const JOB_TITLE_CASES: JobTitleCase[] = [
  one('programmerare', SOFTWARE, '2512', 'name'),
  one('mjukvaruutvecklare', SOFTWARE, '2512', 'name'),
  one('systemutvecklare', SOFTWARE, '2512', 'name'),
  one('backendutvecklare', SOFTWARE, '2512', 'synonym'),
  one('IT-projektledare', SOFTWARE, '2512', 'name'),
  one('sjöingenjör', 'Maskinbefäl', '3151', 'alias'),
  one('styrman', 'Fartygsbefäl m.fl.', '3152', 'name'),
  one('sjökapten', 'Fartygsbefäl m.fl.', '3152', 'alias'),
  one('sjuksköterska', 'Grundutbildade sjuksköterskor', '2221', 'name'),
  one('distriktssköterska', 'Distriktssköterskor', '2224', 'name'),
  {
    title: 'undersköterska',
    groups: [
      { label: 'Undersköterskor, hemtjänst, hemsjukvård, äldreboende och habilitering', ssyk: '5321' },
      { label: 'Undersköterskor, vård- och specialavdelning och mottagning', ssyk: '5323' },
    ],
    evidence: 'name',
  },
  one('läkare', 'Övriga läkare', '2219', 'name'),
  one('tandläkare', 'Tandläkare', '2260', 'name'),
  one('tandsköterska', 'Tandsköterskor', '5350', 'name'),
  one('psykolog', 'Psykologer', '2241', 'name'),
  one('fysioterapeut', 'Fysioterapeuter och sjukgymnaster', '2272', 'name'),
  one('sjukgymnast', 'Fysioterapeuter och sjukgymnaster', '2272', 'group'),
  one('apotekare', 'Apotekare', '2281', 'name'),
  one('veterinär', 'Veterinärer', '2250', 'name'),
  one('barnskötare', 'Barnskötare', '5311', 'name'),
  one('förskollärare', 'Förskollärare', '2343', 'group'),
  one('grundskollärare', 'Grundskollärare', '2341', 'group'),
  one('gymnasielärare', 'Gymnasielärare', '2330', 'group'),
  one('elevassistent', 'Elevassistenter m.fl.', '5312', 'name'),
  one('personlig assistent', 'Personliga assistenter', '5343', 'name'),
  one('socialsekreterare', 'Socialsekreterare', '2661', 'name'),
  one('polis', 'Poliser', '3360', 'group'),
  one('brandman', 'Brandmän', '5411', 'name'),
  one('svetsare', 'Svetsare och gasskärare', '7212', 'name'),
  one('elektriker', 'Installations- och serviceelektriker', '7411', 'alias'),
  one('snickare', 'Träarbetare, snickare m.fl.', '7111', 'name'),
  one('murare', 'Murare m.fl.', '7112', 'name'),
  one('målare', 'Målare', '7131', 'name'),
  one('rörmokare', 'VVS-montörer m.fl.', '7125', 'alias'),
  one('bilmekaniker', 'Motorfordonsmekaniker och fordonsreparatörer', '7231', 'alias'),
  one('lastbilschaufför', 'Lastbilsförare m.fl.', '8332', 'alias'),
  one('lastbilsförare', 'Lastbilsförare m.fl.', '8332', 'group'),
  one('bussförare', 'Buss- och spårvagnsförare', '8331', 'name'),
  one('taxichaufför', 'Taxiförare m.fl.', '8321', 'alias'),
  one('truckförare', 'Truckförare', '8344', 'name'),
  one('lagerarbetare', 'Lager- och terminalpersonal', '4322', 'name'),
  one('kock', 'Kockar och kallskänkor', '5120', 'group'),
  one('servitör', 'Hovmästare och servitörer', '5131', 'name'),
  one('frisör', 'Frisörer', '5141', 'name'),
  one('städare', 'Städare', '9111', 'name'),
  one('kassörska', 'Kassapersonal m.fl.', '5230', 'alias'),
  one('receptionist', 'Kontorsreceptionister', '4225', 'name'),
  one('kundtjänstmedarbetare', 'Kundtjänstpersonal', '4222', 'name'),
  one('ekonomiassistent', 'Ekonomiassistenter m.fl.', '4111', 'name'),
  one('redovisningskonsult', 'Redovisningsekonomer', '3313', 'name'),
  one('revisor', 'Revisorer m.fl.', '2411', 'name'),
  one('controller', 'Controller', '2412', 'name'),
  one('HR-specialist', 'Personal- och HR-specialister', '2423', 'name'),
  one('advokat', 'Advokater', '2611', 'name'),
  one('arkitekt', 'Arkitekter m.fl.', '2161', 'name'),
  one('journalist', 'Journalister m.fl.', '2642', 'name'),
  one('fastighetsmäklare', 'Fastighetsmäklare', '3334', 'name'),
  one('fastighetsskötare', 'Fastighetsskötare', '5152', 'name'),
  one('systemadministratör', 'Systemadministratörer', '3513', 'name'),
  one('civilingenjör maskinteknik', 'Civilingenjörsyrken inom maskinteknik', '2144', 'group'),
  one('lokförare', 'Lokförare', '8311', 'name'),
  one('pilot', 'Piloter m.fl.', '3153', 'name'),
  one('präst', 'Präster', '2671', 'group'),
  one('bagare', 'Bagare och konditorer', '7612', 'name'),
  one('CNC-operatör', 'Maskinställare och maskinoperatörer, metallarbete', '7223', 'name'),
];
