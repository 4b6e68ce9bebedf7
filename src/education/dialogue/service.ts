import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { KeyedProblem } from '../../core/errors.ts';
import type { Scope } from '../../core/scope.ts';
import type { Database } from '../../db/schema.ts';
import type { Writer } from '../access.ts';

/** A provider's interest in dialogue with employers about an occupation or a specialisation. */
export const dialogueCreateSchema = z
  .object({
    providerId: z
      .string({ error: 'education.validation.provider' })
      .trim()
      .min(1, { error: 'education.validation.provider' }),
    occupation: z
      .string()
      .trim()
      .max(64)
      .default('')
      .describe('SSYK-4 code as the gap table keys occupations (e.g. 2512)'),
    specialisation: z.string().trim().max(64).default('').describe('specialisation code'),
    message: z.string().trim().max(1000, { error: 'education.dialogue.messageLong' }).default(''),
  })
  .refine((v) => v.occupation !== '' || v.specialisation !== '', {
    error: 'education.dialogue.subjectRequired',
    path: ['occupation'],
  });
export type DialogueCreate = z.infer<typeof dialogueCreateSchema>;

export const dialogueIdParams = z.object({ id: z.string().min(1).max(64) });

export const dialogueInterestSchema = z.object({
  id: z.string(),
  providerId: z.string(),
  providerName: z.string(),
  occupation: z.string(),
  specialisation: z.string(),
  message: z.string().nullable(),
  createdAt: z.string(),
});
export type DialogueInterest = z.infer<typeof dialogueInterestSchema>;

function selectInterests(db: Kysely<Database>) {
  return db
    .selectFrom('dialogue_interests as d')
    .innerJoin('organisations as p', 'p.id', 'd.provider_id')
    .select([
      'd.id',
      'd.provider_id as providerId',
      'p.name as providerName',
      'd.occupation_code as occupation',
      'd.specialisation_code as specialisation',
      'd.message',
      'd.created_at as createdAt',
    ]);
}

/** Interests the writer may see: all for the secretariat, its providers' for provider staff. */
export function listInterests(db: Kysely<Database>, writer: Writer): Promise<DialogueInterest[]> {
  let query = selectInterests(db);
  if (!writer.all) query = query.where('d.provider_id', 'in', [...writer.providerIds, '']);
  return query.orderBy('d.created_at', 'desc').orderBy('d.id').execute();
}

export async function findInterest(db: Kysely<Database>, id: string, writer: Writer) {
  let query = selectInterests(db).where('d.id', '=', id);
  if (!writer.all) query = query.where('d.provider_id', 'in', [...writer.providerIds, '']);
  return query.executeTakeFirst();
}

/** The subject's codes against the reference tables, as message keys at their fields. */
export async function subjectErrors(db: Kysely<Database>, input: DialogueCreate): Promise<KeyedProblem[]> {
  const errors: KeyedProblem[] = [];
  if (input.occupation) {
    const [ssyk, group] = await Promise.all([
      db
        .selectFrom('ssyk')
        .select('code')
        .where('code', '=', input.occupation)
        .where('level', '=', 4)
        .executeTakeFirst(),
      db.selectFrom('occupations').select('id').where('ssyk_code', '=', input.occupation).executeTakeFirst(),
    ]);
    if (!ssyk && !group) errors.push({ path: 'occupation', messageKey: 'education.dialogue.occupationUnknown' });
  }
  if (input.specialisation) {
    const found = await db
      .selectFrom('specialisations')
      .select('code')
      .where('code', '=', input.specialisation)
      .executeTakeFirst();
    if (!found) errors.push({ path: 'specialisation', messageKey: 'education.dialogue.specialisationUnknown' });
  }
  return errors;
}

/** One statement: a repeated interest on the same subject updates its message instead of adding a row. */
export async function registerInterest(scope: Scope, writer: Writer, input: DialogueCreate): Promise<string> {
  const { db, atomic, now, newId } = scope.deps;
  const id = newId();
  await atomic([
    db
      .insertInto('dialogue_interests')
      .values({
        id,
        provider_id: input.providerId,
        occupation_code: input.occupation,
        specialisation_code: input.specialisation,
        message: input.message || null,
        created_by: writer.userId,
        created_at: now().toISOString(),
      })
      .onConflict((oc) =>
        oc
          .columns(['provider_id', 'occupation_code', 'specialisation_code'])
          .doUpdateSet({ message: input.message || null }),
      )
      .compile(),
  ]);
  const row = await db
    .selectFrom('dialogue_interests')
    .select('id')
    .where('provider_id', '=', input.providerId)
    .where('occupation_code', '=', input.occupation)
    .where('specialisation_code', '=', input.specialisation)
    .executeTakeFirst();
  return row?.id ?? id;
}
