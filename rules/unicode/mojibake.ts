// Mojibake: UTF-8 bytes that were decoded as Windows-1252 or Latin-1 ("donâ€™t", "Ã©", "Â£").
// The repair is ftfy's: turn the suspicious characters back into the bytes they were read from and
// decode those bytes as UTF-8. Correct text must never be "repaired", so a span is rewritten only
// when it decodes cleanly AND carries evidence of mojibake that real text does not produce.
import {readWindows1252} from './characters.js'

export type Misreading = 'Windows-1252' | 'Latin-1' | 'Windows-1252 or Latin-1'

export interface MojibakeSpan {
  start: number
  end: number
  /** The repaired text; for a lossy span, the most likely repair. */
  repaired: string
  misreading: Misreading
  /** A byte was lost (dropped or turned into U+FFFD): the repair is a guess. */
  lossy: boolean
  /** Whether the repair is safe to apply without a human. */
  safe: boolean
}

/** Windows-1252 where it differs from Latin-1: byte (0x80-0x9F) to code point. */
export const windows1252 = readWindows1252()
/** Characters Windows-1252 has above U+00FF, back to their bytes. */
const windows1252Bytes = new Map<number, number>([...windows1252].map(([byte, codePoint]) => [codePoint, byte]))

/** The byte a character was decoded from, reading sloppily (Windows-1252, or Latin-1 where it has no character); -1 if none. */
function byteOf(code: number): number {
  if (code < 0x100) return code
  return windows1252Bytes.get(code) ?? -1
}

// Punctuation that real text puts straight after a letter ("café…”", "Brontë…”", "IKEA®"): when
// every continuation byte of a sequence is one of these, the sequence alone is no evidence.
const COMMON_AFTER_LETTER = new Set([...'’‘”“–—…•™®©°«»·¡¿´\u00A0'].map((char) => char.codePointAt(0)!))
const CONTRACTION = /^(?:s|t|d|m|ll|re|ve)(?!\p{L})/iu

const UPPERCASE = /\p{Lu}/u
const LOWERCASE = /\p{Ll}/u
const LETTER = /\p{L}/u
// Unassigned and private-use characters: a decoding that yields them is not the original text.
const IMPLAUSIBLE = /[\p{Cn}\p{Co}]/u
// A lead byte Â-ô (U+00C2-U+00F4) is where every UTF-8 multi-byte sequence starts.
const LEAD = /[\u00C2-\u00F4]/g

interface Sequence {
  start: number
  end: number
  codePoint: number
  /** Byte 0xA0 had become a plain space ("Â " for a no-break space, "Ã " for "à"). */
  restoredSpace: boolean
}

/** The valid UTF-8 sequence whose misread characters start at `index`, if any. */
function sequenceAt(text: string, index: number): Sequence | undefined {
  const lead = byteOf(text.charCodeAt(index))
  let length: number
  let low = 0x80
  let high = 0xbf
  let codePoint: number
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 1
    codePoint = lead & 0x1f
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 2
    codePoint = lead & 0x0f
    if (lead === 0xe0) low = 0xa0 // no overlong forms
    if (lead === 0xed) high = 0x9f // no surrogates
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 3
    codePoint = lead & 0x07
    if (lead === 0xf0) low = 0x90
    if (lead === 0xf4) high = 0x8f // nothing above U+10FFFF
  } else {
    return undefined
  }
  for (let offset = 1; offset <= length; offset++) {
    const code = text.charCodeAt(index + offset) // NaN past the end
    const byte = Number.isNaN(code) ? -1 : byteOf(code)
    const min = offset === 1 ? low : 0x80
    const max = offset === 1 ? high : 0xbf
    if (byte < min || byte > max) {
      if ((lead === 0xc2 || lead === 0xc3) && code === 0x20 && restorableSpace(text, index)) {
        return {start: index, end: index + 2, codePoint: (codePoint << 6) | 0x20, restoredSpace: true}
      }
      return undefined
    }
    codePoint = (codePoint << 6) | (byte & 0x3f)
  }
  return {start: index, end: index + 1 + length, codePoint, restoredSpace: false}
}

/**
 * "Â " and "Ã " where a no-break space byte (0xA0) was turned into a plain space. No word ends in
 * "Â"; "Ã " not after a capital (Portuguese "IRMÃ "), and only before another space or
 * punctuation, since "à" followed by a word keeps its own space ("Ã  la" is "à la").
 */
function restorableSpace(text: string, index: number): boolean {
  if (text.charCodeAt(index) === 0xc2) return true
  if (UPPERCASE.test(charBefore(text, index))) return false
  const after = text[index + 2]
  return after === undefined || !LETTER.test(after)
}

function charBefore(text: string, index: number): string {
  if (index <= 0) return ''
  const low = text.charCodeAt(index - 1)
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2)
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(index - 2, index)
  }
  return text[index - 1]!
}

function charAt(text: string, index: number): string {
  const codePoint = text.codePointAt(index)
  return codePoint === undefined ? '' : String.fromCodePoint(codePoint)
}

/**
 * Whether a sequence is evidence of mojibake on its own. Strong evidence: a C1 control; a lead Â
 * or Ã (real text almost never puts a symbol after them); a four-byte sequence (an emoji read as
 * "ðŸ…"); a continuation that is not common punctuation ("â€", "ÄŸ", "Ð¸"). A letter followed by
 * common punctuation ("ë…”", "É’s", "Ñ»") is weak, unless it decodes to a Latin letter inside a
 * word ("PÅ™emysl", "Nguyá»…n"): real punctuation is not followed by a lowercase letter.
 */
