// East Asian name order carried into English: a title after the name ("Kim Sun-young Anchor"),
// "<Country> Chairman <Name>", a given name used as the surname ("Mr. Jinping"), and
// "Organisation (Chairman Name)".
import {loadRuleData} from '../../src/data.js'
import {KOREAN_SURNAMES, koreanSyllables} from '../../src/provenance.js'
import {escapeRegExp} from '../../src/text.js'
import type {CheckContext} from './context.js'

interface NameData {
  chineseSurnames: string[]
  knownNames: Array<{surname: string; given: string[]}>
  titles: Record<string, string>
}

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['chineseSurnames', 'knownNames', 'titles'],
  properties: {
    chineseSurnames: {type: 'array', items: {type: 'string', pattern: '^[A-Z][a-z]+$'}},
    knownNames: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['surname', 'given'],
        properties: {surname: {type: 'string'}, given: {type: 'array', minItems: 1, items: {type: 'string'}}}
      }
    },
    titles: {type: 'object', additionalProperties: {type: 'string'}}
  }
}

const data = loadRuleData<NameData>('translationese', 'names.yaml', {schema})
const chineseSurnames = new Set(data.chineseSurnames)
const koreanSurnames = new Set(KOREAN_SURNAMES)
const isSurname = (word: string) => koreanSurnames.has(word) || chineseSurnames.has(word)

const alternation = (words: Iterable<string>) =>
  [...words].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')

