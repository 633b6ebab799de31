// `typography`: quotes facing the wrong way or glued to words, mixed quote styles, unbalanced quotes
// and brackets, a missing space after a full stop, spaces before punctuation, doubled spaces and
// repeated words. Fixes touch only marks and spaces, so they apply inside quotations too, except
// removing a repeated word, which would change what a speaker said.
import type {Line} from '../../src/analysis.js'
import {loadedWordChecker, wordChecker, type Dialect, type WordChecker} from '../../src/dictionary.js'
import {defineRule, type Report} from '../../src/rule.js'
import {unmatchedBrackets} from './brackets.js'
import {isMarkupLine, notProseSpans, type Span} from './not-prose.js'
import {DictionaryNeeded, glyphFor, isCurly, readQuotes, type LineQuotes, type QuoteMark} from './quotes.js'
import {repeatedWords} from './repeated.js'
import {doubleSpaces, missingSpaces, spacesBeforePunctuation, type SpacingFinding} from './spacing.js'

export interface TypographyOptions {
  /**
   * Quote style: `smart` (‘ ’ “ ”), `straight` (' "), or `keep-majority`: whichever the article
   * uses more (a tie reports neither).
   */
  quotes: 'keep-majority' | 'smart' | 'straight'
  /** Report runs of two or more spaces between words. */
  doubleSpaces: boolean
  /** More words that may repeat (`had had` and `that that` are built in). */
  allowRepeated: string[]
}

type Style = 'smart' | 'straight'

/** A word glued to a quote is checked against both spellings. */
const DIALECTS: readonly Dialect[] = ['en-US', 'en-GB']

