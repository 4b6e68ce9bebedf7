import type { IndicatorCode } from './measures.ts';
import type { SectionInput } from './sections/context.ts';
import { recruitmentIndicators } from './sections/demand.ts';

/**
 * The indicators of a round, protected: what a measure's baseline and its later re-measurements
 * are. Shares and the mean come from /demand's indicators, with its disclosure rule.
 */
export async function measureIndicators(
  input: SectionInput,
  roundId: string,
): Promise<Record<IndicatorCode, number | null>> {
  const figures = await recruitmentIndicators({ ...input, view: 'protected' }, roundId);
  return {
    organisations: figures.organisations.value,
    headcount: figures.base.value,
    'difficulty-mean': figures.mean.value,
    'recruit-outside-share': figures.shares['recruit-outside']?.value ?? null,
    'relocation-family-share': figures.shares['relocation-family']?.value ?? null,
    'remote-share': figures.shares.remote?.value ?? null,
    'train-staff-share': figures.shares['train-staff']?.value ?? null,
  };
}
