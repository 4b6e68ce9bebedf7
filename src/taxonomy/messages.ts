/**
 * Messages of the taxonomy picker (templates/partials/taxonomy-picker.hbs, src/taxonomy/picker-form.ts).
 * sv is the reference; en must carry every key (the type checker enforces it).
 */
export const taxonomySv = {
  'educationLevel.upper-secondary': 'Gymnasial utbildning',
  'educationLevel.post-secondary-short': 'Eftergymnasial utbildning kortare än två år, till exempel yrkeshögskola',
  'educationLevel.bachelor': 'Kandidat- eller yrkesexamen (eftergymnasial 2–3 år)',
  'educationLevel.master': 'Master- eller magisterexamen (eftergymnasial 4 år eller mer)',
  'educationLevel.doctoral': 'Forskarutbildning',
  'taxonomy.picker.notFound': 'Vi hittade inte ”{entry}”.',
  'taxonomy.picker.notFoundSuggest': 'Vi hittade inte ”{entry}”. Menade du {suggestions}?',
  'taxonomy.picker.occupationHint':
    'Skriv en yrkestitel, till exempel undersköterska eller mjukvaruutvecklare, och välj yrkesgrupp bland förslagen.',
  'taxonomy.picker.occupationsHint': 'Skriv yrkenas namn, ett per rad eller skilda med kommatecken.',
  'taxonomy.picker.skillsHint': 'Skriv kompetensernas namn, en per rad eller skilda med kommatecken.',
  'taxonomy.picker.search': 'Sök',
  'taxonomy.picker.chosen': 'Valda',
  'taxonomy.picker.suggestions': 'Förslag',
  'taxonomy.picker.remove': 'Ta bort {label}',
  'taxonomy.picker.results': '{n} förslag. Använd pil upp och ner för att välja.',
  'taxonomy.picker.noMatch': 'Inga träffar för ”{query}”.',
  'taxonomy.picker.tryAnother': 'Prova ett annat ord eller en SSYK-kod.',
  'taxonomy.picker.didYouMean': 'Menade du:',
  'taxonomy.picker.inGroup': 'i yrkesgruppen',
  'taxonomy.picker.matchedTitle': '{title} → {group}',
  'taxonomy.picker.linkedSkills': 'Kompetenser som hör till {label}',
  'taxonomy.picker.onlyOne.occupation': 'Välj bara ett yrke. En plats kan bara gälla ett yrke.',
  'taxonomy.picker.onlyOne.skill': 'Välj en kompetens, inte {n}.',
  'taxonomy.picker.unmatched': 'finns inte i listan – vi kontrollerar när du sparar',
};

export const taxonomyEn: Record<keyof typeof taxonomySv, string> = {
  'educationLevel.upper-secondary': 'Upper secondary education',
  'educationLevel.post-secondary-short':
    'Post-secondary education under two years, for example higher vocational education (YH)',
  'educationLevel.bachelor': "Bachelor's or professional degree (post-secondary 2–3 years)",
  'educationLevel.master': "Master's degree (post-secondary 4 years or more)",
  'educationLevel.doctoral': 'Doctoral (research) education',
  'taxonomy.picker.notFound': 'We could not find “{entry}”.',
  'taxonomy.picker.notFoundSuggest': 'We could not find “{entry}”. Did you mean {suggestions}?',
  'taxonomy.picker.occupationHint':
    'Type a job title (in Swedish, for example sjuksköterska or mjukvaruutvecklare) or an occupation group, and choose from the suggestions.',
  'taxonomy.picker.occupationsHint': 'Type the occupations by name, one a line or separated by commas.',
  'taxonomy.picker.skillsHint': 'Type the skills by name, one a line or separated by commas.',
  'taxonomy.picker.search': 'Search',
  'taxonomy.picker.chosen': 'Chosen',
  'taxonomy.picker.suggestions': 'Suggestions',
  'taxonomy.picker.remove': 'Remove {label}',
  'taxonomy.picker.results': '{n} suggestions. Use the up and down arrows to choose.',
  'taxonomy.picker.noMatch': 'Nothing found for “{query}”.',
  'taxonomy.picker.tryAnother': 'Try another word or an SSYK code.',
  'taxonomy.picker.didYouMean': 'Did you mean:',
  'taxonomy.picker.inGroup': 'in the occupation group',
  'taxonomy.picker.matchedTitle': '{title} → {group}',
  'taxonomy.picker.linkedSkills': 'Skills that belong to {label}',
  'taxonomy.picker.onlyOne.occupation': 'Choose only one occupation. A placement can be for only one occupation.',
  'taxonomy.picker.onlyOne.skill': 'Choose one skill, not {n}.',
  'taxonomy.picker.unmatched': 'not in the list – we check when you save',
};
