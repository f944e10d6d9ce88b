// The one gate for text this job did not write: names and values from an
// artifact (a fork's run.json, handoff.json, leg.json, its folder names), from
// a pull request (title, branch names), from the jobs API (a leg's job name
// and the error it printed) and from the data (class and file names). Each
// sink has its function here, and nothing from outside reaches a sink by
// another road:
//   log line / annotation  forLog      one line, no "::" or "##[" (a line of the
//                                      runner's log that starts a workflow
//                                      command would set outputs or annotate)
//   path component         forPath     letters, digits, ".", "_", "-"; never
//                                      "", "." or "..", no separator
//   step output key        forOutputKey the same plus "=" and ","
//   markdown / HTML        escapeMarkdown, escapeHtml, neutralizeReferences
//                                      (text, never tags, links or mentions)
//   JSON from an artifact  parseUntrustedJson: no "__proto__", "constructor"
//                                      or "prototype" keys; objects inherit nothing
// Every text sink first makes invisible characters visible (bidi overrides
// and isolates, zero-width characters, controls): a class called
// "Earth\u202Eecnalab" cannot show as something else. Pure, import-free.

/** Keys that name an object's machinery, not data: refused wherever untrusted keys are read. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Whether a key may be read from untrusted input; the message names it when it may not. */
export function forbiddenKeyProblem(key: string): string | undefined {
  return FORBIDDEN_KEYS.has(key) ? `the key "${key}" is not allowed (it names a JavaScript object's internals, not data)` : undefined;
}

/**
 * Bidi controls (embeddings, overrides, isolates, marks), zero-width and other
 * invisible format characters, and controls other than tab and newline.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB\u{E0000}-\u{E007F}]/gu;

/** Invisible characters shown by their code point: "⟨U+202E⟩". Newlines and tabs are left to the sink. */
export function visible(text: string): string {
  return text.replace(INVISIBLE, (char) => `⟨U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g;

/** At most this many characters of one untrusted value in a log line. */
export const MAX_LOG_TEXT = 300;

/**
 * A value for the job's log or an annotation: one line (a line that started
 * with "::" or "##[" would be a workflow command the runner obeys), no "::"
 * anywhere, invisible characters shown, at most `max` characters.
 */
export function forLog(text: string, max = MAX_LOG_TEXT): string {
  const line = visible(String(text)).replace(LINE_BREAKS, ' ').replace(/\t/g, ' ').replace(/:{2,}/g, ':').replace(/#{2,}\[/g, '#[');
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/**
 * One component of a path: letters, digits, ".", "_" and "-" (anything else
 * becomes "-"), no leading or trailing dot or dash, no "..", at most 80
 * characters; `fallback` when nothing is left. Never ".", ".." or a separator.
 */
export function forPath(text: string, fallback: string): string {
  const component = String(text)
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80)
    .replace(/[-.]+$/, '');
  return component || fallback;
}

/** A key of a JSON step output that a later `run:` step may interpolate: no quotes, "$", backticks or spaces. */
export function forOutputKey(text: string): string {
  return forPath(String(text).replace(/[=,]/g, (char) => (char === '=' ? '.eq.' : '.')), 'variant').replace(/\.eq\./g, '=');
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML text and attribute values (invisible characters shown). */
export function escapeHtml(text: string): string {
  return visible(text).replace(/[&<>"']/g, (char) => HTML_ENTITIES[char]);
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
 * Invisible characters are shown first, so the only word joiners left are these.
 */
export function neutralizeReferences(text: string): string {
  return visible(text)
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
export function escapeMarkdown(text: string): string {
  return neutralizeReferences(text)
    .replace(LINE_BREAKS, ' ')
    // Only a "<" that can open a tag and an "&" that can start an entity are
    // special; "p < 0.05" stays readable in the raw text.
    .replace(/&(?=[#A-Za-z0-9])|<(?=[A-Za-z/!?$])|>/g, (char) => HTML_ENTITIES[char])
    .replace(/[\\`*_[\]|~]/g, (char) => `\\${char}`);
}

/** A table cell: the same as inline text (pipes are escaped there too). */
export const escapeTableCell = escapeMarkdown;

/**
 * One line of HTML inside markdown (a <summary>): a blank line there would end
 * the HTML block and let the rest be read as markdown (headings, links, images).
 */
export function escapeHtmlLine(text: string): string {
  return neutralizeReferences(text).replace(LINE_BREAKS, ' ').replace(/[&<>"']/g, (char) => HTML_ENTITIES[char]);
}

export class UntrustedJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UntrustedJsonError';
  }
}

/**
 * JSON from outside: a key that names object machinery is refused with the
 * path to it, and every object has no prototype, so that no key of the data
 * can reach (or shadow) a builtin. Throws SyntaxError for text that is not JSON.
 */
export function parseUntrustedJson(text: string): unknown {
  return JSON.parse(text, function (this: unknown, key: string, value: unknown) {
    const problem = forbiddenKeyProblem(key);
    if (problem) throw new UntrustedJsonError(problem);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return Object.assign(Object.create(null) as object, value);
    return value;
  });
}
