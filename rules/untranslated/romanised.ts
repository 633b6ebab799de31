// Romanised source-language words left in English copy ("udalenka", "naeronambul"): a curated list per
// source language, plus, for Korean, any lowercase word that is not English and reads as romanised
// Korean syllables. Only in articles whose provenance shows that language.
import {readFileSync} from 'node:fs'
import {loadRuleData, readDataFile, type DataSpec} from '../../src/data.js'
import {isDictionaryWord} from '../../src/dictionary.js'
import {ruleDataPath} from '../../src/paths.js'
import {koreanSyllables, type SourceLanguage} from '../../src/provenance.js'
import {escapeRegExp} from '../../src/text.js'

export interface RomanisedEntry {
  word: string
  forms?: string[]
  meaning: string[]
}

export type RomanisedLists = Partial<Record<SourceLanguage, RomanisedEntry[]>>

export const LANGUAGE_NAMES: Record<SourceLanguage, string> = {ko: 'Korean', ja: 'Japanese', zh: 'Chinese', ru: 'Russian'}

const entrySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['word', 'meaning'],
  properties: {
    word: {type: 'string', pattern: '^[a-z][a-z -]*[a-z]$'},
    forms: {type: 'array', items: {type: 'string', pattern: '^[a-z][a-z -]*[a-z]$'}},
    meaning: {type: 'array', minItems: 1, items: {type: 'string', minLength: 1}}
  }
}
const schema = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(Object.keys(LANGUAGE_NAMES).map((language) => [language, {type: 'array', items: entrySchema}]))
}

const listSpec: DataSpec<RomanisedLists> = {
  schema,
  schemaError(errors, data, file) {
    const error = errors[0]!
    const [, language, index] = error.instancePath.split('/')
    const entry = language && index ? (data as Record<string, Array<{word?: string}>>)[language]?.[Number(index)] : undefined
    const where = entry?.word ? ` (entry \`${entry.word}\`)` : ''
    const extra = error.keyword === 'additionalProperties' ? `unknown key \`${String(error.params.additionalProperty)}\`` : error.message
    return new Error(`${file}: ${error.instancePath || '/'}${where}: ${extra}`)
  }
}

/** Reads and strictly validates a list file: an unknown key is an error naming the file and the entry. */
export function readRomanisedLists(file: string): RomanisedLists {
  return readDataFile(file, listSpec)
}

