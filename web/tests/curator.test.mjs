// A curator's day against the real server: sign in → upload a sheet → ingest → find the new
// record; edit a record (titles side by side, a refused date), set its access, read its versions
// and their diff, review a record flagged for personal data, read the audit log, add a user. Each
// test stands alone: it signs in itself and edits a record no other test touches. What the page
// shows is checked against the REST API, read with the same session.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { arkOf, launch, open, screenshot } from './support.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const name = process.env.MURA_CURATOR ?? 'web-curator';
const password = process.env.MURA_CURATOR_PASSWORD ?? 'web-curator-password';
const stamp = () => Date.now().toString(36);

/** A fresh page signed in as the test curator through the sign-in form, left on /curate. */
async function signIn() {
  const page = await open(browser, { lang: 'en' });
  await page.goto('/signin');
  await page.getByLabel('User name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/curate/).catch(async () => {
    throw new Error(`sign-in did not succeed for "${name}" (POST /api/v1/session not landed, or no such curator): ${await page.locator('.error').textContent().catch(() => '')}`);
  });
  return page;
}

/** A REST call with the page's session cookie and its CSRF token; resolves to the JSON body. */
async function api(page, method, url, body) {
  const { csrf_token: token } = await (await page.request.get('/api/v1/session')).json();
  const response = await page.request.fetch(url, {
    method, data: body, headers: { Accept: 'application/json', ...(token ? { 'X-CSRF-Token': token } : {}) },
  });
  const text = await response.text();
  if (!response.ok()) throw new Error(`${method} ${url} answered ${response.status()}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** The status an anonymous visitor gets for a URL (a fresh context without the session). */
async function anonymousStatus(url) {
  const page = await open(browser, { lang: 'en' });
  try {
    return (await page.request.get(url, { headers: { Accept: 'application/json' }, maxRedirects: 0 })).status();
  } finally {
    await page.context().close();
  }
}

const titleIn = (record, language) => record.fields.title?.find((value) => value.lang === language)?.value;

/** A museum object made through the API, with a title of its own in Kazakh and English. */
async function createRecord(page, title, extra = {}) {
  return api(page, 'POST', '/api/v1/records', {
    kind: 'museum_object',
    fields: {
      title: [{ lang: 'kk', value: `${title} (kk)` }, { lang: 'en', value: title }],
      object_name: [{ lang: 'kk', value: 'сынақ' }],
      inventory_number: [{ value: `WT-${stamp()}` }],
      ...extra,
    },
  });
}

test('sign in → upload → ingest → find the new record', async () => {
  const word = `Тестілік${Date.now().toString(36)}`;
  const sheet = join(tmpdir(), `mura-web-test-${process.pid}.csv`);
  writeFileSync(sheet, [
    'key,kind,title@kk,title@en,object_name@kk,inventory_number,date',
    `web-test-1,museum_object,${word} кебеже,${word} chest,кебеже,WT-${Date.now()},1910~`,
    '',
  ].join('\n'));

  const page = await signIn();
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

test('edit a record: titles in two languages side by side are saved; a bad date is refused at its field', async () => {
  const id = await arkOf('Екі ішекті домбыра');
  const page = await signIn();
  const before = await api(page, 'GET', `/api/v1/records/${id}`);
  const word = stamp();
  const kk = `Екі ішекті домбыра ${word}`;
  const en = `Two-stringed dombra ${word}`;

  await page.goto(`/records/${id}`);
  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  await page.waitForURL((url) => url.pathname === `/curate/edit/${id}`);
  const title = page.getByRole('group', { name: 'Title' });
  const kkTitle = title.getByLabel('Қазақша');
  const enTitle = title.getByLabel('English');
  assert.equal(await kkTitle.inputValue(), titleIn(before, 'kk'));
  assert.equal(await enTitle.inputValue(), titleIn(before, 'en'));
  const [kkBox, enBox] = [await kkTitle.boundingBox(), await enTitle.boundingBox()];
  assert.ok(Math.abs(kkBox.y - enBox.y) < 2 && kkBox.x < enBox.x, `the Kazakh and English titles are not side by side: ${JSON.stringify([kkBox, enBox])}`);
  await kkTitle.fill(kk);
  await enTitle.fill(en);
  await page.getByLabel('What changed and why').fill(`titles corrected ${word}`);
  await page.getByTestId('save').click();
  await page.waitForURL((url) => url.pathname === `/records/${id}`);
  await page.getByRole('heading', { level: 1, name: en }).waitFor();
  const saved = await api(page, 'GET', `/api/v1/records/${id}`);
  assert.equal(saved.version, before.version + 1);
  assert.equal(titleIn(saved, 'kk'), kk);
  assert.equal(titleIn(saved, 'en'), en);
  assert.equal(titleIn(saved, 'ru'), titleIn(before, 'ru'), 'a title the curator did not touch changed');
  await screenshot(page, 'curator-edited');

  await page.goto(`/curate/edit/${id}`);
  await page.getByText(`version ${saved.version}`).waitFor();
  await title.getByLabel('English').fill(`${en} (not saved)`);
  const date = page.getByLabel('Production date');
  await date.fill('19122-13');
  await page.getByTestId('save').click();
  await page.getByRole('alert').filter({ hasText: 'The record was not saved' }).waitFor();
  const fieldError = page.locator('[data-field=date] .field-error');
  await fieldError.waitFor();
  assert.match(await fieldError.textContent(), /"date".*19122-13/);
  assert.equal(await date.getAttribute('aria-invalid'), 'true');
  assert.ok((await date.getAttribute('aria-describedby')).split(' ').includes(await fieldError.getAttribute('id')),
    'the date field is not described by its error message');
  assert.equal(await page.locator('.field-error').count(), 1, 'the error is shown at more than one field');
  await screenshot(page, 'curator-edit-invalid');
  assert.equal(new URL(page.url()).pathname, `/curate/edit/${id}`);
  const after = await api(page, 'GET', `/api/v1/records/${id}`);
  assert.equal(after.version, saved.version, 'a refused edit made a version');
  assert.equal(titleIn(after, 'en'), en);
  assert.deepEqual(after.fields.date, saved.fields.date);
  await page.context().close();
});

test('access: an embargo hides the files and closed metadata hides the record from visitors, not from the curator', async () => {
  const earrings = await arkOf('Алтын жалатылған сырға');
  const felt = await arkOf('Өрнекті текемет');
  const page = await signIn();
  const [file] = (await api(page, 'GET', `/api/v1/records/${earrings}`)).files;
  const fileUrl = `/api/v1/records/${earrings}/files/${encodeURIComponent(file.path)}`;
  assert.equal(await anonymousStatus(fileUrl), 200, 'the file is not public to begin with');
  assert.equal(await anonymousStatus(`/api/v1/records/${felt}`), 200, 'the record is not public to begin with');

  await page.goto(`/curate/edit/${earrings}`);
  await page.getByLabel('Embargo until').fill('2090-06-01');
  await page.getByTestId('save').click();
  await page.waitForURL((url) => url.pathname === `/records/${earrings}`);
  await page.getByRole('region', { name: 'Download' }).getByRole('link').first().waitFor();
  assert.equal((await page.request.get(fileUrl)).status(), 200, 'the curator cannot download an embargoed file');
  assert.equal((await api(page, 'GET', `/api/v1/records/${earrings}`)).access.embargo_until, '2090-06-01');

  await page.goto(`/curate/edit/${felt}`);
  await page.getByLabel('Who may see the description').selectOption('closed');
  await page.getByTestId('save').click();
  await page.waitForURL((url) => url.pathname === `/records/${felt}`);
  await page.getByRole('note').filter({ hasText: 'This description is not public.' }).waitFor();
  const closed = await api(page, 'GET', `/api/v1/records/${felt}`);
  assert.equal(closed.access.metadata, 'closed');
  await page.getByRole('heading', { level: 1, name: titleIn(closed, 'en') }).waitFor();

  const visitor = await open(browser, { lang: 'en' });
  await visitor.goto(`/records/${earrings}`);
  await visitor.getByRole('note').filter({ hasText: 'Under embargo until 2090-06-01.' }).waitFor();
  assert.equal(await visitor.getByRole('region', { name: 'Download' }).count(), 0, 'a visitor is offered an embargoed file');
  assert.ok([403, 404].includes((await visitor.request.get(fileUrl)).status()), 'a visitor can download an embargoed file');
  await visitor.goto(`/records/${felt}`);
  await visitor.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
  assert.ok([403, 404].includes((await visitor.request.get(`/api/v1/records/${felt}`)).status()), 'a visitor can read a closed record');
  await screenshot(visitor, 'curator-closed-anonymous');
  await visitor.context().close();
  await page.context().close();
});

test('versions: the history lists the versions and the diff shows the old and the new title', async () => {
  const page = await signIn();
  const word = stamp();
  const created = await createRecord(page, `Kebeje ${word}`);
  await page.goto(`/curate/edit/${created.id}`);
  await page.getByRole('group', { name: 'Title' }).getByLabel('English').fill(`Painted kebeje ${word}`);
  await page.getByLabel('What changed and why').fill(`renamed ${word}`);
  await page.getByTestId('save').click();
  await page.waitForURL((url) => url.pathname === `/records/${created.id}`);
  await page.getByRole('link', { name: 'Versions', exact: true }).click();
  await page.waitForURL((url) => url.pathname === `/records/${created.id}/history`);

  const versions = page.getByRole('table', { name: 'Versions' }).locator('tbody tr');
  await versions.nth(1).waitFor();
  assert.equal(await versions.count(), 2);
  const latest = versions.filter({ hasText: 'v2' });
  assert.match(await latest.textContent(), new RegExp(`${name}.*renamed ${word}`));
  const diff = page.getByRole('region', { name: 'Compare versions' });
  const change = diff.getByRole('row', { name: /^Title/ });
  await change.waitFor();
  assert.match(await change.locator('del').textContent(), new RegExp(`Kebeje ${word} \\(en\\)`));
  assert.match(await change.locator('ins').textContent(), new RegExp(`Painted kebeje ${word} \\(en\\)`));
  await screenshot(page, 'curator-history');
  const apiDiff = await api(page, 'GET', `/api/v1/records/${created.id}/diff?from=1&to=2`);
  assert.deepEqual(Object.keys(apiDiff.fields), ['title']);

  await diff.getByLabel('To').selectOption('1');
  await diff.getByText('These versions do not differ.').waitFor();
  await page.context().close();
});

test('review: a record with an IIN waits, masked, until the curator clears it', async () => {
  const page = await signIn();
  const word = stamp();
  const iin = '870412300416';
  const flagged = await createRecord(page, `Letter ${word}`, {
    description: [{ lang: 'kk', value: `Иесі: Ахметов Ержан, ЖСН ${iin}, Семей.` }],
  });
  assert.equal(flagged.access.review_pending, true, 'the IIN was not flagged');
  assert.equal(await anonymousStatus(`/api/v1/records/${flagged.id}`), 404, 'a record waiting for review is public');

  await page.goto('/curate/review');
  const item = page.locator('.review-list li').filter({ has: page.getByRole('link', { name: new RegExp(word) }) });
  await item.waitFor();
  assert.match(await item.textContent(), /iin · description: 87•+16/);
  assert.ok(!(await page.content()).includes(iin), 'the review list shows the whole IIN');
  await screenshot(page, 'curator-review');
  await item.getByRole('button', { name: 'Clear the flag' }).click();
  await item.getByRole('status').filter({ hasText: 'Done.' }).waitFor();

  const cleared = await api(page, 'GET', `/api/v1/records/${flagged.id}`);
  assert.equal(cleared.access.review_pending, false);
  const waiting = await api(page, 'GET', '/api/v1/review');
  assert.ok(!waiting.items.some((entry) => entry.id === flagged.id), 'the cleared record still waits for review');
  const visitor = await open(browser, { lang: 'en' });
  await visitor.goto(`/records/${flagged.id}`);
  await visitor.getByRole('heading', { level: 1, name: `Letter ${word}` }).waitFor();
  await visitor.context().close();
  await page.context().close();
});

test('audit log: the curator’s changes, with action and user, newest first', async () => {
  const page = await signIn();
  const word = stamp();
  const created = await createRecord(page, `Audited ${word}`);
  await api(page, 'PUT', `/api/v1/records/${created.id}`, {
    kind: created.kind, version: created.version, access: created.access, message: `audit ${word}`,
    fields: { ...created.fields, title: [{ lang: 'en', value: `Audited again ${word}` }] },
  });

  await page.goto('/curate/audit');
  const table = page.getByRole('table');
  const ours = table.locator('tbody tr').filter({ has: page.getByRole('link', { name: created.id }) });
  await ours.nth(1).waitFor();
  const rows = await ours.evaluateAll((elements) => elements.map((row) => [...row.cells].map((cell) => cell.textContent)));
  assert.deepEqual(rows.map(([, user, action]) => [user, action]), [[name, 'modification'], [name, 'ingestion']]);
  assert.match(rows[0][4], new RegExp(`version 2: audit ${word}`));
  const log = await api(page, 'GET', '/api/v1/audit?limit=100');
  const sequences = log.items.map((entry) => entry.sequence);
  assert.deepEqual(sequences, [...sequences].sort((a, b) => b - a), 'the audit log is not newest first');
  const shown = await table.locator('tbody tr').evaluateAll((elements) => elements.map((row) => `${row.cells[2].textContent} ${row.cells[3].textContent}`));
  const listed = log.items.map((entry) => `${entry.action} ${entry.target ?? ''}`);
  const offset = listed.indexOf(shown[0]);
  assert.ok(offset >= 0, `the first row shown (${shown[0]}) is not in the log`);
  assert.deepEqual(shown.slice(0, 20), listed.slice(offset, offset + 20), 'the page does not list the log in its order');
  await screenshot(page, 'curator-audit');
  await page.context().close();
});

test('users: the administrator sees the accounts and adds one', async () => {
  const page = await signIn();
  await page.goto('/curate/users');
  const table = page.getByRole('table');
  const me = table.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
  await me.waitFor();
  assert.match(await me.textContent(), /admin/);

  const account = `reader-${stamp()}`;
  const accountPassword = `pass-${stamp()}-word`;
  await page.getByLabel('User name').fill(account);
  await page.getByLabel('Full name').fill('Web Test Reader');
  await page.getByLabel('Password').fill(accountPassword);
  await page.getByLabel('Roles').fill('curator');  // needs a collection: refused
  await page.getByRole('button', { name: 'Add a user' }).click();
  await page.getByRole('alert').filter({ hasText: 'curator:' }).waitFor();
  assert.ok(!(await api(page, 'GET', '/api/v1/users')).items.some((user) => user.name === account), 'a refused user was added');

  await page.getByLabel('Roles').fill('group:researchers');
  await page.getByRole('button', { name: 'Add a user' }).click();
  await page.getByRole('status').filter({ hasText: `User ${account} added.` }).waitFor();
  const row = table.getByRole('row').filter({ has: page.getByRole('cell', { name: account, exact: true }) });
  await row.waitFor();
  assert.match(await row.textContent(), /Web Test Reader.*group:researchers/);
  assert.equal(await page.getByRole('alert').count(), 0, 'the refusal is still shown after the user was added');
  const added = (await api(page, 'GET', '/api/v1/users')).items.find((user) => user.name === account);
  assert.ok(added, 'GET /api/v1/users does not list the new user');
  assert.ok(added.roles.includes('group:researchers') && !added.roles.includes('admin'), `roles: ${added.roles}`);
  await screenshot(page, 'curator-users');

  const newcomer = await open(browser, { lang: 'en' });
  const signedIn = await newcomer.request.post('/api/v1/session', { data: { name: account, password: accountPassword } });
  assert.equal(signedIn.status(), 200, 'the new user cannot sign in');
  await newcomer.context().close();
  await page.context().close();
});
