import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, test } from 'node:test';
import { isAllowedHost } from './host-check.js';
import { startNodeFixture, type NodeFixture } from './test-helpers/node-fixture.js';

test('addresses and localhost are allowed hosts; other names are not', () => {
  for (const ok of [
    '127.0.0.1:8470',
    '[::1]:8470',
    'localhost:8470',
    '192.168.1.10',
    'LOCALHOST',
  ]) {
    assert.equal(isAllowedHost(ok), true, ok);
  }
  for (const no of ['attacker.example:8470', 'clinic.lan', '', undefined]) {
    assert.equal(isAllowedHost(no), false, String(no));
  }
});

let fixture: NodeFixture;
before(async () => {
  fixture = await startNodeFixture();
});
after(() => fixture.close());

/** A request to the node with a forged Host header (fetch does not let a caller set Host). */
function getWithHost(host: string): Promise<number> {
  const url = new URL('/api/health', fixture.url);
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

test('a request under a rebound host name is refused before any route runs', async () => {
  assert.equal(await getWithHost('attacker.example'), 421);
  assert.equal(await getWithHost(new URL(fixture.url).host), 200);
});
