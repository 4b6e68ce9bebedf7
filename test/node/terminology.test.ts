import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en, sv } from '../../src/messages.ts';

/**
 * One term per concept (issue 18): docs/glossary.md's terminology table names, per concept, the
 * word the interface uses and the words it does not. No Swedish message may contain a word from
 * the "not this" column — whole words, any letter case — except where the exceptions below say
 * why the word is right there.
 */
const glossary = readFileSync(new URL('../../docs/glossary.md', import.meta.url), 'utf8');

/** The "not this" words of the terminology table: every `…` in its third column. */
function forbiddenTerms(markdown: string): { concept: string; term: string }[] {
  const section = markdown.split(/^## Terminology.*$/m)[1] ?? '';
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*(concept|-+)\s*\|/.test(line))
    .map((line) => line.split('|').map((cell) => cell.trim()));
  return rows.flatMap(([, concept = '', , notThis = '']) =>
    [...notThis.matchAll(/`([^`]+)`/g)].map((m) => ({ concept, term: m[1] ?? '' })),
  );
}

/**
 * Strings where a "not this" word is the right word. Each names the key, the word and why;
 * nothing else is excused.
 */
const EXCEPTIONS: { key: string; term: string; why: string }[] = [
  // "Smart specialisering" is the name of the EU policy and of the region's strategy.
  { key: 'layout.footer.about', term: 'specialisering', why: 'smart specialisering, the policy' },
  { key: 'home.specialisations.lead', term: 'specialisering', why: 'smart specialisering, the policy' },
  { key: 'dictionary.source.specialisation', term: 'specialisering', why: 'smart specialisering, the policy' },
  { key: 'dictionary.source.focusArea', term: 'specialisering', why: 'smart specialisering, the policy' },
  // "Inriktning" is SUN 2020's own word for a field of education.
  { key: 'education.validation.sunField', term: 'inriktning', why: 'SUN field' },
  { key: 'education.validation.sunFieldUnknown', term: 'inriktning', why: 'SUN field' },
  { key: 'education.import.column.sunField', term: 'inriktning', why: 'SUN field' },
  { key: 'education.offering.sunField', term: 'inriktning', why: 'SUN field' },
  { key: 'education.offering.sunField.hint', term: 'inriktning', why: 'SUN field' },
  // The data dictionary documents the flag the files carry.
  { key: 'dictionary.column.flag', term: ':c', why: 'the data dictionary documents the flag' },
  { key: 'dictionary.disclosure.flag', term: ':c', why: 'the data dictionary documents the flag' },
];

/** A whole word in any letter case: no letter or digit right before or after it (\b knows no å, ä, ö). */
const wholeWord = (term: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'iu');

describe('terminology', () => {
  const terms = forbiddenTerms(glossary);

  it('reads the glossary table: every concept has words it does not use', () => {
    expect(terms.length).toBeGreaterThan(20);
    expect(terms.map((t) => t.term)).toEqual(expect.arrayContaining(['runda', 'exjobb', 'brev', 'revision', ':c']));
  });

  it('uses no word from the "not this" column in any Swedish message', () => {
    const found: string[] = [];
    for (const [key, text] of Object.entries(sv)) {
      for (const { concept, term } of terms) {
        if (!wholeWord(term).test(text)) continue;
        if (EXCEPTIONS.some((e) => e.key === key && e.term === term)) continue;
        found.push(`${key}: "${term}" (${concept}) in "${text}"`);
      }
    }
    expect(found).toEqual([]);
  });

  it('matches whole words only, in any letter case, with Swedish letters', () => {
    expect(wholeWord('runda').test('Rundan')).toBe(false);
    expect(wholeWord('runda').test('Ny Runda.')).toBe(true);
    expect(wholeWord('brev').test('Inga brevlådor')).toBe(false);
    expect(wholeWord('täckning').test('Täckningsgrad')).toBe(false);
    expect(wholeWord('täckning').test('Täckning')).toBe(true);
    expect(wholeWord(':c').test('skrivs :c.')).toBe(true);
  });

  it('says survey round in English, never inventory round', () => {
    expect(Object.entries(en).filter(([, text]) => /inventory rounds?|inventoried/i.test(text))).toEqual([]);
  });
});
