// What HTML and CMS residue looks like in scraped plain text. `duplicate-block` reads the same
// patterns to compare copies without their markup, so the two rules agree on what markup is.
import {decodeHTMLStrict} from 'entities'

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

const PATTERNS: Array<[ResidueKind, RegExp]> = [
  ['comment', /<!--.*?(?:-->|$)/g],
  ['tag', new RegExp(`<\\/?(?:${TAG_NAMES})(?=[\\s/>])(?:[^<>\\n]*>|[^<>\\n]*$)`, 'gi')],
  // A leftover closing quote of the previous attribute is taken along only when it does not end a word.
  ['attributes', new RegExp(`(?:(?<=^|\\s)["']\\s*)?(?:\\b${PAIR}\\s*)+(?:\\/?>)?`, 'g')],
  ['fragment', /["']\s*\/?>/g],
  ['shortcode', new RegExp(`\\[\\/?(?:${SHORTCODE_NAMES})(?:[\\s=][^\\]\\n]*)?\\]`, 'g')],
  ['placeholder', /\[\s*email(?:\s|&#160;|&nbsp;|\u00A0)*protected\s*\]|\/cdn-cgi\/l\/email-protection(?:#[0-9a-f]+)?/gi],
  // Entities, including double-encoded ones (`&amp;rsquo;`), which are decoded in one go.
  ['entity', /&(?:amp;)*(?:#\d{1,7}|#[xX][\da-fA-F]{1,6}|[A-Za-z][A-Za-z\d]{1,31});/g]
]

// Ad, analytics and embed scripts that leak as a line of their own.
const SCRIPT_MARKER =
  /\badsbygoogle\b|\bgoogletag\.|\btwttr\.|\bfbq\(|\b_taboola\b|\b__tcfapi\b|\bjQuery\(|\bdocument\.(?:write|getElementById|querySelector|createElement)\(|\bwindow\.[A-Za-z_$][\w$]*\s*=/
const SCRIPT_END = /[;})]\s*$/

/**
 * The residue in one line (`lineText` starts at absolute offset `lineStart`), sorted and
 * non-overlapping; where two patterns overlap the earlier, then the longer, match wins.
 */
export function findResidue(lineText: string, lineStart: number): Residue[] {
  if (SCRIPT_MARKER.test(lineText) && SCRIPT_END.test(lineText)) {
    const lead = lineText.length - lineText.trimStart().length
    return [{kind: 'script', start: lineStart + lead, end: lineStart + lineText.trimEnd().length}]
  }
  if (!/[<>&"'[\/]/.test(lineText)) return []
  const found: Residue[] = []
  for (const [kind, pattern] of PATTERNS) {
    pattern.lastIndex = 0
    for (const match of lineText.matchAll(pattern)) {
      if (match[0].length === 0) continue
      if (kind === 'entity' && decodeEntity(match[0]) === undefined) continue
      found.push({kind, start: lineStart + match.index, end: lineStart + match.index + match[0].length})
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end)
  const kept: Residue[] = []
  for (const residue of found) {
    const last = kept[kept.length - 1]
    if (last && residue.start < last.end) continue
    kept.push(residue)
  }
  return kept
}

/**
 * What an entity stands for, decoded by `entities` until nothing changes (double encoding);
 * undefined when it is not an entity HTML knows or decodes to a replacement character.
 */
export function decodeEntity(raw: string): string | undefined {
  let value = raw
  for (let round = 0; round < 4; round++) {
    const next = decodeHTMLStrict(value)
    if (next === value) break
    value = next
  }
  if (value === raw || value.includes('\uFFFD') || /&(?:#\d|#x|[a-z])/i.test(value)) return undefined
  return value
}
