// Transliteration-aware comparison of names. A name is split into parts (given name, surname, …);
// two parts are variants when a romanisation rule of their language family explains the difference
// (Navalny/Navalni, Jae-myung/Jae-myeong, Hsiao-p'ing/Xiaoping, Mohammed/Muhammad) and an edit-
// distance guard agrees. Anything else (Un/Il, Navalny/Navalnaya, myung/yong) is a different name.
import {distance} from 'fastest-levenshtein'
import {ruleDataPath} from '../../src/paths.js'
import {readList} from './lists.js'
import {memo} from './memo.js'

export type Family = 'korean' | 'chinese' | 'arabic' | 'japanese' | 'general'

/** How a name reads in each family that can explain it, most specific first ('general' always). */
export interface ParsedName {
  form: string
  families: Family[]
  /** Parts per family: Korean keeps a given name whole ("Jong Un"), the others split at spaces. */
  parts: Partial<Record<Family, string[]>>
  /** Index of the surname in `parts[family]`. */
  surname: Partial<Record<Family, number>>
  /** Written in Wade-Giles (hyphenated syllables, apostrophes, hs/ts/ih…): compare Chinese coarsely. */
  wadeGiles: boolean
}

function words(file: string): string[] {
  return readList(ruleDataPath('name-consistency', file)).flatMap((line) => line.split(/\s+/))
}

/** Lowercase without diacritics or apostrophes: Erdoğan = Erdogan, Naval'ny = Navalny, Shinzō = Shinzo. */
export const fold = memo((text: string): string =>
  text
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/[øǿ]/g, 'o')
    .replace(/ł/g, 'l')
    .replace(/đ/g, 'd')
    .replace(/ı/g, 'i')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/['’ʼʻ‘`´]/g, '')
)

/** Folded, without hyphens or spaces: Jae-myung = Jaemyung = Jae Myung. */
export const bare = memo((text: string): string => fold(text).replace(/[\s-]+/g, ''))

function collapseDoubles(text: string): string {
  return text.replace(/(\p{L})\1+/gu, '$1')
}

/**
 * Russian, Ukrainian and Western spellings: endings -y/-i/-iy/-yy/-ii/-ei/-ey/-ej, ks/x, kh/h,
 * (t)sch/tch/ch, zh/j, tz/ts, ye/e, yo/e, glides before vowels (Maria/Mariya), y/i before
 * consonants (Tymoshenko/Timoshenko), doubled letters, the Arabic article and bin/ibn.
 */
export const generalKey = memo((part: string): string => {
  let key = fold(part)
    .replace(/^(?:al|el)[\s-]+(?=\p{L})/u, '')
    .replace(/^(?:ibn|ben)(?=[\s-])/, 'bin')
    .replace(/[\s-]+/g, '')
  key = key
    .replace(/t?sch|tch/g, 'ch')
    .replace(/x/g, 'ks')
  // Short words keep kh: Khan is not Han.
  if (key.length >= 6) key = key.replace(/kh/g, 'h')
  key = key
    .replace(/zh/g, 'j')
    .replace(/tz/g, 'ts')
    .replace(/gh/g, 'g')
    .replace(/q/g, 'k')
    .replace(/ph/g, 'f')
    .replace(/w/g, 'v')
    .replace(/ck/g, 'k')
    .replace(/^ye/, 'e')
    .replace(/([aeiou])ye/g, '$1e')
    .replace(/^j(?=[ua])/, 'y')
    .replace(/y(?=[^aeiouy])/g, 'i')
    // Before a vowel, i, y and j after a consonant are one glide: Maria/Mariya, Riabkov/Ryabkov.
    .replace(/([^aeiouy])(?:iy|ij|i|y|j)(?=[aeiou])/g, '$1y')
    // Russian ё: Pyotr/Petr, Fyodor/Fedor, Gorbachov/Gorbachev.
    .replace(/([^aeiou])yo(?=[^aeiouy])/g, '$1e')
    .replace(/(ch|sh|j)ov(a?)$/, '$1ev$2')
    // Final -ий/-ый/-ей/-ай: every romanisation ends in a run of i, y or j.
    .replace(/(?<=\p{L}{2})(?:iy|yy|ii|yi|ij|y|i|j)$/u, 'Y')
    // Scandinavian -sson/-ssen are surnames of their own (Andersson is not Anderson).
    .replace(/ss(?=[eo]n$)/, 'sS')
  return collapseDoubles(key)
})

