// `unicode`: characters that break search, display and downstream tools: mojibake, invisible and
// control characters, stray special spaces, text not in NFC. Every fix restores what the writer
// typed, so fixes apply inside quotations too.
import {firstEndingAfter, type Span} from '../../src/analysis.js'
import {defineRule, type Report} from '../../src/rule.js'
import {codePointLabel, readCharacters, type CharacterEntry} from './characters.js'
import {keepChecker} from './contexts.js'
import {findMojibake, windows1252} from './mojibake.js'
import {isTypographicSpace} from './spaces.js'

export interface UnicodeOptions {
  /**
   * No-break, thin, em and other special spaces: `typographic` reports them except where typography
   * wants them (10 000, 5 km, Mr. Kim, French punctuation, ideographic space in CJK text); `plain`
   * reports every one; `ignore` reports none.
   */
  specialSpaces: 'typographic' | 'plain' | 'ignore'
  /** Report text that is not in Unicode normalisation form C. */
  nfc: boolean
  /** Code points never reported, as `U+00AD`. */
  allow: string[]
}

const characters = readCharacters()

// One pass finds every character the rule may report (spaces have their own pass): terminal
// escape sequences, C0 and C1 controls, format characters, specials, and lone surrogates. No `u`
// flag, so that a lone surrogate can be matched at all. Every alternative starts by consuming a
// character (the lone low surrogate looks behind only after it), so the scan can skip ahead to the
// characters that may start a match.
const SUSPECT =
  /\x1B\[[0-?]*[ -/]*[@-~]|\r(?!\n)|[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFF]|\uD834[\uDD73-\uDD7A]|\uDB40[\uDC01-\uDDEF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|[\uDC00-\uDFFF](?<![\uD800-\uDBFF][\uDC00-\uDFFF])/g
// The characters a SUSPECT match can start with.
const SUSPECT_START = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFF\uD800-\uDFFF]/
const SPECIAL_SPACE = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/
// A lead byte of a UTF-8 sequence read as Windows-1252 or Latin-1: where mojibake starts.
const MOJIBAKE_LEAD = /[\u00C2-\u00F4]/
// Characters below U+0300 have no decomposition and never combine with their neighbours.
const MAY_NOT_BE_NFC = /[^\u0000-\u02FF]/
// Runs of characters other than tab, line feed, printable ASCII and the general punctuation of
// English copy (dashes, curly quotes, ellipsis, primes; U+2028-U+202F and U+205F are left in).
// Every character a check looks for is outside that set, and text made of it alone is in NFC, so
// the runs (in most articles: none, or a few) say which checks the text needs. Testing the whole
// text against the large classes above instead costs several times more.
const OUTSIDE_PLAIN = /[^\t\n\x20-\x7E\u2010-\u2027\u2030-\u205E]+/g
// A run of spaces with at least one special space in it, from the run's first space (a plain space
// before the start would be part of the run). Runs of plain spaces, the spaces between words, never match.
const SPECIAL_SPACE_RUN = /(?<! ) *[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000][ \u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]*/g
const IDEOGRAPHIC_SPACES = /^\u3000+$/

interface Needs {
  mojibake: boolean
  characters: boolean
  spaces: boolean
  nfc: boolean
}

/** Which checks a text needs, or undefined when it needs none. */
function needsOf(text: string): Needs | undefined {
  let needs: Needs | undefined
  OUTSIDE_PLAIN.lastIndex = 0
  for (let match = OUTSIDE_PLAIN.exec(text); match; match = OUTSIDE_PLAIN.exec(text)) {
    const run = match[0]
    needs ??= {mojibake: false, characters: false, spaces: false, nfc: false}
    needs.mojibake ||= MOJIBAKE_LEAD.test(run)
    needs.characters ||= SUSPECT_START.test(run)
    needs.spaces ||= SPECIAL_SPACE.test(run)
    needs.nfc ||= MAY_NOT_BE_NFC.test(run)
  }
  return needs
}

// Marks and conjoining Hangul vowels and final consonants belong to the character before them.
const CONTINUES_CHARACTER = /[\p{M}\u1160-\u11FF\uD7B0-\uD7FF]/u

// Characters a message cannot show: controls, no-break and zero-width spaces, soft hyphens.
const INVISIBLE_IN_MESSAGE = /[\u0000-\u001F\u007F-\u00A0\u00AD\u200B-\u200F\u2028-\u202E\u2060-\u2064\uFEFF]/g

/** Text for a message, with invisible characters written as `<U+0080>`. */
function visible(text: string): string {
  return text.replace(INVISIBLE_IN_MESSAGE, (char) => `<${codePointLabel(char.charCodeAt(0))}>`)
}

export default defineRule<UnicodeOptions>({
  meta: {
    id: 'unicode',
    description: 'Mojibake, invisible and control characters, stray special spaces and text not in NFC',
    fixable: true,
    recommended: 'warn',
    fixesInsideQuotes: true,
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        specialSpaces: {enum: ['typographic', 'plain', 'ignore']},
        nfc: {type: 'boolean'},
        allow: {type: 'array', items: {type: 'string', pattern: '^U\\+[0-9A-Fa-f]{4,6}$'}}
      }
    },
    defaultOptions: {specialSpaces: 'typographic', nfc: true, allow: []},
    messages: {
      mojibake: 'Unexpected `{{shown}}` (mojibake: UTF-8 read as {{misreading}}), expected `{{repaired}}`',
      mojibakeLossy: 'Unexpected `{{shown}}` (mojibake with a lost byte: UTF-8 read as {{misreading}}), expected `{{repaired}}`',
      invisible: 'Unexpected {{characters}} ({{why}}), expected nothing',
      lineBreak: 'Unexpected {{characters}} ({{why}}), expected a line break',
      c1Control: 'Unexpected {{characters}} ({{why}}), expected `{{replacement}}`',
      lostCharacter: 'Unexpected {{characters}} ({{why}})',
      loneSurrogate: 'Unexpected {{label}} (half of a character whose other half is missing)',
      terminalEscape: 'Unexpected terminal escape sequence `{{shown}}` (a colour or cursor code from a terminal), expected nothing',
      specialSpace: 'Unexpected {{label}} ({{why}}), expected {{expectation}}',
      notNfc: 'Unexpected `{{actual}}` ({{from}}, not in Unicode normalisation form C), expected `{{normalized}}` ({{to}})'
    }
  },

  check({text, options, report}) {
    const needs = needsOf(text)
    if (!needs) return
    const allowed = new Set(options.allow.map((code) => Number.parseInt(code.slice(2), 16)))
    const reported: Span[] = []
    const emit = (entry: Report) => {
      report(entry)
      reported.push({start: entry.start, end: entry.end})
    }

    const mojibake = needs.mojibake ? findMojibake(text) : []
    for (const span of mojibake) {
      const actual = text.slice(span.start, span.end)
      emit({
        messageId: span.lossy ? 'mojibakeLossy' : 'mojibake',
        data: {shown: visible(actual), misreading: span.misreading, repaired: visible(span.repaired)},
        start: span.start,
        end: span.end,
        expected: [span.repaired],
        fix: span.safe ? {start: span.start, end: span.end, text: span.repaired} : undefined,
        note: span.lossy
          ? `The UTF-8 bytes of \`${span.repaired}\` were decoded one by one as ${span.misreading} characters, and one byte was lost on the way; check the source.`
          : `The UTF-8 bytes of \`${visible(span.repaired)}\` were decoded one by one as ${span.misreading} characters (\`${visible(actual)}\`); re-encoding them and decoding as UTF-8 restores the text.`
      })
    }
    const inMojibake = overlapTest(mojibake)

    if (needs.characters) checkCharacters(text, allowed, inMojibake, emit)
    if (options.specialSpaces !== 'ignore' && needs.spaces) checkSpaces(text, options.specialSpaces, allowed, inMojibake, emit)
    if (options.nfc && needs.nfc && text.normalize('NFC') !== text) checkNormalization(text, overlapTest(sortSpans(reported)), emit)
  }
})

