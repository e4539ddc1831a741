// Our translations of Mirador's own interface (web/src/mirador/locales/) against the installed
// Mirador's English catalog: every message is there, none that Mirador does not have, each keeps
// its {{placeholders}}, each plural has the forms i18next picks in the language, and none is left
// in English. A Mirador upgrade that adds or renames messages fails here until they are
// translated. No browser: the files, and i18next (Mirador's own translation library) on them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createInstance } from 'i18next';
import { miradorCatalog } from './support.mjs';

const en = miradorCatalog('en');
// The same in every language: Mirador's name, and two messages that are a bare placeholder.
const untranslatable = new Set(['mirador', 'jsStack', 'previewWindowTitle']);

/** The message a plural form belongs to ("numItems_few" -> "numItems"), or null. */
function pluralOf(key) {
  return key.match(/^(.+)_(?:zero|one|two|few|many|other)$/)?.[1] ?? null;
}

function placeholders(message) {
  return [...message.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort();
}

/** The keys a catalog in `language` needs: Mirador's, with each plural in the language's plural forms. */
function keysFor(language) {
  const keys = new Set(Object.keys(en));
  for (const key of Object.keys(en)) {
    const plural = pluralOf(key);
    if (plural) for (const form of new Intl.PluralRules(language).resolvedOptions().pluralCategories) keys.add(`${plural}_${form}`);
  }
  return keys;
}

for (const language of ['kk', 'ru']) {
  const messages = miradorCatalog(language);
  const file = `src/mirador/locales/${language}.json`;

  test(`${file} has every message of Mirador's English catalog and its ${language} plural forms, and no other`, () => {
    const wanted = keysFor(language);
    assert.deepEqual([...wanted].filter((key) => !(key in messages)), [], `messages missing from ${file}`);
    assert.deepEqual(Object.keys(messages).filter((key) => !wanted.has(key)), [], `messages in ${file} that Mirador does not have`);
  });

  test(`${file} keeps each message's placeholders and leaves none in English`, () => {
    for (const [key, message] of Object.entries(messages)) {
      const english = en[key] ?? en[`${pluralOf(key)}_other`];
      assert.ok(message.trim(), `${file}: ${key} is empty`);
      assert.deepEqual(placeholders(message), placeholders(english), `${file}: ${key} "${message}" has not the placeholders of "${english}"`);
      if (!untranslatable.has(key)) assert.notEqual(message, english, `${file}: ${key} is still English`);
    }
  });
}

test('i18next picks the Kazakh and Russian plural forms from our catalogs', async () => {
  const i18n = createInstance();
  await i18n.init({
    lng: 'ru',
    showSupportNotice: false,
    fallbackLng: 'en',
    resources: { en: { translation: en }, kk: { translation: miradorCatalog('kk') }, ru: { translation: miradorCatalog('ru') } },
  });
  const items = (number, lng) => i18n.t('numItems', { count: number, number, lng });
  assert.deepEqual([1, 3, 5, 11, 21, 22].map((number) => items(number, 'ru')),
    ['1 изображение', '3 изображения', '5 изображений', '11 изображений', '21 изображение', '22 изображения']);
  assert.deepEqual([1, 5].map((number) => items(number, 'kk')), ['1 сурет', '5 сурет']);
  assert.equal(i18n.t('totalManifests', { count: 2, lng: 'ru' }), '2 манифеста');
  assert.equal(i18n.t('pagination', { current: 2, total: 7, lng: 'kk' }), '7 ішінен 2');
});