const KOREAN_SURNAME = `(?:${alternation(KOREAN_SURNAMES)})`
const CHINESE_SURNAME = `(?:${alternation(data.chineseSurnames)})`
const TITLE = `(?:${alternation(Object.keys(data.titles))})`
/** A name in Korean or Chinese order, judged further in code: "Kim Sun-young", "Kim Jong Un", "Xi Jinping". */
const NAME_THEN_TITLE = new RegExp(
  String.raw`\b((${KOREAN_SURNAME}|${CHINESE_SURNAME})\s+([A-Z][a-z]{0,11}(?:-[a-z]{1,6}|\s+[A-Z][a-z]{0,6})?))\s+(${TITLE})\b`,
  'g'
)
const COUNTRY_CHAIRMAN = /\b(North\s+Korean?|N\.\s?Korean?|DPRK|China|Chinese)(?:['’]s)?\s+(Chairman)\s+(Kim|Xi)\b/g
const HONORIFIC_THEN_NAME = /\b(Mr|Mrs|Ms|Miss|Madam|Madame|Chairman|Chairwoman|President|Premier|Leader)\.?\s+([A-Z][a-z]{0,11}(?:-[a-z]{1,6})?)\b(?:\s+([A-Z][a-z]{0,6})\b)?/g
const PARENTHESISED_TITLE = String.raw`\((?:Chairman|Chairwoman|CEO|President|Mayor|Director|Head|Governor|Chief|Representative|Commissioner|Minister|Superintendent)\s`
/** The organisation's last word, then the parenthesis; the report spans the parenthesis only. */
const TITLE_IN_PARENTHESES = new RegExp(String.raw`(\p{Lu}[\p{L}.’']*\s*)${PARENTHESISED_TITLE}\s*${KOREAN_SURNAME}\s+[A-Z][a-z]{0,6}-[a-z]{1,6}\)`, 'gu')
// The full pattern starts at every capital and backtracks through the word; text without a
// parenthesised title (nearly all) is settled by this scan for `(` alone.
const HAS_PARENTHESISED_TITLE = new RegExp(PARENTHESISED_TITLE, 'u')

const TITLE_NOTE =
  'Korean and Chinese put the title after the name (김선영 앵커, 习近平总书记); English puts it before the name, or after it ' +
  'with a comma ("Kim Sun-young, the anchor").'
const CHAIRMAN_NOTE =
  'Korean copy gives Kim Jong Un his party title (김정은 위원장) and Chinese copy gives Xi his (习近平主席); translated word for ' +
  'word both become "Chairman". English news says `North Korean leader Kim Jong Un` and `Chinese President Xi Jinping`.'
const GIVEN_NAME_NOTE =
  'Korean and Chinese names put the surname first (Xi Jinping, Lee Jae-myung): "Mr." and titles go with the surname, ' +
  'never the given name.'
const PARENTHESES_NOTE =
  'Korean copy names an organisation\'s head in parentheses after it (신문협회(회장 임채청)); English says ' +
  '"the Korea Newspaper Association, led by Chairman Lim Chae-cheong,".'

/** "Sun-young", "Jong Un": every hyphen- or space-separated part is one Korean syllable. */
function isKoreanGivenName(given: string): boolean {
  const parts = given.split(/[-\s]+/)
  return parts.length === 2 && parts.every((part) => koreanSyllables(part)?.length === 1 && !/^[A-Z]{2}/.test(part))
}

/** Pinyin syllables, loosely (initial + final), for given names in Chinese order. */
const PINYIN = (() => {
  const initials = ['', 'b', 'p', 'm', 'f', 'd', 't', 'n', 'l', 'g', 'k', 'h', 'j', 'q', 'x', 'zh', 'ch', 'sh', 'r', 'z', 'c', 's', 'y', 'w']
  const finals = ['a', 'o', 'e', 'i', 'u', 'v', 'ai', 'ei', 'ao', 'ou', 'an', 'en', 'ang', 'eng', 'ong', 'er', 'ia', 'ie', 'iao', 'iu', 'ian', 'in', 'iang', 'ing', 'iong', 'ua', 'uo', 'uai', 'ui', 'uan', 'un', 'uang', 'ue']
  return new Set(initials.flatMap((initial) => finals.map((final) => initial + final)))
})()

function isPinyinGivenName(word: string): boolean {
  const letters = word.toLowerCase()
  // One or two syllables: try every split point.
  if (PINYIN.has(letters)) return true
  for (let cut = 1; cut < letters.length; cut++) if (PINYIN.has(letters.slice(0, cut)) && PINYIN.has(letters.slice(cut))) return true
  return false
}

/** Whether a word right after a title shows that the title ends the name phrase. */
function titleEndsPhrase(rest: string): boolean {
  if (/^\s+(?:of|for|at|in|and)\b/.test(rest)) return false // an appositive missing its comma, or a list
  if (/^-\p{L}/u.test(rest)) return false // "President-elect"
  return /^\s*(?:$|[^\s\p{L}]|\s+\p{Ll})/u.test(rest)
}

function atSentenceStart(text: string, offset: number): boolean {
  return /(?:^|[.!?"“[(:]\s*|\n\s*)$/.test(text.slice(Math.max(0, offset - 3), offset))
}

export function checkTitleAfterName(context: CheckContext, skip: (start: number, end: number) => boolean): void {
  const {text, report} = context
  for (const match of text.matchAll(NAME_THEN_TITLE)) {
    const [, name, surname, given, title] = match as unknown as [string, string, string, string, string]
    const end = match.index + match[0].length
    if (!titleEndsPhrase(text.slice(end, end + 20)) || skip(match.index, end)) continue
    const korean = koreanSurnames.has(surname) && isKoreanGivenName(given)
    const chinese =
      !korean && chineseSurnames.has(surname) && !/[\s-]/.test(given) && !isSurname(given) && isPinyinGivenName(given) && chineseContext(context, surname, given)
    if (!korean && !chinese) continue
    let form = data.titles[title]!
    if (atSentenceStart(text, match.index)) form = form[0]!.toUpperCase() + form.slice(1)
    const expected = `${form} ${name}`
    report({messageId: 'titleAfterName', data: {title, expected}, start: match.index, end, expected: [expected], note: TITLE_NOTE})
  }
}

/** A Chinese-order name outside the known list needs the article to look translated from Chinese. */
function chineseContext(context: CheckContext, surname: string, given: string): boolean {
  if (data.knownNames.some((known) => known.surname === surname && known.given.includes(given))) return true
  return context.provenance().languages.includes('zh')
}

export function checkCountryChairman(context: CheckContext): void {
  const {text, report} = context
  if (!text.includes('Chairman')) return
  for (const match of text.matchAll(COUNTRY_CHAIRMAN)) {
    const [, country, , person] = match as unknown as [string, string, string, string]
    const chinese = /^Chin/.test(country)
    if (chinese !== (person === 'Xi')) continue // "China Chairman Kim" is someone else's title
    const start = match.index + match[0].lastIndexOf('Chairman', match[0].length - person.length)
    const replacement = chinese ? 'President' : 'leader'
    report({
      messageId: 'countryChairman',
      data: {country, expected: replacement},
      start,
      end: start + 'Chairman'.length,
      expected: [replacement],
      note: CHAIRMAN_NOTE
    })
  }
}

const KOREAN_FIRST = new RegExp(String.raw`\b(${KOREAN_SURNAME})\s+([A-Z][a-z]{0,6}(?:-[a-z]{1,6}|\s+[A-Z][a-z]{0,6}))\b`, 'g')
const KOREAN_LAST = new RegExp(String.raw`\b([A-Z][a-z]{0,6}-[a-z]{1,6})\s+(${KOREAN_SURNAME})\b`, 'g')
const CHINESE_FIRST = new RegExp(String.raw`\b(${CHINESE_SURNAME})\s+([A-Z][a-z]{1,11})\b`, 'g')

interface GivenNameIndex {
  /** Normalised given name ("jongun", "jinping") → surnames seen with it. */
  surnames: Map<string, Set<string>>
}

const normalise = (given: string) => given.toLowerCase().replace(/[-\s]/g, '')

function givenNameIndex(text: string): GivenNameIndex {
  const surnames = new Map<string, Set<string>>()
  const add = (given: string, surname: string) => {
    const key = normalise(given)
    if (!surnames.has(key)) surnames.set(key, new Set())
    surnames.get(key)!.add(surname)
    // The last part alone ("Un" of "Jong Un") is what "Chairman Un" takes for a surname.
    const last = given.split(/[-\s]/).pop()!
    if (last !== given && !isSurname(capitalise(last))) add(last, surname)
  }
  for (const known of data.knownNames) for (const given of known.given) add(given, known.surname)
  for (const match of text.matchAll(KOREAN_FIRST)) if (isKoreanGivenName(match[2]!)) add(match[2]!, match[1]!)
  for (const match of text.matchAll(KOREAN_LAST)) if (isKoreanGivenName(match[1]!)) add(match[1]!, match[2]!)
  // Chinese order only counts when the surname also stands alone in the article ("Xi said").
  const standsAlone = new Map<string, boolean>()
  for (const match of text.matchAll(CHINESE_FIRST)) {
    const [, surname, given] = match as unknown as [string, string, string]
    if (isSurname(given) || !isPinyinGivenName(given)) continue
    if (!standsAlone.has(surname)) standsAlone.set(surname, new RegExp(String.raw`\b${surname}\b(?!\s+[A-Z])`).test(text))
    if (standsAlone.get(surname)) add(given, surname)
  }
  return {surnames}
}

const capitalise = (word: string) => word[0]!.toUpperCase() + word.slice(1).toLowerCase()

export function checkGivenNameAsSurname(context: CheckContext): void {
  const {text, report} = context
  let index: GivenNameIndex | undefined
  for (const match of text.matchAll(HONORIFIC_THEN_NAME)) {
    const [, honorific, word, next] = match as unknown as [string, string, string, string | undefined]
    if (isSurname(word)) continue
    index ??= givenNameIndex(text)
    // "Mr. Jong Un" takes two words; "Mr. Jae-myung Lee" is a whole name in Western order.
    const twoWords = next !== undefined && index.surnames.has(normalise(`${word} ${next}`))
    if (!twoWords && next !== undefined && isSurname(next)) continue
    const given = twoWords ? `${word} ${next}` : word
    const surnames = index.surnames.get(normalise(given))
    const korean = /-/.test(word) && isKoreanGivenName(word)
    if (!surnames && !korean) continue
    const start = match.index
    const wordAt = match[0].indexOf(word, honorific.length)
    const end = twoWords ? start + match[0].length : start + wordAt + word.length
    const title = text.slice(start, start + wordAt).trimEnd()
    if (surnames && surnames.size === 1) {
      const expected = `${title} ${[...surnames][0]}`
      report({messageId: 'givenNameAsSurname', data: {given, title, expected}, start, end, expected: [expected], note: GIVEN_NAME_NOTE})
    } else {
      report({messageId: 'givenNameAsSurnameUnknown', data: {given, title}, start, end, note: GIVEN_NAME_NOTE})
    }
  }
}

export function checkTitleInParentheses(context: CheckContext): void {
  const {text, report} = context
  if (!HAS_PARENTHESISED_TITLE.test(text)) return
  for (const match of text.matchAll(TITLE_IN_PARENTHESES)) {
    const given = /\s([A-Z][a-z]{0,6}-[a-z]{1,6})\)$/.exec(match[0])![1]!
    if (!isKoreanGivenName(given)) continue
    const start = match.index + match[1]!.length
    report({messageId: 'titleInParentheses', start, end: match.index + match[0].length, note: PARENTHESES_NOTE})
  }
}
