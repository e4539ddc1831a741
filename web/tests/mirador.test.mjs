// Mirador as an option on the record page: the link opens mirador.html on the record's own IIIF
// manifest, Mirador's window shows the manifest's label in the page's language and draws its image
// from the server's image service; Mirador's own controls speak the page's language (our
// translations in src/mirador/locales/); the page refuses manifests from anywhere else; a record
// with nothing to show has no link.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { arkOf, baseUrl, catalog, foreignMessages, interfaceText, launch, miradorCatalog, open, screenshot } from './support.mjs';

const kk = catalog('kk');
const mirador = { en: miradorCatalog('en'), kk: miradorCatalog('kk'), ru: miradorCatalog('ru') };
// kk-Latn shows kk.json in Latin letters (src/i18n/translit.ts, applied by the page): these are
// the messages the test looks for, written out.
mirador['kk-Latn'] = {
  toggleWindowSideBar: 'Büiırlık paneldı aşu nemese jabu',
  aboutThisItem: 'Osy nysan turaly',
  openCompanionWindow_info: 'Aqparat',
  zoomIn: 'Ülkeitu',
  windowMenu: 'Körınıs jäne nobailar',
  single: 'Bır-bırlep',
};
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The IIIF identifier of a record, as the server builds it: "ark:/99999/x" -> "99999~x". */
function iiifId(id) {
  const [, naan, name] = id.match(/^ark:\/([^/]+)\/(.+)$/);
  return `${naan}~${name}`;
}

/** How many colours a sample of the canvas's pixels has: 1 when nothing was drawn. */
async function coloursDrawn(canvas) {
  return canvas.evaluate((element) => {
    const pixels = element.getContext('2d').getImageData(0, 0, element.width, element.height).data;
    const colours = new Set();
    for (let i = 0; i < pixels.length; i += 4 * 97) colours.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
    return colours.size;
  });
}

/** Clicks the record page's Mirador link and waits for Mirador's window to show `label` and draw its image. */
async function openInMirador(page, id, label) {
  const tiles = [];
  page.on('response', (response) => {
    if (response.status() === 200 && response.url().startsWith(`${baseUrl}/iiif/3/${iiifId(id)}~`) && response.url().endsWith('/default.jpg')) {
      tiles.push(response.url());
    }
  });
  await page.getByTestId('open-mirador').click();
  await page.waitForURL(/\/mirador\.html\?/);
  const query = new URL(page.url()).searchParams;
  assert.equal(query.get('manifest'), `/iiif/3/${iiifId(id)}/manifest`);
  // Mirador's window title (a heading of its own) is the manifest's label.
  await page.locator('#mirador').getByRole('heading', { name: label, exact: true }).waitFor();
  const canvas = page.locator('#mirador .mirador-osd-container canvas').first();
  await canvas.waitFor();
  const box = await canvas.boundingBox();
  assert.ok(box.width > 400 && box.height > 300, `Mirador's canvas is ${box.width}×${box.height}`);
  await page.waitForFunction(() => document.querySelector('#mirador .mirador-osd-container canvas')?.width > 0);
  for (let wait = 0; wait < 50 && (tiles.length === 0 || (await coloursDrawn(canvas)) < 50); wait++) await page.waitForTimeout(200);
  assert.ok(tiles.length > 0, 'Mirador fetched no image from the record\'s image service');
  assert.ok(await coloursDrawn(canvas) >= 50, 'Mirador\'s canvas is blank');
  return query;
}

