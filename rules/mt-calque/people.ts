// Who a sentence is about, and where that person is from. Machine translation renders 귀국 ("return
// to one's own country") as "returned to Korea" whoever returns; that is only wrong when the person
// is not Korean, which a phrase list cannot tell. The evidence an English reader has: demonyms and
// country possessives before a name or role ("Russian opposition activist Alexey Navalny", "a Korean
// minister"), name forms (a Korean surname with a hyphenated given name; Russian given names,
// patronymics and surname endings), and who the article keeps talking about.
import {ruleData} from '../../src/data.js'
import {KOREAN_SURNAMES} from '../../src/provenance.js'
import type {DocumentFacts} from './document.js'

export interface Nationality {
  /** The country, when the evidence names one. */
  country?: string
  /** Said in the text (a demonym), not inferred from the form of a name. */
  stated: boolean
  /** Countries the person is known not to be from, when no single country is known (Slavic names). */
  notFrom: string[]
}

export interface Subject {
  /** How the text names the subject ("Navalni", "a Korean minister"). */
  who: string
  nationality: Nationality
}

interface PeopleLists {
  demonyms: Record<string, string[]>
  titles: string[]
  roles: string[]
  groupNouns: string[]
  russianGivenNames: string[]
  russianSurnameEndings: string[]
  slavicSurnameEndings: string[]
  notNames: string[]
  sentenceStarters: string[]
  speechVerbs: string[]
}

// The word lists (people.yaml) and what is built from them, on first use: most articles never ask
// who returned where.
interface Vocabulary {
  demonymCountry: Map<string, string>
  titles: Set<string>
  roles: Set<string>
  notNames: Set<string>
  starters: Set<string>
  russianGiven: Set<string>
  speechVerb: RegExp
  russianEnding: RegExp
  slavicEnding: RegExp
  group: RegExp
}

const words = {type: 'array', items: {type: 'string', minLength: 1}}
const peopleFile = ruleData<PeopleLists>('mt-calque', 'people.yaml', {
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['demonyms', 'titles', 'roles', 'groupNouns', 'russianGivenNames', 'russianSurnameEndings', 'slavicSurnameEndings', 'notNames', 'sentenceStarters', 'speechVerbs'],
    properties: {
      demonyms: {type: 'object', additionalProperties: words},
      titles: words,
      roles: words,
      groupNouns: words,
      russianGivenNames: words,
      russianSurnameEndings: words,
      slavicSurnameEndings: words,
      notNames: words,
      sentenceStarters: words,
      speechVerbs: words
    }
  }
})

let vocabulary: Vocabulary | undefined
function peopleWords(): Vocabulary {
  if (vocabulary) return vocabulary
  const lists = peopleFile.load()
  const demonymCountry = new Map<string, string>()
  for (const [country, list] of Object.entries(lists.demonyms)) for (const word of list) demonymCountry.set(word, country)
  const demonymAlternatives = [...demonymCountry.keys()]
    .filter((word) => !word.endsWith("'s") && !word.startsWith('the '))
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replace(/[.]/g, '\\.'))
    .join('|')
  return (vocabulary = {
    demonymCountry,
    titles: new Set(lists.titles),
    roles: new Set(lists.roles),
    notNames: new Set(lists.notNames),
    starters: new Set(lists.sentenceStarters),
    russianGiven: new Set(lists.russianGivenNames),
    speechVerb: new RegExp(`^[^\\S\\n]+(?:${lists.speechVerbs.join('|')})\\b`),
    russianEnding: new RegExp(`\\p{Ll}(?:${lists.russianSurnameEndings.join('|')})$`, 'u'),
    slavicEnding: new RegExp(`\\p{Ll}(?:${lists.slavicSurnameEndings.join('|')})$`, 'u'),
    group: new RegExp(
      `(?<![\\p{L}\\p{N}])(?<demonym>${demonymAlternatives})(?:[^\\S\\n]+\\p{Ll}[\\p{Ll}-]*){0,2}?[^\\S\\n]+(?:${lists.groupNouns.join('|')})(?![\\p{L}\\p{N}])`,
      'gu'
    )
  })
}

const PATRONYMIC = /^\p{Lu}\p{Ll}+(?:ovich|evich|ovna|evna|ichna)$/u
const KOREAN_SURNAME_SET = new Set(KOREAN_SURNAMES)
// Bare surnames that are also everyday English words at the start of a sentence are not counted.
const AMBIGUOUS_BARE_SURNAMES = new Set(['An', 'Do', 'Go', 'Ha', 'Im', 'Ma', 'Na', 'Oh', 'Son', 'Won', 'Song', 'Moon', 'Sin', 'Sung', 'Um', 'Woo', 'Yang', 'Han', 'Gil', 'Ji', 'Jin', 'Min', 'Suk', 'Tak', 'Chu', 'Gang', 'Gu', 'Ku'])
// The text before a non-finite clause whose subject is the sentence's (or the article's) subject.
const SUBJECTLESS_CLAUSE = /(?:^|[,;]|\b(?:after|before|upon|on|since|when|while|following|until|without))[^\S\n]*(?:shortly|soon|just|right|immediately)?[^\S\n]*(?:after|before|upon|on)?[^\S\n]*$/i

