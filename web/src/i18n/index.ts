// The interface's languages (kk in Cyrillic, kk-Latn, ru, en), the remembered choice, message
// lookup with ICU-style {name} and {n, plural, ...} arguments, and Intl formatting of numbers,
// dates and EDTF dates in the chosen language.
import { Store, useStore } from '../store';
import { en, type MessageKey } from './en';
import { kk } from './kk';
import { ru } from './ru';
import { toLatin } from './translit';

export type Lang = 'kk' | 'kk-Latn' | 'ru' | 'en';
export const languages: Lang[] = ['kk', 'kk-Latn', 'ru', 'en'];
export type { MessageKey };

const kkLatn = Object.fromEntries(Object.entries(kk).map(([key, value]) => [key, toLatin(value)])) as Record<MessageKey, string>;
const catalogs: Record<Lang, Record<MessageKey, string>> = { kk, 'kk-Latn': kkLatn, ru, en };

/** Every catalog, for the tests that look for untranslated strings. */
export const allCatalogs = catalogs;

function canonical(tag: string | null | undefined): Lang | null {
  if (!tag) return null;
  const lower = tag.toLowerCase();
  if (lower.startsWith('kk-latn') || lower === 'kk-latn-kz') return 'kk-Latn';
  if (lower.startsWith('kk')) return 'kk';
  if (lower.startsWith('ru')) return 'ru';
  if (lower.startsWith('en')) return 'en';
  return null;
}

function initial(): Lang {
  const fromUrl = canonical(new URLSearchParams(window.location.search).get('lang'));
  if (fromUrl) return fromUrl;
  try {
    const stored = canonical(localStorage.getItem('mura.lang'));
    if (stored) return stored;
  } catch {
    // Storage can be off (private windows); the cookie and the browser's languages remain.
  }
  const cookie = canonical(document.cookie.match(/(?:^|; )mura_lang=([^;]+)/)?.[1]);
  if (cookie) return cookie;
  for (const tag of navigator.languages ?? []) {
    const language = canonical(tag);
    if (language) return language;
  }
  return 'kk';
}

export const lang = new Store<Lang>(initial());

function apply(language: Lang): void {
  document.documentElement.lang = language;
  try {
    localStorage.setItem('mura.lang', language);
  } catch {
    // See initial().
  }
  // The server's own pages (/ark:/...) read the same choice.
  document.cookie = `mura_lang=${language}; path=/; max-age=31536000; samesite=lax`;
}
apply(lang.get());
lang.subscribe(apply);

export function setLanguage(language: Lang): void {
  lang.set(language);
}

type Params = Record<string, string | number>;

function pluralRules(language: Lang, ordinal = false): Intl.PluralRules {
  return new Intl.PluralRules(language === 'kk-Latn' ? 'kk' : language, { type: ordinal ? 'ordinal' : 'cardinal' });
}

function roman(value: number): string {
  const numerals: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let rest = Math.floor(value);
  let out = '';
  for (const [amount, letters] of numerals) {
    while (rest >= amount) {
      out += letters;
      rest -= amount;
    }
  }
  return out;
}

