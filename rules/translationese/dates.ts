// Day-only dates ("on the 24th", "(last 9th)", "this morning (7th)") and the "(local time)" that
// Korean agencies hang on them. Korean and Japanese copy dates by day alone (지난 24일, 24日) and
// leaves the month to the dateline, which the English page no longer carries.
import {MONTH, MONTH_NAMES, type CheckContext} from './context.js'

const DAY = String.raw`(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)`
/** Every pattern below holds a DAY: text without an ordinal number (most text) skips all five. */
const ORDINAL = /\d(?:st|nd|rd|th)/i

/** "on the 24th": a preposition, `the`, an ordinal day. Judged further by what follows. */
const PREPOSITION_DATE = new RegExp(
  String.raw`\b(?:[Oo]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Bb]efore|[Aa]fter|[Ff]rom|[Tt]hrough|[Ss]tarting|[Aa]s of)\s+(the\s+${DAY})\b`,
  'g'
)
/** "(last 9th)", "(the 24th)": a bare day in parentheses is a date whatever surrounds it. */
const PARENTHESISED_RELATIVE_DAY = new RegExp(String.raw`\((?:last|this|the)\s+${DAY}\)`, 'gi')
/** "(7th)" is only a date after a time of day ("this morning (7th)"); elsewhere it is a ranking. */
const PARENTHESISED_DAY = new RegExp(String.raw`\b(?:today|yesterday|tonight|morning|afternoon|evening|night|dawn)\s*(\(${DAY}\))`, 'gi')
/** "last 9th" (지난 9일) is not English in any context. */
const LAST_DAY = new RegExp(String.raw`\blast\s+${DAY}\b`, 'gi')
/** "the 13th of last month" (지난달 13일). */
const OF_RELATIVE_MONTH = new RegExp(String.raw`\bthe\s+${DAY}\s+of\s+(?:last|this|next|the\s+previous|the\s+same|the\s+following)\s+month\b`, 'gi')

const CHAINED_DAY = new RegExp(String.raw`^\s*(?:,\s*)?(?:and|or|to|through|until|-|–)\s*(?:the\s+)?${DAY}\b`, 'i')
const RELATIVE_MONTH_TAIL = /^\s+of\s+(?:last|this|next|the\s+previous|the\s+same|the\s+following)\s+month\b/i
const FULL_DATE_TAIL = new RegExp(String.raw`^\s+(?:of\s+)?${MONTH_NAMES}\b`)
const LOCAL_TIME = /^\s*(\((?:local|Korean?|Korea|Japan|Japanese|Beijing|Moscow|Seoul|Tokyo)\s+time\))/i

/** Words after "the 24th" that show it is a date, not an ordinal before its noun ("the 24th floor"). */
const DATE_FOLLOWERS = new Set([
  'and', 'but', 'or', 'at', 'in', 'when', 'while', 'that', 'with', 'as', 'for', 'from', 'by', 'after', 'before',
  'following', 'amid', 'during', 'according', 'this', 'last', 'next', 'local', 'morning', 'afternoon', 'evening',
  'night', 'noon', 'midnight', 'dawn', 'said', 'says', 'announced', 'reported', 'told', 'stated', 'added', 'revealed',
  'confirmed', 'held', 'met', 'visited', 'released', 'issued', 'signed', 'published', 'was', 'were', 'is', 'are',
  'will', 'would', 'to', 'he', 'she', 'they', 'it', 'we', 'the', 'saying', 'about', 'over', 'against', 'via', 'ahead',
  'where', 'which', 'who', 'because', 'since', 'until', 'through', 'under', 'into', 'on'
])

/** Sports and buildings number holes, innings and floors: "on the 18th, he bogeyed" is no date. */
const ORDINAL_CONTEXT = /\b(?:hole|holes|birdie|birdied|bogey|bogeyed|par|fairway|putt|putted|tee|inning|innings|lap|laps|floor|storey|story)\b/i

const DATE_NOTE =
  'Korean and Japanese news give dates by the day alone (지난 24일, 24日) and leave the month to the dateline; ' +
  'in English the reader cannot tell which month this is. Name the month (`Jan. 24`) or, within the past week, the weekday.'
const RELATIVE_NOTE =
  'A day with "last" or "of last month" is a word-for-word rendering of a Korean day-only date (지난 9일, 지난달 13일); ' +
  'English names the month and day (`Jan. 9`).'
const LOCAL_TIME_NOTE =
  '`(local time)` renders 현지시간, which Korean agencies add to every date abroad. After a weekday or a month and day it is ' +
  'normal wire style; after a day with no month it marks an untranslated Korean date.'

