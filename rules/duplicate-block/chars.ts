// Character classes of the comparison scanners, read by code point as the `u` regexes they replace
// do (`[\p{L}\p{N}]+`, `\p{Lu}\p{Ll}`, `\s`): a table look-up per character instead of a regex call.

export const LETTER = 1
export const UPPER = 2
export const LOWER = 4
export const NUMBER = 8
const KNOWN = 16

// Filled on first sight of each character: scraped news uses a few hundred distinct ones.
const bmp = new Uint8Array(0x10000)
const astral = new Map<number, number>()

function compute(codePoint: number): number {
  const char = String.fromCodePoint(codePoint)
  return (
    KNOWN |
    (/\p{L}/u.test(char) ? LETTER : 0) |
    (/\p{Lu}/u.test(char) ? UPPER : 0) |
    (/\p{Ll}/u.test(char) ? LOWER : 0) |
    (/\p{N}/u.test(char) ? NUMBER : 0)
  )
}

/** The class bits of each ASCII character, for the scanners' fast path. */
export const ASCII_CLASS = new Uint8Array(128)
for (let code = 0; code < 128; code++) ASCII_CLASS[code] = compute(code) & ~KNOWN

/** The class bits of a code point (0 for anything that is neither a letter nor a number). */
export function classOf(codePoint: number): number {
  if (codePoint < 0x10000) {
    let bits = bmp[codePoint]!
    if (bits === 0) bmp[codePoint] = bits = compute(codePoint)
    return bits
  }
  let bits = astral.get(codePoint)
  if (bits === undefined) astral.set(codePoint, (bits = compute(codePoint)))
  return bits
}

/** The class bits of the code point at `index` (0 past the end). */
export function classAt(text: string, index: number): number {
  return index < text.length ? classOf(text.codePointAt(index)!) : 0
}

/** Code units taken by the code point at `index`. */
export function width(text: string, index: number): number {
  const code = text.charCodeAt(index)
  if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
    const next = text.charCodeAt(index + 1)
    if (next >= 0xdc00 && next <= 0xdfff) return 2
  }
  return 1
}

/** JavaScript's `\s`. */
export function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13)
  if (code < 0xa0) return false
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  )
}
