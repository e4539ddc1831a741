// Every IIIF Presentation 3.0 document the demo repository serves — the manifest of each record
// with something to show, the collection of each collection and of each archival unit with parts
// (reached from its parent's items) — validates against
// the official JSON schema in ../shared/conformance/iiif/schema with ajv (draft-07, formats on).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { baseUrl } from './support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const shared = process.env.MURA_SHARED ?? join(here, '..', '..', '..', 'shared');

// The schema's validator, with the formats it names ("uri").
function validator() {
  const schema = JSON.parse(readFileSync(join(shared, 'conformance/iiif/schema/iiif_3_0.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

async function json(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  assert.equal(response.status, 200, `${url} answered ${response.status}`);
  return response.json();
}

test('every manifest and collection of the demo validates against the IIIF 3.0 schema', async () => {
  const validate = validator();
  const list = await json(`${baseUrl}/api/v1/records?limit=1000`);
  const documents = [];
  for (const item of list.items) {
    const record = await json(`${baseUrl}/api/v1/records/${item.id}`);
    for (const link of [record.links.manifest, record.links.iiif_collection]) {
      if (link) documents.push(link.replace(/^https?:\/\/[^/]+/, baseUrl));
    }
  }
  const manifests = documents.filter((url) => url.endsWith('/manifest'));
  assert.ok(manifests.length >= 10, `the demo has pictures, scans and sound: ${manifests.length} manifests`);

  // Archival units with parts are collections too, reached from their parents' items.
  const invalid = [];
  const seen = new Set(documents);
  for (let i = 0; i < documents.length; ++i) {
    const url = documents[i];
    const document = await json(url);
    for (const item of document.items ?? []) {
      const nested = typeof item.id === 'string' ? item.id.replace(/^https?:\/\/[^/]+/, baseUrl) : '';
      if (item.type === 'Collection' && !seen.has(nested)) {
        seen.add(nested);
        documents.push(nested);
      }
    }
    assert.equal(document['@context'], 'http://iiif.io/api/presentation/3/context.json', url);
    if (!validate(document)) {
      const errors = validate.errors.slice(0, 3).map((error) => `${error.instancePath} ${error.message}`);
      invalid.push(`${url}: ${errors.join('; ')}`);
    }
  }
  assert.deepEqual(invalid, []);
  const collections = documents.length - manifests.length;
  assert.ok(collections > 2, `the collections and the fonds and series below them: ${collections}`);
  console.log(`iiif: ${manifests.length} manifests and ${collections} collections valid`);
});

test('the validator rejects a manifest that breaks the schema', async () => {
  // The check itself must be able to fail: a manifest without items and with a bad label.
  const validate = validator();
  const list = await json(`${baseUrl}/api/v1/records?limit=1000`);
  let manifest;
  for (const item of list.items) {
    const record = await json(`${baseUrl}/api/v1/records/${item.id}`);
    if (record.links.manifest) {
      manifest = await json(record.links.manifest.replace(/^https?:\/\/[^/]+/, baseUrl));
      break;
    }
  }
  assert.ok(manifest, 'a manifest to break');
  assert.equal(validate(manifest), true);
  const broken = { ...manifest, label: 'not a language map' };
  delete broken.items;
  assert.equal(validate(broken), false);
});
