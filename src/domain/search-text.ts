// Normalisation for Japanese partial-match search: full-width and half-width forms fold together
// (NFKC), Latin letters fold case, and hiragana folds to katakana, so 「らいん」 finds 「ライン」.

/** The form stored in a row's search column and applied to the user's query alike. */
export function normaliseForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
    .replace(/\s+/g, ' ')
    .trim();
}
