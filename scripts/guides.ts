/**
 * The user guides (`docs/guides/<lang>/<name>.md`) ship inside the extension: this build step turns each
 * into HTML once, so the guide page needs no Markdown parser and no network. GitHub shows the same files,
 * so links stay ordinary relative Markdown links, rewritten here to the guide page's own addresses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Marked, type Token, type Tokens } from 'marked';

export const GUIDES_DIR = resolve(import.meta.dirname, '../docs/guides');
/** A guide's language folder's index; the guide page shows it under this name. */
export const INDEX_FILE = 'README.md';
export const INDEX_NAME = 'index';

export interface GuideReferences {
  links: string[];
  images: string[];
  /** Raw HTML in the Markdown: refused, since the page sets the result as its own markup. */
  html: string[];
}

const lexer = new Marked();

/** Every link, image and piece of raw HTML in a guide, in order. */
export function guideReferences(markdown: string): GuideReferences {
  const found: GuideReferences = { links: [], images: [], html: [] };
  lexer.walkTokens(lexer.lexer(markdown), (token: Token) => {
    if (token.type === 'link') found.links.push((token as Tokens.Link).href);
    else if (token.type === 'image') found.images.push((token as Tokens.Image).href);
    else if (token.type === 'html') found.html.push((token as Tokens.HTML).raw.trim());
  });
  return found;
}

const guideName = (file: string) => {
  const name = basename(file, '.md');
  return name === basename(INDEX_FILE, '.md') ? INDEX_NAME : name;
};

/**
 * Where a guide's link goes on the guide page, or why it cannot go anywhere. `from` is the guide's own
 * path; a link to another guide names its file (`microsoft.md`, `../nl/google.md`).
 */
export function pageLink(
  href: string,
  from: string,
): { href: string; external: boolean } | { error: string } {
  if (/^https:\/\//.test(href)) return { href, external: true };
  if (href.startsWith('#')) return { href: `#${guideName(from)}:${href.slice(1)}`, external: false };
  if (/^[a-z]+:/i.test(href)) return { error: `${href}: only https:// links leave the guides` };
  const [path = '', anchor] = href.split('#');
  if (!path.endsWith('.md')) return { error: `${href}: a link inside the guides names a .md file` };
  const target = resolve(dirname(from), path);
  if (dirname(dirname(target)) !== GUIDES_DIR) return { error: `${href}: not a guide` };
  const language = basename(dirname(target));
  const sameLanguage = dirname(target) === dirname(from);
  const name = guideName(target);
  return {
    href: `${sameLanguage ? '' : `?lang=${language}`}#${name}${anchor ? `:${anchor}` : ''}`,
    external: false,
  };
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');

const escapeAttribute = (text: string) =>
  text.replace(/[&"<>]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c]!);

export interface RenderedGuide {
  title: string;
  html: string;
  /** The screenshots it shows, as paths on disk; the extension serves them under `IMAGE_DIR`. */
  images: string[];
}

/** Where the built extension keeps the guides: `guides/<lang>/<name>.html` and `guides/img/<file>`. */
export const OUTPUT_DIR = 'guides';
const IMAGE_DIR = `/${OUTPUT_DIR}/img`;

/** A guide as HTML; throws on anything the page could not show (a broken link, raw HTML, no title). */
export function renderGuide(markdown: string, file: string): RenderedGuide {
  const problems: string[] = [];
  const images: string[] = [];
  let title = '';
  const marked = new Marked({ async: false, gfm: true });
  marked.use({
    renderer: {
      heading({ tokens, depth, text }: Tokens.Heading) {
        if (depth === 1 && !title) title = text;
        return `<h${depth} id="${escapeAttribute(slug(text))}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
      },
      link({ href, tokens }: Tokens.Link) {
        const target = pageLink(href, file);
        const inner = this.parser.parseInline(tokens);
        if ('error' in target) {
          problems.push(target.error);
          return inner;
        }
        const external = target.external ? ' target="_blank" rel="noopener noreferrer"' : '';
        return `<a href="${escapeAttribute(target.href)}"${external}>${inner}</a>`;
      },
      image({ href, text }: Tokens.Image) {
        const path = resolve(dirname(file), href);
        if (/^[a-z]+:/i.test(href) || dirname(path) !== join(GUIDES_DIR, 'img')) {
          problems.push(`${href}: a guide shows only screenshots from docs/guides/img`);
        }
        images.push(path);
        return `<img src="${escapeAttribute(`${IMAGE_DIR}/${basename(path)}`)}" alt="${escapeAttribute(text)}" loading="lazy">`;
      },
      html({ raw }: Tokens.HTML | Tokens.Tag) {
        problems.push(`raw HTML is not allowed: ${raw.trim().slice(0, 40)}`);
        return '';
      },
    },
  });
  const html = marked.parse(markdown) as string;
  if (!title) problems.push('no # title');
  if (problems.length) throw new Error(`${file}:\n  ${problems.join('\n  ')}`);
  return { title, html, images };
}

type PublicAsset = { relativeDest: string; contents: string } | { relativeDest: string; absoluteSrc: string };

/**
 * Every guide as an HTML file and every screenshot they show, for WXT's `build:publicAssets`: data the
 * guide page fetches, not code, so no bundle grows and no chunk is shared with the popup.
 */
export function guideAssets(): PublicAsset[] {
  const assets: PublicAsset[] = [];
  const images = new Set<string>();
  for (const language of readdirSync(GUIDES_DIR, { withFileTypes: true })) {
    if (!language.isDirectory() || language.name === 'img') continue;
    for (const name of readdirSync(join(GUIDES_DIR, language.name)).filter((entry) =>
      entry.endsWith('.md'),
    )) {
      const file = join(GUIDES_DIR, language.name, name);
      const guide = renderGuide(readFileSync(file, 'utf8'), file);
      for (const image of guide.images) images.add(image);
      assets.push({
        relativeDest: `${OUTPUT_DIR}/${language.name}/${guideName(file)}.html`,
        contents: guide.html,
      });
    }
  }
  for (const image of images) {
    assets.push({ relativeDest: `${OUTPUT_DIR}/img/${basename(image)}`, absoluteSrc: image });
  }
  return assets;
}
