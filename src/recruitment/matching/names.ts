import type { Scope } from '../../core/scope.ts';
import { organisationsOf } from '../../organisations/index.ts';
import { findOccupationNames, listMunicipalities } from '../../taxonomy/index.ts';
import type { StoredMatch } from './queries.ts';

/** Names for the codes matching's answers carry: occupations, kommuner, organisations. */

export async function names(scope: Scope, occupationIds: readonly string[]) {
  const [occupations, municipalities] = await Promise.all([
    findOccupationNames(scope.deps.db, [...new Set(occupationIds)], scope.lang),
    listMunicipalities(scope.deps.db, {}),
  ]);
  const kommunNames = new Map(municipalities.map((m) => [m.code, m.name]));
  return {
    occupation: (id: string) => ({ code: id, name: occupations.get(id)?.name ?? id }),
    kommun: (code: string | null) => (code ? { code, name: kommunNames.get(code) ?? code } : null),
  };
}

export type Names = Awaited<ReturnType<typeof names>>;

export const presentMatches = (matches: readonly StoredMatch[], n: Names) =>
  matches.map((m) => ({
    source: m.source,
    id: m.id,
    occupation: n.occupation(m.occupationId),
    kommun: n.kommun(m.kommun),
    reasons: m.reasons,
  }));

export async function organisationNames(scope: Scope, ids: readonly string[]) {
  const orgs = await organisationsOf(scope.deps.db, ids);
  return (id: string) => ({ code: id, name: orgs.get(id)?.name ?? id });
}
