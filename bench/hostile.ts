// Hostile input for the engine with every rule on: the arbitraries and the checks shared by the
// property tests (tests/reliability-hostile-input.test.ts, a CI-sized run) and the soak script
// (bench/soak.ts, a long one). A check throws an Error naming what broke; fast-check shrinks it.
import fc from 'fast-check'
import {recommendedConfig, type Config} from '../src/config.js'
import {fix, lint} from '../src/engine.js'
import {toLintMessage} from '../src/reporters/result.js'

/**
 * Every rule at its recommended severity, every source language's checks on whatever the text shows.
 * `suggestions` caps spelling's suggestions per file (default: the rule's own, 30): suggesting is
 * three quarters of the cost of a short junk text and moves no offset, so the many-case properties
 * cap it at one and a share of the cases keeps the default.
 */
export function allRulesConfig({suggestions}: {suggestions?: number} = {}): Config {
  const config = recommendedConfig()
  config.settings = {sourceLanguages: ['ko', 'ja', 'zh', 'ru']}
  if (suggestions !== undefined) config.rules = {...config.rules, spelling: ['warn', {maxSuggestionsPerFile: suggestions}]}
  return config
}

/** The same, with the options that make the most fixes: removals on, quotes rewritten, special spaces made plain. */
export function mostFixesConfig({suggestions}: {suggestions?: number} = {}): Config {
  const config = allRulesConfig({suggestions})
  config.rules = {
    ...config.rules,
    boilerplate: ['warn', {attributions: 'remove', gluedPhotoCredits: 'remove'}],
    typography: ['warn', {quotes: 'smart'}],
    unicode: ['warn', {specialSpaces: 'plain'}]
  }
  return config
}

const WORDS = [
  'the', 'The', 'said', 'minister', 'Minister', 'talks', 'would', 'resume', 'on', 'Monday', 'in', 'Seoul', 'Moscow', 'Navalny', 'Navalni', 'Alexei',
  'Aleksey', 'Kim', 'Jong', 'Un', 'Peskov', 'Kremlin', 'Palace', 'oil', 'painting', 'hand', 'gestures', 'returning', 'to', 'Korea', 'our', 'government',
  'special', 'inspection', 'Mr.', 'U.S.', '3.5', '10', '2024', 'a.m.', 'teh', 'recieve', 'Reiwa', 'Heisei', 'Chairman', 'President', 'Source', 'Read:|',
  '(ANI)', '(Yonhap)', 'Photo', '=', 'Reporter', '[email protected]', 'www.example.com', 'https://t.co/x', '@handle', '#tag', 'udalenka'
]
const SPACES = [' ', ' ', ' ', '  ', '\n', '\n\n', '\r\n', '\t', '\u00A0', '\u202F', '\u3000', '\u2009']
const PUNCTUATION = ['.', ',', ';', ':', '!', '?', '…', '-', '—', '"', "'", '“', '”', '‘', '’', '«', '»', '(', ')', '[', ']', '{', '}', '``', "''", '▲', '■']
const DEFECTS = [
  'Russia sends’oil painting hand gestures’ to the US.',
  'Spokesman Dmitry Peskov Kremlin Palace said',
  'returning to Korea on the 17th (local time).',
  'The minister said.The talks',
  'donâ€™t', 'â€œquoteâ€\u009D', 'Ã©', 'Â£', 'ðŸ˜€',
  'The the delegation', 'said  that', ' ,', 'the\u200Btalks', 'mi\u00ADnister',
  '< 저작권자 ⓒ 서울경제, 무단 전재 및 재배포 금지 >', '/ Reporter Kwak Yoon-ah [email protected]',
  '&amp;', '&nbsp;', '<p>', '</div>', '[caption id="x"]', '{{ad}}', '<script>x</script>',
  'Мы', 'удаленка', '大統領', 'カタカナ', '한국어', '中文', 'Navalny (Навальный)'
]
const UNICODE = [
  // astral: emoji, ZWJ sequences, flags, mathematical letters, CJK extension B
  '😀', '👨‍👩‍👧', '🏴', '🇰🇷', '𝐀𝐁', '𠀀',
  // combining marks, decomposed letters, Hangul jamo
  'e\u0301', '\u0301', '\u0308\u0308\u0308', 'A\u20DD', '\u1100\u1161\u11A8',
  // right-to-left text and bidi controls
  'שלום', 'مرحبا', '\u200F', '\u202E', '\u2066', '\u2069',
  // NUL and control characters, line and paragraph separators, the BOM, the replacement character
  '\x00', '\x07', '\x0B', '\x0C', '\x1B[31m', '\x7F', '\u0085', '\u2028', '\u2029', '\uFEFF', '\uFFFD',
  // invisibles
  '\u200B', '\u200C', '\u200D', '\u2060', '\uFE0F'
]

const loneSurrogate = fc.integer({min: 0xd800, max: 0xdfff}).map((code) => String.fromCharCode(code))
const anyCodeUnit = fc.integer({min: 0, max: 0xffff}).map((code) => String.fromCharCode(code))

