// Shared by the end-to-end tests: Debian's Chromium driven by playwright-core, the server's URL
// (MURA_URL, set by scripts/web-test), screenshots saved as artifacts, axe-core checks, and the
// message catalogs read from the sources for the untranslated-string check (the app's, and
// Mirador's own with our translations of it).
import { readFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const baseUrl = process.env.MURA_URL ?? 'http://127.0.0.1:8080';
export const artifacts = process.env.MURA_ARTIFACTS ?? join(here, '..', 'test-artifacts');
mkdirSync(artifacts, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
}

/** A fresh page (own cookies and storage) in `lang`, at a desktop or phone size. */
export async function open(browser, { lang = 'en', phone = false } = {}) {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
    locale: lang === 'kk-Latn' ? 'kk' : lang,
    deviceScaleFactor: 1,
    bypassCSP: true,  // axe-core is injected as a script
  });
  await context.addInitScript((language) => {
    if (!localStorage.getItem('mura.lang')) localStorage.setItem('mura.lang', language);
  }, lang);
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  return page;
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

/** Runs axe-core (WCAG 2.1 A and AA rules) and returns the serious and critical violations. */
export async function seriousViolations(page) {
  await page.addScriptTag({ path: join(here, '..', 'node_modules', 'axe-core', 'axe.min.js') });
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ')}`);
}

/** key -> message of a catalog in web/src/i18n/ (one "'key': 'value'," per line). */
export function catalog(name) {
  const text = readFileSync(join(here, '..', 'src', 'i18n', `${name}.ts`), 'utf8');
  const messages = {};
  for (const match of text.matchAll(/^\s*'([^']+)': '(.*)',$/gm)) messages[match[1]] = match[2];
  return messages;
}

/** key -> message of Mirador's own interface: 'en' is the installed Mirador's catalog, 'kk' and 'ru' ours in web/src/mirador/locales/. */
export function miradorCatalog(name) {
  if (name === 'en') {
    return JSON.parse(readFileSync(join(here, '..', 'node_modules', 'mirador', 'src', 'locales', 'en', 'translation.json'), 'utf8')).translation;
  }
  return JSON.parse(readFileSync(join(here, '..', 'src', 'mirador', 'locales', `${name}.json`), 'utf8'));
}

/**
 * Messages a page in `language` must not show, from catalogs { en, kk, ru } of one interface: the
 * English messages that its own catalog translates, and on the kk-Latn page (the kk catalog in
 * Latin letters) the Cyrillic Kazakh ones. Messages with arguments, and short ones, are left out.
 */
export function foreignMessages(catalogs, language) {
  const own = language === 'kk-Latn' ? catalogs.kk : catalogs[language];
  const foreign = new Set();
  for (const [key, value] of Object.entries(catalogs.en)) {
    if (value.length >= 4 && !value.includes('{') && own[key] !== value) foreign.add(value);
  }
  if (language === 'kk-Latn') {
    for (const value of Object.values(catalogs.kk)) if (/[\u0400-\u04FF]/.test(value) && !value.includes('{')) foreign.add(value);
  }
  return foreign;
}

/** The interface text of the page: text nodes outside elements that carry data in a language of their own. */
export async function interfaceText(page) {
  return page.evaluate(() => {
    const pageLang = document.documentElement.lang;
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!element || element.closest('script, style, [aria-hidden="true"], .ark, pre, option')) continue;
      const tagged = element.closest('[lang]');
      if (tagged && tagged !== document.documentElement && tagged.getAttribute('lang') !== pageLang) continue;
      const text = node.textContent.trim();
      if (text) texts.push(text);
    }
    for (const element of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      for (const name of ['aria-label', 'title', 'placeholder']) {
        const value = element.getAttribute(name);
        if (value) texts.push(value.trim());
      }
    }
    return texts;
  });
}

/** The first record ARK the CLI lists for a title substring (MURA_BIN and MURA_REPO from the runner). */
export async function arkOf(titleFragment) {
  const { execFileSync } = await import('node:child_process');
  const output = execFileSync(process.env.MURA_BIN, ['list', '--repo', process.env.MURA_REPO, '--limit', '1000'], { encoding: 'utf8' });
  const line = output.split('\n').find((item) => item.includes(titleFragment));
  if (!line) throw new Error(`no record titled like "${titleFragment}" in ${process.env.MURA_REPO}`);
  return line.trim().split(/\s+/)[0];
}
