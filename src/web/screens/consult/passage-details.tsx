/** The guideline passage behind a line of the result: a disclosure that loads it on open. */
import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import type { Passage, PassageLink } from '../../api-types.js';
import { currentLanguage, t } from '../../i18n.js';

export function PassageDetails({ link }: { link: PassageLink }) {
  const [passage, setPassage] = useState<Passage | null>(null);
  const [failed, setFailed] = useState(false);

  const onToggle = (e: Event) => {
    if (!(e.currentTarget as HTMLDetailsElement).open || passage) return;
    const path = `/api/passages/${encodeURIComponent(link.id)}?lang=${currentLanguage()}`;
    api<Passage>('GET', path).then(setPassage, () => setFailed(true));
  };

  return (
    <details class="passage" onToggle={onToggle}>
      <summary>
        {t('result.passages')}: {link.title}
        {!(passage ? passage.reviewed : link.reviewed) && (
          <span class="badge">{t('result.notReviewed')}</span>
        )}
      </summary>
      {passage && (
        <div lang={passage.lang}>
          <p class="passage-body">{passage.body}</p>
          <p class="citation">{passage.citation}</p>
        </div>
      )}
      {failed && <p class="error">{t('common.networkError')}</p>}
      {!passage && !failed && <p class="citation">{link.citation}</p>}
    </details>
  );
}