/**
 * Arabic spellings: article (al-, el-, ad-, ash-…), Abdel/Abdul, -allah/-ullah, bin/ibn, q/k/g,
 * gh/g, dh/d, ou/oo/u, ee/i, ta marbuta (-eh/-ah/-a), o/u; then e read as a (Mohammed/Muhammad)
 * or as i (Khaled/Khalid): two keys.
 */
export const arabicKeys = memo((part: string): readonly string[] => {
  let base = fold(part)
    .replace(/^(?:al|el|ul|ad|an|ar|as|ash|at|az|ath|adh)[\s-]+(?=\p{L})/u, '')
    .replace(/^abd(?:[\s-]?(?:ul|el|al|ol|oul))?[\s-]?(?=\p{L})/u, 'abdal')
    .replace(/^(?:ibn|ben|bin)[\s-]+/, 'bin')
    .replace(/[\s-]+/g, '')
  base = base
    .replace(/(?:ul|ol|al|el)lah$/, 'allah')
    .replace(/q/g, 'k')
    .replace(/gh/g, 'g')
    .replace(/^g/, 'k')
    .replace(/dh/g, 'd')
    .replace(/ou|oo/g, 'u')
    .replace(/ee/g, 'i')
    .replace(/y(?=[^aeiou]|$)/g, 'i')
  if (base.length >= 5) base = base.replace(/(?:eh|ah)$/, 'a')
  base = base.replace(/o/g, 'u')
  const asA = collapseDoubles(base.replace(/e/g, 'a'))
  const asI = collapseDoubles(base.replace(/e/g, 'i'))
  return asA === asI ? [asA] : [asA, asI]
})

/**
 * Korean given names: Revised Romanization, McCune-Reischauer and custom spellings fold together
 * (eo/o/u/eu/oo, yeo/yo/yu/you, ui/ee/i, g/k, d/t, b/p, j/ch, r/l, sh/s), hyphens and spaces ignored.
 */
export const koreanGivenKey = memo((given: string): string => {
  const key = bare(given)
    .replace(/ck/g, 'k')
    .replace(/ng/g, 'N')
    .replace(/yeo|yeu|you|yoo|yo|yu/g, 'Y')
    .replace(/weo|wo/g, 'W')
    .replace(/eui|ui|ee/g, 'i')
    .replace(/eo|eu|oo|ou|o|u/g, 'O')
    .replace(/g/g, 'k')
    .replace(/d/g, 't')
    .replace(/b/g, 'p')
    .replace(/j/g, 'ch')
    .replace(/r/g, 'l')
    .replace(/sh/g, 's')
  return collapseDoubles(key)
})

// Read after the key functions above, which they use. Surnames a Korean name opens with, one line per surname with its romanisations (Park Pak Bak).
const koreanSurnameClass = new Map<string, string>()
for (const line of readList(ruleDataPath('name-consistency', 'korean-surnames.txt'))) {
  const spellings = line.split(/\s+/).map((spelling) => fold(spelling))
  for (const spelling of spellings) koreanSurnameClass.set(spelling, spellings[0]!)
}
const chineseSurnames = new Set(words('chinese-surnames.txt').map((name) => bare(name)))
const arabicNameKeys = new Set(words('arabic-names.txt').flatMap((name) => arabicKeys(name)))

/** The romanisation class of a Korean surname (Park, Pak and Bak share one), or undefined. */
export function koreanSurname(word: string): string | undefined {
  return koreanSurnameClass.get(fold(word))
}

/**
 * Chinese: Wade-Giles and pinyin fold together (hs/x, ts/tz/z/c, ch/zh/j/q, k/g, t/d, p/b, ung/ong,
 * ih/i, ieh/ie, ien/ian, ko/ke, j/r, zero initials yi/wu). Used only when one side is Wade-Giles:
 * two pinyin spellings that differ are different names (Li Qiang is not Li Jiang).
 */
export const chineseKey = memo((part: string): string => {
  const syllables = fold(part)
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((syllable) =>
      syllable
        .replace(/^hs/, 'x')
        .replace(/^(?:ssu|szu)$/, 'si')
        .replace(/^tzu$/, 'zi')
        .replace(/ih$/, 'i')
        .replace(/ieh$/, 'ie')
        .replace(/ien$/, 'ian')
        .replace(/ung$/, 'ong')
        .replace(/erh$/, 'er')
        .replace(/^([kh])o$/, '$1e')
        .replace(/^j(?=[aeo])/, 'r')
        .replace(/^y(?=i)/, '')
        .replace(/^wu$/, 'u')
    )
  return syllables
    .join('')
    .replace(/zh|ch|j|q/g, 'J')
    .replace(/ts|tz|dz|z|c/g, 'Z')
    .replace(/ng/g, 'N')
    .replace(/[kg]/g, 'K')
    .replace(/[td]/g, 'T')
    .replace(/[pb]/g, 'P')
})