/** News-like text made of words, defects, punctuation, spaces and hostile Unicode, in any order; at most `maxPieces` pieces. */
export function newsLikeText(maxPieces = 32): fc.Arbitrary<string> {
  return fc
    .array(
      fc.oneof(
        {weight: 8, arbitrary: fc.constantFrom(...WORDS)},
        {weight: 6, arbitrary: fc.constantFrom(...SPACES)},
        {weight: 3, arbitrary: fc.constantFrom(...PUNCTUATION)},
        {weight: 2, arbitrary: fc.constantFrom(...DEFECTS)},
        {weight: 2, arbitrary: fc.constantFrom(...UNICODE)},
        {weight: 1, arbitrary: loneSurrogate},
        {weight: 1, arbitrary: fc.string({unit: 'binary', maxLength: 6})}
      ),
      {maxLength: maxPieces}
    )
    .map((pieces) => pieces.join(''))
}

export const newsLike = newsLikeText()

/** Any UTF-16 string at all: lone surrogates, NULs, anything; short, so cases stay fast. */
export const anyUtf16 = fc.oneof(
  fc.string({unit: anyCodeUnit, maxLength: 40}),
  fc.string({unit: 'binary', maxLength: 60}),
  fc.string({unit: 'grapheme', maxLength: 30})
)

/** Only whitespace (of every kind), maybe nothing. */
export const onlyWhitespace = fc.array(fc.constantFrom(' ', '\t', '\n', '\r', '\r\n', '\u00A0', '\u3000', '\u2028', '\u200B', '\u000B', '\u000C', '\u0085'), {maxLength: 60}).map((pieces) => pieces.join(''))

export function isCodePointBoundary(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return true
  const high = text.charCodeAt(offset - 1)
  const low = text.charCodeAt(offset)
  return !(high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff)
}

function loneSurrogates(text: string): number {
  return (text.match(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g) ?? []).length
}

function fail(text: string, problem: string): never {
  throw new Error(`${problem} (text ${JSON.stringify(text.length > 300 ? `${text.slice(0, 300)}…` : text)})`)
}

/** Lints `text`: no exception, no rule failure, every span and fix in bounds, on code-point boundaries, and `actual` is the span's text. */
export async function checkLint(text: string, config: Config): Promise<number> {
  const file = await lint(text, {config})
  checkMessages(text, file.messages.map(toLintMessage))
  return file.messages.length
}

function checkMessages(text: string, messages: ReturnType<typeof toLintMessage>[]): void {
  for (const message of messages) {
    if (message.messageId === 'rule-failure') fail(text, `rule failure: ${message.message}`)
    const where = `${message.ruleId}/${message.messageId} ${message.start}..${message.end}`
    if (!(Number.isInteger(message.start) && Number.isInteger(message.end) && 0 <= message.start && message.start <= message.end && message.end <= text.length)) {
      fail(text, `${where} out of bounds (length ${text.length})`)
    }
    if (!isCodePointBoundary(text, message.start) || !isCodePointBoundary(text, message.end)) fail(text, `${where} splits a surrogate pair`)
    if (message.actual !== undefined && message.actual !== null && message.actual !== text.slice(message.start, message.end)) fail(text, `${where}: actual is not the span's text`)
    const proposed = message.fix
    if (proposed) {
      if (!(0 <= proposed.start && proposed.start <= proposed.end && proposed.end <= text.length)) fail(text, `${where}: fix ${proposed.start}..${proposed.end} out of bounds`)
      if (!isCodePointBoundary(text, proposed.start) || !isCodePointBoundary(text, proposed.end)) fail(text, `${where}: fix ${proposed.start}..${proposed.end} splits a surrogate pair`)
    }
  }
}

/** Fixes `text` twice: the second fix changes nothing, no lint of the way fails, no lone surrogate is made. */
export async function checkFix(text: string, config: Config): Promise<boolean> {
  const once = await fix(text, {config})
  checkMessages(once.output, once.file.messages.map(toLintMessage))
  const twice = await fix(once.output, {config})
  if (twice.output !== once.output) {
    fail(text, `fixing twice differs from fixing once: ${JSON.stringify(once.output.slice(0, 200))} became ${JSON.stringify(twice.output.slice(0, 200))}`)
  }
  if (loneSurrogates(once.output) > loneSurrogates(text)) fail(text, 'a fix split a surrogate pair')
  return once.changed
}

/** Deterministic text of a given length from news-like pieces (a fixed seed), line breaks replaced by `separator`. */
export function filler(length: number, separator: string, seed: number): string {
  const pieces = fc.sample(newsLikeText(16), {numRuns: 400, seed}).filter((piece) => piece.length > 0)
  const parts: string[] = []
  let size = 0
  for (let index = 0; size < length; index++) {
    const piece = pieces[index % pieces.length]!.replace(/[\r\n\u2028\u2029\u0085]/g, ' ') + separator
    parts.push(piece)
    size += piece.length
  }
  return parts.join('').slice(0, length)
}

/** `count` lines of a few characters each (some empty, some invisible, one a lone surrogate), no final newline. */
export function tinyLines(count: number): string {
  const lines = ['a', 'The', '.', '', ' ', 'x\u200By', 'é', '😀', '\uD800', 'said']
  return Array.from({length: count}, (_, index) => lines[index % lines.length]!).join('\n')
}