test('record page → Open in Mirador: the manifest\'s label and its image in Mirador\'s window', async () => {
  const id = await arkOf('Жайлаудағы ауыл');
  const page = await open(browser, { lang: 'en' });
  await page.goto(`/records/${id}`);
  await page.getByRole('heading', { level: 1, name: 'An aul on the summer pasture' }).waitFor();
  const manifest = await (await page.request.get(`/iiif/3/${iiifId(id)}/manifest`)).json();
  assert.equal(manifest.label.en[0], 'An aul on the summer pasture');
  const query = await openInMirador(page, id, manifest.label.en[0]);
  assert.equal(query.get('lang'), 'en');
  assert.equal(await page.locator('.mirador-bar h1').textContent(), 'Images in Mirador');
  await page.locator('#mirador').getByRole('button', { name: mirador.en.toggleWindowSideBar, exact: true }).waitFor();
  await screenshot(page, 'mirador-en');
  await page.getByRole('link', { name: '← Back to the record' }).click();
  await page.getByRole('heading', { level: 1, name: 'An aul on the summer pasture' }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/records/${id}`);
  await page.context().close();
});

for (const language of ['kk', 'kk-Latn', 'ru']) {
  test(`Mirador's own controls, panels and menus speak the page's language: ${language}`, async () => {
    const id = await arkOf('Жайлаудағы ауыл');
    const messages = mirador[language];
    const foreign = foreignMessages(mirador, language);
    const page = await open(browser, { lang: language });
    const manifest = await (await page.request.get(`/iiif/3/${iiifId(id)}/manifest`)).json();
    await page.goto(`/mirador.html?manifest=/iiif/3/${iiifId(id)}/manifest&lang=${language}`);
    const root = page.locator('#mirador');
    await root.getByRole('heading', { name: manifest.label[language][0], exact: true }).waitFor();
    assert.equal(await root.getByRole('button', { name: mirador.en.toggleWindowSideBar }).count(), 0, 'the sidebar toggle is named in English');
    await root.getByRole('button', { name: messages.toggleWindowSideBar, exact: true }).click();
    await root.getByRole('heading', { name: messages.aboutThisItem, exact: true }).waitFor();
    await root.getByRole('tab', { name: messages.openCompanionWindow_info, exact: true }).waitFor();
    await root.getByRole('button', { name: messages.zoomIn, exact: true }).waitFor();
    const found = (await interfaceText(page)).filter((text) => foreign.has(text));
    await page.mouse.move(640, 500);  // off the toggle, whose tooltip would hide the panel's title
    await screenshot(page, `mirador-controls-${language}`);
    // The window's menu of views and thumbnails, in a layer of its own.
    await root.getByRole('button', { name: messages.windowMenu, exact: true }).click();
    await page.getByRole('menu').getByText(messages.single, { exact: true }).waitFor();
    found.push(...(await interfaceText(page)).filter((text) => foreign.has(text)));
    assert.deepEqual(found, [], `Mirador messages not in ${language}`);
    await page.context().close();
  });
}

test('the Mirador page takes the record page\'s language: its own bar and the manifest\'s label', async () => {
  const id = await arkOf('Жайлаудағы ауыл');
  const page = await open(browser, { lang: 'kk' });
  await page.goto(`/records/${id}`);
  await page.getByRole('heading', { level: 1, name: 'Жайлаудағы ауыл' }).waitFor();
  assert.equal(await page.getByTestId('open-mirador').textContent(), kk['mirador.open']);
  const query = await openInMirador(page, id, 'Жайлаудағы ауыл');
  assert.equal(query.get('lang'), 'kk');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'kk');
  assert.equal(await page.locator('.mirador-bar h1').textContent(), kk['mirador.title']);
  await screenshot(page, 'mirador-kk');
  await page.context().close();
});

test('the Mirador page opens only this server\'s manifests under /iiif/3/', async () => {
  const page = await open(browser, { lang: 'en' });
  const elsewhere = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(`${baseUrl}/`) && !request.url().startsWith('data:')) elsewhere.push(request.url());
  });
  const refused = [
    'https://iiif.example.org/iiif/3/99999~x/manifest',
    '//iiif.example.org/iiif/3/99999~x/manifest',
    '/api/v1/records',
    '/iiif/3/../api/v1/records',
    '/iiif/3/%2e%2e/api/v1/records',
    `http://user@${new URL(baseUrl).host}/iiif/3/99999~x/manifest`,
    'javascript:alert(1)',
  ];
  for (const manifest of refused) {
    await page.goto(`/mirador.html?manifest=${encodeURIComponent(manifest)}`);
    const message = page.getByTestId('mirador-refused');
    await message.waitFor();
    assert.equal(await message.getAttribute('role'), 'alert');
    assert.ok((await message.textContent()).includes(manifest), `the message names ${manifest}: ${await message.textContent()}`);
    assert.equal(await page.locator('#mirador').count(), 0, `Mirador was mounted for ${manifest}`);
  }
  await page.goto('/mirador.html');
  assert.equal(await page.getByTestId('mirador-refused').textContent(), 'No IIIF manifest was named: open Mirador from a record page.');
  assert.deepEqual(elsewhere, []);
  await page.context().close();
});

test('a record with nothing to show has no Mirador link', async () => {
  const page = await open(browser, { lang: 'en' });
  await page.goto(`/records/${await arkOf('Фотосуреттер, карталар')}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
  assert.equal(await page.getByTestId('open-mirador').count(), 0);
  await page.context().close();
});