const WADE_GILES = /['’ʼ]|(?:^|-)(?:hs|ts|tz|ssu|szu)|(?:ih|ieh|ung|erh)(?:-|$)|(?:^|-)[kh]o(?:-|$)/i

function isWadeGiles(part: string): boolean {
  return part.includes('-') || WADE_GILES.test(part)
}

// Romanised syllables, permissive on purpose: they only decide whether a Korean, Chinese or
// Japanese reading applies, never whether two names are the same.
const KOREAN_SYLLABLE =
  /^(?:kk|tt|pp|ss|jj|ch|sh|[gkndtrlmbpsjhw])?(?:y?(?:eo|eu|ae|oe|oo|ou|ee|a|e|o|u|i)|w(?:ae|eo|a|e|o|i)|eui|ui|oi)(?:ng|ck|[nmlrkgpbt])?$/
const CHINESE_SYLLABLE =
  /^(?:zh|ch|sh|hs|ts|tz|sz|ss|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|ang|eng|ing|ong|ung|ian|ien|iao|uai|uan|ieh|ueh|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|ih|erh|er|a|o|e|i|u)$/
const JAPANESE_WORD = /^(?:(?:kk|ss|tt|pp|sh|ch|ts|[kgsztdnhbpmr]y?|[fjwy])?[aeiou]|n)+$/

function splitsInto(word: string, syllable: RegExp, min: number, max: number): boolean {
  const letters = bare(word)
  if (!/^[a-z]{1,24}$/.test(letters)) return false
  // Fewest and most syllables reaching each position (a syllable has at most 6 letters).
  const reach: Array<[number, number] | undefined> = [[0, 0]]
  for (let end = 1; end <= letters.length; end++) {
    for (let start = Math.max(0, end - 6); start < end; start++) {
      const before = reach[start]
      if (!before || !syllable.test(letters.slice(start, end))) continue
      const current = reach[end]
      reach[end] = current ? [Math.min(current[0], before[0] + 1), Math.max(current[1], before[1] + 1)] : [before[0] + 1, before[1] + 1]
    }
  }
  const found = reach[letters.length]
  return Boolean(found && found[0] <= max && found[1] >= min)
}

function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word)
}

/**
 * A Korean given name: hyphenated ("Jae-myung", "Jae-Myung") or two syllable words ("Jong Un").
 * Joined spellings ("Jaein") are not read as Korean: too many English names split into two
 * syllables ("Joe Biden" would become a Korean name).
 */
function koreanGiven(tokens: string[]): boolean {
  if (tokens.length === 2) return tokens.every((token) => !token.includes('-') && KOREAN_SYLLABLE.test(fold(token)))
  const pieces = tokens.length === 1 ? tokens[0]!.split('-') : []
  return pieces.length === 2 && pieces.every((piece) => KOREAN_SYLLABLE.test(fold(piece)))
}

function chineseGiven(token: string): boolean {
  const pieces = token.split('-')
  if (pieces.length === 2) return pieces.every((piece) => CHINESE_SYLLABLE.test(fold(piece)))
  return pieces.length === 1 && splitsInto(token, CHINESE_SYLLABLE, 1, 3)
}

// Particles that belong to the next word of a name: "bin Laden", "al Assad", "van Gogh", "Abdel Fattah".
const PARTICLES = new Set(['bin', 'ibn', 'bint', 'al', 'el', 'ul', 'ad', 'as', 'ash', 'at', 'az', 'de', 'del', 'della', 'der', 'den', 'di', 'da', 'das', 'dos', 'du', 'la', 'le', 'van', 'von', 'ter', 'ten', 'zu'])
const ARABIC_PARTICLES = new Set(['bin', 'ibn', 'bint', 'abu', 'abou', 'abd', 'abdel', 'abdul', 'abdal', 'al', 'el'])
// Capitalised words that open an Arabic compound name wherever they stand.
const ARABIC_OPENERS = new Set(['abu', 'abou', 'abd', 'abdel', 'abdul', 'abdal'])

/** Splits a name at spaces, with particles joined to the word they belong to. */
export function nameWords(form: string): string[] {
  const tokens = form.split(' ').filter(Boolean)
  const words: string[] = []
  let pending = ''
  for (const [index, token] of tokens.entries()) {
    const lower = token.toLowerCase()
    const last = index === tokens.length - 1
    const particle =
      !last &&
      ((PARTICLES.has(token) && index > 0) ||
        ARABIC_OPENERS.has(lower) ||
        ((lower === 'al' || lower === 'el' || lower === 'bin') && index > 0))
    if (particle) {
      pending += `${token} `
      continue
    }
    words.push(pending + token)
    pending = ''
  }
  return words
}

