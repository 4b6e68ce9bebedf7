/**
 * Messages of the start page.
 * sv is the reference; en must carry every key (the type checker enforces it). The app shell
 * composes every feature's messages into one catalogue per language (src/messages.ts).
 */
export const homeSv = {
  'home.title': 'Vilken kompetens behöver Blekinge – och hur får vi den?',
  'home.lead':
    'Kompetensbron samlar in vilken kompetens arbetsgivarna i Blekinge behöver. Utbildningsanordnare ser efterfrågan och var det saknas utbildning. Studenter hittar praktik, LIA och examensarbeten. Regionen använder svaren i sin kompetensplan.',
  'home.audiences.heading': 'Vem är Kompetensbron till för?',
  'home.companies.heading': 'Företag och organisationer',
  'home.companies.body':
    'Svara på regionens enkät om kompetensbehov för er organisation: vilka yrken och kompetenser ni behöver, när och hur svårt det är att rekrytera. Flera kollegor kan arbeta i samma utkast. Ni ser era egna svar bredvid den skyddade regionala bilden och kan erbjuda praktik, LIA, examensarbeten och traineeplatser direkt från ett behov.',
  'home.providers.heading': 'Utbildningsanordnare',
  'home.providers.body':
    'Se den sammanställda efterfrågan per specialiseringsområde, yrke och tidshorisont, och gapet mot de utbildningar som finns i regionen. Siffrorna är skyddade så att inget enskilt företag kan pekas ut. Registrera era utbildningar och ta fram underlag till en YH-ansökan eller programöversyn.',
  'home.students.heading': 'Studenter',
  'home.students.body':
    'Hitta praktikplatser, LIA (lärande i arbete, praktik i en yrkeshögskoleutbildning), examensarbeten, traineeplatser och sommarjobb hos arbetsgivare i regionen. Med en profil får du förslag som förklaras: vilka av dina kompetenser som matchar och hur stor efterfrågan är på yrket.',
  'home.secretariat.heading': 'Regionens sekretariat',
  'home.secretariat.body':
    'Planera och öppna enkätomgångar, följ svarsfrekvensen och påminn dem som inte har svarat. Ta fram en kompetensplan per specialiseringsområde, med varje siffra kopplad till sitt underlag.',
  'home.specialisations.heading': 'Blekinges specialiseringsområden',
  'home.specialisations.lead': 'Regionens strategi för smart specialisering pekar ut tre områden med fokusområden:',
  'home.figures.heading': 'Kompetensbron i siffror',
  'home.figures.organisations': 'organisationer',
  'home.figures.openPlacements': 'öppna platser: praktik, LIA, examensarbeten och traineeplatser',
  'home.figures.occupations': 'yrkesgrupper (SSYK 2012)',
  'home.figures.skills': 'kompetenser i Arbetsförmedlingens taxonomi',
  'home.figures.municipalities': 'kommuner i {region}',
  'home.demoNotice':
    'Den här installationen innehåller påhittade demoorganisationer och demopersoner så att du kan prova tjänsten. Inga uppgifter rör verkliga företag.',
} as const;

export const homeEn: Record<keyof typeof homeSv, string> = {
  'home.title': 'Which competences will Blekinge need – and how do we get them?',
  'home.lead':
    'Kompetensbron gathers which skills employers in Blekinge need. Education providers see the demand and where education is missing. Students find internships, LIA and degree projects. The region uses the answers in its competence plan.',
  'home.audiences.heading': 'Who is Kompetensbron for?',
  'home.companies.heading': 'Companies and organisations',
  'home.companies.body':
    'Answer the region’s survey of competence needs for your organisation: which occupations and skills you need, when, and how hard they are to recruit. Several colleagues can work on the same draft. You see your own answers beside the protected regional picture and can offer internships, LIA, degree projects and trainee places straight from a need.',
  'home.providers.heading': 'Education providers',
  'home.providers.body':
    'See the aggregated demand by specialisation, occupation and horizon, and the gap to the programmes offered in the region. The figures are protected so that no single company can be singled out. Register your programmes and build the evidence for a YH application or a programme review.',
  'home.students.heading': 'Students',
  'home.students.body':
    'Find internships, LIA (work-based learning, the internships of a higher vocational programme), degree projects, trainee places and summer jobs with employers in the region. With a profile you get suggestions that explain themselves – which of your skills match and how much demand there is for the occupation.',
  'home.secretariat.heading': "The region's secretariat",
  'home.secretariat.body':
    'Plan and open survey rounds, follow response rates and remind those who have not answered. Draw up a competence plan per specialisation area, with every figure linked to its evidence.',
  'home.specialisations.heading': "Blekinge's specialisations",
  'home.specialisations.lead': "The region's smart-specialisation strategy names three areas with focus areas:",
  'home.figures.heading': 'Kompetensbron in figures',
  'home.figures.organisations': 'organisations',
  'home.figures.openPlacements': 'open placements: internships, LIA, degree projects and trainee places',
  'home.figures.occupations': 'occupation groups (SSYK 2012)',
  'home.figures.skills': 'skills in the Swedish Public Employment Service’s taxonomy',
  'home.figures.municipalities': 'municipalities (kommuner) in {region}',
  'home.demoNotice':
    'This installation holds fictional demo organisations and people so that you can try the service. No figures concern real companies.',
};
