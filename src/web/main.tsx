/** Entry of the clinic web app: languages first, then the app shell. */
import { render } from 'preact';
import { api } from './api.js';
import type { Me } from './api-types.js';
import { App } from './app.js';
import { initI18n, initialLanguage } from './i18n.js';

async function start(): Promise<void> {
  // Who is signed in is asked while the language loads, not after.
  const me = api<Me>('GET', '/api/session').catch(() => null);
  await initI18n(initialLanguage());
  const root = document.getElementById('app');
  if (root) render(<App initialMe={me} />, root);
}

void start();
