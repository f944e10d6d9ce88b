// Escaping for text that comes from the data or the repository (class and
// file names, params, branch names): a class folder named
// `<img src=x onerror=alert(1)>` or `a|b` must stay text everywhere.
const HTML_ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text) {
    return text.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char]);
}
/** SVG text content and attribute values. */
export const escapeXml = escapeHtml;
/**
 * Inline markdown text (GitHub flavour): HTML is neutralised as entities,
 * and markdown punctuation is backslash-escaped so that names cannot start
 * emphasis, links, code spans or tables. Newlines become spaces.
 */
export function escapeMarkdown(text) {
    return text
        .replace(/\r?\n|\r/g, ' ')
        // Only a "<" that can open a tag and an "&" that can start an entity are
        // special; "p < 0.05" stays readable in the raw text.
        .replace(/&(?=[#A-Za-z0-9])|<(?=[A-Za-z/!?$])|>/g, (char) => HTML_ENTITIES[char])
        .replace(/[\\`*_[\]|~]/g, (char) => `\\${char}`);
}
/** A table cell: the same as inline text (pipes are escaped there too). */
export const escapeTableCell = escapeMarkdown;
