/** A name as typed names are compared: no case, accents, spacing or punctuation. */
export const foldName = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

/**
 * Codes by their names in one language (Intl's), for reading a country or currency typed rather than
 * picked. Each table is built once per language and kind; a client chooses the language, so the number
 * kept is bounded.
 */
export class NamesToCodes {
  private readonly tables = new Map<string, Map<string, string>>();

  constructor(
    private readonly type: 'region' | 'currency',
    private readonly codes: readonly string[],
    /** More names for a language (aliases), beside Intl's own. */
    private readonly extra: (language: string) => Iterable<[name: string, code: string]> = () => [],
  ) {}

  codeOf(typed: string, language: string): string | undefined {
    const key = foldName(typed);
    return key ? (this.table(language).get(key) ?? this.table('en').get(key)) : undefined;
  }

  private table(language: string): Map<string, string> {
    let table = this.tables.get(language);
    if (!table) {
      let display: Intl.DisplayNames;
      try {
        display = new Intl.DisplayNames([language], { type: this.type, fallback: 'none' });
      } catch {
        return this.table('en');
      }
      table = new Map(this.codes.map((code) => [foldName(display.of(code) ?? code), code]));
      for (const [name, code] of this.extra(language)) table.set(foldName(name), code);
      if (this.tables.size < 50) this.tables.set(language, table);
    }
    return table;
  }
}
