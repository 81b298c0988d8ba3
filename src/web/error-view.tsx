/** Shows what went wrong: each input issue with its field and value, or the node's message. */
import { ApiError } from './api.js';
import { t } from './i18n.js';

export function messageOf(error: unknown): string {
  if (!(error instanceof ApiError)) return String(error);
  if (error.code === 'NETWORK') return t('common.networkError');
  if (error.code === 'AUTH_FORBIDDEN') return t('common.forbidden');
  return error.message;
}

export function ErrorView({ error }: { error: unknown }) {
  if (error === null || error === undefined) return null;
  const issues = error instanceof ApiError ? error.issues : [];
  return (
    <div class="error" role="alert">
      {issues.length === 0 ? (
        <p>{messageOf(error)}</p>
      ) : (
        <ul>
          {issues.map((i) => (
            <li key={i.field}>{t('common.fieldError', { field: i.field, message: i.message })}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
