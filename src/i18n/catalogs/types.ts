/** A language's sentences: nested sections whose leaves are strings, as i18next loads them. */
export interface Catalog {
  [key: string]: string | Catalog;
}
