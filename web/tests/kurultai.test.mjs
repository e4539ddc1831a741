// The Kurultai pages against the real server and the demo register (demo/kurultai-acts.jsonl,
// appended by scripts/web-test): the 145-seat chamber, the bill pipeline, a bill's readings with
// every deputy's vote, its published text, and the hash-chained register of acts, paged.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, open, screenshot } from './support.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the chamber, a bill with its roll calls and its published text', async () => {
  const page = await open(browser, { lang: 'en' });
  await page.goto('/kurultai');
  await page.getByRole('heading', { level: 2, name: 'Bills by stage' }).waitFor();
  const chamber = page.locator('figure.hemicycle svg');
  assert.equal(await chamber.locator('circle').count(), 145);
  assert.equal((await chamber.locator('text').textContent()).trim(), '145');
  const seats = await page.locator('figure.hemicycle tbody tr').allTextContents();
  assert.ok(seats.some((row) => /Alatau\s*67/.test(row)), seats.join(' | '));
  await screenshot(page, 'kurultai-en');

  await page.getByRole('link', { name: 'On the National Archival Fund and Archives' }).click();
  await page.waitForURL(/\/kurultai\/bills\/B-1/);
  await page.getByRole('heading', { level: 1, name: 'On the National Archival Fund and Archives' }).waitFor();
  const rows = page.locator('table.readings tbody tr');
  assert.equal(await rows.count(), 3);
  assert.match(await rows.nth(0).textContent(), /1st \(concept\).*112.*20.*6.*7.*passed/);
  // Every one of the 145 deputies is named once in the first reading's roll call.
  const rollCall = page.locator('details.roll-call-details').first();
  await rollCall.locator('summary').click();
  const groups = await rollCall.locator('p').allTextContents();
  const named = groups.flatMap((group) => group.replace(/^[^:]*:\s*/, '').split(', '));
  assert.equal(named.length, 145);
  assert.equal(new Set(named).size, 145);
  assert.match(groups[0], /^For \(112\):/);
  await screenshot(page, 'kurultai-bill-en');

  await page.getByRole('link', { name: /^ark:\// }).first().click();
  await page.waitForURL(/\/records\/ark:/);
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.match(await page.getByRole('heading', { level: 1 }).textContent(), /Archival Fund/);
  await page.context().close();
});

test('the register of acts pages through every act', async () => {
  const page = await open(browser, { lang: 'ru' });
  await page.goto('/kurultai/acts');
  const acts = page.locator('ol.acts > li');
  await acts.first().waitFor();
  assert.equal(await acts.count(), 50);
  assert.match(await acts.first().textContent(), /#1\b.*election certified/);
  assert.match(await page.locator('.kurultai > p.muted').first().textContent(), /1–50 из 179/);
  await page.getByRole('link', { name: 'Более поздние акты →' }).click();
  await page.waitForURL(/from=51/);
  await page.locator('#act-51').waitFor();
  assert.equal(await acts.count(), 50);
  await page.getByRole('link', { name: '← Более ранние акты' }).click();
  await page.locator('#act-1').waitFor();
  await page.goto('/kurultai/acts?from=151');
  await page.locator('#act-179').waitFor();
  assert.equal(await acts.count(), 29);
  assert.equal(await page.getByRole('link', { name: 'Более поздние акты →' }).count(), 0);
  await page.context().close();
});

test('dates read as Kazakh dates in both scripts', async () => {
  for (const [lang, introduced] of [['kk', '2026 жылғы 3 қыркүйек'], ['kk-Latn', '2026 jylğy 3 qyrküiek']]) {
    const page = await open(browser, { lang });
    await page.goto('/kurultai/bills/B-1');
    const metadata = page.locator('dl.metadata');
    await metadata.waitFor();
    const text = await metadata.textContent();
    assert.ok(text.includes(introduced), `${lang}: ${text}`);
    assert.doesNotMatch(text, /M\d{1,2}\b/, `${lang}: a month left as a number`);
    await page.context().close();
  }
});
