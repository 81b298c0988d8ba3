/** Re-renders a component when the interface language changes. */
import { useEffect, useState } from 'preact/hooks';
import { currentLanguage, onLanguageChanged, type Language } from './i18n.js';

export function useLanguage(): Language {
  const [lang, setLang] = useState(currentLanguage());
  useEffect(() => onLanguageChanged(() => setLang(currentLanguage())), []);
  return lang;
}
