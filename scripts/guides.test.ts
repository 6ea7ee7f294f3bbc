import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GUIDE_LANGUAGES, GUIDE_NAMES } from '../src/core/guides';
import { GUIDES_DIR, guideReferences, INDEX_FILE, pageLink, renderGuide } from './guides';

const file = (language: string, name: string) => join(GUIDES_DIR, language, name);
const EN_ANY_SITE = file('en', 'any-site.md');

describe('renderGuide', () => {
  it('turns links to other guides into the guide page’s own addresses', () => {
    const { html } = renderGuide(
      '# T\n\n[a](microsoft.md) [b](../nl/google.md#stap-2) [c](README.md) [d](#below)',
      EN_ANY_SITE,
    );
    expect(html).toContain('<a href="#microsoft">a</a>');
    expect(html).toContain('<a href="?lang=nl#google:stap-2">b</a>');
    expect(html).toContain('<a href="#index">c</a>');
    expect(html).toContain('<a href="#any-site:below">d</a>');
  });

  it('opens web links in a tab of their own, and gives headings ids to link to', () => {
    const { html } = renderGuide(
      '# Hello there\n\n## Stap één\n\n[x](https://support.microsoft.com/)',
      EN_ANY_SITE,
    );
    expect(html).toContain('<h1 id="hello-there">Hello there</h1>');
    expect(html).toContain('<h2 id="stap-een">');
    expect(html).toContain('href="https://support.microsoft.com/" target="_blank" rel="noopener noreferrer"');
  });

  it('points screenshots at the copies the extension ships, and lists them for the build', () => {
    const guide = renderGuide(
      '# T\n\n![The popup](../img/en-scan.png) and ![b](../img/en-code.png)',
      EN_ANY_SITE,
    );
    expect(guide.images).toEqual([file('img', 'en-scan.png'), file('img', 'en-code.png')]);
    expect(guide.html).toContain('<img src="/guides/img/en-scan.png" alt="The popup" loading="lazy">');
  });

  it.each([
    ['# T\n\n<script>alert(1)</script>', /raw HTML/],
    ['# T\n\ntext <b onclick="x()">bold</b>', /raw HTML/],
    ['# T\n\n[x](http://example.org/)', /only https/],
    ['# T\n\n[x](javascript:alert(1))', /only https/],
    ['# T\n\n[x](../../README.md)', /not a guide/],
    ['# T\n\n[x](notes.txt)', /names a \.md file/],
    ['# T\n\n![x](https://example.org/a.png)', /only screenshots from docs\/guides\/img/],
    ['# T\n\n![x](../../../public/icon/96.png)', /only screenshots from docs\/guides\/img/],
    ['No title here', /no # title/],
  ])('refuses what the page could not show safely: %j', (markdown, problem) => {
    expect(() => renderGuide(markdown, EN_ANY_SITE)).toThrow(problem);
  });
});

// The repo's rule for its guides: each exists in both languages, and everything it names exists.
describe('docs/guides', () => {
  const names = [...GUIDE_NAMES.map((name) => `${name}.md`), INDEX_FILE];

  it.each(GUIDE_LANGUAGES)('%s has every guide and nothing else', (language) => {
    const present = readdirSync(join(GUIDES_DIR, language)).sort();
    expect(present).toEqual([...names].sort());
  });

  for (const language of GUIDE_LANGUAGES) {
    for (const name of names) {
      const path = file(language, name);
      it(`${language}/${name}: builds, its links resolve and its screenshots exist`, () => {
        const markdown = readFileSync(path, 'utf8');
        const guide = renderGuide(markdown, path);
        expect(guide.title.length).toBeGreaterThan(3);
        for (const image of guide.images) {
          expect(existsSync(image), `${image} (npm run guides:screenshots takes it)`).toBe(true);
          expect(image, 'a screenshot in the guide’s own language').toContain(`${language}-`);
        }
        for (const href of guideReferences(markdown).links) {
          if (/^https:/.test(href)) continue;
          const [targetFile, anchor] = href.split('#');
          const target = targetFile ? resolve(path, '..', targetFile) : path;
          expect(existsSync(target), `${href} in ${language}/${name}`).toBe(true);
          expect('error' in pageLink(href, path)).toBe(false);
          if (anchor) {
            const headings = renderGuide(readFileSync(target, 'utf8'), target).html;
            expect(headings, `${href} in ${language}/${name}: no such heading`).toContain(`id="${anchor}"`);
          }
        }
      });

      it(`${language}/${name}: links the same guide in the other language`, () => {
        const other = GUIDE_LANGUAGES.find((candidate) => candidate !== language);
        expect(guideReferences(readFileSync(path, 'utf8')).links).toContain(`../${other}/${name}`);
      });
    }
  }

  it('ships no screenshot that no guide shows', () => {
    const shown = new Set(
      GUIDE_LANGUAGES.flatMap((language) =>
        names.flatMap(
          (name) => renderGuide(readFileSync(file(language, name), 'utf8'), file(language, name)).images,
        ),
      ),
    );
    const images = readdirSync(join(GUIDES_DIR, 'img')).map((image) => join(GUIDES_DIR, 'img', image));
    expect(images.filter((image) => !shown.has(image))).toEqual([]);
  });
});
