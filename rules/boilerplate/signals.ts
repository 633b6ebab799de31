// The plain-text signals extraction tools use once the HTML is gone (reference §1.8): prose has
// stop words and sentence punctuation; furniture is short, link-dense, or a menu of short items.
import {collapseWhiteSpace} from '../../src/text.js'

// English function words (jusText-style stop words): prose runs at 30–45% of its words, furniture far lower.
const STOP_WORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by can could ' +
    'did do does doing down during each few for from further had has have having he her here hers him his how i if in into is it its ' +
    'itself just me more most my no nor not now of off on once only or other our ours out over own said same she should so some such ' +
    'than that the their theirs them then there these they this those through to too under until up very was we were what when where ' +
    'which while who whom why will with would you your'
  ).split(' ')
)

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu
// Characters a sentence ends in, as the last character of a trimmed line (all in the BMP, so one code unit).
const SENTENCE_END = new Set([...'.!?…:;"”’)]'].map((char) => char.charCodeAt(0)))
const SPECIAL_TOKEN = /^(?:https?:\/\/\S+|www\.\S+|\S+\.(?:com|org|net|co\.kr|co\.uk|in|kr|jp|cn)(?:\/\S*)?|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|@\w{1,30}|#[\p{L}\p{N}_]+|\[email)$/iu
// A separator never starts inside a run of spaces (the guard): tried from each space of a long run,
// the search was quadratic in it. Splitting gives the same items: a separator found from the run's
// first space is found first anyway.
const MENU_SEPARATOR = /(?:(?<!\s)|(?!\s))(?:\s+[|•·»›>]\s+|\s*\|\s*)/u

export function words(text: string): string[] {
  return text.match(WORD) ?? []
}

/**
 * How many words `words` finds, counted up to `limit`: matches are only counted (`test` moves on
 * from each without building it), and a caller that only compares the count stops early.
 */
export function countWords(text: string, limit = Infinity): number {
  WORD.lastIndex = 0
  let count = 0
  while (count < limit && WORD.test(text)) count++
  WORD.lastIndex = 0
  return count
}

export function stopWordRatio(text: string): number {
  const found = words(text)
  if (found.length === 0) return 0
  return found.filter((word) => STOP_WORDS.has(word.toLowerCase())).length / found.length
}

/** A line of story prose: enough words, and a sentence's end or a sentence's share of stop words. */
export function isProse(text: string): boolean {
  const trimmed = text.trim()
  return proseShape(countWords(trimmed, 12), () => stopWordRatio(trimmed), trimmed.charCodeAt(trimmed.length - 1))
}

/** A sentence of the story: prose with at least ten words and a fifth of them stop words. */
export function isStorySentence(text: string): boolean {
  const trimmed = text.trim()
  return storyShape(countWords(trimmed, 12), () => stopWordRatio(trimmed), trimmed.charCodeAt(trimmed.length - 1))
}

// `isProse` and `isStorySentence` from a text's word count (counting up to 12 is enough), its share of
// stop words (asked for only when needed) and its last code unit once trimmed.
function proseShape(count: number, ratio: () => number, last: number): boolean {
  return count >= 8 && (SENTENCE_END.has(last) || (count >= 12 && ratio() >= 0.25))
}

function storyShape(count: number, ratio: () => number, last: number): boolean {
  return proseShape(count, ratio, last) && count >= 10 && ratio() >= 0.2
}

const GLUE = /[\p{Ll}\p{N}.!?”")](?=\p{Lu})/gu

/**
 * Story text glued onto furniture without a break (`…vaccine rolloutShares of the carrier fell…`):
 * a lowercase letter, digit or sentence end directly followed by a capital, then a story sentence.
 * Each candidate's rest of the line is judged from counts over the line's words, made once: judging
 * each rest afresh made a line of many such joins (`#aB #aB …`) quadratic.
 */
export function hasGluedStory(text: string): boolean {
  let found: Array<{end: number; stops: number}> | undefined
  let last = 0
  let index = 0
  for (const match of text.matchAll(GLUE)) {
    if (!found) {
      // The line's words, each with the stop words from it to the end of the line.
      found = [...text.matchAll(WORD)].map((word) => ({end: word.index + word[0].length, stops: STOP_WORDS.has(word[0].toLowerCase()) ? 1 : 0}))
      for (let word = found.length - 2; word >= 0; word--) found[word]!.stops += found[word + 1]!.stops
      const trimmed = text.trimEnd()
      last = trimmed.charCodeAt(trimmed.length - 1)
    }
    // The rest starts with a capital, so inside (or at the start of) a word of the line: its words
    // are the rest of that word and the words after it.
    const start = match.index + match[0].length
    while (index < found.length && found[index]!.end <= start) index++
    if (index === found.length) break
    const word = found[index]!
    const rest = text.slice(start, word.end)
    const stops = (found[index + 1]?.stops ?? 0) + (STOP_WORDS.has(rest.toLowerCase()) ? 1 : 0)
    const count = found.length - index
    if (storyShape(count, () => stops / count, last)) return true
  }
  return false
}

/** A short line with no sentence's end: a headline, a label, a list item. */
export function isShortNonSentence(text: string, maxWords = 15): boolean {
  const trimmed = text.trim()
  return countWords(trimmed, maxWords + 1) <= maxWords && !/[.!?…]["”’)]?$/u.test(trimmed)
}

/**
 * Why a line outside the story body looks like furniture that is in no list, if it does: mostly
 * links, handles, e-mail addresses and hashtags, or a menu of short items.
 */
export function furnitureSignal(text: string): string | undefined {
  const trimmed = text.trim()
  const tokens = trimmed.split(/\s+/).filter(Boolean)
  if (tokens.length > 0 && tokens.length <= 20) {
    const special = tokens.filter((token) => SPECIAL_TOKEN.test(token.replace(/^[(<[]+|[)>\],.;:]+$/g, ''))).length
    if (special >= 1 && special / tokens.length >= 0.5) return 'mostly links, handles and e-mail addresses'
  }
  if (!/[.!?]$/.test(trimmed)) {
    const items = trimmed.split(MENU_SEPARATOR).map((item) => item.trim()).filter(Boolean)
    if (items.length >= 3 && items.every((item) => countWords(item, 5) >= 1 && countWords(item, 5) <= 4)) return 'a menu of short items'
  }
  return undefined
}

/** A line of separator characters only, like the `-` an embed leaves behind. */
export function isStraySeparator(text: string): boolean {
  // Most lines start with a letter, a digit or a quote: no separator line, and no need to trim it.
  const first = text.search(NOT_SPACE)
  if (first === -1 || !SEPARATOR_CHARS.includes(text[first]!)) return false
  return /^[-–—_|•·=~>.<:/\\+*]{1,5}$/u.test(text.trim())
}

const SEPARATOR_CHARS = '-–—_|•·=~>.<:/\\+*'
const NOT_SPACE = /\S/u

/** The key a line is counted by across a folder: case, digits and spacing do not matter. */
export function templateKey(text: string): string {
  // NFKC leaves ASCII as it is, and its only digits are 0-9: most lines need neither Unicode pass.
  const ascii = !NON_ASCII.test(text)
  const key = collapseWhiteSpace(ascii ? text.toLowerCase().replace(/[0-9]/g, '0') : text.normalize('NFKC').toLowerCase().replace(/\p{N}/gu, '0'))
  return trimEndToAlnum(key.replace(LEADING_NON_ALNUM, ''))
}

const LEADING_NON_ALNUM = /^[^\p{L}\p{N}]+/u
const NON_ASCII = /[^\x00-\x7f]/
const ALNUM = /[\p{L}\p{N}]/u

/**
 * Drops what follows the last letter or digit. A regex (`[^…]+$`) is tried at every position of the
 * line, which made this most of the rule's time on long paragraphs; this reads back from the end.
 */
function trimEndToAlnum(text: string): string {
  let end = text.length
  while (end > 0) {
    const low = text.charCodeAt(end - 1)
    const high = end >= 2 ? text.charCodeAt(end - 2) : 0
    const size = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? 2 : 1
    if (ALNUM.test(text.slice(end - size, end))) break
    end -= size
  }
  return end === text.length ? text : text.slice(0, end)
}

/** FNV-1a, 32-bit, as hex: a short, stable fingerprint for facts that cross workers. */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(16).padStart(8, '0')
}
