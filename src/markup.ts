// What HTML and CMS residue looks like in scraped plain text. `duplicate-block` reads the same
// patterns to compare copies without their markup, so the two rules agree on what markup is.
// The decoder alone: `entities` itself also loads the encoders' tables, which a linter never uses.
import {decodeHTMLStrict} from 'entities/decode'
import type {DocumentAnalysis} from './analysis.js'

export type ResidueKind = 'attributes' | 'tag' | 'comment' | 'fragment' | 'shortcode' | 'script' | 'entity' | 'placeholder'

export interface Residue {
  kind: ResidueKind
  /** Absolute offsets. */
  start: number
  end: number
}

/** Kinds that are markup proper: a copy holding one of them is not a clean copy. */
export const MARKUP_KINDS: ReadonlySet<ResidueKind> = new Set(['attributes', 'tag', 'comment', 'fragment', 'shortcode', 'script'])

// Attribute names seen leaking from embeds and CMS templates; lowercase only, as HTML writes them.
const ATTRIBUTE =
  '(?:class|id|style|href|src|srcset|sizes|alt|title|rel|target|width|height|lang|dir|role|name|value|type|content|property|itemprop|itemtype|itemscope|loading|decoding|frameborder|allowfullscreen|allow|align|valign|border|cellpadding|cellspacing|colspan|rowspan|charset|async|defer|crossorigin|referrerpolicy|tabindex|data(?:-[a-z0-9-]+)?|aria-[a-z-]+|on(?:click|load|error|mouseover))'
// An attribute value may be cut off by the end of the line, as in `data="` before a line break.
const PAIR = `${ATTRIBUTE}=(?:"[^"\\n]*(?:"|$)|'[^'\\n]*(?:'|$))`

const TAG_NAMES =
  'a|abbr|article|aside|audio|b|blockquote|br|button|caption|center|cite|code|dd|del|div|dl|dt|em|embed|figcaption|figure|font|footer|form|h[1-6]|header|hr|i|iframe|img|input|ins|label|li|link|main|mark|meta|nav|noscript|ol|p|picture|pre|q|s|script|section|small|source|span|strike|strong|style|sub|sup|svg|table|tbody|td|th|thead|time|tr|u|ul|video'

/** Tags after which text that was glued on both sides needs a space (they broke a line in HTML). */
export const BLOCK_TAG = /^<\/?(?:article|aside|blockquote|br|caption|dd|div|dl|dt|figcaption|figure|footer|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|tbody|td|th|thead|tr|ul)\b/i

// WordPress and page-builder shortcodes: known names only, so editorial brackets ([sic], [1]) are safe.
const SHORTCODE_NAMES =
  'ad_\\d+|adinserter|the_ad|quads|caption|embed|video|audio|gallery|playlist|tweet|instagram|youtube|soundcloud|vc_[a-z_]+|et_pb_[a-z_]+|su_[a-z_]+|fusion_[a-z_]+|td_[a-z_]+|jetpack_[a-z_]+|contact-form(?:-7)?|mc4wp_form|wpforms|ninja_form|rev_slider|dropcap|pullquote'

/** A shortcode that marks an ad slot: a line of these alone is `boilerplate`'s (an ad slot), not residue. */
export const AD_SHORTCODE = /^\[\/?(?:ad_\d+|adinserter|the_ad|quads)\b[^\]]*\]$/

