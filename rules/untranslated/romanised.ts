// Romanised source-language words left in English copy ("udalenka", "naeronambul"): a curated list per
// source language, plus, for Korean, any lowercase word that is not English and reads as romanised
// Korean syllables. Only in articles whose provenance shows that language.
import {readFileSync} from 'node:fs'
import {Ajv} from 'ajv'
import {parse} from 'yaml'
import {isDictionaryWord} from '../../src/dictionary.js'
import {ruleDataPath} from '../../src/paths.js'
import {koreanSyllables, type SourceLanguage} from '../../src/provenance.js'

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

/** Reads and strictly validates a list file: an unknown key is an error naming the file and the entry. */
export function readRomanisedLists(file: string): RomanisedLists {
  const data = parse(readFileSync(file, 'utf8')) as unknown
  const validate = new Ajv({allErrors: false}).compile<RomanisedLists>(schema)
  if (!validate(data)) {
    const error = validate.errors![0]!
    const [, language, index] = error.instancePath.split('/')
    const entry = language && index ? (data as Record<string, Array<{word?: string}>>)[language]?.[Number(index)] : undefined
    const where = entry?.word ? ` (entry \`${entry.word}\`)` : ''
    const extra = error.keyword === 'additionalProperties' ? `unknown key \`${String(error.params.additionalProperty)}\`` : error.message
    throw new Error(`${file}: ${error.instancePath || '/'}${where}: ${extra}`)
  }
  return data
}

export function readWordList(file: string): Set<string> {
  return new Set(
    readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .map((line) => line.replace(/#.*/, '').trim().toLowerCase())
      .filter(Boolean)
  )
}

export const romanisedLists = readRomanisedLists(ruleDataPath('untranslated', 'romanised.yaml'))
export const loanwords = readWordList(ruleDataPath('untranslated', 'loanwords.txt'))

interface CompiledList {
  pattern: RegExp
  /** Every form (lowercase, single-spaced) → its entry. */
  entries: Map<string, RomanisedEntry>
}

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** One pattern per language, longest form first, with word boundaries that keep URLs and handles out. */
function compile(entries: RomanisedEntry[]): CompiledList {
  const byForm = new Map<string, RomanisedEntry>()
  for (const entry of entries) for (const form of [entry.word, ...(entry.forms ?? [])]) byForm.set(form, entry)
  const forms = [...byForm.keys()].sort((a, b) => b.length - a.length).map((form) => escape(form).replace(/[ -]/g, '[\\s-]+'))
  return {pattern: new RegExp(String.raw`(?<![\p{L}\p{N}_@#/.-])(?:${forms.join('|')})(?![\p{L}\p{N}_@])`, 'giu'), entries: byForm}
}

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
const LOWERCASE_WORD = /(?<![\p{L}\p{N}_@#/.-])[a-z]{5,30}(?![\p{L}\p{N}_@])/gu
/** Letter groups that English spelling hardly has and Revised Romanization is full of. */
const KOREAN_MARKERS = /eo|eu|ae|oe|jj|kk/

/** The words found in one text for the given languages, in order. */
export async function findRomanised(
  text: string,
  languages: readonly SourceLanguage[],
  ignore: ReadonlySet<string>
): Promise<RomanisedFinding[]> {
  const skip = [...text.matchAll(NOT_PROSE)].map((match) => [match.index, match.index + match[0].length] as const)
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
    if (!list) continue
    for (const match of text.matchAll(list.pattern)) {
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
    for (const match of text.matchAll(LOWERCASE_WORD)) {
      const word = match[0]
      if (listed.has(match.index) || loanwords.has(word) || ignore.has(word) || !KOREAN_MARKERS.test(word)) continue
      if ((koreanSyllables(word)?.length ?? 0) < 2 || outsideProse(match.index)) continue
      if (await isDictionaryWord(word)) continue
      findings.push({start: match.index, end: match.index + word.length, language: 'ko'})
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