const NOT_BLANK = /\S/
const OPENERS_AT_START = /^\s*["\u201C\u201D]/
const SINGLE_OPENERS_AT_START = /^\s*["'\u201C\u201D\u2018]/

export default defineRule<TypographyOptions>({
  meta: {
    id: 'typography',
    description: 'Quote direction, spacing, style and balance; brackets; missing and doubled spaces; repeated words',
    fixable: true,
    recommended: 'warn',
    fixesInsideQuotes: true,
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        quotes: {enum: ['keep-majority', 'smart', 'straight']},
        doubleSpaces: {type: 'boolean'},
        allowRepeated: {type: 'array', items: {type: 'string', minLength: 1}}
      }
    },
    defaultOptions: {quotes: 'keep-majority', doubleSpaces: true, allowRepeated: []},
    messages: {
      quoteDirection: 'Unexpected `{{actual}}` ({{why}}), expected `{{replacement}}`',
      quoteSpacing: 'Unexpected `{{actual}}` ({{why}}), expected `{{replacement}}`',
      quoteStyle: 'Unexpected `{{actual}}` ({{why}}), expected `{{replacement}}`',
      unmatchedQuote: 'Unexpected {{side}} quote `{{actual}}` with no {{partnerSide}} `{{partner}}` in its paragraph',
      unmatchedBracket: 'Unexpected `{{actual}}` with no matching `{{partner}}` in its paragraph',
      missingSpace: 'Unexpected `{{actual}}` with no space before `{{next}}`, expected `{{replacement}}`',
      spaceBeforePunctuation: 'Unexpected space before `{{punctuation}}`, expected `{{punctuation}}` straight after `{{before}}`',
      doubleSpace: 'Unexpected {{count}} spaces between `{{before}}` and `{{after}}`, expected one',
      repeatedWord: 'Unexpected `{{actual}}` (a repeated word), expected `{{word}}`'
    }
  },

  async check({text, tree, options, analysis, report}) {
    // `\S` is `trim() !== ''` without copying the line.
    const lines = analysis.lines.filter((line) => NOT_BLANK.test(line.text))
    // These lists are pushed, not mapped: `map` inlined in optimised code makes a packed array, the
    // builtin a holey one, and the code that reads them was optimised again when it met the other kind.
    const skips: Span[][] = []
    for (const line of lines) skips.push(notProseSpans(line.text, line.start))
    // Each line reads its quotes synchronously (an async reader cost a promise per line, and
    // optimising its state machine took 87 ms per thread, not 52). The dictionary is loaded only if
    // a line needs it and no other rule has loaded it: then the article is read again with it.
    const read = (dictionary: WordChecker | undefined) => {
      const found: Array<LineQuotes | undefined> = []
      for (const [index, line] of lines.entries()) found.push(isMarkupLine(line.text) ? undefined : readQuotes(line.text, line.start, skips[index]!, dictionary))
      return found
    }
    let quotes: Array<LineQuotes | undefined>
    try {
      quotes = read(loadedWordChecker(DIALECTS))
    } catch (error) {
      if (!(error instanceof DictionaryNeeded)) throw error
      quotes = read(await wordChecker(DIALECTS))
    }
    const style = articleStyle(options.quotes, quotes)

    for (const [index, line] of lines.entries()) {
      const found = quotes[index]
      if (!found) continue
      for (const mark of found.marks) reportMark(mark, style, options.quotes, report)
      for (const mark of found.unmatched) {
        if (continuesAcrossParagraphs(mark, index, lines, quotes)) continue
        const opening = mark.role === 'open'
        const partner = mark.kind === 'double' ? (opening ? '\u201D' : '\u201C') : '\u2019'
        report({
          messageId: 'unmatchedQuote',
          data: {side: opening ? 'opening' : 'closing', partnerSide: opening ? 'closing' : 'opening', partner},
          start: mark.at,
          end: mark.at + 1,
          note: 'A quotation must open and close in the same paragraph; a quotation that runs on re-opens at the start of the next paragraph. Check where the quoted words end.'
        })
      }
      checkLine(line, skips[index]!, options, report)
    }

    for (const repeat of repeatedWords(tree, text, new Set(options.allowRepeated.map((word) => word.toLowerCase())))) {
      report({
        messageId: 'repeatedWord',
        data: {word: repeat.word},
        start: repeat.start,
        end: repeat.end,
        expected: [repeat.word],
        // Inside a quotation the repeat may be what the speaker said.
        fix: analysis.insideQuotation(repeat.start, repeat.end) ? undefined : {start: repeat.start, end: repeat.end, text: repeat.word},
        note: 'The same word twice in a row is almost always a slip; words that may repeat (had had, that that) are allowed.'
      })
    }
  }
})

function articleStyle(setting: TypographyOptions['quotes'], quotes: ReadonlyArray<LineQuotes | undefined>): Style | undefined {
  if (setting !== 'keep-majority') return setting
  let straight = 0
  let curly = 0
  for (const line of quotes) {
    straight += line?.straightCount ?? 0
    curly += line?.curlyCount ?? 0
  }
  return curly > straight ? 'smart' : straight > curly ? 'straight' : undefined
}

function reportMark(mark: QuoteMark, articleStyle: Style | undefined, setting: TypographyOptions['quotes'], report: (report: Report) => void) {
  // With no style to enforce (a tie), each mark keeps its own kind of glyph.
  const style: Style = articleStyle ?? (isCurly(mark.glyph) ? 'smart' : 'straight')
  const target = glyphFor(mark, style)
  const wrongWay = isCurly(mark.glyph) && style === 'smart' && target !== mark.glyph
  const restyled = !wrongWay && target !== mark.glyph
  if (!wrongWay && !restyled && !mark.spaceBefore && !mark.spaceAfter) return

  const parts: string[] = []
  if (wrongWay) parts.push(wrongWayReason(mark))
  else if (restyled) parts.push(styleReason(mark, style, setting))
  if (mark.spaceBefore) parts.push(parts.length > 0 ? 'with no space before it' : 'an opening quote with no space before it')
  if (mark.spaceAfter) parts.push(parts.length > 0 ? 'with no space after it' : 'a closing quote with no space after it')
  const replacement = `${mark.spaceBefore ? ' ' : ''}${target}${mark.spaceAfter ? ' ' : ''}`
  const messageId = wrongWay ? 'quoteDirection' : mark.spaceBefore || mark.spaceAfter ? 'quoteSpacing' : 'quoteStyle'
  report({
    messageId,
    data: {why: parts.join(', '), replacement},
    start: mark.at,
    end: mark.at + 1,
    expected: [replacement],
    fix: {start: mark.at, end: mark.at + 1, text: replacement},
    note:
      messageId === 'quoteDirection'
        ? 'Curly quotes face what they enclose: ‘ and “ open, ’ and ” close (’ is also the apostrophe). A closing glyph opening a quotation is a typical error of machine translation and of smart-quote conversion.'
        : messageId === 'quoteSpacing'
          ? 'A quotation is set off from the words around it by a space; without it the quote mark glues two words into one.'
          : 'One article, one quote style: mixed straight and curly quotes look careless and break searches for quoted phrases.'
  })
}

