/**
 * One past visit opened from the patient's history: the model's notes kept with it (what the
 * safety gate passed, and how many lines it overruled). Loaded on demand, so the history list
 * stays one request however long it is.
 */
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import type { EncounterDetail } from '../api-types.js';
import { ErrorView } from '../error-view.js';
import { t } from '../i18n.js';
import { ModelNotesBody } from './consult/model-notes-body.js';

export function VisitDetails({ encounterId }: { encounterId: string }) {
  const [detail, setDetail] = useState<EncounterDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const open = () => {
    setError(null);
    api<{ encounter: EncounterDetail }>(
      'GET',
      `/api/encounters/${encodeURIComponent(encounterId)}`,
    ).then((r) => setDetail(r.encounter), setError);
  };

  if (!detail) {
    return (
      <>
        <button type="button" class="link" data-testid="open-visit" onClick={open}>
          {t('patients.openVisit')}
        </button>
        <ErrorView error={error} />
      </>
    );
  }
  return (
    <div class="visit-details" data-testid="visit-details">
      {detail.model ? (
        <section aria-label={t('model.title')}>
          <h4>{t('model.title')}</h4>
          <ModelNotesBody notes={detail.model} />
        </section>
      ) : (
        <p class="hint">{t('patients.noModelNotes')}</p>
      )}
    </div>
  );
}
