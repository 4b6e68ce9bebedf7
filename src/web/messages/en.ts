import type { MessageKey } from './sv.ts';

export const en: Record<MessageKey, string> = {
  'app.name': 'Kompetensbron',
  'app.tagline': "The region's competence needs – inventoried, shared and turned into education and placements",
  'app.region': 'Region Blekinge',
  'layout.skipToContent': 'Skip to content',
  'layout.mainNav': 'Main menu',
  'layout.nav.home': 'Home',
  'layout.nav.api': 'API',
  'layout.language': 'Language',
  'layout.switchTo': 'På svenska',
  'layout.switchToLang': 'sv',
  'layout.footer.about': "Kompetensbron is open source and run by the region's smart-specialisation secretariat.",
  'layout.footer.demo': 'Demo data: the organisations and people shown here are fictional.',
  'layout.footer.health': 'Service status',

  'home.title': 'Which competences will Blekinge need – and how do we get them?',
  'home.lead':
    "Kompetensbron gathers employers' competence needs in repeated inventory rounds, shows education providers the demand and the gap to what is offered, helps students into internships, LIA and degree projects in the region, and gives the secretariat the evidence for an action plan for specialised competence.",
  'home.audiences.heading': 'Who is Kompetensbron for?',
  'home.companies.heading': 'Companies and organisations',
  'home.companies.body':
    "Answer the region's competence survey for your organisation: which occupations and skills you need, when, and how hard they are to recruit. Several colleagues can work on the same draft. You see your own answers beside the protected regional picture and can offer internships, LIA, degree projects and trainee places straight from a need.",
  'home.providers.heading': 'Education providers',
  'home.providers.body':
    'See the aggregated demand by specialisation, occupation and horizon, and the gap to the programmes offered in the region. The figures are protected so that no single company can be singled out. Register your programmes and build the evidence for a YH application or a programme review.',
  'home.students.heading': 'Students',
  'home.students.body':
    'Find internships, LIA, degree projects, trainee programmes and summer jobs with employers in the region. With a profile you get suggestions that explain themselves – which of your skills match and how much demand there is for the occupation.',
  'home.secretariat.heading': "The region's secretariat",
  'home.secretariat.body':
    'Plan and open inventory rounds, follow response rates, remind those who have not answered, and draft an action plan for specialised competence per specialisation – with every figure linked to its evidence.',
  'home.specialisations.heading': "Blekinge's specialisations",
  'home.specialisations.lead': "The region's smart-specialisation strategy names three areas with focus areas:",
  'home.figures.heading': 'In the service right now',
  'home.figures.organisations': 'organisations',
  'home.figures.occupations': 'occupation groups (SSYK 2012)',
  'home.figures.skills': 'skill concepts from JobTech',
  'home.figures.municipalities': 'municipalities (kommuner) in {region}',
  'home.demoNotice':
    'This installation holds fictional demo organisations and people so that you can try the service. No figures concern real companies.',

  'error.notFound.title': 'Page not found',
  'error.notFound.body': 'There is no page at that address. Check the address or go to the start page.',
  'error.badRequest.title': 'Bad request',
  'error.validation.title': 'Please correct the details',
  'error.forbidden.title': 'You are not allowed to do this',
  'error.csrf.title': 'The form could not be sent',
  'error.csrf.detail':
    'The form lacked a valid security code. Reload the page and try again (cookies must be allowed).',
  'error.payloadTooLarge.title': 'Too much data',
  'error.payloadTooLarge.detail': 'The request is larger than the service accepts ({limit}).',
  'error.methodNotAllowed.title': 'Method not allowed',
  'error.internal.title': 'Something went wrong on our side',
  'error.internal.body':
    'An unexpected error occurred. It has been logged. Quote the reference below if you contact the secretariat.',
  'error.reference': 'Reference',
  'error.backHome': 'Back to the start page',
  'error.unavailable.title': 'The service is unavailable right now',
  'validation.cursor.invalid': 'Invalid cursor. Use the nextCursor value from the previous response.',
  'validation.ssyk.format': 'The SSYK code must be 1–4 digits.',
  'validation.county.format': 'The county code must be two digits, e.g. 10.',
  'educationLevel.upper-secondary': 'Upper secondary education',
  'educationLevel.post-secondary-short': 'Post-secondary education under 2 years / YH',
  'educationLevel.bachelor': "Bachelor's or professional degree (post-secondary 2–3 years)",
  'educationLevel.master': "Master's degree (post-secondary 4 years or more)",
  'educationLevel.doctoral': 'Doctoral (research) education',
  'language.invalid': 'Choose Swedish or English.',
};
