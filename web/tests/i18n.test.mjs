// Each screen in each language shows no untranslated interface string: no English message in
// kk, kk-Latn or ru, and no Cyrillic Kazakh message in kk-Latn. Data values in another language
// are marked with their own lang attribute and are not interface text.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { arkOf, catalog, interfaceText, launch, open, screenshot } from './support.mjs';

const en = catalog('en');
const catalogs = { kk: catalog('kk'), ru: catalog('ru') };
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

function foreignMessages(language) {
  const own = language === 'kk-Latn' ? catalogs.kk : catalogs[language];
  const foreign = new Set();
  for (const [key, value] of Object.entries(en)) {
    if (value.length >= 4 && !value.includes('{') && own[key] !== value) foreign.add(value);
  }
  if (language === 'kk-Latn') {
    for (const value of Object.values(catalogs.kk)) if (/[\u0400-\u04FF]/.test(value) && !value.includes('{')) foreign.add(value);
  }
  return foreign;
}

for (const language of ['kk', 'kk-Latn', 'ru']) {
  test(`no untranslated interface string in ${language}`, async () => {
    const record = `/records/${await arkOf('Жайлаудағы ауыл')}`;
    const series = `/records/${await arkOf('Фотосуреттер, карталар')}`;
    const foreign = foreignMessages(language);
    const page = await open(browser, { lang: language });
    const found = [];
    for (const path of ['/', '/collections', record, series, '/search?q=ою', '/signin', '/about', '/curate', '/kurultai', '/kurultai/bills/B-1', '/kurultai/acts', '/no-such-page']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      assert.equal(await page.evaluate(() => document.documentElement.lang), language);
      for (const text of await interfaceText(page)) if (foreign.has(text)) found.push(`${path}: "${text}"`);
      if (path === '/' || path === record) await screenshot(page, `${path === '/' ? 'home' : 'record'}-${language}`);
    }
    await page.context().close();
    assert.deepEqual(found, []);
  });
}
