import { z } from 'zod';

/** An empty field in the page's GET form arrives as `to=`; that means "every address". */
const blankAsAbsent = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const devMailQuery = z.object({
  to: z
    .preprocess(
      blankAsAbsent,
      z
        .string()
        .trim()
        .max(254)
        .pipe(z.email({ error: 'devMail.to.invalid' }))
        .optional(),
    )
    .describe('Only messages to this address (case-insensitive); without it, every address'),
});

export const devMailMessage = z.object({
  id: z.string(),
  kind: z.string().describe('What the message is for, e.g. sign-in or invitation'),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  links: z.array(z.string()).describe('The links in the message, in order'),
  sentAt: z.string().describe('When the service sent the message, i.e. put it in the outbox (ISO 8601)'),
  deliveredAt: z
    .string()
    .nullable()
    .describe('When a mail transport (SMTP or the HTTP mail API) delivered it; null if none has'),
});

export const devMailList = z.object({ items: z.array(devMailMessage) });
