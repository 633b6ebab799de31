// `spelling`: unknown words, without crying wolf over the names a news article is made of.
import path from 'node:path'
import type {Root, Sentence} from 'nlcst'
import type {Span} from '../../src/analysis.js'
import {wordChecker, type WordChecker} from '../../src/dictionary.js'
import {ruleDataPath} from '../../src/paths.js'
import {defineRule, type Report} from '../../src/rule.js'
import {readWordList} from './words.js'

export interface SpellingOptions {
  /** `any` accepts American and British spellings alike; `en-US` or `en-GB` enforce one. */
  dialect: 'any' | 'en-US' | 'en-GB'
  /** Word-list files (one word a line, `#` comments), relative to the config file. */
  personal: string[]
  /** Words never reported. */
  ignore: string[]
  /** Most words per file that get suggestions computed (suggesting is the slow part). */
  maxSuggestionsPerFile: number
}

// News vocabulary and loanwords in ordinary English use that the Hunspell lists lack.
const newsWords = readWordList(ruleDataPath('spelling', 'news-words.txt'))

/**
 * URLs, e-mail addresses (and their scraped placeholders), @handles and #hashtags: never
 * spell-checked. Each alternative is anchored at the start of its token (the look-behinds), so a
 * very long token is scanned once, not once per position.
 */
export const NOT_PROSE =
  /\b(?:https?:\/\/|www\.)\S+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[email(?:&#160;|\s)protected\]|(?<![\w@])[@#][\p{L}\p{N}_]+|(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|io|co|kr|jp|cn|ru|uk|de|fr|in)\b(?:\/\S*)?/giu

const FORMAT_CHARACTER = /[\u00AD\u200B-\u200F\u2060-\u2064\uFEFF]/

export default defineRule<SpellingOptions>({
  meta: {
    id: 'spelling',
    description: 'Unknown words (dictionary-en), sparing names, acronyms, numbers, URLs, handles and hashtags',
    fixable: false,
    recommended: 'warn',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        dialect: {enum: ['any', 'en-US', 'en-GB']},
        personal: {type: 'array', items: {type: 'string'}},
        ignore: {type: 'array', items: {type: 'string'}},
        maxSuggestionsPerFile: {type: 'integer', minimum: 0}
      }
    },
    defaultOptions: {dialect: 'any', personal: [], ignore: [], maxSuggestionsPerFile: 30},
    messages: {
      unknown: 'Unexpected unknown word `{{actual}}`, expected {{suggestions}}',
      unknownNoSuggestion: 'Unexpected unknown word `{{actual}}`'
    }
  },

  check: async ({tree, text, options, env, report}) => {
    const dictionary = await wordChecker(options.dialect === 'any' ? ['en-US', 'en-GB'] : [options.dialect])
    // Two steps: the hot loop over every word, then the few words no dictionary knows. A branch the
    // optimised loop had not yet met (a suggestion, a report) threw its code away, to be compiled
    // again, up to three times per thread; the second step's branches now cost the second step only.
    reportUnknown(unknownWords(tree, text, dictionary), tree, text, options, env.baseDir, dictionary, report)
  }
})

/** A word no dictionary knows as written, where it stands. */
interface UnknownWord {
  sentence: Sentence
  /** Index among the sentence's children. */
  position: number
  /** Whether a word comes before it in its sentence. */
  inside: boolean
  start: number
  end: number
  value: string
}

function unknownWords(tree: Root, text: string, dictionary: WordChecker): UnknownWord[] {
  const found: UnknownWord[] = []
  for (const sentence of sentences(tree)) {
    const children = sentence.children
    let inside = false
    for (let position = 0; position < children.length; position++) {
      const child = children[position]!
      if (child.type !== 'WordNode') continue
      const start = child.position!.start.offset!
      const end = child.position!.end.offset!
      const value = text.slice(start, end)
      if (!dictionary.knows(value)) found.push({sentence, position, inside, start, end, value})
      inside = true
    }
  }
  return found
}

