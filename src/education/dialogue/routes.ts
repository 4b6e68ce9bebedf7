import type { Context } from 'hono';
import { z } from 'zod';
import { resolveRound } from '../../demand/index.ts';
import type { AppEnv } from '../../deps.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { organisationMember, PROVIDER, type Routes } from '../../http/routes.ts';
import { scopeOf } from '../../http/scope.ts';
import { mayWriteFor, requireWriter } from '../access.ts';
import { notYours } from '../offerings/routes.ts';
import { consentResponse, consentSchema, findConsent, saveConsent } from './consent.ts';
import { consentingContacts } from './contacts.ts';
import {
  type DialogueCreate,
  dialogueCreateSchema,
  dialogueIdParams,
  dialogueInterestSchema,
  findInterest,
  listInterests,
  registerInterest,
  subjectErrors,
} from './service.ts';

const tags = ['Education'];
const contactSchema = z.object({
  id: z.string(),
  name: z.string(),
  municipalityName: z.string(),
  via: z.array(z.enum(['setting', 'survey'])),
});

export async function checkedInterest(c: Context<AppEnv>, input: DialogueCreate) {
  const scope = scopeOf(c);
  const writer = requireWriter(scope);
  if (!mayWriteFor(writer, input.providerId)) throw notYours(c);
  const t = c.get('t');
  const errors = (await subjectErrors(scope.deps.db, input)).map((e) => ({ path: e.path, message: t(e.messageKey) }));
  if (errors.length > 0)
    throw new AppError(422, 'error.validation.title', { detail: errors.map((e) => e.message).join('; '), errors });
  return registerInterest(scope, writer, input);
}

/** An interest with the organisations the caller may see for it, in the round asked for (or the latest closed). */
export async function interestWithContacts(c: Context<AppEnv>, id: string, roundId: string | undefined) {
  const writer = requireWriter(scopeOf(c));
  const interest = await findInterest(c.get('deps').db, id, writer);
  if (!interest) throw notFound();
  const round = await resolveRound(c.get('deps').db, roundId);
  const organisations = await consentingContacts(
    c.get('deps').db,
    { roundId: round.id, occupation: interest.occupation, specialisation: interest.specialisation },
    writer.all ? 'secretariat' : 'provider',
  );
  return { ...interest, round: { id: round.id, name: round.name }, organisations };
}

export function registerDialogueApiRoutes(routes: Routes): void {
  routes.add(
    {
      method: 'get',
      path: '/api/v1/organisations/:id/contact-consent',
      kind: 'api',
      access: organisationMember('id'),
      tags,
      summary: 'The organisation’s consent to be contacted (its members and the secretariat)',
      params: dialogueIdParams,
      responses: { 200: { description: 'The consent', schema: consentResponse } },
    },
    async (c, { params }) => c.json(await findConsent(c.get('deps').db, params.id)),
  );

  routes.add(
    {
      method: 'put',
      path: '/api/v1/organisations/:id/contact-consent',
      kind: 'api',
      access: organisationMember('id'),
      tags,
      summary:
        'Set the consent: the secretariat may contact us; providers may see our name (implies the first). Version 0 before anything is stored; 409 if stale',
      params: dialogueIdParams,
      body: consentSchema,
      responses: { 200: { description: 'The consent', schema: consentResponse } },
    },
    async (c, { params, body }) => c.json(await saveConsent(scopeOf(c), params.id, body)),
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/dialogue-interests',
      kind: 'api',
      access: PROVIDER,
      tags,
      summary: 'Interests in dialogue: a provider’s own, or all for the secretariat',
      responses: {
        200: {
          description: 'Interests',
          schema: z.object({ items: z.array(dialogueInterestSchema), nextCursor: z.null() }),
        },
      },
    },
    async (c) => c.json({ items: await listInterests(c.get('deps').db, requireWriter(scopeOf(c))), nextCursor: null }),
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/dialogue-interests',
      kind: 'api',
      access: PROVIDER,
      tags,
      summary: 'Register a provider’s interest in dialogue on an occupation (SSYK-4) or a specialisation',
      body: dialogueCreateSchema,
      responses: { 201: { description: 'Registered', schema: dialogueInterestSchema } },
    },
    async (c, { body }) => {
      const id = await checkedInterest(c, body);
      const interest = await findInterest(c.get('deps').db, id, requireWriter(scopeOf(c)));
      c.header('location', `/api/v1/dialogue-interests/${encodeURIComponent(id)}`);
      return c.json(interest, 201);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/dialogue-interests/:id',
      kind: 'api',
      access: PROVIDER,
      tags,
      summary:
        'One interest and the organisations with that need who consented: for providers only those that opted in to being shown to providers',
      params: dialogueIdParams,
      query: z.object({ round: z.string().max(100).optional() }),
      responses: {
        200: {
          description: 'The interest and its contacts',
          schema: dialogueInterestSchema.extend({
            round: z.object({ id: z.string(), name: z.string() }),
            organisations: z.array(contactSchema),
          }),
        },
      },
    },
    async (c, { params, query }) => c.json(await interestWithContacts(c, params.id, query.round)),
  );
}
