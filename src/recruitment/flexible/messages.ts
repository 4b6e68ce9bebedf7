/**
 * Shared-post proposals (decision 0035). The ways and the telework note follow the field study,
 * research/recruitment.md §4.2 (R34–R36) and §4.3 (R37).
 */
export const flexibleSv = {
  'flexible.title': 'Förslag om delade tjänster',
  'flexible.intro':
    'Här visas andra organisationer som i samma enkätomgång angett ett behov på deltid inom samma yrkesgrupp och som, liksom ni, sagt att de kan tänka sig att dela en tjänst. Bara organisationer som gett det samtycket visas.',
  'flexible.none': 'Inga förslag just nu.',
  'flexible.round': 'Enkätomgång: {name}',
  'flexible.organisations': 'Organisationer',
  'flexible.answer.proposed': 'Inte besvarat',
  'flexible.answer.accepted': 'Vill gå vidare',
  'flexible.answer.declined': 'Avböjt',
  'flexible.ways': 'Så kan en tjänst delas',
  'flexible.way.two-part-time-contracts':
    'Två deltidsanställningar, en hos varje organisation, med ett samordnat schema.',
  'flexible.way.intermediary':
    'En mellanhand anställer och hyr ut: ett bemanningsföretag eller en arbetsgivarring som organisationerna bildar.',
  'flexible.way.public-agreement': 'Inom offentlig sektor: en delad tjänst genom avtal mellan myndigheterna.',
  'flexible.telework.title': 'Distansarbete över gränsen',
  'flexible.telework.text':
    'Enligt EU:s ramavtal om gränsöverskridande distansarbete (i kraft sedan 1 juli 2023) kan den som bor i ett land och arbetar för en arbetsgivare i ett annat arbeta på distans hemifrån upp till under 50 % av tiden och ändå omfattas av socialförsäkringen i arbetsgivarens land, om båda länderna har skrivit under avtalet. Arbetsgivaren ansöker om intyg A1.',
  'flexible.accept': 'Vi vill gå vidare',
  'flexible.decline': 'Avböj',
  'flexible.answered': 'Ert svar är sparat.',
  'flexible.error.answer': 'Svara ja (accept) eller nej (decline).',
  'flexible.mail.subject': 'Förslag om en delad tjänst',
  'flexible.mail.text':
    'En annan organisation har angett ett behov på deltid inom samma yrkesgrupp som er och kan, liksom ni, tänka sig att dela en tjänst. Se förslaget, sätten att dela en tjänst och svara här: {url}',
  'audit.action.shared-post.proposed': 'Delad tjänst föreslagen',
  'audit.action.shared-post.accepted': 'Organisation tackade ja till en delad tjänst',
  'audit.action.shared-post.declined': 'Organisation tackade nej till en delad tjänst',
};

export const flexibleEn: Record<keyof typeof flexibleSv, string> = {
  'flexible.title': 'Shared-post proposals',
  'flexible.intro':
    'Other organisations that, in the same survey round, declared a part-time need in the same occupation group and, like you, said they are open to sharing a post. Only organisations that gave that consent are shown.',
  'flexible.none': 'No proposals at the moment.',
  'flexible.round': 'Survey round: {name}',
  'flexible.organisations': 'Organisations',
  'flexible.answer.proposed': 'Not answered',
  'flexible.answer.accepted': 'Would like to go ahead',
  'flexible.answer.declined': 'Declined',
  'flexible.ways': 'Ways to share a post',
  'flexible.way.two-part-time-contracts':
    'Two part-time contracts, one with each organisation, on a coordinated schedule.',
  'flexible.way.intermediary':
    'An intermediary employs and leases: a staffing firm, or an employer group (arbetsgivarring) that the organisations form.',
  'flexible.way.public-agreement': 'Within the public sector: a shared post by agreement between the public bodies.',
  'flexible.telework.title': 'Cross-border telework',
  'flexible.telework.text':
    'Under the EU framework agreement on cross-border telework (in force since 1 July 2023), a person who lives in one country and works for an employer in another can telework from home for up to under 50 % of their working time and stay covered by the social security of the employer’s country, when both countries have signed the agreement. The employer applies for an A1 certificate.',
  'flexible.accept': 'We would like to go ahead',
  'flexible.decline': 'Decline',
  'flexible.answered': 'Your answer is saved.',
  'flexible.error.answer': 'Answer accept or decline.',
  'flexible.mail.subject': 'A proposal for a shared post',
  'flexible.mail.text':
    'Another organisation has declared a part-time need in the same occupation group as yours and, like you, is open to sharing a post. See the proposal and the ways to share a post, and answer here: {url}',
  'audit.action.shared-post.proposed': 'Shared post proposed',
  'audit.action.shared-post.accepted': 'Organisation accepted a shared post',
  'audit.action.shared-post.declined': 'Organisation declined a shared post',
};
