/**
 * A doctor's override of one classification, with the reason (at least 10 characters, checked
 * again by the node). Shown only to roles that may override; the node refuses anyone else.
 */
import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import type { Classification } from '../../api-types.js';
import { ErrorView } from '../../error-view.js';
import { t } from '../../i18n.js';

interface Props {
  encounterId: string | null;
  classifications: readonly Classification[];
}

export function OverrideForm({ encounterId, classifications }: Props) {
  const [classificationId, setClassificationId] = useState(classifications[0]?.id ?? '');
  const [replacement, setReplacement] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (!encounterId) return <p class="hint">{t('result.overrideNeedsSave')}</p>;

  const submit = (e: Event) => {
    e.preventDefault();
    setError(null);
    api('POST', `/api/encounters/${encounterId}/overrides`, {
      classificationId,
      replacement,
      reason,
    }).then(() => setDone(true), setError);
  };

  return (
    <form class="card override" onSubmit={submit} aria-labelledby="override-title">
      <h3 id="override-title">{t('result.override')}</h3>
      <label for="override-classification">{t('result.overrideClassification')}</label>
      <select
        id="override-classification"
        value={classificationId}
        onChange={(e) => setClassificationId(e.currentTarget.value)}
      >
        {classifications.map((c) => (
          <option key={c.id} value={c.id}>
            {t(`classifications.${c.id}`, { defaultValue: c.name })}
          </option>
        ))}
      </select>
      <label for="override-replacement">{t('result.overrideReplacement')}</label>
      <input
        id="override-replacement"
        value={replacement}
        onInput={(e) => setReplacement(e.currentTarget.value)}
      />
      <label for="override-reason">{t('result.overrideReason')}</label>
      <textarea
        id="override-reason"
        value={reason}
        minLength={10}
        required
        onInput={(e) => setReason(e.currentTarget.value)}
      />
      <button type="submit" disabled={done}>
        {t('result.overrideSubmit')}
      </button>
      {done && <p role="status">{t('result.overrideDone')}</p>}
      <ErrorView error={error} />
    </form>
  );
}