function wrongWayReason(mark: QuoteMark): string {
  if (mark.role === 'open') return 'a closing quote opening a quotation'
  if (mark.role === 'close') return 'an opening quote closing a quotation'
  return 'an opening quote used as an apostrophe'
}

function styleReason(mark: QuoteMark, style: Style, setting: TypographyOptions['quotes']): string {
  const what = mark.role === 'apostrophe' ? 'apostrophe' : 'quote'
  const found = style === 'smart' ? `a straight ${what}` : `a curly ${what}`
  if (setting === 'keep-majority') return `${found} in an article that mostly uses ${style === 'smart' ? 'curly' : 'straight'} quotes`
  return `${found} where ${style === 'smart' ? 'curly' : 'straight'} quotes are required`
}

/**
 * News copy opens a quote again at the start of each paragraph of a long quotation and closes it
 * only at the end, so an opening quote left open is fine when the next paragraph opens one. A
 * hard-wrapped quotation (closing quote on the next line) is fine too.
 */
function continuesAcrossParagraphs(mark: QuoteMark, index: number, lines: readonly Line[], quotes: ReadonlyArray<LineQuotes | undefined>): boolean {
  const here = quotes[index]!
  const next = lines[index + 1]
  const nextQuotes = quotes[index + 1]
  if (mark.role === 'open' && mark === here.openAtEnd.double && next) {
    return OPENERS_AT_START.test(next.text) || nextQuotes?.leadingClose !== undefined
  }
  if (mark.role === 'open' && mark === here.openAtEnd.single && next) return SINGLE_OPENERS_AT_START.test(next.text)
  if (mark.role === 'close' && mark === here.leadingClose && index > 0) return quotes[index - 1]?.openAtEnd.double !== undefined
  return false
}

function checkLine(line: Line, skip: readonly Span[], options: TypographyOptions, report: (report: Report) => void) {
  for (const bracket of unmatchedBrackets(line.text, line.start, skip)) {
    report({
      messageId: 'unmatchedBracket',
      data: {partner: bracket.partner},
      start: bracket.at,
      end: bracket.at + 1,
      note: 'Brackets open and close in the same paragraph; one of the pair was lost or added when the text was copied or translated.'
    })
  }
  const findings: SpacingFinding[] = [...missingSpaces(line.text, line.start, skip), ...spacesBeforePunctuation(line.text, line.start, skip)]
  if (options.doubleSpaces) findings.push(...doubleSpaces(line.text, line.start, findings))
  for (const finding of findings) {
    report({
      messageId: finding.kind,
      data: {...finding.data, replacement: finding.replacement},
      start: finding.start,
      end: finding.end,
      expected: [finding.replacement],
      fix: {start: finding.start, end: finding.end, text: finding.replacement},
      note:
        finding.kind === 'missingSpace'
          ? 'Sentences and clauses are separated by a space; without one, search and sentence splitting see a single word.'
          : finding.kind === 'spaceBeforePunctuation'
            ? 'English sets punctuation straight after the word it follows.'
            : 'One space separates words; extra spaces are left over from layout or editing.'
    })
  }
}
