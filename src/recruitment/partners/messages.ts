/**
 * The partner's messages (decision 0029): the partner's own household row, the partner's profile,
 * consents and the access log. Merged into recruitment's catalogue by src/recruitment/index.ts.
 */
export const partnersSv = {
  'moveCase.details.partnerPerson': 'Partner',
  'moveCase.details.partnerAccepted': 'har godkänt',
  'moveCase.details.partnerNotAccepted': 'inbjuden, har inte öppnat ärendet än',
  'moveCase.partner.title': 'Bjud in partnern',
  'moveCase.partner.lead':
    'Partnern får en egen länk till ärendet och godkänner själv. Ingen annan kan godkänna åt partnern.',
  'moveCase.partner.name': 'Partnerns namn',
  'moveCase.partner.email': 'Partnerns e-postadress',
  'moveCase.partner.submit': 'Skicka inbjudan',
  'moveCase.partner.invited': 'Inbjudan är skickad till partnern.',
  'moveCase.validation.partnerName': 'Skriv partnerns namn (högst 200 tecken).',
  'moveCase.validation.partnerEmail': 'Skriv partnerns e-postadress.',
  'moveCase.error.partnerInviter': 'Partnern bjuds in av organisationen eller inflyttarlotsen.',
  'moveCase.error.noPartnerComes': 'Ärendet säger att ingen partner flyttar med. Ändra hushållets uppgifter först.',
  'moveCase.error.partnerInvited': 'Partnern är redan inbjuden till ärendet.',
  'moveCase.error.partnerInvitedTitle': 'Redan inbjuden',
  'moveCase.error.partnerSameEmail': 'Partnern behöver en egen e-postadress, inte den rekryterades.',
  'moveCase.mail.partnerInvite.subject': 'Du är inbjuden till ert flyttärende i Kompetensbron',
  'moveCase.mail.partnerInvite.text':
    'Ni ska flytta hit, och du är inbjuden till hushållets flyttärende i Kompetensbron. Där ser du vad som behöver ordnas inför flytten och vem som gör vad. Du godkänner själv när du öppnar ärendet med din egen länk. Där kan du också göra en egen jobbprofil som bara visas för de organisationer du väljer.\n\nÖppna ärendet med länken nedan. Den fungerar en gång och i 14 dagar. Sedan kan du logga in med din e-postadress.\n\n{url}',
  'audit.action.move-case.partner-invited': 'Partner inbjuden till flyttärende',
} as const;

export const partnersEn: Record<keyof typeof partnersSv, string> = {
  'moveCase.details.partnerPerson': 'Partner',
  'moveCase.details.partnerAccepted': 'has accepted',
  'moveCase.details.partnerNotAccepted': 'invited, has not opened the case yet',
  'moveCase.partner.title': 'Invite the partner',
  'moveCase.partner.lead':
    'The partner gets a link of their own to the case and accepts on their own. Nobody else can accept for the partner.',
  'moveCase.partner.name': 'The partner’s name',
  'moveCase.partner.email': 'The partner’s email address',
  'moveCase.partner.submit': 'Send the invitation',
  'moveCase.partner.invited': 'The invitation has been sent to the partner.',
  'moveCase.validation.partnerName': 'Write the partner’s name (at most 200 characters).',
  'moveCase.validation.partnerEmail': 'Write the partner’s email address.',
  'moveCase.error.partnerInviter': 'The partner is invited by the organisation or the relocation guide.',
  'moveCase.error.noPartnerComes': 'The case says no partner moves too. Change the household’s details first.',
  'moveCase.error.partnerInvited': 'The partner has already been invited to the case.',
  'moveCase.error.partnerInvitedTitle': 'Already invited',
  'moveCase.error.partnerSameEmail': 'The partner needs an email address of their own, not the recruit’s.',
  'moveCase.mail.partnerInvite.subject': 'You are invited to your move case in Kompetensbron',
  'moveCase.mail.partnerInvite.text':
    'You are moving here, and you are invited to your household’s move case in Kompetensbron. It shows what needs arranging before the move and who does what. You accept on your own when you open the case with your own link. There you can also make a job profile of your own, shown only to the organisations you choose.\n\nOpen the case with the link below. It works once and for 14 days. After that you can sign in with your email address.\n\n{url}',
  'audit.action.move-case.partner-invited': 'Partner invited to a move case',
};