// Words that end a noun phrase: a demonym before them does not describe the name after them.
const LINKING_WORDS = new Set(['with', 'to', 'towards', 'toward', 'for', 'from', 'by', 'of', 'and', 'or', 'but', 'against', 'on', 'in', 'at', 'about', 'after', 'before', 'than', 'as', 'that', 'said', 'says', 'told', 'met', 'called', 'urged', 'is', 'was', 'were', 'are'])
const KOREAN_GIVEN = /^(?:\p{Lu}\p{Ll}+-\p{L}\p{Ll}+)$/u

// A run of capitalised words on one line (abbreviations such as U.S. and Mr. included).
const CAPITALISED_RUN = /\p{Lu}[\p{L}\p{M}'’.]*(?:-\p{L}+)*(?:[^\S\n]+\p{Lu}[\p{L}\p{M}'’.]*(?:-\p{L}+)*)*/gu
const CAPITALISED_WORD = /\p{Lu}[\p{L}\p{M}'’.]*(?:-\p{L}+)*/gu
const PRONOUN = /(?<![\p{L}\p{N}])(?:he|she|his|her|He|She|His|Her)(?![\p{L}\p{N}])/gu

interface Person {
  name: string
  surname: string
  evidence: Nationality[]
  mentions: number
}

interface Mention {
  start: number
  end: number
  kind: 'person' | 'pronoun' | 'group'
  text: string
  person?: Person
  nationality?: Nationality
}

interface People {
  mentions: Mention[]
  main?: Person
}

interface Word {
  /** The word without a possessive or a sentence-final full stop. */
  text: string
  /** The word as written. */
  raw: string
  start: number
  end: number
}

/** The person (or group) the sentence around `start..end` is about, when it can be told. */
export function subjectOf(facts: DocumentFacts, start: number, end: number): Subject | undefined {
  const people = facts.analysis.cached('mt-calque:people', () => findPeople(facts))
  const sentence = facts.sentenceAt(start) ?? {start: facts.lines[facts.lineAt(start)]!.start, end}
  const {mentions} = people
  const first = firstStartingAt(mentions, sentence.start)
  const inSentence: Mention[] = []
  for (let index = first; index < mentions.length && mentions[index]!.start < sentence.end; index++) {
    if (mentions[index]!.end <= sentence.end) inSentence.push(mentions[index]!)
  }
  const before = inSentence.filter((mention) => mention.end <= start)
  let chosen = before.at(-1)
  if (chosen?.kind === 'pronoun') {
    // "Kim met Lavrov before he returned": the pronoun is most likely the clause's first person.
    chosen = before.find((mention) => mention.kind !== 'pronoun') ?? previousSubject(mentions, first, facts.text)
  }
  if (!chosen) {
    // "After returning to Korea, Navalny was arrested": the subject comes later in the sentence.
    const later = inSentence.find((mention) => mention.start >= end)
    chosen = later?.kind === 'pronoun' ? previousSubject(mentions, first, facts.text) : later
  }
  if (!chosen) {
    // Only a clause with no subject of its own ("… shortly after returning to Korea") falls back on
    // the person the article is about; "The delegation returned" has a subject, just not a known one.
    if (!SUBJECTLESS_CLAUSE.test(facts.text.slice(sentence.start, start))) return undefined
    const nationality = people.main && nationalityOf(people.main)
    return nationality ? {who: people.main!.name, nationality} : undefined
  }
  const nationality = chosen.person ? nationalityOf(chosen.person) : chosen.nationality
  return nationality ? {who: chosen.person?.name ?? chosen.text, nationality} : undefined
}

/** Index of the first mention starting at or after `offset` (mentions are in text order). */
function firstStartingAt(mentions: readonly Mention[], offset: number): number {
  let low = 0
  let high = mentions.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (mentions[middle]!.start < offset) low = middle + 1
    else high = middle
  }
  return low
}

/** Whether the nationality is known and is not `country`. */
export function isKnownNotFrom(nationality: Nationality, country: string): boolean {
  return nationality.country ? nationality.country !== country : nationality.notFrom.includes(country)
}

