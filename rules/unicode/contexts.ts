// Where an invisible or special character is wanted, so the `unicode` rule leaves it alone.
import type {KeepContext} from './characters.js'

// Scripts whose letters join or form conjuncts, where ZWJ and ZWNJ change the shape of a word.
const JOINING_SCRIPT =
  /[\p{sc=Arabic}\p{sc=Syriac}\p{sc=Nko}\p{sc=Mongolian}\p{sc=Devanagari}\p{sc=Bengali}\p{sc=Gurmukhi}\p{sc=Gujarati}\p{sc=Oriya}\p{sc=Tamil}\p{sc=Telugu}\p{sc=Kannada}\p{sc=Malayalam}\p{sc=Sinhala}\p{sc=Khmer}\p{sc=Myanmar}\p{sc=Tibetan}\p{sc=Thaana}\p{sc=Mandaic}\p{sc=Manichaean}\p{sc=Phags_Pa}]/u
// Scripts written without spaces, where a zero-width space marks a word break.
const NO_SPACE_SCRIPT = /[\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Tibetan}\p{sc=Javanese}\p{sc=Balinese}]/u
const RIGHT_TO_LEFT = /[\p{sc=Arabic}\p{sc=Hebrew}\p{sc=Syriac}\p{sc=Thaana}\p{sc=Nko}\p{sc=Samaritan}\p{sc=Mandaic}\p{sc=Adlam}]/u
const CJK = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\u3000-\u303F\uFF00-\uFFEF]/u
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u
const HANGUL_JAMO = /[\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF]/u
// Between an emoji and a following ZWJ: presentation selectors and skin tones.
const EMOJI_TRAILER = /[\uFE0E\uFE0F\u{1F3FB}-\u{1F3FF}\u20E3]/u
const NOT_A_BASE = /[\s\p{Cc}\p{Cf}\p{Z}\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/u

const BLACK_FLAG = 0x1f3f4
const CANCEL_TAG = 0xe007f

export function codePointBefore(text: string, index: number): {char: string; index: number} | undefined {
  if (index <= 0) return undefined
  const low = text.charCodeAt(index - 1)
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2)
    if (high >= 0xd800 && high <= 0xdbff) return {char: text.slice(index - 2, index), index: index - 2}
  }
  return {char: text[index - 1]!, index: index - 1}
}

export function codePointAt(text: string, index: number): string {
  const codePoint = text.codePointAt(index)
  return codePoint === undefined ? '' : String.fromCodePoint(codePoint)
}

function neighbours(text: string, start: number, end: number): [string, string] {
  return [codePointBefore(text, start)?.char ?? '', codePointAt(text, end)]
}

function isTag(codePoint: number | undefined): boolean {
  return codePoint !== undefined && codePoint >= 0xe0020 && codePoint <= 0xe007f
}

/** A tag character inside 🏴 + tags + CANCEL TAG (the flags of England, Scotland, Wales). */
function inFlagTagSequence(text: string, start: number): boolean {
  let first = start
  for (let before = codePointBefore(text, first); before && isTag(before.char.codePointAt(0)); before = codePointBefore(text, first)) {
    first = before.index
  }
  if (codePointBefore(text, first)?.char.codePointAt(0) !== BLACK_FLAG) return false
  let index = start
  let last: number | undefined
  while (isTag(text.codePointAt(index))) {
    last = text.codePointAt(index)
    index += 2
  }
  return last === CANCEL_TAG
}

/** Whether the previous visible character (skipping presentation selectors and skin tones) is an emoji. */
function emojiBefore(text: string, index: number): boolean {
  let before = codePointBefore(text, index)
  while (before && EMOJI_TRAILER.test(before.char)) before = codePointBefore(text, before.index)
  return before !== undefined && PICTOGRAPHIC.test(before.char)
}

function lineHasRightToLeft(text: string, index: number, cache: Map<number, boolean>): boolean {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1
  let found = cache.get(lineStart)
  if (found === undefined) {
    const lineEnd = text.indexOf('\n', index)
    found = RIGHT_TO_LEFT.test(text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd))
    cache.set(lineStart, found)
  }
  return found
}

/** Checks the keep contexts of one text; holds a per-text cache of which lines are right-to-left. */
export function keepChecker(text: string): (contexts: readonly KeepContext[], start: number, end: number) => boolean {
  const cache = new Map<number, boolean>()
  return (contexts, start, end) => {
    const [before, after] = neighbours(text, start, end)
    for (const context of contexts) {
      switch (context) {
        case 'joining-scripts':
          if (JOINING_SCRIPT.test(before) || JOINING_SCRIPT.test(after)) return true
          break
        case 'emoji-sequence':
          if (emojiBefore(text, start) && PICTOGRAPHIC.test(after)) return true
          break
        case 'no-space-scripts':
          if (NO_SPACE_SCRIPT.test(before) || NO_SPACE_SCRIPT.test(after)) return true
          break
        case 'rtl-line':
          if (lineHasRightToLeft(text, start, cache)) return true
          break
        case 'after-base':
          if (before !== '' && !NOT_A_BASE.test(before)) return true
          break
        case 'flag-tag-sequence':
          if (inFlagTagSequence(text, start)) return true
          break
        case 'hangul-jamo':
          if (HANGUL_JAMO.test(before) || HANGUL_JAMO.test(after)) return true
          break
        case 'file-start':
          if (start === 0) return true
          break
        case 'cjk':
          if (CJK.test(before) || CJK.test(after)) return true
          break
        case 'typographic':
          // Decided per run of spaces, in spaces.ts.
          break
      }
    }
    return false
  }
}
