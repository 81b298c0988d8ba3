import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../../shared/errors.js';
import { parseRegionMap } from './shards.js';
import { redactUrl } from './sql.js';

test('a region map names a database per region and a default', () => {
  const map = parseRegionMap(
    '{"regions":{"north":"postgres://h/n"},"default":"postgres://h/d"}',
    'r.json',
  );
  assert.deepEqual(map, { regions: { north: 'postgres://h/n' }, default: 'postgres://h/d' });
});

test('a region map without a default or with a non-text url is refused, naming the field', () => {
  assert.throws(
    () => parseRegionMap('{"regions":{}}', 'r.json'),
    (e: InputError) => {
      assert.match(e.message, /r\.json: default: must be a database url \[undefined\]/);
      return true;
    },
  );
  assert.throws(
    () => parseRegionMap('{"regions":{"north":5},"default":"x"}', 'r.json'),
    /regions\.north.*\[5\]/,
  );
  assert.throws(() => parseRegionMap('not json', 'r.json'), /is not JSON/);
});

test('database urls are logged without user and password', () => {
  assert.equal(
    redactUrl('postgres://admin:secret@db.internal:5432/north'),
    'postgres://db.internal:5432/north',
  );
});
