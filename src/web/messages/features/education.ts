/**
 * Messages of the education feature, kept beside the main catalogue so that feature work does not
 * edit one shared file. sv is the reference; en must carry every key (the type checker enforces it).
 */
export const educationSv = {
  'education.validation.name': 'Ange utbildningens namn.',
  'education.validation.nameLong': 'Namnet får vara högst 200 tecken.',
  'education.validation.provider': 'Välj utbildningsanordnare.',
  'education.validation.notProvider': 'Organisationen finns inte eller är inte registrerad som utbildningsanordnare.',
  'education.validation.form': 'Välj utbildningsform.',
  'education.validation.sunLevel': 'Ange en SUN 2020-nivå med två siffror, till exempel 41.',
  'education.validation.sunLevelUnknown': 'Det finns ingen SUN 2020-nivå med den koden.',
  'education.validation.sunField': 'Ange en SUN 2020-inriktning med tre siffror, till exempel 521.',
  'education.validation.sunFieldUnknown': 'Det finns ingen SUN 2020-inriktning med den koden.',
  'education.validation.occupations': 'Yrkena ska vara en lista med begrepps-id.',
  'education.validation.skills': 'Kompetenserna ska vara en lista med begrepps-id.',
  'education.validation.occupationUnknown': 'Det finns inget yrke med id {id}.',
  'education.validation.skillUnknown': 'Det finns ingen kompetens med id {id}.',
  'education.validation.tooMany': 'Listan är för lång.',
  'education.validation.places': 'Ange antal platser per år som ett heltal från 0.',
  'education.validation.graduates': 'Ange förväntat antal examinerade per år som ett heltal från 0.',
  'education.validation.municipality': 'Ange en kommunkod med fyra siffror, till exempel 1080.',
  'education.validation.place': 'Ange en kommun, eller markera att utbildningen ges på distans.',
  'education.validation.distance': 'Ange om utbildningen ges på distans.',
  'education.validation.language': 'Välj undervisningsspråk.',
  'education.validation.pace': 'Ange studietakt i procent, 1–100.',
  'education.validation.startDate': 'Ange startdatum som ÅÅÅÅ-MM-DD.',
  'education.validation.url': 'Ange en webbadress som börjar med http:// eller https://.',
  'education.validation.description': 'Beskrivningen får vara högst 2 000 tecken.',
  'education.validation.horizon': 'Välj horisont 0-1, 1-3 eller 3-5.',
  'education.error.notProvider':
    'Du behöver rollen utbildningsanordnare i en organisation för att registrera utbildningar.',
  'education.error.notYourProvider':
    'Du kan bara ändra utbildningar för anordnare där du har rollen utbildningsanordnare.',
  'education.error.staleTitle': 'Utbildningen har ändrats av någon annan',
  'education.error.stale':
    'Du ändrade version {yours}, men den sparade är version {current}. Ladda om och gör ändringen igen.',
} as const;

export const educationEn: Record<keyof typeof educationSv, string> = {
  'education.validation.name': 'Enter the name of the offering.',
  'education.validation.nameLong': 'The name can be at most 200 characters.',
  'education.validation.provider': 'Choose the education provider.',
  'education.validation.notProvider': 'The organisation does not exist or is not registered as an education provider.',
  'education.validation.form': 'Choose the form of education.',
  'education.validation.sunLevel': 'Enter a SUN 2020 level of two digits, for example 41.',
  'education.validation.sunLevelUnknown': 'There is no SUN 2020 level with that code.',
  'education.validation.sunField': 'Enter a SUN 2020 field of three digits, for example 521.',
  'education.validation.sunFieldUnknown': 'There is no SUN 2020 field with that code.',
  'education.validation.occupations': 'Occupations must be a list of concept ids.',
  'education.validation.skills': 'Skills must be a list of concept ids.',
  'education.validation.occupationUnknown': 'There is no occupation with id {id}.',
  'education.validation.skillUnknown': 'There is no skill with id {id}.',
  'education.validation.tooMany': 'The list is too long.',
  'education.validation.places': 'Enter the places a year as a whole number from 0.',
  'education.validation.graduates': 'Enter the expected graduates a year as a whole number from 0.',
  'education.validation.municipality': 'Enter a four-digit municipality code, for example 1080.',
  'education.validation.place': 'Enter a municipality, or tick that the offering is given at a distance.',
  'education.validation.distance': 'Say whether the offering is given at a distance.',
  'education.validation.language': 'Choose the language of instruction.',
  'education.validation.pace': 'Enter the pace of study in per cent, 1–100.',
  'education.validation.startDate': 'Enter start dates as YYYY-MM-DD.',
  'education.validation.url': 'Enter a web address starting with http:// or https://.',
  'education.validation.description': 'The description can be at most 2,000 characters.',
  'education.validation.horizon': 'Choose horizon 0-1, 1-3 or 3-5.',
  'education.error.notProvider': 'You need the education-provider role in an organisation to register offerings.',
  'education.error.notYourProvider':
    'You can change offerings only for providers where you have the education-provider role.',
  'education.error.staleTitle': 'Someone else has changed the offering',
  'education.error.stale':
    'You changed version {yours}, but the stored one is version {current}. Reload and make the change again.',
} as const;