/** Reports the unknown words that are neither names, nor acronyms, nor words of a URL or handle (in text order). */
function reportUnknown(words: UnknownWord[], tree: Root, text: string, options: SpellingOptions, baseDir: string, dictionary: WordChecker, report: (finding: Report) => void): void {
  if (words.length === 0) return
  const accepted = acceptedWords(options, baseDir)
  // Words and skipped spans both come in text order: one pointer walks the spans.
  const skip = notProseSpans(text)
  let nextSkip = 0
  let usage: Set<string> | undefined
  let suggestionsLeft = options.maxSuggestionsPerFile
  for (const {sentence, position, inside, start, end, value} of words) {
    while (nextSkip < skip.length && skip[nextSkip]!.end <= start) nextSkip++
    if (nextSkip < skip.length && skip[nextSkip]!.start < end) continue
    // A word cut by an invisible character is the `unicode` rule's finding, not a misspelling.
    if (FORMAT_CHARACTER.test(text[start - 1] ?? '') || FORMAT_CHARACTER.test(text[end] ?? '')) continue
    const bare = stripPossessive(value.replace(/\u2019/g, "'"))
    if (!isCheckable(bare) || accepted.has(bare) || accepted.has(bare.toLowerCase())) continue
    if (CAPITALISED.test(bare) && (inside || nextWordCapitalised(sentence, position, text) || (usage ??= capitalisedUsage(tree, text)).has(bare))) continue
    if (isKnownWord(bare, dictionary)) continue

    let suggestions: string[] = []
    if (suggestionsLeft > 0) {
      suggestionsLeft--
      suggestions = dictionary.suggest(bare)
    }
    const span = {start, end: start + bare.length}
    if (suggestions.length > 0) {
      report({
        messageId: 'unknown',
        data: {suggestions: listed(suggestions)},
        ...span,
        expected: suggestions
      })
    } else {
      report({messageId: 'unknownNoSuggestion', ...span})
    }
  }
}

/**
 * `` `a`, `b` `` by hand: `map(…).join` threw the optimised `reportUnknown` away in every thread, as
 * `map` inlined there makes an array of another kind than the builtin's.
 */
function listed(words: readonly string[]): string {
  let text = ''
  for (const word of words) text += `${text === '' ? '' : ', '}\`${word}\``
  return text
}

// Prefixes written with a hyphen whose stem alone decides the spelling (anti-government, non-governmental).
const HYPHEN_PREFIXES = new Set(['anti', 'non', 'pre', 'post', 'co', 'ex', 'self', 'pro', 'counter', 'semi', 'multi', 'inter', 're', 'un', 'mid', 'neo', 'pseudo', 'quasi', 'ultra', 'vice', 'cross', 'over', 'under', 'sub', 'super', 'trans', 'pan', 'geo', 'bio', 'eco', 'cyber'])

/**
 * A word is known when a dictionary knows it whole, or when every part of a hyphenated compound,
 * or of a word glued to the next by an apostrophe (`sends’oil`, a quoting problem that
 * `typography` reports), is known.
 */
