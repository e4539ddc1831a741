// Each screen in each language shows no untranslated interface string: no English message in
// kk, kk-Latn or ru, and no Cyrillic Kazakh message in kk-Latn. Data values in another language
// are marked with their own lang attribute and are not interface text.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { arkOf, catalog, foreignMessages, interfaceText, launch, open, screenshot } from './support.mjs';

const catalogs = { en: catalog('en'), kk: catalog('kk'), ru: catalog('ru') };
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

for (const language of ['kk', 'kk-Latn', 'ru']) {
  test(`no untranslated interface string in ${language}`, async () => {
    const record = `/records/${await arkOf('Жайлаудағы ауыл')}`;
    const series = `/records/${await arkOf('Фотосуреттер, карталар')}`;
    const foreign = foreignMessages(catalogs, language);
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