/** The first person named in the nearest earlier sentence that names anyone (`before`: an index). */
function previousSubject(mentions: readonly Mention[], before: number, text: string): Mention | undefined {
  let index = before - 1
  while (index >= 0 && mentions[index]!.kind === 'pronoun') index--
  if (index < 0) return undefined
  let first = mentions[index]!
  // Walk back while no sentence end lies between two mentions: the first one opens that sentence.
  for (index--; index >= 0; index--) {
    const mention = mentions[index]!
    if (mention.kind === 'pronoun') continue
    if (/[.!?\n]/.test(text.slice(mention.end, first.start))) break
    first = mention
  }
  return first
}

function findPeople(facts: DocumentFacts): People {
  const {text} = facts
  const vocab = peopleWords()
  const persons = new Map<string, Person>()
  const mentions: Mention[] = []

  for (const line of facts.lines) {
    for (const run of line.text.matchAll(CAPITALISED_RUN)) {
      const words = splitWords(run[0], line.start + run.index)
      const found = readName(words, text)
      if (!found) continue
      let person = persons.get(found.surname)
      if (!person) persons.set(found.surname, (person = {name: found.name, surname: found.surname, evidence: [], mentions: 0}))
      person.evidence.push(...found.evidence)
      person.mentions++
      mentions.push({start: found.start, end: found.end, kind: 'person', text: found.name, person})
    }
  }

  // Surnames alone, and bare Korean surnames ("Kim said"), wherever no full mention covers them. Both
  // lists are in text order, so one pointer walks the full mentions alongside.
  const full = [...mentions]
  let next = 0
  for (const match of text.matchAll(CAPITALISED_WORD)) {
    const word = match[0].replace(/['’]s?$|\.$/, '')
    while (next < full.length && full[next]!.end <= match.index) next++
    if (next < full.length && full[next]!.start <= match.index) continue
    const person = persons.get(word)
    if (person) {
      person.mentions++
      mentions.push({start: match.index, end: match.index + word.length, kind: 'person', text: word, person})
    } else if (KOREAN_SURNAME_SET.has(word) && !AMBIGUOUS_BARE_SURNAMES.has(word)) {
      mentions.push({start: match.index, end: match.index + word.length, kind: 'group', text: word, nationality: {country: 'Korea', stated: false, notFrom: []}})
    }
  }
  for (const match of text.matchAll(PRONOUN)) mentions.push({start: match.index, end: match.index + match[0].length, kind: 'pronoun', text: match[0]})
  for (const match of text.matchAll(vocab.group)) {
    const country = vocab.demonymCountry.get(match.groups!.demonym!)!
    mentions.push({start: match.index, end: match.index + match[0].length, kind: 'group', text: match[0], nationality: {country, stated: true, notFrom: []}})
  }
  mentions.sort((a, b) => a.start - b.start || b.end - a.end)

  // The article's main person: named at least three times, and twice as often as anyone else.
  const ranked = [...persons.values()].sort((a, b) => b.mentions - a.mentions)
  const [top, second] = ranked
  const main = top && top.mentions >= 3 && (!second || top.mentions >= 2 * second.mentions) ? top : undefined
  return {mentions, main}
}

function splitWords(run: string, offset: number): Word[] {
  const vocab = peopleWords()
  const words: Word[] = []
  for (const match of run.matchAll(/\S+/g)) {
    // A sentence-final full stop and a possessive are not part of the name.
    let value = match[0]
    if (/\.$/.test(value) && !/^(?:\p{Lu}\.)+$/u.test(value) && !vocab.titles.has(value) && value !== 'St.') value = value.slice(0, -1)
    value = value.replace(/['’]s?$/, '')
    words.push({text: value, raw: match[0].replace(/[’]/g, "'"), start: offset + match.index, end: offset + match.index + value.length})
  }
  return words
}

interface FoundName {
  name: string
  surname: string
  start: number
  end: number
  evidence: Nationality[]
}

/** Reads a personal name out of a run of capitalised words, with what it says about nationality. */
function readName(run: Word[], text: string): FoundName | undefined {
  const vocab = peopleWords()
  let index = 0
  if (run[0] && vocab.starters.has(run[0].text)) index++
  const evidence: Nationality[] = []
  let cued = false
  // A demonym or country possessive inside the run: "South Korean President Yoon Suk Yeol".
  for (;;) {
    const word = run[index]
    if (!word) break
    const next = run[index + 1]
    const pair = next ? vocab.demonymCountry.get(`${word.raw} ${next.raw}`) : undefined
    const country = pair ?? vocab.demonymCountry.get(word.raw) ?? vocab.demonymCountry.get(word.text)
    if (!country) break
    evidence.push({country, stated: true, notFrom: []})
    cued = true
    index += pair ? 2 : 1
  }
  while (run[index] && vocab.titles.has(run[index]!.text)) {
    cued = true
    index++
  }
  const rest = run.slice(index)
  if (rest.length === 0 || rest.length > 4) return undefined
  if (rest.some((word) => vocab.notNames.has(word.text) || vocab.demonymCountry.has(word.text))) return undefined
  const first = rest[0]!
  const last = rest.at(-1)!
  const restText = rest.map((word) => word.text)

  const korean = KOREAN_SURNAME_SET.has(first.text) && rest.length >= 2 && (KOREAN_GIVEN.test(rest[1]!.text) || rest.length === 3)
  if (korean) evidence.push({country: 'Korea', stated: false, notFrom: []})
  const russianSurname = vocab.russianEnding.test(last.text) && (rest.length >= 2 || last.text.length >= 5)
  if (vocab.russianGiven.has(first.text) || restText.some((word) => PATRONYMIC.test(word)) || russianSurname) {
    evidence.push({country: 'Russia', stated: false, notFrom: []})
  } else if (rest.length >= 2 && vocab.slavicEnding.test(last.text)) {
    evidence.push({stated: false, notFrom: ['Korea', 'Japan', 'China']})
  }
  if (evidence.length > 0) cued = true

  // Before the run: "Russian opposition activist Alexey Navalny", "activist Alexey Navalny".
  const before = text.slice(Math.max(0, first.start - 80), first.start)
  const lowerRun = trailingLowerWords(before)
  if (lowerRun) {
    const lowerWords = lowerRun.trim().split(/\s+/)
    if (vocab.roles.has(lowerWords.at(-1)!)) {
      cued = true
      const ahead = before.slice(0, before.length - lowerRun.length)
      const demonym = /((?:South|North)[^\S\n]+)?(\p{Lu}[\p{L}.]*(?:['’]s)?)[^\S\n]*$/u.exec(ahead)
      if (demonym && !lowerWords.some((word) => LINKING_WORDS.has(word))) {
        const written = demonym[2]!.replace('’', "'")
        const country = vocab.demonymCountry.get(`${demonym[1] ?? ''}${written}`.replace(/\s+/g, ' ')) ?? vocab.demonymCountry.get(written)
        if (country) evidence.push({country, stated: true, notFrom: []})
      }
    }
  }
  // After the run: "Navalny, a Russian opposition leader," or "Peskov said".
  const after = text.slice(last.end, last.end + 60)
  const apposition = /^,[^\S\n]+(?:a|an|the)[^\S\n]+((?:South |North )?\p{Lu}[\p{L}.]*)/u.exec(after)
  if (apposition) {
    const country = vocab.demonymCountry.get(apposition[1]!)
    if (country) {
      evidence.push({country, stated: true, notFrom: []})
      cued = true
    }
  }
  if (vocab.speechVerb.test(after) && rest.length >= 2) cued = true
  if (!cued) return undefined

  const surname = korean ? first.text : last.text
  return {name: restText.join(' '), surname, start: first.start, end: last.end, evidence}
}

/** Stated evidence outweighs inferred; evidence that disagrees leaves the nationality unknown. */
function nationalityOf(person: Person): Nationality | undefined {
  for (const stated of [true, false]) {
    const countries = new Set(person.evidence.filter((item) => item.stated === stated && item.country).map((item) => item.country!))
    if (countries.size === 1) return {country: [...countries][0]!, stated, notFrom: []}
    if (countries.size > 1) return undefined
  }
  const notFrom = person.evidence.find((item) => item.notFrom.length > 0)
  return notFrom ? {stated: false, notFrom: notFrom.notFrom} : undefined
}

/**
 * The one to four whole lower-case words (hyphens allowed) that end `text`, each followed by
 * spaces on the same line: "opposition activist " in "Russian opposition activist ". Scanned back
 * from the end, so the cost does not depend on the text's length, and a word never starts inside
 * another ("ussian").
 */
function trailingLowerWords(text: string): string | undefined {
  let start = text.length
  for (let words = 0; words < 4; words++) {
    let end = start
    while (end > 0 && BLANK.test(text[end - 1]!)) end--
    if (end === start) break
    let begin = end
    while (begin > 0 && LOWER_OR_HYPHEN.test(text[begin - 1]!)) begin--
    // Whole words only: what precedes is not a letter, and the word opens with a lower-case letter.
    if (begin === end || (begin > 0 && LETTER.test(text[begin - 1]!)) || !LOWER.test(text[begin]!)) break
    start = begin
  }
  return start < text.length ? text.slice(start) : undefined
}

const BLANK = /[^\S\n]/
const LOWER = /\p{Ll}/u
const LOWER_OR_HYPHEN = /[\p{Ll}-]/u
const LETTER = /[\p{L}\p{M}]/u
