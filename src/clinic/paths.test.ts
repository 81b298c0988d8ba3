import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { cloudHome, medassistHome } from './paths.js';

void test("the cloud's folder is its own, never inside a clinic's MEDASSIST_HOME", () => {
  const env = { MEDASSIST_HOME: '/srv/clinic', XDG_DATA_HOME: '/data' };
  assert.equal(medassistHome(env), '/srv/clinic');
  if (process.platform === 'linux') assert.equal(cloudHome(env), '/data/medassist-cloud');
  assert.ok(!cloudHome(env).startsWith('/srv/clinic'));
  assert.equal(cloudHome({ ...env, MEDASSIST_CLOUD_HOME: 'cloud' }), resolve('cloud'));
});