function isKnownWord(word: string, dictionary: WordChecker): boolean {
  if (dictionary.knows(word)) return true
  const parts = word.split(/[-']/).filter(Boolean)
  if (parts.length < 2) return false
  return parts.every(
    (part, index) =>
      (index === 0 && HYPHEN_PREFIXES.has(part.toLowerCase())) || (index > 0 && /^(?:s|t|d|m|ll|re|ve)$/i.test(part)) || dictionary.knows(part)
  )
}

const personalCache = new Map<string, Set<string>>()
function acceptedWords(options: SpellingOptions, baseDir: string): Set<string> {
  const key = JSON.stringify([baseDir, options.personal, options.ignore])
  let words = personalCache.get(key)
  if (!words) {
    words = new Set([...newsWords, ...options.ignore])
    for (const file of options.personal) for (const word of readWordList(path.resolve(baseDir, file))) words.add(word)
    personalCache.set(key, words)
  }
  return words
}

function sentences(tree: Root): Sentence[] {
  const found: Sentence[] = []
  for (const paragraph of tree.children) {
    if (paragraph.type !== 'ParagraphNode') continue
    for (const sentence of paragraph.children) if (sentence.type === 'SentenceNode') found.push(sentence)
  }
  return found
}

/** What every `NOT_PROSE` match contains, on the line where the match starts. */
const MAY_HOLD_NOT_PROSE = /[@#]|https?:\/\/|www\.|\[email|\.(?:com|org|net|gov|edu|io|co|kr|jp|cn|ru|uk|de|fr|in)\b/giu

/**
 * The spans never spell-checked, in text order. The full pattern runs only over the lines that hold
 * what every match holds, each with the line after it (a scraped `[email protected]` may break
 * between its two words): most lines hold none of it, and in a large text's window some line
 * always does, so a scan of the whole text cost a twentieth of spelling's time there.
 */
export function notProseSpans(text: string): Span[] {
  // One array literal for every outcome: an empty one of another kind than the matches made the
  // optimised report loop meet two array shapes, and be compiled again.
  const spans: Span[] = []
  MAY_HOLD_NOT_PROSE.lastIndex = 0
  for (let hit = MAY_HOLD_NOT_PROSE.exec(text); hit; hit = MAY_HOLD_NOT_PROSE.exec(text)) {
    const from = text.lastIndexOf('\n', hit.index) + 1
    let to = lineEnd(text, lineEnd(text, hit.index) + 1)
    // A hit on the line after extends the stretch by its own line after.
    for (;;) {
      MAY_HOLD_NOT_PROSE.lastIndex = lineEnd(text, hit.index) + 1
      const next = MAY_HOLD_NOT_PROSE.exec(text)
      if (!next || next.index >= to) break
      hit = next
      to = lineEnd(text, lineEnd(text, hit.index) + 1)
    }
    for (const match of text.slice(from, to).matchAll(NOT_PROSE)) spans.push({start: from + match.index, end: from + match.index + match[0].length})
    MAY_HOLD_NOT_PROSE.lastIndex = to
  }
  return spans
}

/** Offset of the line break ending the line at `offset` (the text's length for the last line). */
function lineEnd(text: string, offset: number): number {
  if (offset >= text.length) return text.length
  const found = text.indexOf('\n', offset)
  return found < 0 ? text.length : found
}

function stripPossessive(word: string): string {
  return word.replace(/'s$|'$/i, '')
}

/** Only plain Latin-script words: digits mean numbers or units, other scripts are `untranslated`'s job. */
function isCheckable(word: string): boolean {
  if (word.length < 2 || /\d/.test(word)) return false
  if (!/^[\p{Script=Latin}'-]+$/u.test(word)) return false
  // Acronyms and initialisms (NGO, OVD-Info's OVD), and camelCase identifiers, which are code or markup.
  return !/^[\p{Lu}'-]+$/u.test(word) && !/^\p{Lu}{2,}/u.test(word) && !/\p{Ll}\p{Lu}/u.test(word)
}

const CAPITALISED = /^\p{Lu}/u

/**
 * A capitalised word is a name when it is capitalised mid-sentence, stands next to another
 * capitalised word (a name sequence), or is capitalised mid-sentence elsewhere in the document.
 * Hyphenated given names (Yoon-ah) count through their first part.
 */
function nextWordCapitalised(sentence: Sentence, position: number, text: string): boolean {
  for (let next = position + 1; next < sentence.children.length; next++) {
    const child = sentence.children[next]!
    if (child.type === 'WordNode') return CAPITALISED.test(text.charAt(child.position!.start.offset!))
  }
  return false
}

/** Words the document itself capitalises mid-sentence. */
function capitalisedUsage(tree: Root, text: string): Set<string> {
  const names = new Set<string>()
  for (const sentence of sentences(tree)) {
    let first = true
    for (const child of sentence.children) {
      if (child.type !== 'WordNode') continue
      const value = stripPossessive(text.slice(child.position!.start.offset!, child.position!.end.offset!).replace(/\u2019/g, "'"))
      if (!first && CAPITALISED.test(value)) names.add(value)
      first = false
    }
  }
  return names
}
