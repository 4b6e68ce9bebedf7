import type { Language, Translate } from '../../i18n/i18n.ts';
import type { SharedPostProposal } from './schemas.ts';

/** The proposals page's model (decision 0035): names, answers, the ways and, where it applies, the note. */
export function proposalsModel(
  t: Translate,
  lang: Language,
  organisationId: string,
  proposals: readonly SharedPostProposal[],
) {
  return proposals.map((p) => {
    const own = p.organisations.find((o) => o.id === organisationId);
    return {
      id: p.id,
      heading: `${lang === 'en' ? p.occupationGroup.nameEn : p.occupationGroup.nameSv} (${p.occupationGroup.ssyk})`,
      round: t('flexible.round', { name: p.roundName }),
      organisations: p.organisations.map((o) => ({
        name: o.name,
        own: o.id === organisationId,
        answer: t(`flexible.answer.${o.answer}`),
      })),
      ways: p.ways.map((w) => t(`flexible.way.${w}`)),
      telework: p.teleworkNote.length > 0,
      ownAnswer: own ? t(`flexible.answer.${own.answer}`) : '',
    };
  });
}
