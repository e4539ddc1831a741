// Kazakh Cyrillic -> the Latin alphabet of 2021 (Presidential decree of 2021): the interface in
// kk-Latn is the kk interface written in Latin letters, and dates formatted by Intl in kk are
// written the same way.
const letters: Record<string, string> = {
  а: 'a', ә: 'ä', б: 'b', в: 'v', г: 'g', ғ: 'ğ', д: 'd', е: 'e', ё: 'io', ж: 'j', з: 'z', и: 'i',
  й: 'i', к: 'k', қ: 'q', л: 'l', м: 'm', н: 'n', ң: 'ñ', о: 'o', ө: 'ö', п: 'p', р: 'r', с: 's',
  т: 't', у: 'u', ұ: 'ū', ү: 'ü', ф: 'f', х: 'h', һ: 'h', ц: 'ts', ч: 'ch', ш: 'ş', щ: 'şş',
  ъ: '', ы: 'y', і: 'ı', ь: '', э: 'e', ю: 'iu', я: 'ia',
};
const capitals: Record<string, string> = { И: 'İ', Й: 'İ', І: 'I', Ы: 'Y' };

export function toLatin(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const lower = c.toLowerCase();
    const latin = letters[lower];
    if (latin === undefined) {
      out += c;
      continue;
    }
    if (c === lower) {
      out += latin;
      continue;
    }
    if (capitals[c]) {
      out += capitals[c];
      continue;
    }
    // A capital: the whole digraph in capitals inside a word in capitals, else only its first letter.
    const next = text[i + 1] ?? '';
    const shouting = next !== '' && next !== next.toLowerCase();
    out += shouting ? latin.toUpperCase() : latin.charAt(0).toUpperCase() + latin.slice(1);
  }
  return out;
}