function sortSpans(spans: Span[]): Span[] {
  return [...spans].sort((a, b) => a.start - b.start)
}

/** Whether `start..end` overlaps one of sorted, disjoint spans. */
function overlapTest(spans: readonly Span[]): (start: number, end: number) => boolean {
  return (start, end) => {
    const span = spans[firstEndingAfter(spans, start)]
    return span !== undefined && span.start < end
  }
}

interface Pending {
  start: number
  end: number
  fix: CharacterEntry['fix']
  entries: CharacterEntry[]
}

function checkCharacters(text: string, allowed: Set<number>, inMojibake: (start: number, end: number) => boolean, emit: (report: Report) => void) {
  const keep = keepChecker(text)
  let pending: Pending | undefined
  const flush = () => {
    if (pending) emit(characterReport(pending))
    pending = undefined
  }
  SUSPECT.lastIndex = 0
  for (let match = SUSPECT.exec(text); match; match = SUSPECT.exec(text)) {
    const start = match.index
    const end = start + match[0].length
    if (inMojibake(start, end)) continue
    if (match[0].length > 1 && match[0][0] === '\x1B') {
      flush()
      emit({
        messageId: 'terminalEscape',
        data: {shown: match[0].replace('\x1B', 'ESC ')},
        start,
        end,
        expected: [''],
        fix: {start, end, text: ''},
        note: 'Terminal escape sequences (U+001B ESCAPE, `[`, parameters, a letter) colour or move the cursor in a terminal; in an article they are noise.'
      })
      continue
    }
    const codePoint = match[0].codePointAt(0)!
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) {
      flush()
      emit({
        messageId: 'loneSurrogate',
        data: {label: `${codePointLabel(codePoint)} (lone surrogate)`},
        start,
        end,
        note: 'A UTF-16 surrogate without its partner is not a character; the text was cut or joined in the middle of one. Only the source can say what it was.'
      })
      continue
    }
    const entry = characters.get(codePoint)
    if (!entry || allowed.has(codePoint) || keep(entry.keep, start, end)) continue
    // Neighbours with the same kind of fix become one report: touching fixes would take a pass each.
    if (pending && pending.end === start && pending.fix === entry.fix) {
      pending.end = end
      pending.entries.push(entry)
      continue
    }
    flush()
    pending = {start, end, fix: entry.fix, entries: [entry]}
  }
  flush()
}

