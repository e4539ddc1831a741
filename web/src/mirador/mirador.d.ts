// The part of Mirador 4's API that Mura uses (the package ships no types). Mirador.viewer renders
// into the element named by `id` with its own React root and returns the instance; the settings
// are those of the package's src/config/settings.js, deep-merged over its defaults.
declare module 'mirador' {
  export interface MiradorWindow {
    manifestId: string;
    canvasId?: string;
    [setting: string]: unknown;
  }

  export interface MiradorConfig {
    id: string;
    windows?: MiradorWindow[];
    language?: string;
    /** Messages by language, keyed as Mirador's src/locales/en/translation.json; added to its own. */
    translations?: Record<string, Record<string, string>>;
    [setting: string]: unknown;
  }

  export interface MiradorInstance {
    store: { getState(): unknown; dispatch(action: unknown): unknown };
    unmount(): void;
  }

  export function viewer(config: MiradorConfig, plugins?: unknown[]): MiradorInstance;
}
