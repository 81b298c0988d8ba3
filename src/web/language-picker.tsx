/** The interface language, switchable at any time; the files come from the clinic node. */
import { LANGUAGES, isLanguage, switchLanguage, t } from './i18n.js';
import { useLanguage } from './use-i18n.js';

export function LanguagePicker() {
  const lang = useLanguage();
  return (
    <label class="lang">
      <span>{t('app.language')}</span>
      <select
        id="language"
        value={lang}
        onChange={(e) => {
          const value = e.currentTarget.value;
          if (isLanguage(value)) void switchLanguage(value);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {t(`languages.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
