/**
 * Messages of mail: the greeting and signature every mail carries, and the development mailbox.
 * sv is the reference; en must carry every key (the type checker enforces it). The app shell
 * composes every feature's messages into one catalogue per language (src/messages.ts).
 */
export const mailSv = {
  // Every mail opens and ends with these (src/mail/compose.ts); {contact} is the CONTACT_EMAIL setting.
  'mail.greeting': 'Hej!',
  'mail.signature': 'Med vänliga hälsningar\n{region} – {app}\nFrågor? Kontakta sekretariatet: {contact}',
  'devMail.title': 'Utkorgen (utveckling)',
  'devMail.notice.heading': 'Utvecklingsverktyg.',
  'devMail.notice.body':
    'Sidan visar utkorgen – all e-post som tjänsten har skickat – i stället för riktig e-post, så att du kan följa inloggnings- och inbjudningslänkar utan en e-postserver. Den finns bara när APP_ENV är development eller test, aldrig i produktion.',
  'devMail.filter.label': 'Filtrera utkorgen',
  'devMail.filter.to': 'Mottagarens e-postadress',
  'devMail.filter.submit': 'Visa',
  'devMail.filter.all': 'Visa alla adresser',
  'devMail.to.invalid': 'Ange en e-postadress, till exempel namn@exempel.se.',
  'devMail.caption.all': 'De senaste meddelandena, nyaste först',
  'devMail.caption.filtered': 'Meddelanden till {to}, nyaste först',
  'devMail.column.sentAt': 'Skickat',
  'devMail.column.to': 'Till',
  'devMail.column.message': 'Ämne och text',
  'devMail.column.links': 'Länkar',
  'devMail.column.delivery': 'Leverans',
  'devMail.delivery.delivered': 'Levererat {at}',
  'devMail.delivery.failed': 'Misslyckades efter {attempts} försök: {error}',
  'devMail.delivery.outboxOnly': 'Bara i utkorgen',
  'devMail.empty.all':
    'Utkorgen är tom. Meddelanden visas här när tjänsten skickar e-post, till exempel en inloggningslänk.',
  'devMail.empty.filtered': 'Inga meddelanden till {to}.',
} as const;

export const mailEn: Record<keyof typeof mailSv, string> = {
  'mail.greeting': 'Hello,',
  'mail.signature': 'Kind regards\n{region} – {app}\nQuestions? Contact the secretariat: {contact}',
  'devMail.title': 'Outbox (development)',
  'devMail.notice.heading': 'Development tool.',
  'devMail.notice.body':
    'This page shows the outbox – every e-mail the service has sent – instead of real mail, so that you can follow sign-in and invitation links without a mail server. It exists only when APP_ENV is development or test, never in production.',
  'devMail.filter.label': 'Filter the outbox',
  'devMail.filter.to': "Recipient's e-mail address",
  'devMail.filter.submit': 'Show',
  'devMail.filter.all': 'Show all addresses',
  'devMail.to.invalid': 'Enter an e-mail address, for example name@example.com.',
  'devMail.caption.all': 'The latest messages, newest first',
  'devMail.caption.filtered': 'Messages to {to}, newest first',
  'devMail.column.sentAt': 'Sent',
  'devMail.column.to': 'To',
  'devMail.column.message': 'Subject and text',
  'devMail.column.links': 'Links',
  'devMail.column.delivery': 'Delivery',
  'devMail.delivery.delivered': 'Delivered {at}',
  'devMail.delivery.failed': 'Failed after {attempts} attempts: {error}',
  'devMail.delivery.outboxOnly': 'Only in the outbox',
  'devMail.empty.all':
    'The outbox is empty. Messages appear here when the service sends mail, for example a sign-in link.',
  'devMail.empty.filtered': 'No messages to {to}.',
};
