/**
 * Messages of the privacy feature (erasing one's account), kept beside the main catalogue so that
 * feature work does not edit one shared file. sv is the reference; en must carry every key (the type
 * checker enforces it). The account page's own keys (account.data.*, account.erase.link) stay with
 * identity, which renders that page.
 */
export const privacySv = {
  'account.erase.title': 'Radera ditt konto',
  'account.erase.lead': 'När du raderar ditt konto händer följande:',
  'account.erase.removes': 'Ditt namn, din e-postadress, dina roller, inloggningar och meddelanden till dig tas bort.',
  'account.erase.keeps':
    'Svar som du lämnat för en organisation finns kvar, eftersom de tillhör organisationen. De visas som lämnade av en raderad användare.',
  'account.erase.final': 'Det går inte att ångra. Du kan registrera dig igen senare med samma adress.',
  'account.erase.confirm': 'Jag förstår och vill radera mitt konto',
  'account.erase.confirmRequired': 'Kryssa i rutan för att bekräfta att du vill radera kontot.',
  'account.erase.submit': 'Radera kontot',
  'account.erased.title': 'Ditt konto är raderat',
  'account.erased.body': 'Dina personuppgifter är borttagna och du är utloggad.',
} as const;

export const privacyEn: Record<keyof typeof privacySv, string> = {
  'account.erase.title': 'Erase your account',
  'account.erase.lead': 'When you erase your account:',
  'account.erase.removes': 'Your name, e-mail address, roles, sign-ins and messages to you are removed.',
  'account.erase.keeps':
    'Answers you gave for an organisation remain, because they belong to the organisation; they are shown as given by an erased user.',
  'account.erase.final': 'It cannot be undone. You can register again later with the same address.',
  'account.erase.confirm': 'I understand and want to erase my account',
  'account.erase.confirmRequired': 'Tick the box to confirm that you want to erase your account.',
  'account.erase.submit': 'Erase the account',
  'account.erased.title': 'Your account has been erased',
  'account.erased.body': 'Your personal data has been removed and you are signed out.',
};
