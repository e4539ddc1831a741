// The public interface against the real server: search → facet → record → zoom → language;
// a record page on its own; restricted records stay invisible to an anonymous visitor; axe-core
// finds no serious WCAG 2.1 AA violation on the main pages.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { arkOf, launch, open, screenshot, seriousViolations } from './support.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function zoomIn(page) {
  const viewer = page.getByTestId('viewer');
  await page.waitForFunction(() => {
    const element = document.querySelector('[data-testid=viewer]');
    return element && Number(element.dataset.pages) > 0 && element.querySelector('canvas');
  });
  await page.waitForTimeout(1000);  // the opening animation
  const start = Number(await viewer.getAttribute('data-zoom'));
  for (let click = 0; click < 4; click++) {
    await page.getByTestId('zoom-in').click();
    await page.waitForTimeout(600);
    if (Number(await viewer.getAttribute('data-zoom')) > start * 1.4) return;
  }
  assert.fail(`the viewer did not zoom in: ${start} -> ${await viewer.getAttribute('data-zoom')}`);
}

test('record page: deep zoom, metadata, citation and language switch', async () => {
  const id = await arkOf('Жайлаудағы ауыл');
  const page = await open(browser, { lang: 'en' });
  const started = Date.now();
  await page.goto(`/records/${id}`);
  await page.getByRole('heading', { level: 1, name: 'An aul on the summer pasture' }).waitFor();
  const described = Date.now() - started;
  await page.locator('[data-testid=viewer] canvas').first().waitFor();
  // The budget is measured, not asserted: a cold load (fonts, scripts, viewer, image) on the test server.
  console.log(`budget: record page cold load: title and metadata in ${described} ms, viewer in ${Date.now() - started} ms`);
  await zoomIn(page);
  assert.match(await page.getByTestId('citation').textContent(), new RegExp(id.replace(/\//g, '\\/')));
  // Technical metadata, loaded when opened: the format as identified on ingest, and the pixels
  // read from the image (the viewer's manifest had them read).
  await page.getByText('Technical metadata').click();
  const technical = page.locator('details.technical');
  await technical.getByText(/\d × [\d,. ]+ px/).first().waitFor();
  assert.match(await technical.textContent(), /image\/png/);
  assert.match(await technical.textContent(), /8-bit/);
  assert.equal(await technical.getByRole('link', { name: /^fmt\// }).count() > 0, true);
  await screenshot(page, 'record-en');
  await page.getByTestId('language').selectOption('ru');
  await page.getByRole('heading', { level: 2, name: 'Описание' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ru');
  await page.getByRole('heading', { level: 1 }).filter({ hasNotText: 'An aul' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { level: 2, name: 'Описание' }).waitFor();  // the choice is remembered
  await screenshot(page, 'record-ru');
  await page.context().close();
});

test('search → facet → open a record → zoom → switch language', async () => {
  const page = await open(browser, { lang: 'en' });
  await page.goto('/');
  await page.getByRole('searchbox').first().fill('ауыл');
  await page.getByRole('searchbox').first().press('Enter');
  await page.waitForURL(/\/search\?q=/);
  const results = page.getByTestId('results');
  await results.waitFor({ timeout: 10000 }).catch(async () => {
    const error = await page.locator('.error').textContent().catch(() => '');
    throw new Error(`no search results on the page (GET /api/v1/search not answering?): ${error}`);
  });
  await screenshot(page, 'search-en');
  await page.getByTestId('facet-has_images').locator('a[data-value="true"]').click();
  await page.waitForURL(/filter=has_images%3Atrue/);
  await page.locator('.chip').first().waitFor();
  await results.locator('a').first().click();
  await page.waitForURL(/\/records\/ark:/);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await zoomIn(page);
  await page.getByTestId('language').selectOption('kk-Latn');
  await page.getByRole('heading', { level: 2, name: 'Sipattama' }).waitFor();
  await page.goBack();
  await page.waitForURL(/filter=has_images%3Atrue/);
  await page.locator('.chip').first().waitFor();
  await page.context().close();
});

test('an anonymous visitor cannot see a restricted record anywhere', async () => {
  const letter = await arkOf('Алматыдағы досына');  // metadata restricted to researchers
  const personnel = await arkOf('жеке ісі');         // closed: personal data
  const page = await open(browser, { lang: 'en' });
  for (const id of [letter, personnel]) {
    await page.goto(`/records/${id}`);
    await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    const api = await page.request.get(`/api/v1/records/${id}`);
    assert.ok([403, 404].includes(api.status()), `GET /api/v1/records/${id} answered ${api.status()}`);
    const ark = await page.request.get(`/${id}`, { headers: { Accept: 'text/html' } });
    assert.ok([403, 404].includes(ark.status()), `GET /${id} answered ${ark.status()}`);
  }
  // Not in the lists, the tree or the home page.
  await page.goto('/collections');
  await page.getByRole('heading', { level: 1 }).waitFor();
  for (let depth = 0; depth < 4; depth++) {  // open the whole tree, level by level
    for (const toggle of await page.locator('.tree-toggle[aria-expanded=false]').all()) await toggle.click().catch(() => {});
    await page.waitForLoadState('networkidle');
  }
  let html = await page.content();
  assert.ok(!html.includes(letter) && !html.includes(personnel), 'a restricted record shows in the collections tree');
  assert.ok(!html.includes('Алматыдағы досына'), 'the restricted title shows in the collections tree');
  await page.goto('/');
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
  html = await page.content();
  assert.ok(!html.includes(letter) && !html.includes(personnel), 'a restricted record shows on the home page');
  // Nor in search results (words of its title and description, in three languages).
  for (const q of ['Alma-Ata', 'Алматыдағы', 'Personnel file', 'личное дело']) {
    const response = await page.request.get(`/api/v1/search?q=${encodeURIComponent(q)}&facet=kind`);
    assert.equal(response.status(), 200, `GET /api/v1/search answered ${response.status()} (search not landed?)`);
    const body = await response.json();
    assert.ok(!JSON.stringify(body).includes(letter) && !JSON.stringify(body).includes(personnel), `search for "${q}" shows a restricted record`);
    await page.goto(`/search?q=${encodeURIComponent(q)}`);
    await page.locator('#results-summary').filter({ hasText: /\S/ }).waitFor();
    html = await page.content();
    assert.ok(!html.includes(letter) && !html.includes(personnel), `the search page for "${q}" shows a restricted record`);
  }
  await page.context().close();
});

const mainPages = [
  ['home', '/'],
  ['collections', '/collections'],
  ['record', null],
  ['search', '/search?q=%D0%BE%D1%8E'],
  ['kurultai', '/kurultai'],
  ['signin', '/signin'],
  ['about', '/about'],
];

test('axe-core: no serious WCAG 2.1 AA violation on the main pages (desktop and phone)', async () => {
  const record = `/records/${await arkOf('Жайлаудағы ауыл')}`;
  const problems = [];
  for (const phone of [false, true]) {
    const page = await open(browser, { lang: 'kk', phone });
    for (const [name, path] of mainPages) {
      await page.goto(path ?? record);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      for (const violation of await seriousViolations(page)) problems.push(`${name}${phone ? ' (phone)' : ''}: ${violation}`);
      await screenshot(page, `${name}-kk${phone ? '-phone' : ''}`);
    }
    await page.context().close();
  }
  assert.deepEqual(problems, []);
});
