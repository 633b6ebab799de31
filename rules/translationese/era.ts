// Japanese era years left in ("Reiwa 4th year", 令和4年) and Gregorian years that contradict them.
import {MONTH_NAMES, monthNumber, type CheckContext} from './context.js'

interface Era {
  name: string
  /** Gregorian year of the era's year 1. */
  first: number
  /** Last year number the era reached (or a generous bound for the current era). */
  last: number
}

const ERAS: Era[] = [
  {name: 'Meiji', first: 1868, last: 45},
  {name: 'Taisho', first: 1912, last: 15},
  {name: 'Showa', first: 1926, last: 64},
  {name: 'Heisei', first: 1989, last: 31},
  {name: 'Reiwa', first: 2019, last: 40}
]

const ERA_NAME = String.raw`(Meiji|Taish[oō]|Sh[oō]wa|Heisei|Reiwa)`
const YEAR_NUMBER = String.raw`(\d{1,2}|first)(?:st|nd|rd|th)?`
/** "Reiwa 4", "Reiwa 4th year", "Reiwa first year", "Reiwa gannen" — a number must follow (Showa Denko is a company). */
const ERA_FIRST = new RegExp(String.raw`\b${ERA_NAME}\s+(?:${YEAR_NUMBER}(?:\s+year\b)?|(gannen)\b)(?!\.?\d|,\d)`, 'g')
/** "the 4th year of Reiwa", "the first year of the Reiwa era". */
const YEAR_OF_ERA = new RegExp(String.raw`\b[Tt]he\s+${YEAR_NUMBER}\s+year\s+of\s+(?:the\s+)?${ERA_NAME}(?:\s+era)?\b`, 'g')

const GLOSS_AFTER = /^\s*[(（]\s*(\d{4})\s*[)）]/
const GLOSS_BEFORE = /(\d{4})\s*[(（]\s*$/
const MONTH_DAY_NEAR = new RegExp(String.raw`\b${MONTH_NAMES}\s+(\d{1,2})\b|\b(\d{1,2})\s+${MONTH_NAMES}\b`)
const FULL_DATE = new RegExp(
  String.raw`\b(${MONTH_NAMES})\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b|\b(\d{1,2})(?:st|nd|rd|th)?\s+(${MONTH_NAMES}),?\s+(\d{4})\b`,
  'g'
)

const ERA_NOTE =
  'Japanese dates count years by imperial era (令和4年 = Reiwa 4 = 2022; Reiwa n is 2018 + n, Heisei n is 1988 + n, ' +
  'Showa n is 1925 + n). English news gives the Gregorian year.'
const CONTRADICTION_NOTE =
  'The same date is given with a Japanese era year elsewhere in the text; converting the era year gives another year, ' +
  'so one of the two was mistranslated.'

interface EraYear {
  start: number
  end: number
  era: string
  gregorian: number
}

/** Both patterns name an era: substring searches for the names settle most text at almost no cost. */
const ERA_NAMES = ['Meiji', 'Taisho', 'Taishō', 'Showa', 'Shōwa', 'Heisei', 'Reiwa']

export function checkEraYears(context: CheckContext): void {
  const {text, report} = context
  if (!ERA_NAMES.some((name) => text.includes(name))) return
  const found: EraYear[] = []
  for (const match of text.matchAll(ERA_FIRST)) {
    const year = eraYear(match[1]!, match[3] ? 'first' : match[2]!)
    if (year) found.push({start: match.index, end: match.index + match[0].length, ...year})
  }
  for (const match of text.matchAll(YEAR_OF_ERA)) {
    const year = eraYear(match[2]!, match[1]!)
    if (year) found.push({start: match.index, end: match.index + match[0].length, ...year})
  }
  found.sort((a, b) => a.start - b.start)

  /** Month and day (as "m-d") written next to an era year, with the year they must have. */
  const eraDates = new Map<string, EraYear>()
  const glosses = new Set<number>()
  for (const era of found) {
    const after = GLOSS_AFTER.exec(text.slice(era.end, era.end + 12))
    const before = GLOSS_BEFORE.exec(text.slice(Math.max(0, era.start - 12), era.start))
    const gloss = after
      ? {year: Number(after[1]), start: era.end + after[0].indexOf(after[1]!)}
      : before && /^\s*[)）]/.test(text.slice(era.end))
        ? {year: Number(before[1]), start: era.start - before[0].length + before[0].indexOf(before[1]!)}
        : undefined
    if (gloss) {
      glosses.add(gloss.start)
      // A Gregorian gloss right beside the era year is deliberate; only a wrong one is reported.
      if (gloss.year !== era.gregorian) reportContradiction(gloss.start, era)
      continue
    }
    report({
      messageId: 'eraYear',
      data: {year: era.gregorian},
      start: era.start,
      end: era.end,
      expected: [String(era.gregorian)],
      note: ERA_NOTE
    })
    const near = text.slice(Math.max(0, era.start - 24), era.end + 24)
    const monthDay = MONTH_DAY_NEAR.exec(near)
    if (monthDay) {
      const monthName = /[A-Z][a-z]+/.exec(monthDay[0])![0]
      eraDates.set(`${monthNumber(monthName)}-${Number(monthDay[1] ?? monthDay[2])}`, era)
    }
  }

  if (eraDates.size === 0) return
  for (const match of text.matchAll(FULL_DATE)) {
    const [monthName, day, year] = match[1] ? [match[1], match[2]!, match[3]!] : [match[5]!, match[4]!, match[6]!]
    const era = eraDates.get(`${monthNumber(monthName)}-${Number(day)}`)
    if (!era || Number(year) === era.gregorian) continue
    const start = match.index + match[0].lastIndexOf(year)
    if (!glosses.has(start)) reportContradiction(start, era)
  }

  function reportContradiction(start: number, era: EraYear): void {
    report({
      messageId: 'eraContradiction',
      data: {era: text.slice(era.start, era.end), year: era.gregorian},
      start,
      end: start + 4,
      expected: [String(era.gregorian)],
      note: CONTRADICTION_NOTE
    })
  }
}

function eraYear(name: string, number: string): {era: string; gregorian: number} | undefined {
  const plain = name.normalize('NFD').replace(/\p{M}/gu, '')
  const era = ERAS.find((candidate) => candidate.name === plain)
  const n = number.toLowerCase() === 'first' ? 1 : Number(number)
  if (!era || !(n >= 1 && n <= era.last)) return undefined
  return {era: era.name, gregorian: era.first + n - 1}
}
