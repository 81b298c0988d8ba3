/** Sign-in by user name and PIN; the node sets the session cookie. */
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import type { Me } from '../api-types.js';
import { ErrorView } from '../error-view.js';
import { t } from '../i18n.js';

export function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // The moment the first screen is usable, for the cold-load measurement of the e2e tests.
  useEffect(() => void performance.mark('medassist:sign-in-ready'), []);

  const submit = (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    api<Me>('POST', '/api/session', { name, pin })
      .then(onSignedIn, (err: unknown) => {
        setPin('');
        if (err instanceof ApiError && err.code === 'AUTH_FAILED') setError(t('signin.failed'));
        else if (err instanceof ApiError && err.code === 'AUTH_LOCKED')
          setError(t('signin.locked'));
        else setError(err);
      })
      .finally(() => setBusy(false));
  };

  return (
    <form class="card signin" onSubmit={submit}>
      <h1>{t('signin.title')}</h1>
      <label for="signin-name">{t('signin.user')}</label>
      <input
        id="signin-name"
        autoComplete="username"
        value={name}
        onInput={(e) => setName(e.currentTarget.value)}
        required
      />
      <label for="signin-pin">{t('signin.pin')}</label>
      <input
        id="signin-pin"
        type="password"
        inputMode="numeric"
        autoComplete="current-password"
        value={pin}
        onInput={(e) => setPin(e.currentTarget.value)}
        required
      />
      <button type="submit" disabled={busy}>
        {busy ? t('signin.busy') : t('signin.submit')}
      </button>
      <ErrorView error={error} />
      <p class="hint">{t('app.offlineNote')}</p>
    </form>
  );
}
