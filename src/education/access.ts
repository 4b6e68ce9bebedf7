import { type Expression, expressionBuilder, type SqlBool } from 'kysely';
import { DomainError } from '../core/errors.ts';
import { actingUser, type Scope } from '../core/scope.ts';
import type { Database } from '../db/schema.ts';

/**
 * Who may write offerings: the secretariat for every education provider, and a person with the
 * `provider` role in the providing organisation for that organisation's offerings. The same rule
 * is a condition of every write statement (`providerAllowed`), so it holds in the query, not
 * only in the handler.
 */
export type Writer = { all: true; userId: string } | { all: false; userId: string; providerIds: string[] };

export function requireWriter(scope: Scope): Writer {
  const user = actingUser(scope);
  if (user.roles.includes('secretariat')) return { all: true, userId: user.userId };
  const providerIds = user.memberships.filter((m) => m.role === 'provider').map((m) => m.organisationId);
  if (providerIds.length === 0) throw new DomainError('forbidden', 'education.error.notProvider');
  return { all: false, userId: user.userId, providerIds };
}

export function mayWriteFor(writer: Writer, providerId: string): boolean {
  return writer.all || writer.providerIds.includes(providerId);
}

/** SQL: the organisation `provider` (a value or a column) is an education provider this writer acts for. */
export function providerAllowed(writer: Writer, provider: Expression<string> | string): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom('organisations as po')
      .select(eb.lit(1).as('one'))
      .where('po.id', '=', provider)
      .where('po.is_education_provider', '=', 1)
      .$if(!writer.all, (qb) =>
        qb.where((w) =>
          w.exists(
            w
              .selectFrom('memberships as pm')
              .select(w.lit(1).as('one'))
              .whereRef('pm.organisation_id', '=', 'po.id')
              .where('pm.user_id', '=', writer.userId)
              .where('pm.role', '=', 'provider'),
          ),
        ),
      ),
  );
}

// The condition is built apart from the statement it goes into.
const eb = expressionBuilder<Database, never>();
