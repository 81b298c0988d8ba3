/** The interface language, switchable at any time; the files come from the clinic node. */
import { useState } from 'preact/hooks';
import { LANGUAGES, isLanguage, switchLanguage, t } from './i18n.js';
import { useLanguage } from './use-i18n.js';

export function LanguagePicker() {
  const lang = useLanguage();
  // A language file that cannot be fetched leaves the current language in place.
  const [failed, setFailed] = useState(false);
  return (
    <label class="lang">
      <span>{t('app.language')}</span>
      <select
        id="language"
        value={lang}
        onChange={(e) => {
          const value = e.currentTarget.value;
          if (!isLanguage(value)) return;
          setFailed(false);
          switchLanguage(value).catch(() => setFailed(true));
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {t(`languages.${l}`)}
          </option>
        ))}
      </select>
      {failed && <span role="alert">{t('common.networkError')}</span>}
    </label>
  );
}
