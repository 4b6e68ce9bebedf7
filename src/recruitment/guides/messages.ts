/** Messages of guides per kommun and a case's named guide (decision 0036), merged into recruitment's catalogue. */
export const guidesSv = {
  'guides.title': 'Inflyttarlotsar och deras kommuner',
  'guides.lead':
    'Välj vilka kommuner varje inflyttarlots arbetar med. Lotsen ser de ärenden som väntar där hushållet vill bo eller där arbetsplatsen ligger. En lots utan valda kommuner ser hela regionens ärenden, och ärenden utan kommun ser alla lotsar.',
  'guides.none': 'Ingen har rollen inflyttarlots ännu. Ge rollen på sidan Användare och roller.',
  'guides.kommuner': 'Kommuner som {name} arbetar med',
  'guides.wholeRegion': 'Hela regionen',
  'guides.save': 'Spara kommuner',
  'guides.saved': 'Kommunerna är sparade.',
  'guides.assign.title': 'Inflyttarlots för ärendet',
  'guides.assign.label': 'Inflyttarlots',
  'guides.assign.submit': 'Byt inflyttarlots',
  'guides.assign.done': 'Ärendet har fått en ny inflyttarlots. Lotsarna och hushållet har fått e-post.',
  'guides.validation.kommun': 'Välj bland regionens kommuner.',
  'guides.validation.guide': 'Välj en person som har rollen inflyttarlots.',
  'guides.error.changedTitle': 'Ärendet har ändrats',
  'guides.error.changed': 'Någon annan har bytt inflyttarlots eller avslutat ärendet under tiden. Läs in sidan igen.',
  'guides.mail.toGuide.subject': 'Du är inflyttarlots för ett flyttärende',
  'guides.mail.toGuide.text':
    'Sekretariatet har gett dig ett flyttärende. Du är nu hushållets inflyttarlots.\n\nSe ärendet:\n{url}',
  'guides.mail.toFormer.subject': 'Ett av dina flyttärenden har en ny inflyttarlots',
  'guides.mail.toFormer.text':
    'Sekretariatet har lämnat över ett av dina flyttärenden till {name}.\n\nSe ärendet:\n{url}',
  'guides.mail.toHousehold.subject': 'Du har en ny inflyttarlots',
  'guides.mail.toHousehold.text':
    'Din inflyttarlots i Kompetensbron är nu {name}. Lotsen hjälper dig med det som behöver ordnas inför flytten.\n\nSe ditt ärende:\n{url}',
};

export const guidesEn: Record<keyof typeof guidesSv, string> = {
  'guides.title': 'Relocation guides and their municipalities',
  'guides.lead':
    'Choose which municipalities each relocation guide works with. A guide sees the waiting cases where the household wants to live or where the workplace is. A guide with no municipalities chosen sees the whole region’s cases, and every guide sees cases with no municipality.',
  'guides.none': 'Nobody has the relocation guide role yet. Give the role on the Users and roles page.',
  'guides.kommuner': 'Municipalities {name} works with',
  'guides.wholeRegion': 'The whole region',
  'guides.save': 'Save municipalities',
  'guides.saved': 'The municipalities are saved.',
  'guides.assign.title': 'The case’s relocation guide',
  'guides.assign.label': 'Relocation guide',
  'guides.assign.submit': 'Change relocation guide',
  'guides.assign.done': 'The case has a new relocation guide. The guides and the household have been told by e-mail.',
  'guides.validation.kommun': 'Choose among the region’s municipalities.',
  'guides.validation.guide': 'Choose a person with the relocation guide role.',
  'guides.error.changedTitle': 'The case has changed',
  'guides.error.changed': 'Someone else changed the relocation guide or closed the case meanwhile. Reload the page.',
  'guides.mail.toGuide.subject': 'You are the relocation guide of a move case',
  'guides.mail.toGuide.text':
    'The secretariat has given you a move case. You are now the household’s relocation guide.\n\nSee the case:\n{url}',
  'guides.mail.toFormer.subject': 'One of your move cases has a new relocation guide',
  'guides.mail.toFormer.text': 'The secretariat has handed one of your move cases to {name}.\n\nSee the case:\n{url}',
  'guides.mail.toHousehold.subject': 'You have a new relocation guide',
  'guides.mail.toHousehold.text':
    'Your relocation guide in Kompetensbron is now {name}. The guide helps you with what needs arranging before the move.\n\nSee your case:\n{url}',
};
