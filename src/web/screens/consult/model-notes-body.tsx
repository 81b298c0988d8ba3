/**
 * The model's notes as text: the summary, red flags, what else to consider, and how many lines
 * the safety gate overruled. Shown under a fresh result and again in the patient's history.
 */
import type { ModelNotes } from '../../api-types.js';
import { t } from '../../i18n.js';

export function ModelNotesBody({ notes }: { notes: ModelNotes }) {
  // No contribution: the model failed or was not asked; only what was overruled remains.
  const { summary = null, differential = [], redFlags = [] } = notes.contribution ?? {};
  return (
    <>
      <p class="hint">{t('model.addsOnly', { path: notes.servedBy })}</p>
      {summary && <p data-testid="model-summary">{summary}</p>}
      {redFlags.length > 0 && (
        <ul class="plain">
          {redFlags.map((f) => (
            <li key={f.text}>{f.text}</li>
          ))}
        </ul>
      )}
      {differential.length > 0 && (
        <p>
          {t('model.differential')}: {differential.map((d) => d.text).join(', ')}
        </p>
      )}
      {notes.overruled.length > 0 && (
        <p class="hint">{t('model.overruled', { count: notes.overruled.length })}</p>
      )}
    </>
  );
}
