/**
 * The status bar, on every screen: connectivity mode, last sync, items waiting in the outbox,
 * the guideline version, and a banner for outbreak alerts. Polled every 15 s from the node.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from './api.js';
import type { StatusView } from './api-types.js';
import { publishStatus } from './clinic-status.js';
import { formatDateTime, t } from './i18n.js';

const POLL_MS = 15_000;

function SyncNow() {
  const [note, setNote] = useState('');
  const press = () => {
    setNote('');
    api('POST', '/api/sync').then(
      () => setNote(t('sync.started')),
      (e: unknown) =>
        setNote(e instanceof ApiError && e.status === 409 ? t('sync.notConfigured') : String(e)),
    );
  };
  return (
    <>
      <button type="button" class="link" onClick={press}>
        {t('sync.now')}
      </button>
      {note && <span aria-live="polite">{note}</span>}
    </>
  );
}

export function StatusBar({ signedIn }: { signedIn: boolean }) {
  const [status, setStatus] = useState<StatusView | null>(null);

  useEffect(() => {
    if (!signedIn) return undefined;
    let live = true;
    const load = () =>
      api<StatusView>('GET', '/api/status').then(
        (s) => {
          publishStatus(s);
          if (live) setStatus(s);
        },
        () => live && setStatus(null),
      );
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    // A screen change (after a save, say) refreshes the queue count at once.
    const onHash = () => void load();
    addEventListener('hashchange', onHash);
    return () => {
      live = false;
      clearInterval(timer);
      removeEventListener('hashchange', onHash);
    };
  }, [signedIn]);

  if (!signedIn) return null;
  if (!status)
    return (
      <div class="status" role="status">
        {t('status.unavailable')}
      </div>
    );
  return (
    <>
      <div class="status" role="status" aria-label={t('status.label')}>
        <span class={`mode mode-${status.mode.toLowerCase()}`}>
          {t(`status.modes.${status.mode}`)}
        </span>
        <span>
          {t('status.lastSync')}:{' '}
          {status.lastSyncAt ? formatDateTime(status.lastSyncAt) : t('status.never')}
        </span>
        <span data-testid="queued">{t('status.queuedCount', { count: status.queued })}</span>
        {status.progress && <span>{t('status.syncing', status.progress)}</span>}
        <span>
          {t('status.knowledge')}: {status.knowledgeVersion ?? '-'}
        </span>
        <SyncNow />
      </div>
      {status.alerts.length > 0 && (
        <div class="alerts" role="alert">
          <strong>{t('status.alertsBanner', { count: status.alerts.length })}</strong>
          <ul>
            {status.alerts.map((a) => (
              <li key={a.id}>{a.title}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