const parsed = new Map<string, ParsedName>()

/** How a name form reads, computed once per form per process. */
export function parseName(form: string): ParsedName {
  let found = parsed.get(form)
  if (found) return found
  // Long sessions (the language server) meet endless forms: start over rather than grow forever.
  if (parsed.size > 100_000) parsed.clear()
  const tokens = form.split(' ').filter(Boolean)
  const words = nameWords(form)
  const families: Family[] = []
  const parts: Partial<Record<Family, string[]>> = {}
  const surname: Partial<Record<Family, number>> = {}

  // Korean: surname first ("Lee Jae-myung", "Kim Jong Un"), or after a hyphenated given name ("Jae-myung Lee").
  if (tokens.length >= 2 && tokens.length <= 3 && koreanSurname(tokens[0]!) && koreanGiven(tokens.slice(1))) {
    families.push('korean')
    parts.korean = [tokens[0]!, tokens.slice(1).join(' ')]
    surname.korean = 0
  } else if (tokens.length === 2 && koreanSurname(tokens[1]!) && tokens[0]!.includes('-') && koreanGiven([tokens[0]!])) {
    families.push('korean')
    parts.korean = [tokens[0]!, tokens[1]!]
    surname.korean = 1
  }
  // Chinese: "Xi Jinping", "Teng Hsiao-p'ing", or given name first ("Jinping Xi").
  if (tokens.length === 2) {
    const [first, second] = tokens as [string, string]
    if (chineseSurnames.has(bare(first)) && chineseGiven(second)) {
      families.push('chinese')
      parts.chinese = [first, second]
      surname.chinese = 0
    } else if (chineseSurnames.has(bare(second)) && chineseGiven(first) && !first.includes('-')) {
      families.push('chinese')
      parts.chinese = [first, second]
      surname.chinese = 1
    }
  }
  const lowerTokens = tokens.map((token) => token.toLowerCase())
  if (
    words.length >= 2 &&
    (lowerTokens.some((token, index) => ARABIC_PARTICLES.has(token) && index < tokens.length - 1) ||
      /^(?:al|el)-\p{L}/iu.test(tokens.at(-1)!) ||
      words.some((word) => arabicKeys(word).some((key) => arabicNameKeys.has(key))))
  ) {
    families.push('arabic')
    parts.arabic = words
    surname.arabic = words.length - 1
  }
  // Japanese, either order ("Shinzo Abe", "Abe Shinzo"); long vowels are already folded.
  if (tokens.length === 2 && tokens.every((token) => isCapitalised(token) && JAPANESE_WORD.test(fold(token)))) {
    families.push('japanese')
    parts.japanese = tokens
    surname.japanese = 1
  }
  families.push('general')
  parts.general = words
  surname.general = words.length - 1

  found = {form, families, parts, surname, wadeGiles: tokens.length >= 2 && families.includes('chinese') && tokens.some(isWadeGiles)}
  parsed.set(form, found)
  return found
}

/**
 * Longer keys are no name's: the longest real name parts have some 35 letters. A scraped token can
 * have thousands, and its vowel deletions (one copy of it per vowel) and edit distances cost the
 * square of its length, so spellings that long are variants only when written alike.
 */
const MAX_PART_LENGTH = 64

/** Allowed edit distance between two spellings of one part: a guard against keys that fold too much. */
function withinGuard(a: string, b: string, share: number): boolean {
  const x = bare(a)
  const y = bare(b)
  if (x.length > MAX_PART_LENGTH || y.length > MAX_PART_LENGTH) return false
  return distance(x, y) <= Math.max(1, Math.ceil(share * Math.max(x.length, y.length)))
}

/** Keys one internal vowel apart (Zawahri/Zawahiri, Aleksandr/Alexander, Dmitry/Dimitry), for long keys only. */
export function oneVowelApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) !== 1) return false
  const [long, short] = a.length > b.length ? [a, b] : [b, a]
  if (short.length < 6 || long.length > MAX_PART_LENGTH) return false
  let index = 0
  while (index < short.length && long[index] === short[index]) index++
  if (index === 0 || index >= long.length - 1 || !/[aeiou]/.test(long[index]!)) return false
  return long.slice(index + 1) === short.slice(index)
}

