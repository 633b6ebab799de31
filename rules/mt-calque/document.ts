// Facts about one document that the context conditions need: lines, word tokens, sentences and the
// narrative voice. Computed once per document and cached on its analysis.
import {firstEndingAfter, lastStartingAtOrBefore, type DocumentAnalysis, type Line, type Span} from '../../src/analysis.js'

export interface DocumentFacts {
  text: string
  /** Lowercased text, for the fast literal pre-check of patterns. */
  lower: string
  analysis: DocumentAnalysis
  lines: Line[]
  /** The word tokens of one line (by index into `lines`), read on first use. */
  lineTokens(line: number): Span[]
  readonly sentences: Span[]
  /** Index into `lines` of the line holding an offset. */
  lineAt(offset: number): number
  sentenceAt(offset: number): Span | undefined
  /** The article speaks in the first person (an op-ed, a column, a letter, a first-person account). */
  readonly firstPersonNarration: boolean
  /** Lines that belong to an embedded social-media post (the post and its signature line). */
  readonly postLines: Set<number>
}

// Words with letters or digits, hyphenated compounds and contractions whole; currency and % alone.
const TOKEN = /[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*|[%$€£¥₩]/gu
const OPINION = /\b(?:Opinion|Editorial|Column|Commentary|Op-Ed|Viewpoint|Letters? to the Editor|Guest essay)\b/
const FIRST_PERSON_SINGULAR = /(?<![\p{L}\p{N}])(?:I(?= [a-z’']|’m|'m|’ve|'ve|’d|'d)|me|my|myself|mine)(?![\p{L}\p{N}])/gu
const POST_SIGNATURE = /^\s*[—―–-]{1,2}\s*\S.*\(@\w+\)/

export function documentFacts(analysis: DocumentAnalysis): DocumentFacts {
  return analysis.cached('mt-calque:document', () => new Facts(analysis))
}

/**
 * Most articles have no candidate at all, so everything past the lowercased text is computed on
 * demand, in prototype getters (a class: see src/analysis.ts for why not an object literal's).
 */
class Facts implements DocumentFacts {
  readonly text: string
  readonly lower: string
  readonly lines: Line[]
  // Per line: a condition looks at words on its match's line only, and a whole large text's tokens
  // took a twentieth of its lint when one window held a match.
  private readonly tokensByLine = new Map<number, Span[]>()
  private sentenceList: Span[] | undefined
  private firstPerson: boolean | undefined
  private posts: Set<number> | undefined

  constructor(readonly analysis: DocumentAnalysis) {
    this.text = analysis.text
    this.lower = analysis.text.toLowerCase()
    this.lines = analysis.lines
  }

  lineTokens(line: number): Span[] {
    let tokens = this.tokensByLine.get(line)
    if (!tokens) this.tokensByLine.set(line, (tokens = tokenize(this.lines[line]!)))
    return tokens
  }

  get sentences(): Span[] {
    return (this.sentenceList ??= sentenceSpans(this.analysis))
  }

  lineAt(offset: number): number {
    // Never -1: the first line starts at 0.
    return lastStartingAtOrBefore(this.lines, offset)
  }

  sentenceAt(offset: number): Span | undefined {
    const all = this.sentences
    const sentence = all[lastStartingAtOrBefore(all, offset)]
    return sentence && sentence.start <= offset && offset <= sentence.end ? sentence : undefined
  }

  get firstPersonNarration(): boolean {
    return (this.firstPerson ??= speaksInFirstPerson(this.analysis))
  }

  get postLines(): Set<number> {
    return (this.posts ??= embeddedPostLines(this.lines))
  }
}

function tokenize(line: Line): Span[] {
  const tokens: Span[] = []
  for (const match of line.text.matchAll(TOKEN)) tokens.push({start: line.start + match.index, end: line.start + match.index + match[0].length})
  return tokens
}

/** Two or more first-person-singular words outside quotations, or an opinion label near the top. */
function speaksInFirstPerson(analysis: DocumentAnalysis): boolean {
  const {text, lines} = analysis
  const head = lines
    .slice(0, 4)
    .map((line) => line.text)
    .join('\n')
  if (OPINION.test(head)) return true
  let count = 0
  for (const match of text.matchAll(FIRST_PERSON_SINGULAR)) {
    if (text.slice(Math.max(0, match.index - 4), match.index) === 'War ') continue
    if (!analysis.insideQuotation(match.index, match.index + match[0].length) && ++count >= 2) return true
  }
  return false
}

/** Lines of embedded social-media posts: the signature line ("— Name (@handle) …") and the post above it. */
function embeddedPostLines(lines: readonly Line[]): Set<number> {
  const posts = new Set<number>()
  for (const [index, line] of lines.entries()) {
    if (!POST_SIGNATURE.test(line.text)) continue
    posts.add(index)
    let above = index - 1
    while (above >= 0 && lines[above]!.text.trim() === '') above--
    if (above >= 0) posts.add(above)
  }
  return posts
}

/** Sentence spans from the nlcst tree (the parser never lets a sentence cross a line). */
function sentenceSpans(analysis: DocumentAnalysis): Span[] {
  const spans: Span[] = []
  for (const paragraph of analysis.tree.children) {
    if (paragraph.type !== 'ParagraphNode') continue
    for (const sentence of paragraph.children) {
      if (sentence.type !== 'SentenceNode' || !sentence.position) continue
      spans.push({start: sentence.position.start.offset!, end: sentence.position.end.offset!})
    }
  }
  return spans
}
