// Escaping for text that comes from the data or the repository (class and
// file names, params, branch names): a class folder named
// `<img src=x onerror=alert(1)>` or `a|b` must stay text everywhere.
const HTML_ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text) {
    return text.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char]);
}
/** SVG text content and attribute values. */
export const escapeXml = escapeHtml;
/** U+2060 WORD JOINER: invisible, not a word character, not whitespace (so it breaks no line). */
export const WORD_JOINER = '\u2060';
/**
 * Text from the data (class names, file names, versions, branch names) must
 * not ping anyone or become a link under the bot's name. GitHub finds
 * @mentions, #123 / GH-123 references and bare URLs in the rendered text,
 * after HTML entities are decoded, so `&#64;octo-org` still pings: the
 * neutraliser is the character itself, a word joiner put between the sign
 * and what follows (`@⁠octo-org` is no mention: a mention needs a
 * letter or digit right after the @). The same breaks email autolinks
 * (`a@⁠b.c`), `https:⁠//` (GFM's extended autolink needs "://")
 * and `www⁠.` (it needs "www."). The text still reads the same.
 */
export function neutralizeReferences(text) {
    return text
        .replace(/@(?=[\p{L}\p{N}_-])/gu, `@${WORD_JOINER}`)
        .replace(/#(?=\p{N})/gu, `#${WORD_JOINER}`)
        .replace(/\b(GH-)(?=\p{N})/giu, `$1${WORD_JOINER}`)
        .replace(/([A-Za-z][A-Za-z0-9+.-]*):(?=\/\/)/g, `$1:${WORD_JOINER}`)
        .replace(/\b(www)\./gi, `$1${WORD_JOINER}.`);
}
/**
 * Inline markdown text (GitHub flavour): HTML is neutralised as entities,
 * markdown punctuation is backslash-escaped so that names cannot start
 * emphasis, links, code spans or tables, and mentions, references and bare
 * URLs are broken (neutralizeReferences). Newlines become spaces.
 */
export function escapeMarkdown(text) {
    return neutralizeReferences(text)
        .replace(/\r?\n|\r/g, ' ')
        // Only a "<" that can open a tag and an "&" that can start an entity are
        // special; "p < 0.05" stays readable in the raw text.
        .replace(/&(?=[#A-Za-z0-9])|<(?=[A-Za-z/!?$])|>/g, (char) => HTML_ENTITIES[char])
        .replace(/[\\`*_[\]|~]/g, (char) => `\\${char}`);
}
/** A table cell: the same as inline text (pipes are escaped there too). */
export const escapeTableCell = escapeMarkdown;