/** Vowel deletions that `oneVowelApart` can match, for indexing. */
export const vowelDeletions = memo((key: string): readonly string[] => {
  if (key.length < 7 || key.length > MAX_PART_LENGTH) return []
  const found = new Set<string>()
  for (let index = 1; index < key.length - 1; index++) {
    if (/[aeiou]/.test(key[index]!)) found.add(key.slice(0, index) + key.slice(index + 1))
  }
  return [...found]
})

/** Two spellings of one part under the general rules. */
export function generalVariants(a: string, b: string): boolean {
  if (bare(a) === bare(b)) return true
  const x = generalKey(a)
  const y = generalKey(b)
  return (x === y || oneVowelApart(x, y)) && withinGuard(a, b, 0.5)
}

/** Two spellings of one part of a name in `family` (roles already aligned). */
export function samePart(a: string, b: string, family: Family, options: {wadeGiles?: boolean; role?: 'surname' | 'given'} = {}): boolean {
  if (bare(a) === bare(b)) return true
  switch (family) {
    case 'korean':
      if (options.role === 'surname') return koreanSurname(a) !== undefined && koreanSurname(a) === koreanSurname(b)
      return koreanGivenKey(a) === koreanGivenKey(b) && withinGuard(a, b, 0.6)
    case 'chinese':
      return Boolean(options.wadeGiles) && chineseKey(a) === chineseKey(b) && withinGuard(a, b, 0.6)
    case 'arabic': {
      const keys = arabicKeys(b)
      return (arabicKeys(a).some((key) => keys.includes(key)) && withinGuard(a, b, 0.5)) || generalVariants(a, b)
    }
    case 'japanese':
      return false
    case 'general':
      return generalVariants(a, b)
  }
}

export interface Alignment {
  family: Family
  /** The second name's parts are in the opposite order ("Jae-myung Lee" against "Lee Jae-myung"). */
  reversed: boolean
}

/** How `b` lines up with `a` as a spelling of the same name, in `only` or any shared family; else undefined. */
export function sameName(a: ParsedName, b: ParsedName, only?: Family): Alignment | undefined {
  for (const family of a.families) {
    if ((only && family !== only) || !b.families.includes(family)) continue
    const left = a.parts[family]!
    const right = b.parts[family]!
    if (left.length !== right.length || left.length < 2) continue
    if (family === 'korean') {
      const reversed = a.surname.korean !== b.surname.korean
      const leftGiven = left[1 - a.surname.korean!]!
      const rightGiven = right[1 - b.surname.korean!]!
      if (
        samePart(left[a.surname.korean!]!, right[b.surname.korean!]!, 'korean', {role: 'surname'}) &&
        samePart(leftGiven, rightGiven, 'korean', {role: 'given'})
      ) {
        return {family, reversed}
      }
      continue
    }
    const options = {wadeGiles: a.wadeGiles || b.wadeGiles}
    if (left.every((part, index) => samePart(part, right[index]!, family, options))) return {family, reversed: false}
    if (
      (family === 'chinese' || family === 'japanese') &&
      left.length === 2 &&
      samePart(left[0]!, right[1]!, family, options) &&
      samePart(left[1]!, right[0]!, family, options)
    ) {
      return {family, reversed: true}
    }
  }
  return undefined
}

/**
 * The families whose surname position to trust: a Korean or Chinese name's surname comes first,
 * so its last word is a given name ("Mr. Jong-un" is not the surname of Kim Jong-un).
 */
export function surnameFamilies(name: ParsedName): Family[] {
  const eastAsian = name.families.filter((family) => family === 'korean' || family === 'chinese')
  return eastAsian.length ? eastAsian : name.families
}

/** Whether a surname written alone (`lone`) can be the surname of `name`. */
export function surnameOf(lone: string, name: ParsedName): boolean {
  for (const family of surnameFamilies(name)) {
    const own = name.parts[family]![name.surname[family]!]!
    if (family === 'korean') {
      if (samePart(lone, own, 'korean', {role: 'surname'})) return true
      continue
    }
    if (samePart(lone, own, family, {wadeGiles: name.wadeGiles || isWadeGiles(lone)})) return true
  }
  return false
}

/** Keys under which a part can be found: every key a variant shares with it under some family. */
export function partKeys(part: string, family: Family): string[] {
  switch (family) {
    case 'korean':
      return [`k:${koreanSurname(part) ?? koreanGivenKey(part)}`]
    case 'chinese':
      return [`c:${chineseKey(part)}`]
    case 'arabic':
      return [...arabicKeys(part).map((key) => `a:${key}`), ...partKeys(part, 'general')]
    case 'japanese':
      return [`b:${bare(part)}`]
    case 'general': {
      const key = generalKey(part)
      return [`b:${bare(part)}`, `g:${key}`]
    }
  }
}
