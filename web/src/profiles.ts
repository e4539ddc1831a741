// The metadata profiles of data/profiles/ (the same files the server validates with): field
// labels in each language, types, and which fields are required, repeatable and multilingual.
import { lang, translate, type Lang, type MessageKey } from './i18n';

export interface ProfileField {
  name: string; type: string; required?: boolean; repeatable?: boolean; multilingual?: boolean;
  label: Record<string, string>; values?: string[]; dc?: string;
}
export interface Profile { kind: string; label: Record<string, string>; fields: ProfileField[] }

const modules = import.meta.glob('../../data/profiles/*.json', { eager: true, import: 'default' });
export const profiles: Record<string, Profile> = Object.fromEntries(
  Object.values(modules).map((profile) => [(profile as Profile).kind, profile as Profile]),
);

export const kinds = Object.keys(profiles).sort();

export function localized(labels: Record<string, string> | undefined, language: Lang = lang.get()): string {
  if (!labels) return '';
  return labels[language] ?? labels.en ?? Object.values(labels)[0] ?? '';
}

export function kindLabel(kind: string, language: Lang = lang.get()): string {
  return localized(profiles[kind]?.label, language) || kind;
}

/** The label of a field, from any profile that has it; the field's name otherwise. */
export function fieldLabel(name: string, kind?: string, language: Lang = lang.get()): string {
  const own = kind ? profiles[kind]?.fields.find((field) => field.name === name) : undefined;
  if (own) return localized(own.label, language);
  for (const profile of Object.values(profiles)) {
    const field = profile.fields.find((candidate) => candidate.name === name);
    if (field) return localized(field.label, language);
  }
  return name.replace(/_/g, ' ');
}

/** An ISAD(G) level of description in the language ("series" -> "опись"). */
export function levelLabel(level: string, language: Lang = lang.get()): string {
  const key = `unit.${level}` as MessageKey;
  const text = translate(key, {}, language);
  return text === key ? level : text;
}
