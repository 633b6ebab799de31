// `translationese`: constructions of the source language that machine translation carries into English
// word for word: day-only dates, "(local time)", Japanese era years, names and titles in East Asian
// order, TeX-style quotes, ▲ bullets and transcript speaker labels.
import type {Root} from 'nlcst'
import {lastStartingAtOrBefore, type DocumentAnalysis} from '../../src/analysis.js'
import {provenanceOf, type Provenance} from '../../src/provenance.js'
import {defineRule, type Report} from '../../src/rule.js'
import type {CheckContext} from './context.js'
import {checkDayOnlyDates} from './dates.js'
import {checkEraYears} from './era.js'
import {checkBullets, checkTexQuotes} from './marks.js'
import {checkCountryChairman, checkGivenNameAsSurname, checkTitleAfterName, checkTitleInParentheses} from './names.js'
import {sentencesOf, type Sentences} from './sentences.js'
import {checkSpeakerLabels} from './transcripts.js'

export const CHECKS = [
  'day-only-date',
  'era-year',
  'title-after-name',
  'country-chairman',
  'given-name',
  'title-in-parentheses',
  'tex-quotes',
  'bullets',
  'speaker-labels'
] as const
export type CheckName = (typeof CHECKS)[number]

export interface TranslationeseOptions {
  /** Checks to turn off, by name. Default: none. */
  disable: CheckName[]
  /** Quote marks the TeX-quote fix writes: `auto` follows the document (curly if it has any). */
  quotes: 'auto' | 'curly' | 'straight'
}

export default defineRule<TranslationeseOptions>({
  meta: {
    id: 'translationese',
    description: 'Source-language constructions left in translated news: day-only dates, era years, name order, TeX quotes, ▲ bullets, speaker labels',
    fixable: true,
    recommended: 'warn',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        disable: {type: 'array', items: {enum: [...CHECKS]}, uniqueItems: true},
        quotes: {enum: ['auto', 'curly', 'straight']}
      }
    },
    defaultOptions: {disable: [], quotes: 'auto'},
    messages: {
      dayOnlyDate: 'Unexpected day-only date `{{actual}}` (no month in this sentence or the one before)',
      relativeDate: 'Unexpected day-only date `{{actual}}` (a word-for-word Korean date)',
      localTime: 'Unexpected `{{actual}}` after a day-only date (a calque of 현지시간)',
      eraYear: 'Unexpected Japanese era year `{{actual}}`, expected `{{year}}`',
      eraContradiction: 'Unexpected year `{{actual}}` (`{{era}}` is {{year}}), expected `{{year}}`',
      titleAfterName: 'Unexpected title `{{title}}` after the name (East Asian order), expected `{{expected}}`',
      countryChairman: 'Unexpected `Chairman` after `{{country}}` (a calque of 위원장 or 主席), expected `{{expected}}`',
      givenNameAsSurname: 'Unexpected given name `{{given}}` after `{{title}}` (the surname comes first in East Asian names), expected `{{expected}}`',
      givenNameAsSurnameUnknown: 'Unexpected given name `{{given}}` after `{{title}}` (the surname comes first in East Asian names)',
      titleInParentheses: 'Unexpected `{{actual}}` after an organisation (a Korean title-in-parentheses construction)',
      texQuotes: 'Unexpected TeX-style quotation marks around `{{inner}}`, expected `{{expected}}`',
      texQuoteUnpaired: 'Unexpected TeX-style opening quotation mark (two backticks), expected `{{expected}}`',
      bullet: 'Unexpected `{{actual}}` bullet in English prose (a Korean list marker)',
      speakerLabel: 'Unexpected transcript speaker label `{{actual}}` (a Korean broadcast convention)'
    }
  },

  check: ({text, tree, file, analysis, options, env, report}) => {
    const off = new Set<CheckName>(options.disable)
    const context = new TranslationeseContext(text, tree, analysis, report, () => provenanceOf(analysis, file, env.settings), options.quotes)
    const labels = off.has('speaker-labels') ? [] : checkSpeakerLabels(context)
    // Labels come in text order: find the last one starting at or before `start`.
    const inLabel = (start: number, end: number) => {
      const label = labels[lastStartingAtOrBefore(labels, start)]
      return label !== undefined && end <= label.end
    }
    if (!off.has('day-only-date')) checkDayOnlyDates(context)
    if (!off.has('era-year')) checkEraYears(context)
    if (!off.has('title-after-name')) checkTitleAfterName(context, inLabel)
    if (!off.has('country-chairman')) checkCountryChairman(context)
    if (!off.has('given-name')) checkGivenNameAsSurname(context)
    if (!off.has('title-in-parentheses')) checkTitleInParentheses(context)
    if (!off.has('tex-quotes')) checkTexQuotes(context)
    if (!off.has('bullets')) checkBullets(context)
  }
})

/**
 * Sentence spans are only needed to judge a day-only date, which few articles have; the quote style
 * only by the TeX-quote fix. Both are prototype getters (a class: see src/analysis.ts for why).
 */
class TranslationeseContext implements CheckContext {
  private sentenceSpans: Sentences | undefined

  constructor(
    readonly text: string,
    readonly tree: Root,
    readonly analysis: DocumentAnalysis,
    readonly report: (report: Report) => void,
    readonly provenance: () => Provenance,
    private readonly quoteOption: TranslationeseOptions['quotes']
  ) {}

  get sentences(): Sentences {
    return (this.sentenceSpans ??= sentencesOf(this.tree))
  }

  get quotes(): 'curly' | 'straight' {
    return this.quoteOption === 'auto' ? (/[\u201C\u201D]/.test(this.text) ? 'curly' : 'straight') : this.quoteOption
  }
}
