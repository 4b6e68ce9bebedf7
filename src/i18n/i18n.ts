import { en } from './messages/en.ts';
import { sv } from './messages/sv.ts';

export const LANGUAGES = ['sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'sv';
export const LANGUAGE_COOKIE = 'lang';

export type Messages = Readonly<Record<string, string>>;

/**
 * One catalogue per language: the app shell's own messages (./messages/sv.ts, en.ts) until the
 * shell installs every feature's beside them (src/messages.ts, when src/features.ts loads). Each
 * feature keeps its messages in its own messages.ts; this module knows none of them, so features
 * can translate without importing each other.
 */
let catalogues: Record<Language, Messages> = { sv, en };

export function installMessages(all: Record<Language, Messages>): void {
  catalogues = all;
}

export type Translate = (key: string, params?: Record<string, unknown>) => string;

export function isLanguage(value: unknown): value is Language {
  return value === 'sv' || value === 'en';
}

export function isMessageKey(key: string): boolean {
  return Object.hasOwn(catalogues.sv, key);
}

function makeTranslator(lang: Language): Translate {
  return (key, params) => {
    const catalogue = catalogues[lang];
    const template = Object.hasOwn(catalogue, key) ? (catalogue[key] ?? key) : key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.hasOwn(params, name) ? String(params[name]) : whole,
    );
  };
}

/** One per language, made once: every request asks for one, and a translator keeps no state. */
const translators: Record<Language, Translate> = { sv: makeTranslator('sv'), en: makeTranslator('en') };

export function translator(lang: Language): Translate {
  return translators[lang];
}

/**
 * The reader's language: an explicit choice (the cookie set by the language switch) wins,
 * then the browser's Accept-Language, then Swedish.
 */
export function negotiateLanguage(cookie: string | undefined, acceptLanguage: string | undefined): Language {
  if (isLanguage(cookie)) return cookie;
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(',')
      .map((part, index) => {
        const [tag = '', ...params] = part.trim().split(';');
        const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
        const quality = q ? Number.parseFloat(q.slice(2)) : 1;
        return { base: tag.toLowerCase().split('-')[0] ?? '', quality: Number.isNaN(quality) ? 0 : quality, index };
      })
      .filter((entry) => entry.quality > 0)
      .sort((a, b) => b.quality - a.quality || a.index - b.index);
    for (const entry of ranked) {
      if (entry.base === 'sv') return 'sv';
      if (entry.base === 'en') return 'en';
    }
  }
  return DEFAULT_LANGUAGE;
}
