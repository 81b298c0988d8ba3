/**
 * Interface languages: i18next with one JSON file per language, served by the clinic node
 * like every other asset (hashed URLs from the build), so switching needs no internet. Numbers
 * and dates are formatted by Intl for the chosen language.
 */
import i18next, { type TFunction } from 'i18next';
// English is the fallback of every other language and the first screen's language most
// often: it ships inside the bundle, saving a round trip on a cold load.
import en from './locales/en.json';

export const LANGUAGES = ['en', 'fr', 'sw', 'hi', 'bn', 'th', 'id', 'vi'] as const;
export type Language = (typeof LANGUAGES)[number];

// The build emits each locale file as a hashed asset and gives its URL; nothing is inlined.
const LOCALE_URLS = import.meta.glob<string>(['./locales/*.json', '!./locales/en.json'], {
  query: '?url',
  import: 'default',
  eager: true,
});

const STORAGE_KEY = 'medassist.lang';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

async function loadLocale(lang: Language): Promise<void> {
  if (i18next.hasResourceBundle(lang, 'translation')) return;
  if (lang === 'en') {
    i18next.addResourceBundle('en', 'translation', en, true, true);
    return;
  }
  const url = LOCALE_URLS[`./locales/${lang}.json`];
  if (!url) throw new Error(`no locale file for [${lang}]`);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`locale [${lang}] did not load: ${response.status}`);
  i18next.addResourceBundle(lang, 'translation', await response.json(), true, true);
}

/** The language saved on this device, else the browser's, else English. */
export function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (isLanguage(saved)) return saved;
  const browser = navigator.language.slice(0, 2);
  return isLanguage(browser) ? browser : 'en';
}

export async function initI18n(lang: Language): Promise<TFunction> {
  await i18next.init({
    lng: lang,
    fallbackLng: 'en',
    resources: {},
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  await loadLocale('en');
  await loadLocale(lang);
  document.documentElement.lang = lang;
  return i18next.t;
}

/** Switches language (loading its file once) and remembers it on this device. */
export async function switchLanguage(lang: Language): Promise<void> {
  await loadLocale(lang);
  await i18next.changeLanguage(lang);
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
}

export const t: TFunction = ((...args: Parameters<TFunction>) =>
  i18next.t(...args)) as unknown as TFunction;

export function currentLanguage(): Language {
  const lang = i18next.language;
  return isLanguage(lang) ? lang : 'en';
}

/** A number as the current language writes it. */
export function formatNumber(value: number, maximumFractionDigits = 2): string {
  return new Intl.NumberFormat(currentLanguage(), { maximumFractionDigits }).format(value);
}

/** A calendar date (YYYY-MM-DD) as the current language writes it; no time-zone shift. */
export function formatDate(isoDate: string): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(currentLanguage(), {
    dateStyle: 'medium',
    timeZone: 'UTC',
  }).format(date);
}

/** A moment (ISO timestamp) in the device's time zone. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(currentLanguage(), {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}

export function onLanguageChanged(listener: () => void): () => void {
  i18next.on('languageChanged', listener);
  return () => i18next.off('languageChanged', listener);
}