/** Formats "{n, plural, one {# file} other {# files}}" and "{name}". */
export function format(message: string, params: Params, language: Lang): string {
  let out = '';
  let i = 0;
  while (i < message.length) {
    const open = message.indexOf('{', i);
    if (open < 0) {
      out += message.slice(i);
      break;
    }
    out += message.slice(i, open);
    let depth = 0;
    let close = open;
    for (; close < message.length; close++) {
      if (message[close] === '{') depth++;
      else if (message[close] === '}' && --depth === 0) break;
    }
    const inner = message.slice(open + 1, close);
    const [name, type] = inner.split(',', 2).map((part) => part.trim());
    const value = params[name];
    if (type === 'roman') {
      out += roman(Number(value));
    } else if (type === 'plural' || type === 'selectordinal') {
      const number = Number(value);
      const body = inner.slice(inner.indexOf(',', inner.indexOf(',') + 1) + 1);
      const forms: Record<string, string> = {};
      for (const match of body.matchAll(/\s*(=?\w+)\s*\{([^{}]*)\}/g)) forms[match[1]] = match[2];
      const form = forms[`=${number}`] ?? forms[pluralRules(language, type === 'selectordinal').select(number)] ?? forms.other ?? '';
      out += form.replace(/#/g, formatNumber(number, language));
    } else {
      out += value === undefined ? `{${name}}` : typeof value === 'number' ? formatNumber(value, language) : value;
    }
    i = close + 1;
  }
  return out;
}

export function translate(key: MessageKey, params: Params = {}, language: Lang = lang.get()): string {
  const message = catalogs[language][key] ?? en[key] ?? key;
  return format(message, params, language);
}

/** The translation function of the current language; re-renders the component when it changes. */
export function useT(): (key: MessageKey, params?: Params) => string {
  const language = useStore(lang);
  return (key, params = {}) => translate(key, params, language);
}

function intlLocale(language: Lang): string {
  return language === 'kk-Latn' ? 'kk' : language;
}

function latinIf(language: Lang, text: string): string {
  return language === 'kk-Latn' ? toLatin(text) : text;
}

export function formatNumber(value: number, language: Lang = lang.get()): string {
  return new Intl.NumberFormat(intlLocale(language)).format(value);
}

export function formatBytes(bytes: number, language: Lang = lang.get()): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const text = new Intl.NumberFormat(intlLocale(language), {
    style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
  return latinIf(language, text);
}

// Kazakh month names: browsers' ICU data for kk is often missing ("2026 M11 28"), so Kazakh dates
// are written here, in the official order "2026 жылғы 28 қараша".
const kazakhMonths = ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'];

function kazakhDate(year: number, month?: number, day?: number): string {
  if (!month) return `${year} ж.`;
  return `${year} жылғы ${day ? `${day} ` : ''}${kazakhMonths[month - 1]}`;
}

/** An ISO 8601 timestamp as a date and time in the language. */
export function formatDateTime(iso: string, language: Lang = lang.get()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  if (language === 'kk' || language === 'kk-Latn') {
    const time = `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
    return latinIf(language, `${kazakhDate(date.getFullYear(), date.getMonth() + 1, date.getDate())}, ${time}`);
  }
  return latinIf(language, new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'long', timeStyle: 'short' }).format(date));
}

export function formatDay(iso: string, language: Lang = lang.get()): string {
  const match = iso.match(/^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/);
  if (!match) return iso;
  const [, year, month, day] = match;
  if (language === 'kk' || language === 'kk-Latn') {
    return latinIf(language, kazakhDate(Number(year), month ? Number(month) : undefined, day ? Number(day) : undefined));
  }
  const date = new Date(Date.UTC(Number(year), month ? Number(month) - 1 : 0, day ? Number(day) : 1));
  const options: Intl.DateTimeFormatOptions = day
    ? { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }
    : month ? { year: 'numeric', month: 'long', timeZone: 'UTC' } : { year: 'numeric', timeZone: 'UTC' };
  return latinIf(language, new Intl.DateTimeFormat(intlLocale(language), options).format(date));
}

/** An EDTF date for people: "1920/1930" -> "1920–1930", "1845~" -> "c. 1845", "19XX" -> "1900s". */
export function formatEdtf(edtf: string, language: Lang = lang.get()): string {
  const text = edtf.trim();
  if (text.includes('/')) {
    const [from, to] = text.split('/');
    const left = from && from !== '..' ? formatEdtf(from, language) : '…';
    const right = to && to !== '..' ? formatEdtf(to, language) : '…';
    return `${left}–${right}`;
  }
  const approximate = /[~%]$/.test(text);
  const uncertain = /[?%]$/.test(text);
  const bare = text.replace(/[~?%]$/, '');
  let shown: string;
  const unspecified = bare.match(/^(\d{2})XX$/) ?? bare.match(/^(\d{3})X$/);
  if (unspecified) {
    shown = bare.length === 4 && bare.endsWith('XX')
      ? translate('date.century', { century: Number(unspecified[1]) + 1 }, language)
      : translate('date.decade', { decade: Number(unspecified[1]) * 10 }, language);
  } else {
    shown = formatDay(bare, language);
  }
  if (approximate) shown = translate('date.approximately', { date: shown }, language);
  if (uncertain && !approximate) shown = `${shown}?`;
  return shown;
}

/** The language's name in itself, for the switch. */
export const languageNames: Record<Lang, string> = { kk: 'Қазақша', 'kk-Latn': 'Qazaqşa', ru: 'Русский', en: 'English' };
