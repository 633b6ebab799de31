// What every structural check of `translationese` is handed.
import type {Root} from 'nlcst'
import type {DocumentAnalysis} from '../../src/analysis.js'
import type {Provenance} from '../../src/provenance.js'
import type {Report} from '../../src/rule.js'
import type {Sentences} from './sentences.js'

export interface CheckContext {
  text: string
  tree: Root
  analysis: DocumentAnalysis
  sentences: Sentences
  /** Computed on first use: most checks never need it. */
  provenance(): Provenance
  report(report: Report): void
  /** Quote style for fixes: curly when the document already uses curly quotes. */
  quotes: 'curly' | 'straight'
}

export const MONTH_NAMES = String.raw`(?:January|February|March|April|May|June|July|August|September|October|November|December)`
/** Abbreviated months only count before a day number ("Jan. 24"), so that "Jan" the given name does not. */
export const MONTH_ABBREVIATIONS = String.raw`(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?(?=\s*\d)`
export const MONTH = new RegExp(String.raw`\b(?:${MONTH_NAMES}\b|${MONTH_ABBREVIATIONS})`)

export const MONTH_NUMBERS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12
}

/** 1–12 for a month name or abbreviation. */
export function monthNumber(name: string): number | undefined {
  return MONTH_NUMBERS[name.slice(0, 3).toLowerCase()]
}
