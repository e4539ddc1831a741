// A curator's day against the real server: sign in → upload a sheet → read the dry-run report →
// ingest → follow the job → find the new record by search and open it.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launch, open, screenshot } from './support.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const name = process.env.MURA_CURATOR ?? 'web-curator';
const password = process.env.MURA_CURATOR_PASSWORD ?? 'web-curator-password';

test('sign in → upload → ingest → find the new record', async () => {
  const word = `Тестілік${Date.now().toString(36)}`;
  const sheet = join(tmpdir(), `mura-web-test-${process.pid}.csv`);
  writeFileSync(sheet, [
    'key,kind,title@kk,title@en,object_name@kk,inventory_number,date',
    `web-test-1,museum_object,${word} кебеже,${word} chest,кебеже,WT-${Date.now()},1910~`,
    '',
  ].join('\n'));

  const page = await open(browser, { lang: 'en' });
  await page.goto('/signin');
  await page.getByLabel('User name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/curate/).catch(async () => {
    throw new Error(`sign-in did not succeed for "${name}" (POST /api/v1/session not landed, or no such curator): ${await page.locator('.error').textContent().catch(() => '')}`);
  });
  await page.goto('/curate/upload');
  await page.getByLabel('Sheet (CSV) or bag (ZIP)').setInputFiles(sheet);
  await page.getByTestId('dry-run').click();
  await page.getByTestId('start-ingest').waitFor({ timeout: 30000 }).catch(async () => {
    throw new Error(`no dry-run report (POST /api/v1/uploads or /api/v1/ingests failing?): ${await page.locator('.error').allTextContents()}`);
  });
  await screenshot(page, 'curator-dry-run');
  await page.getByTestId('start-ingest').click();
  await page.waitForURL(/\/curate\/ingests\//);
  await page.locator('[data-testid=job][data-state=succeeded]').waitFor({ timeout: 60000 });
  await screenshot(page, 'curator-ingest-done');

  await page.goto(`/search?q=${encodeURIComponent(word)}`);
  const hit = page.getByTestId('results').locator('a', { hasText: word }).first();
  await hit.waitFor({ timeout: 20000 });
  await hit.click();
  await page.getByRole('heading', { level: 1, name: new RegExp(word) }).waitFor();
  assert.match(await page.getByRole('heading', { level: 1 }).textContent(), new RegExp(word));
  await page.context().close();
});