interface DateFinding {
  start: number
  end: number
  /** Where following text (a chain, "(local time)") is looked for. */
  after: number
  /** Reported whatever month is nearby: the phrase itself is not English. */
  always: boolean
}

export function checkDayOnlyDates(context: CheckContext): void {
  const {text, report} = context
  if (!ORDINAL.test(text)) return
  const sentences = context.sentences
  const findings: DateFinding[] = []

  for (const match of text.matchAll(PREPOSITION_DATE)) {
    const start = match.index + match[0].length - match[1]!.length
    const judged = judgeFollowing(text, start + match[1]!.length)
    if (judged) findings.push({start, end: judged.end, after: judged.end, always: judged.relativeMonth})
  }
  for (const match of text.matchAll(PARENTHESISED_RELATIVE_DAY)) {
    findings.push({start: match.index, end: match.index + match[0].length, after: match.index + match[0].length, always: true})
  }
  for (const match of text.matchAll(PARENTHESISED_DAY)) {
    const start = match.index + match[0].length - match[1]!.length
    findings.push({start, end: start + match[1]!.length, after: start + match[1]!.length, always: true})
  }
  for (const match of text.matchAll(LAST_DAY)) {
    if (text[match.index - 1] === '(') continue // "(last 9th)" is found above
    const judged = judgeFollowing(text, match.index + match[0].length)
    if (judged) findings.push({start: match.index, end: judged.end, after: judged.end, always: true})
  }
  for (const match of text.matchAll(OF_RELATIVE_MONTH)) {
    findings.push({start: match.index, end: match.index + match[0].length, after: match.index + match[0].length, always: true})
  }

  findings.sort((a, b) => a.start - b.start)
  let lastEnd = -1
  for (const finding of findings) {
    if (finding.start < lastEnd) continue // one phrase, found by two patterns
    lastEnd = finding.end
    if (!finding.always && monthNearby(text, sentences, finding.start)) continue
    if (ordinalContext(text, sentences, finding.start)) continue
    report({
      messageId: finding.always ? 'relativeDate' : 'dayOnlyDate',
      start: finding.start,
      end: finding.end,
      note: finding.always ? RELATIVE_NOTE : DATE_NOTE
    })
    const localTime = LOCAL_TIME.exec(text.slice(finding.after, finding.after + 40))
    if (localTime) {
      const start = finding.after + localTime[0].length - localTime[1]!.length
      report({messageId: 'localTime', start, end: start + localTime[1]!.length, note: LOCAL_TIME_NOTE})
    }
  }
}

/**
 * Decides from the text after an ordinal day whether it is a date, following chains ("the 23rd and
 * 24th") and "of last month". Returns the end of the date phrase, or undefined for an ordinal.
 */
function judgeFollowing(text: string, from: number): {end: number; relativeMonth: boolean} | undefined {
  let end = from
  let relativeMonth = false
  for (;;) {
    const rest = text.slice(end, end + 40)
    const chained = CHAINED_DAY.exec(rest)
    if (chained) {
      end += chained[0].length
      continue
    }
    const relative = RELATIVE_MONTH_TAIL.exec(rest)
    if (relative) {
      end += relative[0].length
      relativeMonth = true
      continue
    }
    if (FULL_DATE_TAIL.test(rest)) return undefined // "the 24th of January", "the 24th January"
    if (/^\s+of\b/i.test(rest)) return undefined // "the 24th of 30 candidates", "the 15th of each month"
    if (/^-\p{L}/u.test(rest)) return undefined // "the 24th-largest"
    if (/^\s*(?:$|[.,;:!?)\]"”’'/–—(\n])/.test(rest)) return {end, relativeMonth}
    const word = /^\s+(\p{Ll}[\p{L}’'-]*)/u.exec(rest)
    if (word && DATE_FOLLOWERS.has(word[1]!)) return {end, relativeMonth}
    return undefined
  }
}

function monthNearby(text: string, sentences: CheckContext['sentences'], offset: number): boolean {
  const index = sentences.indexAt(offset)
  const from = sentences.spans[Math.max(0, index - 1)]?.start ?? 0
  const to = sentences.spans[index]?.end ?? offset
  return MONTH.test(text.slice(from, Math.max(to, offset)))
}

function ordinalContext(text: string, sentences: CheckContext['sentences'], offset: number): boolean {
  const span = sentences.spans[sentences.indexAt(offset)]
  return span !== undefined && ORDINAL_CONTEXT.test(text.slice(span.start, span.end))
}
