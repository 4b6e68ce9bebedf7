import type { Kysely } from 'kysely';
import { z } from 'zod';
import { StaleVersion } from '../../core/errors.ts';
import { actingUser, type Scope } from '../../core/scope.ts';
import type { Database } from '../../db/schema.ts';

/**
 * An organisation's standing consent to be contacted about its needs, set by its members, in two
 * levels: the secretariat may contact us; education providers may see our name when they ask for
 * dialogue (the second implies the first). The survey's per-round "providers may contact us"
 * answer reaches the secretariat's lists only (decision 0012).
 */
export const consentSchema = z
  .object({
    secretariatMayContact: z.boolean({ error: 'education.consent.invalid' }),
    shownToProviders: z.boolean({ error: 'education.consent.invalid' }),
    version: z.coerce
      .number({ error: 'validation.version.required' })
      .int({ error: 'validation.version.required' })
      .min(0, { error: 'validation.version.required' })
      .describe('The version you read; 0 before anything is stored'),
  })
  .refine((v) => !v.shownToProviders || v.secretariatMayContact, {
    error: 'education.consent.impliesSecretariat',
    path: ['secretariatMayContact'],
  });
export type ConsentInput = z.infer<typeof consentSchema>;

export const consentResponse = z.object({
  organisationId: z.string(),
  secretariatMayContact: z.boolean(),
  shownToProviders: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type Consent = z.infer<typeof consentResponse>;

export async function findConsent(db: Kysely<Database>, organisationId: string): Promise<Consent> {
  const row = await db
    .selectFrom('organisation_contact_consent')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return {
    organisationId,
    secretariatMayContact: row?.secretariat_may_contact === 1,
    shownToProviders: row?.shown_to_providers === 1,
    version: row?.version ?? 0,
    updatedAt: row?.updated_at ?? null,
  };
}

/** One conditional statement: an insert when version 0 (nothing stored yet), else an update at that version. */
export async function saveConsent(scope: Scope, organisationId: string, input: ConsentInput): Promise<Consent> {
  const { db, atomic, now } = scope.deps;
  const user = actingUser(scope);
  const at = now().toISOString();
  const values = {
    secretariat_may_contact: input.secretariatMayContact ? 1 : 0,
    shown_to_providers: input.shownToProviders ? 1 : 0,
    updated_at: at,
    updated_by: user.userId,
  };
  const query =
    input.version === 0
      ? db
          .insertInto('organisation_contact_consent')
          .values({ organisation_id: organisationId, ...values, version: 1 })
          .onConflict((oc) => oc.column('organisation_id').doNothing())
          .compile()
      : db
          .updateTable('organisation_contact_consent')
          .set((eb) => ({ ...values, version: eb('version', '+', eb.lit(1)) }))
          .where('organisation_id', '=', organisationId)
          .where('version', '=', input.version)
          .compile();
  const [result] = await atomic([query]);
  const current = await findConsent(db, organisationId);
  if (result?.numAffectedRows === 1n) return current;
  throw new StaleVersion('education.consent.staleTitle', 'education.error.stale', input.version, current.version, {
    currentVersion: current.version,
  });
}