// Each pattern with a literal every match must hold: most lines of prose hold none of them, and
// skip the pattern (a pattern tried at every position of every line was most of this file's cost).
const PATTERNS: Array<{kind: ResidueKind; pattern: RegExp; mayMatch: (line: string) => boolean}> = [
  {kind: 'comment', pattern: /<!--.*?(?:-->|$)/g, mayMatch: (line) => line.includes('<!--')},
  {kind: 'tag', pattern: new RegExp(`<\\/?(?:${TAG_NAMES})(?=[\\s/>])(?:[^<>\\n]*>|[^<>\\n]*$)`, 'gi'), mayMatch: (line) => line.includes('<')},
  // A leftover closing quote of the previous attribute is taken along only when it does not end a word.
  {kind: 'attributes', pattern: new RegExp(`(?:(?<=^|\\s)["']\\s*)?(?:\\b${PAIR}\\s*)+(?:\\/?>)?`, 'g'), mayMatch: (line) => line.includes('="') || line.includes("='")},
  {kind: 'fragment', pattern: /["']\s*\/?>/g, mayMatch: (line) => line.includes('>')},
  {kind: 'shortcode', pattern: new RegExp(`\\[\\/?(?:${SHORTCODE_NAMES})(?:[\\s=][^\\]\\n]*)?\\]`, 'g'), mayMatch: (line) => line.includes('[')},
  {kind: 'placeholder', pattern: /\[\s*email(?:\s|&#160;|&nbsp;|\u00A0)*protected\s*\]|\/cdn-cgi\/l\/email-protection(?:#[0-9a-f]+)?/gi, mayMatch: (line) => (line.includes('[') || line.includes('/')) && EMAIL.test(line)},
  // Entities, including double-encoded ones (`&amp;rsquo;`), which are decoded in one go.
  {kind: 'entity', pattern: /&(?:amp;)*(?:#\d{1,7}|#[xX][\da-fA-F]{1,6}|[A-Za-z][A-Za-z\d]{1,31});/g, mayMatch: (line) => line.includes('&')}
]
// Both placeholder forms open with `[` or `/` and spell `email` (in the pattern's own case-insensitive way).
const EMAIL = /email/i

// Ad, analytics and embed scripts that leak as a line of their own.
const SCRIPT_MARKER =
  /\badsbygoogle\b|\bgoogletag\.|\btwttr\.|\bfbq\(|\b_taboola\b|\b__tcfapi\b|\bjQuery\(|\bdocument\.(?:write|getElementById|querySelector|createElement)\(|\bwindow\.[A-Za-z_$][\w$]*\s*=/

/**
 * The residue in one line (`lineText` starts at absolute offset `lineStart`), sorted and
 * non-overlapping; where two patterns overlap the earlier, then the longer, match wins.
 */
export function findResidue(lineText: string, lineStart: number): Residue[] {
  // A script line ends in `;`, `}` or `)` (checked first: prose ends otherwise) and names a known script.
  if (endsLikeScript(lineText) && SCRIPT_MARKER.test(lineText)) {
    const lead = lineText.length - lineText.trimStart().length
    return [{kind: 'script', start: lineStart + lead, end: lineStart + lineText.trimEnd().length}]
  }
  let found: Residue[] | undefined
  for (const {kind, pattern, mayMatch} of PATTERNS) {
    if (!mayMatch(lineText)) continue
    // One compiled pattern per process: `lastIndex` is reset instead of cloning it (as `matchAll` does).
    pattern.lastIndex = 0
    for (let match = pattern.exec(lineText); match; match = pattern.exec(lineText)) {
      if (match[0].length === 0) {
        pattern.lastIndex++
        continue
      }
      if (kind === 'entity' && decodeEntity(match[0]) === undefined) continue
      ;(found ??= []).push({kind, start: lineStart + match.index, end: lineStart + match.index + match[0].length})
    }
  }
  if (!found) return []
  if (found.length === 1) return found
  found.sort((a, b) => a.start - b.start || b.end - a.end)
  const kept: Residue[] = []
  for (const residue of found) {
    const last = kept[kept.length - 1]
    if (last && residue.start < last.end) continue
    kept.push(residue)
  }
  return kept
}

/** `/[;})]\s*$/`: the last character that is not `\s` closes a statement or a call. */
function endsLikeScript(lineText: string): boolean {
  let index = lineText.length - 1
  while (index >= 0 && isSpace(lineText.charCodeAt(index))) index--
  if (index < 0) return false
  const code = lineText.charCodeAt(index)
  return code === 59 || code === 125 || code === 41
}

/** JavaScript's `\s`. */
function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13)
  if (code < 0xa0) return false
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
}

/**
 * The residue of each line of a document (`analysis.lines[index]`), found once per document on
 * first request: `markup-residue` and `duplicate-block` both read it.
 */
export function lineResidues(analysis: DocumentAnalysis, index: number): Residue[] {
  const cache = analysis.cached('markup:residues', () => new Array<Residue[] | undefined>(analysis.lines.length))
  let residues = cache[index]
  if (!residues) {
    const line = analysis.lines[index]!
    cache[index] = residues = findResidue(line.text, line.start)
  }
  return residues
}

/**
 * What an entity stands for, decoded by `entities` until nothing changes (double encoding);
 * undefined when it is not an entity HTML knows or decodes to a replacement character.
 */
export function decodeEntity(raw: string): string | undefined {
  // The same few entities recur in every line of a scraped page; each is decoded once per process.
  if (decoded.has(raw)) return decoded.get(raw)
  const value = decodeUncached(raw)
  if (decoded.size >= MAX_DECODED) decoded.clear()
  decoded.set(raw, value)
  return value
}

const decoded = new Map<string, string | undefined>()
const MAX_DECODED = 4096

function decodeUncached(raw: string): string | undefined {
  let value = raw
  for (let round = 0; round < 4; round++) {
    const next = decodeHTMLStrict(value)
    if (next === value) break
    value = next
  }
  if (value === raw || value.includes('\uFFFD') || /&(?:#\d|#x|[a-z])/i.test(value)) return undefined
  return value
}