export function readWordList(file: string): Set<string> {
  return new Set(
    readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .map((line) => line.replace(/#.*/, '').trim().toLowerCase())
      .filter(Boolean)
  )
}

export const romanisedLists = loadRuleData('untranslated', 'romanised.yaml', listSpec)
export const loanwords = readWordList(ruleDataPath('untranslated', 'loanwords.txt'))

interface CompiledList {
  pattern: RegExp
  /** Every form (lowercase, single-spaced) → its entry. */
  entries: Map<string, RomanisedEntry>
  /**
   * What the text must hold for `pattern` to match: the first word of a form, at a word start. The
   * pattern's `u` flag (needed for \p{L}) makes it several times slower than this test without
   * it. Case-insensitive matching without `u` differs only for ſ and K (U+017F, U+212A), which
   * fold to s and k with `u` alone, so either of them in the text lets the pattern run too.
   */
  mayMatch: RegExp
}


/** One pattern per language, longest form first, with word boundaries that keep URLs and handles out. */
function compile(entries: RomanisedEntry[]): CompiledList {
  const byForm = new Map<string, RomanisedEntry>()
  for (const entry of entries) for (const form of [entry.word, ...(entry.forms ?? [])]) byForm.set(form, entry)
  const forms = [...byForm.keys()].sort((a, b) => b.length - a.length).map((form) => escapeRegExp(form).replace(/[ -]/g, '[\\s-]+'))
  // Where a form may start (FORM_START) is checked in code: as a look-behind at the front of the
  // pattern it ran at every position of the text, several times slower than the forms themselves.
  const stems = [...new Set([...byForm.keys()].map((form) => form.split(/[ -]/)[0]!))]
  return {
    pattern: new RegExp(String.raw`(?:${forms.join('|')})(?![\p{L}\p{N}_@])`, 'giu'),
    entries: byForm,
    mayMatch: new RegExp(String.raw`\b(?:${stems.join('|')})|[\u017F\u212A]`, 'i')
  }
}

/** A form starts a word, not inside one nor inside a URL, handle or file name; flags as the forms'. */
const FORM_START = /(?<![\p{L}\p{N}_@#/.-])/iuy

export const compiledLists = Object.fromEntries(
  Object.entries(romanisedLists).map(([language, entries]) => [language, compile(entries)])
) as Partial<Record<SourceLanguage, CompiledList>>

export interface RomanisedFinding {
  start: number
  end: number
  language: SourceLanguage
  entry?: RomanisedEntry
}

/** URLs, e-mail addresses, handles and hashtags: a Korean-looking domain ("hankyung.com") is not a word. */
const NOT_PROSE = /\b(?:https?:\/\/|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<![\w@])[@#][\p{L}\p{N}_]+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|kr|jp|cn|ru|co)\b(?:\/\S*)?/giu
// Every NOT_PROSE alternative holds `://`, `www.`, `@`, `#` or a dot before one of its domains
// (same flags, so `\b` means the same): text with none of them, most text, skips the full pattern.
const MAY_HOLD_NOT_PROSE = /:\/\/|www\.|[@#]|\.(?:com|org|net|kr|jp|cn|ru|co)\b/iu
/** A lowercase word of 5-30 letters at `lastIndex`: it starts and ends a run of a-z and is no URL, handle or file name. */
const LOWERCASE_WORD = /(?<![\p{L}\p{N}_@#/.-])[a-z]{5,30}(?![\p{L}\p{N}_@])/uy
/**
 * Letter groups that English spelling hardly has and Revised Romanization is full of. A word is
 * only a candidate with one of them, so the search starts from these and reads the word around
 * each, instead of matching every lowercase word of the text.
 */
const KOREAN_MARKERS = /eo|eu|ae|oe|jj|kk/g

const isLowercaseLetter = (code: number) => code >= 0x61 && code <= 0x7a

/** The words found in one text for the given languages, in order. */
export async function findRomanised(
  text: string,
  languages: readonly SourceLanguage[],
  ignore: ReadonlySet<string>
): Promise<RomanisedFinding[]> {
  const skip = MAY_HOLD_NOT_PROSE.test(text) ? [...text.matchAll(NOT_PROSE)].map((match) => [match.index, match.index + match[0].length] as const) : []
  // Spans are sorted and disjoint: binary search for the last one starting at or before `start`.
  const outsideProse = (start: number) => {
    let low = 0
    let high = skip.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (skip[middle]![0] <= start) low = middle + 1
      else high = middle
    }
    const span = skip[low - 1]
    return span !== undefined && start < span[1]
  }
  const findings: RomanisedFinding[] = []
  const listed = new Set<number>()

  for (const language of languages) {
    const list = compiledLists[language]
    if (!list || !list.mayMatch.test(text)) continue
    const pattern = list.pattern
    pattern.lastIndex = 0
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      FORM_START.lastIndex = match.index
      if (!FORM_START.test(text)) {
        // Not a start: a form may still start further inside this match, as the look-behind allowed.
        pattern.lastIndex = match.index + 1
        continue
      }
      const form = match[0].toLowerCase().replace(/[\s-]+/g, (gap) => (gap.includes('-') ? '-' : ' '))
      const entry = list.entries.get(form) ?? list.entries.get(form.replace(/-/g, ' ')) ?? list.entries.get(form.replace(/ /g, '-'))
      if (!entry || ignore.has(entry.word) || outsideProse(match.index)) continue
      // Capitalised mid-sentence it is a name (Sampo, Kantei as a building's name), not a word.
      if (/^\p{Lu}/u.test(match[0]) && !atSentenceStart(text, match.index)) continue
      findings.push({start: match.index, end: match.index + match[0].length, language, entry})
      listed.add(match.index)
    }
  }

  if (languages.includes('ko')) {
    KOREAN_MARKERS.lastIndex = 0
    for (let marker = KOREAN_MARKERS.exec(text); marker; marker = KOREAN_MARKERS.exec(text)) {
      // The run of a-z around the marker; the next search starts after it.
      let start = marker.index
      while (start > 0 && isLowercaseLetter(text.charCodeAt(start - 1))) start--
      let end = marker.index + marker[0].length
      while (end < text.length && isLowercaseLetter(text.charCodeAt(end))) end++
      KOREAN_MARKERS.lastIndex = end
      LOWERCASE_WORD.lastIndex = start
      const word = LOWERCASE_WORD.exec(text)?.[0]
      if (word === undefined) continue
      if (listed.has(start) || loanwords.has(word) || ignore.has(word)) continue
      if ((koreanSyllables(word)?.length ?? 0) < 2 || outsideProse(start)) continue
      if (await isDictionaryWord(word)) continue
      findings.push({start, end: start + word.length, language: 'ko'})
    }
  }
  return findings.sort((a, b) => a.start - b.start)
}

function atSentenceStart(text: string, offset: number): boolean {
  return /(?:^|[.!?]["”’]?\s+|\n\s*|["“‘]\s*)$/.test(text.slice(Math.max(0, offset - 4), offset))
}

/**
 * Whether the word is explained where it stands: "naeronambul (double standards)", "naeronambul,
 * meaning double standards", "the so-called naeronambul", "double standards ("naeronambul")".
 * A word explained once may stand alone after.
 */
export function isGlossed(text: string, start: number, end: number): boolean {
  const after = text.slice(end, end + 40)
  const before = text.slice(Math.max(0, start - 30), start)
  return (
    /^['’"”]?\s*[(（]/.test(after) ||
    /^['’"”]?,?\s+(?:or|meaning|which means|literally|roughly|i\.e\.)\s/i.test(after) ||
    /^['’"”]?\s*[—–]\s*\p{L}/u.test(after) ||
    /(?:so-called|known as|called|dubbed|the term|the word|the expression|slang)\s+['‘"“]?$/i.test(before) ||
    /\p{L}\s*[(（]\s*['‘"“]?$/u.test(before)
  )
}
