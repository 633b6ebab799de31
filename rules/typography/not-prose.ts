// Text that is not prose, where punctuation and quotes follow other rules: URLs, e-mail addresses,
// handles, hashtags, domain and file names, and lines of leftover HTML markup.
import {readFileSync} from 'node:fs'

export interface Span {
  start: number
  end: number
}

const TLD = 'com|net|org|gov|edu|mil|int|io|co|uk|us|kr|jp|cn|ru|de|fr|in|au|ca|eu|info|biz|tv|me|ly|ai|app|dev|news|Com|Net|Org|COM|NET|ORG'
const FILE_EXTENSION = 'html?|php|aspx?|jsp|pdf|docx?|xlsx?|pptx?|txt|csv|json|xml|jpe?g|png|gif|svg|webp|mp[34]|mov|avi|zip|exe|js|ts|py'

const NOT_PROSE = new RegExp(
  [
    String.raw`\b(?:https?|ftp):\/\/[^\s<>"“”‘’]+`,
    String.raw`\bwww\.[^\s<>"“”‘’]+`,
    // Anchored at the start of the address: unanchored, every position of a long word would rescan it.
    String.raw`(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`,
    String.raw`(?<![\p{L}\p{N}@])[@#][\p{L}\p{N}_]+`,
    String.raw`(?<![\p{L}\p{N}.-])[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*\.(?:${TLD}|${FILE_EXTENSION})(?![\p{L}\p{N}])(?:\/[^\s<>"“”‘’]*)?`
  ].join('|'),
  'gu'
)

// Every pattern above holds `://`, `www.`, `@`, `#`, or a dot before a top-level domain or file
// extension. Most lines of prose hold none, and this scan rejects them far faster than the full
// pattern, which tries five alternatives (three behind a look-behind) at every position.
const MAY_HOLD_NOT_PROSE = new RegExp(String.raw`:\/\/|www\.|[@#]|\.(?:${TLD}|${FILE_EXTENSION})(?![\p{L}\p{N}])`, 'u')

// Attribute syntax (class="x"), a tag, or a tag's tail ("> after a quote): scraped markup, not prose.
const MARKUP = /[\w-]+=["']|["']\s*>|<\/?[a-z][\w-]*[\s>/]/i
// What every markup pattern holds: `="`, `='`, `<` or `>`; substring searches find them fastest.
const ATTRIBUTE_VALUE = /=["']/
const mayHoldMarkup = (line: string) => line.includes('<') || line.includes('>') || (line.includes('=') && ATTRIBUTE_VALUE.test(line))

/** Non-prose spans of one line, as absolute offsets (`offset` is where the line starts). */
export function notProseSpans(line: string, offset: number): Span[] {
  const spans: Span[] = []
  if (!MAY_HOLD_NOT_PROSE.test(line)) return spans
  NOT_PROSE.lastIndex = 0
  for (let match = NOT_PROSE.exec(line); match; match = NOT_PROSE.exec(line)) {
    spans.push({start: offset + match.index, end: offset + match.index + match[0].length})
  }
  return spans
}

export function isMarkupLine(line: string): boolean {
  return mayHoldMarkup(line) && MARKUP.test(line)
}

export function within(spans: readonly Span[], start: number, end = start + 1): boolean {
  return spans.length > 0 && spans.some((span) => span.start < end && start < span.end)
}

/** Reads a word list: one entry a line, blank lines and `#` comments ignored, lowercased. */
export function readList(file: string): Set<string> {
  return new Set(
    readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .map((line) => line.replace(/#.*/, '').trim().toLowerCase())
      .filter(Boolean)
  )
}
