import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orchestrate } from './orchestrate.js';
import { renderModelText } from './render-text.js';
import { answer, consultView, convulsionsCase, fakeEngine } from './test-helpers.js';

test('shows the model lines as considerations with the path, and counts what was overruled', async () => {
  const cloud = fakeEngine(
    'cloud',
    JSON.stringify(
      answer({ summary: 'Convulsion with fever.', redFlags: ['No danger signs', 'Stiff neck'] }),
    ),
  );
  const r = await orchestrate(consultView(convulsionsCase), {
    cloud: cloud.engine,
    mode: () => 'ONLINE',
  });

  const text = renderModelText(r);
  assert.match(text, /^MODEL CONSIDERATIONS/);
  assert.match(text, /served by: cloud model/);
  assert.match(text, /red flag: Stiff neck/);
  assert.doesNotMatch(text, /No danger signs/);
  assert.match(text, /overruled: 1 model line/);
});

test('never prints a terminal escape the model wrote', async () => {
  const cloud = fakeEngine('cloud', JSON.stringify(answer({ summary: 'a\u001b[2Jb' })));
  const r = await orchestrate(consultView(convulsionsCase), {
    cloud: cloud.engine,
    mode: () => 'ONLINE',
  });

  const text = renderModelText(r);
  assert.ok(!text.includes('\u001b'));
  assert.match(text, /summary: a \[2Jb/);
});