function isStrong(text: string, sequence: Sequence, runLength: number): boolean {
  if (sequence.restoredSpace) return true
  const lead = text.charCodeAt(sequence.start)
  const continuations: number[] = []
  for (let index = sequence.start + 1; index < sequence.end; index++) continuations.push(text.charCodeAt(index))
  if (continuations.some((code) => code >= 0x80 && code <= 0x9f)) return true
  const allCommon = continuations.every((code) => COMMON_AFTER_LETTER.has(code))
  const before = charBefore(text, sequence.start)
  const after = charAt(text, sequence.end)
  if (lead === 0xc2) return true
  if (lead === 0xc3) {
    // "IRMÃ”": a capital word ending in Ã, then visible punctuation (a no-break space after Ã is "à").
    return !(UPPERCASE.test(before) && allCommon && continuations[0] !== 0xa0 && !LETTER.test(after))
  }
  if (continuations.length === 3) return true
  // One character of a right-to-left script between Latin letters is a symbol pair ("×²"), not Hebrew.
  if (lead >= 0xd4 && lead <= 0xdf && runLength === 1) return false
  if (!allCommon) return true
  return decodesToLetterInWord(text, sequence, continuations, before, after)
}

function decodesToLetterInWord(text: string, sequence: Sequence, continuations: number[], before: string, after: string): boolean {
  // An apostrophe after a capital and before a contraction is real ("ANDRÉ’s", "ÉTÉ’ll").
  if (continuations[0] === 0x2019 && CONTRACTION.test(text.slice(sequence.end, sequence.end + 3))) return false
  const codePoint = sequence.codePoint
  const latinLetter = (codePoint >= 0xc0 && codePoint <= 0x24f) || (codePoint >= 0x1e00 && codePoint <= 0x1eff)
  if (!latinLetter) return false
  // Real punctuation is not followed by a lowercase letter ("cÅ“ur", "PÅ™emysl", "Nguyá»…n"), nor
  // does it sit between the start of a word and a letter ("Å’UVRE").
  if (LOWERCASE.test(after) || (!LETTER.test(before) && LETTER.test(after))) return true
  // A lowercase lead (3-byte) after a lowercase letter: "Phá»‘" (Phố) at the end of a word.
  return continuations.length === 2 && LOWERCASE.test(before)
}

function misreadingOf(span: string): Misreading {
  let windows = false
  let latin1 = false
  for (const char of span) {
    const code = char.charCodeAt(0)
    // A C1 control that Windows-1252 has a character for was read as Latin-1; the five bytes it
    // leaves unassigned come out as C1 controls either way.
    if (code >= 0x80 && code <= 0x9f) latin1 ||= windows1252.has(code)
    else if (code > 0xff) windows = true
  }
  return windows ? 'Windows-1252' : latin1 ? 'Latin-1' : 'Windows-1252 or Latin-1'
}

/** Mojibake spans of a text, in order and disjoint. */
export function findMojibake(text: string): MojibakeSpan[] {
  const spans: MojibakeSpan[] = []
  LEAD.lastIndex = 0
  if (!LEAD.test(text)) return spans
  LEAD.lastIndex = 0
  for (let match = LEAD.exec(text); match; match = LEAD.exec(text)) {
    const start = match.index
    const sequences: Sequence[] = []
    for (let sequence = sequenceAt(text, start); sequence; sequence = sequenceAt(text, sequence.end)) sequences.push(sequence)
    if (sequences.length === 0) {
      const lossy = lossyQuoteAt(text, start)
      if (lossy) {
        spans.push(lossy)
        LEAD.lastIndex = lossy.end
      }
      continue
    }
    const end = sequences[sequences.length - 1]!.end
    LEAD.lastIndex = end
    if (!sequences.some((sequence) => isStrong(text, sequence, sequences.length))) continue
    const repaired = sequences
      .map((sequence) => (sequence.restoredSpace && sequence.codePoint === 0xa0 ? ' ' : String.fromCodePoint(sequence.codePoint)))
      .join('')
    if (IMPLAUSIBLE.test(repaired)) continue
    spans.push({start, end, repaired, misreading: misreadingOf(text.slice(start, end)), lossy: false, safe: true})
  }
  return spans
}

/**
 * "â€" cut short: the third byte of a closing double quote (0x9D, unassigned in Windows-1252) was
 * dropped or replaced by U+FFFD. A closing quote is by far the likeliest loss; it is fixed only when
 * an opening quote before it on the line is still open, and otherwise only suggested.
 */
function lossyQuoteAt(text: string, start: number): MojibakeSpan | undefined {
  if (text.charCodeAt(start) !== 0xe2 || text.charCodeAt(start + 1) !== 0x20ac) return undefined
  const end = text.charCodeAt(start + 2) === 0xfffd ? start + 3 : start + 2
  const lineStart = text.lastIndexOf('\n', start - 1) + 1
  const before = text.slice(lineStart, start)
  const opening = Math.max(before.lastIndexOf('\u201C'), before.lastIndexOf('â€œ'))
  const closing = Math.max(before.lastIndexOf('\u201D'), lastLossyClose(before))
  return {
    start,
    end,
    repaired: '\u201D',
    misreading: 'Windows-1252',
    lossy: true,
    safe: opening !== -1 && opening > closing
  }
}

/** Last "â€" in `text` that is not followed by a continuation character, or -1. */
function lastLossyClose(text: string): number {
  for (let index = text.lastIndexOf('â€'); index !== -1; index = index === 0 ? -1 : text.lastIndexOf('â€', index - 1)) {
    const next = text.charCodeAt(index + 2)
    const byte = Number.isNaN(next) ? -1 : byteOf(next)
    if (byte < 0x80 || byte > 0xbf) return index
  }
  return -1
}
