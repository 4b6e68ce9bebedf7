/**
 * The Swedish catalogue is the reference: every key here must exist in en.ts (the type checker
 * enforces it). Text never lives in templates. `{name}` is replaced by a parameter.
 */
export const sv = {
  'app.name': 'Kompetensbron',
  'app.tagline': 'Regionens kompetensbehov – inventerade, delade och omsatta i utbildning och praktik',
  'app.region': 'Region Blekinge',
  'layout.skipToContent': 'Hoppa till innehållet',
  'layout.mainNav': 'Huvudmeny',
  'layout.nav.home': 'Start',
  'layout.nav.api': 'API',
  'layout.language': 'Språk',
  'layout.switchTo': 'In English',
  'layout.switchToLang': 'en',
  'layout.footer.about': 'Kompetensbron är öppen källkod och drivs av regionens sekretariat för smart specialisering.',
  'layout.footer.demo': 'Demodata: organisationer och personer som visas här är påhittade.',
  'layout.footer.health': 'Driftstatus',

  'home.title': 'Vilken kompetens behöver Blekinge – och hur får vi den?',
  'home.lead':
    'Kompetensbron samlar arbetsgivarnas kompetensbehov i återkommande inventeringsrundor, visar utbildningsanordnarna efterfrågan och gapet mot utbudet, hjälper studenter till praktik, LIA och exjobb i regionen och ger sekretariatet underlag till en handlingsplan för specialiserad kompetens.',
  'home.audiences.heading': 'Vem är Kompetensbron till för?',
  'home.companies.heading': 'Företag och organisationer',
  'home.companies.body':
    'Svara på regionens kompetensenkät för er organisation: vilka yrken och färdigheter ni behöver, när, och hur svårt det är att rekrytera. Flera kollegor kan arbeta i samma utkast. Ni ser era egna svar bredvid den skyddade regionala bilden och kan erbjuda praktik, LIA, exjobb och traineeplatser direkt från ett behov.',
  'home.providers.heading': 'Utbildningsanordnare',
  'home.providers.body':
    'Se den sammanställda efterfrågan per specialiseringsområde, yrke och tidshorisont, och gapet mot de utbildningar som finns i regionen. Siffrorna är skyddade så att inget enskilt företag kan pekas ut. Registrera era utbildningar och ta fram underlag till en YH-ansökan eller programöversyn.',
  'home.students.heading': 'Studenter',
  'home.students.body':
    'Hitta praktikplatser, LIA, examensarbeten, traineeprogram och sommarjobb hos arbetsgivare i regionen. Med en profil får du förslag som förklaras – vilka av dina färdigheter som matchar och hur stor efterfrågan är på yrket.',
  'home.secretariat.heading': 'Regionens sekretariat',
  'home.secretariat.body':
    'Planera och öppna inventeringsrundor, följ svarsfrekvensen, påminn dem som inte svarat och ta fram en handlingsplan för specialiserad kompetens per specialiseringsområde – med varje siffra kopplad till sitt underlag.',
  'home.specialisations.heading': 'Blekinges specialiseringsområden',
  'home.specialisations.lead': 'Regionens strategi för smart specialisering pekar ut tre områden med fokusområden:',
  'home.figures.heading': 'I tjänsten just nu',
  'home.figures.organisations': 'organisationer',
  'home.figures.occupations': 'yrkesgrupper (SSYK 2012)',
  'home.figures.skills': 'kompetensbegrepp från JobTech',
  'home.figures.municipalities': 'kommuner i {region}',
  'home.demoNotice':
    'Den här installationen innehåller påhittade demoorganisationer och demopersoner så att du kan prova tjänsten. Inga uppgifter rör verkliga företag.',

  'error.notFound.title': 'Sidan finns inte',
  'error.notFound.body': 'Vi hittar ingen sida på den adressen. Kontrollera adressen eller gå till startsidan.',
  'error.badRequest.title': 'Felaktig begäran',
  'error.validation.title': 'Uppgifterna behöver rättas',
  'error.forbidden.title': 'Du saknar behörighet',
  'error.csrf.title': 'Formuläret kunde inte skickas',
  'error.csrf.detail':
    'Formuläret saknade en giltig säkerhetskod. Ladda om sidan och försök igen (kakor måste vara tillåtna).',
  'error.payloadTooLarge.title': 'För mycket data',
  'error.payloadTooLarge.detail': 'Begäran är större än vad tjänsten tar emot ({limit}).',
  'error.methodNotAllowed.title': 'Metoden stöds inte',
  'error.internal.title': 'Något gick fel hos oss',
  'error.internal.body':
    'Ett oväntat fel inträffade. Felet är loggat. Ange referensen nedan om du kontaktar sekretariatet.',
  'error.reference': 'Referens',
  'error.backHome': 'Till startsidan',
  'error.unavailable.title': 'Tjänsten är inte tillgänglig just nu',
  'validation.cursor.invalid': 'Ogiltig sidmarkör (cursor). Använd värdet nextCursor från föregående svar.',
  'validation.ssyk.format': 'SSYK-koden ska vara 1–4 siffror.',
  'validation.county.format': 'Länskoden ska vara två siffror, t.ex. 10.',
  'educationLevel.upper-secondary': 'Gymnasial utbildning',
  'educationLevel.post-secondary-short': 'Eftergymnasial utbildning kortare än 2 år / YH',
  'educationLevel.bachelor': 'Kandidat- eller yrkesexamen (eftergymnasial 2–3 år)',
  'educationLevel.master': 'Master- eller magisterexamen (eftergymnasial 4 år eller mer)',
  'educationLevel.doctoral': 'Forskarutbildning',
  'language.invalid': 'Välj svenska eller engelska.',
  'error.unauthorized.title': 'Du behöver logga in',
  'error.unauthorized.detail': 'Logga in för att fortsätta.',
  'error.forbidden.student': 'Den här sidan är för studenter.',
  'error.forbidden.tokenNotPerson': 'Det här kräver en inloggad person, inte en API-nyckel.',
  'auth.apiToken.invalid': 'API-nyckeln är ogiltig, har återkallats eller har gått ut.',
  'form.errorSummary.title': 'Det finns fel i formuläret',
  'form.errorPrefix': 'Fel:',
  'form.optional': '(frivilligt)',
  'form.save': 'Spara',
  'form.cancel': 'Avbryt',
  'layout.nav.signIn': 'Logga in',
  'layout.nav.account': 'Mitt konto',
} as const;

export type MessageKey = keyof typeof sv;
