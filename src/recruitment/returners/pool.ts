import { auditIn } from '../../audit/index.ts';
import { DomainError } from '../../core/errors.ts';
import { isSecretariat } from '../../core/principal.ts';
import type { Scope } from '../../core/scope.ts';
import { listMunicipalities } from '../../taxonomy/index.ts';
import { countPool, countPoolByKommun, countPoolByOccupation } from './queries.ts';
import type { PoolCounts } from './schemas.ts';

/**
 * The secretariat's view of the pool (decision 0033): counts by SSYK 4 group and by kommun of
 * interest, never names. A count under the disclosure rules' minimum (DISCLOSURE_MIN_ORGS) is shown
 * as "fewer than N", so that a small group does not point at one person.
 */
export async function poolCounts(scope: Scope): Promise<PoolCounts> {
  if (!isSecretariat(scope.principal)) throw new DomainError('forbidden', 'error.forbidden.detail');
  const { db, atomic } = scope.deps;
  const now = scope.now.toISOString();
  const min = scope.deps.config.disclosure.minOrganisations;
  const shown = (n: number) => (n < min ? null : n);
  const [total, byOccupation, byKommun, kommuner] = await Promise.all([
    countPool(db, now),
    countPoolByOccupation(db, now),
    countPoolByKommun(db, now),
    listMunicipalities(db, {}),
  ]);
  const codes = byOccupation.map((r) => r.ssyk_code ?? '').filter((c) => c !== '');
  const ssykRows = codes.length
    ? await db.selectFrom('ssyk').select(['code', 'name_sv', 'name_en']).where('code', 'in', codes).execute()
    : [];
  const ssykNames = new Map(ssykRows.map((r) => [r.code, r]));
  const kommunNames = new Map(kommuner.map((k) => [k.code, k.name]));
  await atomic([auditIn(scope, { action: 'returner.pool-viewed', targetType: 'returner' })]);
  return {
    total: shown(total),
    fewerThan: min,
    byOccupation: byOccupation.map((r) => {
      const code = r.ssyk_code ?? '';
      const names = ssykNames.get(code);
      return {
        code,
        labelSv: names?.name_sv ?? code,
        labelEn: names?.name_en ?? code,
        count: shown(Number(r.n)),
      };
    }),
    byKommun: byKommun.map((r) => ({
      code: r.kommun,
      labelSv: kommunNames.get(r.kommun) ?? r.kommun,
      labelEn: kommunNames.get(r.kommun) ?? r.kommun,
      count: shown(Number(r.n)),
    })),
  };
}
