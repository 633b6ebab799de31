// Sentence spans of a document, in order, for checks that look at "this sentence or the one before".
import type {Root} from 'nlcst'
import {lastStartingAtOrBefore, type Span} from '../../src/analysis.js'

export interface Sentences {
  spans: Span[]
  /** Index of the sentence holding `offset`, or of the last sentence starting before it (-1 if none). */
  indexAt(offset: number): number
}

export function sentencesOf(tree: Root): Sentences {
  const spans: Span[] = []
  for (const paragraph of tree.children) {
    if (paragraph.type !== 'ParagraphNode') continue
    for (const sentence of paragraph.children) {
      if (sentence.type !== 'SentenceNode') continue
      spans.push({start: sentence.position!.start.offset!, end: sentence.position!.end.offset!})
    }
  }
  return {
    spans,
    indexAt: (offset) => lastStartingAtOrBefore(spans, offset)
  }
}
