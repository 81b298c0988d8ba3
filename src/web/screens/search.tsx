/** Guideline search in the knowledge base, in the chosen passage language (English fallback). */
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { ErrorView } from '../error-view.js';
import { currentLanguage, LANGUAGES, t } from '../i18n.js';
import { PassageDetails } from './consult/passage-details.js';

interface Hit {
  id: string;
  title: string;
  citation: string;
  lang: string;
  snippet: string;
}

export function SearchScreen() {
  const [q, setQ] = useState('');
  const [lang, setLang] = useState<string>(currentLanguage());
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    setError(null);
    const path = `/api/search?q=${encodeURIComponent(q)}&lang=${lang}`;
    api<{ hits: Hit[] }>('GET', path).then((r) => setHits(r.hits), setError);
  };
  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">{t('search.title')}</h1>
      <form class="card" role="search" onSubmit={submit}>
        <label for="search-q">{t('search.query')}</label>
        <input id="search-q" value={q} onInput={(e) => setQ(e.currentTarget.value)} required />
        <label for="search-lang">{t('search.lang')}</label>
        <select id="search-lang" value={lang} onChange={(e) => setLang(e.currentTarget.value)}>
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`languages.${l}`)}
            </option>
          ))}
        </select>
        <button type="submit">{t('search.submit')}</button>
      </form>
      <ErrorView error={error} />
      {hits && (
        <div aria-live="polite">
          <p>
            {hits.length === 0
              ? t('search.noResults')
              : t('search.results', { count: hits.length })}
          </p>
          <ul class="plain">
            {hits.map((h) => (
              <li key={h.id} class="card" lang={h.lang}>
                <strong>{h.title}</strong>
                <p class="snippet">{h.snippet}</p>
                <PassageDetails link={{ ...h, reviewed: true }} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
