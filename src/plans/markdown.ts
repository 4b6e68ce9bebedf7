import MarkdownIt from 'markdown-it';

/**
 * The secretariat's prose as HTML. markdown-it with `html: false` escapes any HTML typed into the
 * text, so the output needs no DOM sanitiser (there is none on Workers); links may only go to
 * http(s), mail or this service's own paths, and images are off (a picture from elsewhere would
 * be a tracking pixel in a public document). See docs/decisions/0015-competence-plans.md.
 */
const md = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false });
md.disable(['image', 'html_inline', 'html_block']);

const SAFE_LINK = /^(https?:\/\/|mailto:|\/(?!\/)|#)/i;
md.validateLink = (url: string) => SAFE_LINK.test(url.trim());

// A section's own heading is an h2: the prose's headings sit below it.
md.renderer.rules.heading_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx];
  if (token) token.tag = `h${Math.min(Number(token.tag.slice(1)) + 2, 6)}`;
  return self.renderToken(tokens, idx, options);
};
md.renderer.rules.heading_close = (tokens, idx, options, _env, self) => {
  const token = tokens[idx];
  if (token) token.tag = `h${Math.min(Number(token.tag.slice(1)) + 2, 6)}`;
  return self.renderToken(tokens, idx, options);
};

export function renderMarkdown(source: string): string {
  return md.render(source);
}