/** "U+200B ZERO WIDTH SPACE", "3 × U+200B ZERO WIDTH SPACE", "U+200B ZERO WIDTH SPACE and U+2060 WORD JOINER". */
function describeCharacters(entries: readonly CharacterEntry[]): string {
  const distinct = [...new Map(entries.map((entry) => [entry.codePoint, entry])).values()]
  if (distinct.length === 1) return entries.length > 1 ? `${entries.length} × ${distinct[0]!.label}` : distinct[0]!.label
  const labels = distinct.map((entry) => entry.label)
  if (labels.length > 3) return `${labels.slice(0, 2).join(', ')} and ${labels.length - 2} more`
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`
}

function characterReport({start, end, fix, entries}: Pending): Report {
  const reasons = [...new Set(entries.map((entry) => entry.why))]
  const data = {characters: describeCharacters(entries), why: reasons.length === 1 ? reasons[0]! : 'characters that do not belong in text'}
  const note = [...new Map(entries.map((entry) => [entry.codePoint, `${entry.label}: ${entry.why}.`])).values()].join(' ')
  switch (fix) {
    case 'newline': {
      const breaks = '\n'.repeat(entries.length)
      return {messageId: 'lineBreak', data, start, end, expected: [breaks], fix: {start, end, text: breaks}, note}
    }
    case 'windows-1252': {
      const replacement = entries.map((entry) => (windows1252.has(entry.codePoint) ? String.fromCodePoint(windows1252.get(entry.codePoint)!) : '')).join('')
      if (replacement === '') return {messageId: 'invisible', data, start, end, expected: [''], fix: {start, end, text: ''}, note}
      return {messageId: 'c1Control', data: {...data, replacement}, start, end, expected: [replacement], fix: {start, end, text: replacement}, note}
    }
    case 'none':
      return {messageId: 'lostCharacter', data, start, end, note}
    default:
      return {messageId: 'invisible', data, start, end, expected: [''], fix: {start, end, text: ''}, note}
  }
}

function checkSpaces(
  text: string,
  mode: 'typographic' | 'plain',
  allowed: Set<number>,
  inMojibake: (start: number, end: number) => boolean,
  emit: (report: Report) => void
) {
  const keep = keepChecker(text)
  SPECIAL_SPACE_RUN.lastIndex = 0
  for (let match = SPECIAL_SPACE_RUN.exec(text); match; match = SPECIAL_SPACE_RUN.exec(text)) {
    const run = match[0]
    const special = [...run].find((char) => char !== ' ' && !allowed.has(char.codePointAt(0)!))
    if (special === undefined) continue
    const start = match.index
    const end = start + run.length
    if (inMojibake(start, end)) continue
    const entry = characters.get(special.codePointAt(0)!)!
    if (mode === 'typographic') {
      if (run.length === 1 && entry.keep.includes('typographic') && isTypographicSpace(text, start)) continue
      if (IDEOGRAPHIC_SPACES.test(run) && keep(['cjk'], start, end)) continue
    }
    const atEdge = start === 0 || text[start - 1] === '\n' || end === text.length || text[end] === '\n' || text[end] === '\r'
    const replacement = atEdge ? '' : ' '
    emit({
      messageId: 'specialSpace',
      data: {
        label: run.length === 1 ? entry.label : `${entry.label} in a run of ${run.length} spaces`,
        why: atEdge ? `at the ${start === 0 || text[start - 1] === '\n' ? 'start' : 'end'} of a line` : 'where a plain space belongs',
        expectation: atEdge ? 'nothing' : 'a plain space'
      },
      start,
      end,
      expected: [replacement],
      fix: {start, end, text: replacement},
      note: `${entry.label}: ${entry.why}. It looks like a space but search, word counts and line wrapping treat it differently.`
    })
  }
}

function describeCodePoints(text: string): string {
  const points = [...text].map((char) => codePointLabel(char.codePointAt(0)!))
  return points.length > 6 ? `${points.slice(0, 6).join(' ')} …` : points.join(' ')
}

/** Reports each run of characters (a base with its marks) whose NFC form differs. */
function checkNormalization(text: string, alreadyReported: (start: number, end: number) => boolean, emit: (report: Report) => void) {
  let runStart = -1
  let runEnd = -1
  const flush = () => {
    if (runStart === -1) return
    const actual = text.slice(runStart, runEnd)
    const normalized = actual.normalize('NFC')
    emit({
      messageId: 'notNfc',
      data: {from: describeCodePoints(actual), normalized, to: describeCodePoints(normalized)},
      start: runStart,
      end: runEnd,
      expected: [normalized],
      fix: {start: runStart, end: runEnd, text: normalized},
      note: 'The same letters are stored as different code points (decomposed, as macOS and PDF copy often are), so search and name matching miss them; NFC is the canonical form.'
    })
    runStart = -1
  }
  let index = 0
  while (index < text.length) {
    const start = index
    index += codePointLength(text, index)
    while (index < text.length && CONTINUES_CHARACTER.test(String.fromCodePoint(text.codePointAt(index)!))) index += codePointLength(text, index)
    const cluster = text.slice(start, index)
    if (cluster.normalize('NFC') === cluster || alreadyReported(start, index)) {
      flush()
      continue
    }
    if (runStart === -1) runStart = start
    runEnd = index
  }
  flush()
}

function codePointLength(text: string, index: number): number {
  const code = text.charCodeAt(index)
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = text.charCodeAt(index + 1)
    if (next >= 0xdc00 && next <= 0xdfff) return 2
  }
  return 1
}
