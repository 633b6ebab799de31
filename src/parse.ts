// Parses a document line by line with parse-english and stitches the pieces into one nlcst tree.
// parse-english is superlinear in the size of its input; news copy has one paragraph per line, so
// parsing each line alone keeps the cost linear while every position stays exact.
import type {Paragraph, Root, RootContent, Sentence, SentenceContent, WhiteSpace} from 'nlcst'
import {ParseEnglish} from 'parse-english'
import type {Plugin} from 'unified'
import type {Point} from 'unist'
import {splitLines} from './analysis.js'
import {cutInsideLine} from './windows.js'

type TokenType = SentenceContent['type']
const TYPES: readonly TokenType[] = ['WhiteSpaceNode', 'PunctuationNode', 'WordNode', 'SymbolNode']

/**
 * parse-english with two changes to its tokenizer, the same tokens otherwise: a code unit's kind is
 * looked up (found once per code unit by the stock tokenizer itself, not tested against three
 * Unicode classes per character of every text), and points start at `origin`, the line's place in
 * the document, so a line's tree needs no second walk to move it there. It also notes what the
 * sentence plugins that follow it may act on (see `sentencePluginsAfter`).
 */
class LineParser extends ParseEnglish {
  origin: Point = {line: 1, column: 1, offset: 0}
  /** Index into TYPES plus one, by code unit; 0 when not yet looked up. */
  private readonly kinds = new Uint8Array(0x10000)

  private kindOf(code: number): TokenType {
    let kind = this.kinds[code]!
    if (kind === 0) {
      const type = super.tokenize(String.fromCharCode(code))[0]!.type
      this.kinds[code] = kind = TYPES.indexOf(type) + 1
    }
    return TYPES[kind - 1]!
  }

  // The loop of parse-latin's `tokenize` (lib/index.js), with `kindOf` and `origin`. A token's end
  // point is the next one's start, one object for both (parse-latin shares points between parents
  // and children too, and nothing writes to a point): a third of the tree's allocations.
  override tokenize(value?: string | null): SentenceContent[] {
    const children: SentenceContent[] = []
    if (!value) return children
    let line = this.origin.line
    let column = this.origin.column
    let offset = this.origin.offset!
    let from = 0
    let start: Point = {line, column, offset}
    let previousType: TokenType | undefined
    let previous: number | undefined
    // Whether a word, then symbols one of which is inner, then a word were read. After a word: 0
    // none, 1 the word, 2 symbols one of which is inner, 3 symbols none of which is.
    let innerJoin = false
    let join = 0
    const push = (type: TokenType, text: string) => {
      const end: Point = {line, column, offset}
      if (type === 'WordNode') {
        if (join === 2) innerJoin = true
        join = 1
      } else if (type === 'WhiteSpaceNode') join = 0
      else if (join !== 0) join = join === 2 || INNER.test(text) ? 2 : 3
      children.push(
        type === 'WordNode'
          ? {type, children: [{type: 'TextNode', value: text, position: {start, end}}], position: {start, end}}
          : ({type, value: text, position: {start, end}} as SentenceContent)
      )
      start = end
    }
    for (let index = 0; index < value.length; index++) {
      const code = value.charCodeAt(index)
      const type = this.kindOf(code)
      if (
        from < index &&
        previousType &&
        !(previousType === type && (type === 'WordNode' || type === 'WhiteSpaceNode' || code === previous || (code >= 0xd800 && code <= 0xdfff)))
      ) {
        push(previousType, value.slice(from, index))
        from = index
      }
      if (code === 13 || (code === 10 && previous !== 13)) {
        line++
        column = 1
      } else if (code !== 10) {
        column++
      }
      offset++
      previousType = type
      previous = code
    }
    if (previousType && from < value.length) push(previousType, value.slice(from))
    // parse-latin runs the sentence plugins on these tokens next (a line is one sentence then).
    this.tokenizeSentencePlugins = sentencePluginsAfter(value, innerJoin) as typeof this.tokenizeSentencePlugins
    return children
  }
}

/** parse-latin's `wordSymbolInner`: the symbols that join two words into one (`U.S`, `e-mail`, `AT&T`). */
const INNER = /^(?:[&'\-.:=?@\u00AD\u00B7\u2010\u2011\u2019\u2027]|_+)$/

const parser = new LineParser()

type ParagraphPlugin = (paragraph: Paragraph) => void

/**
 * parse-latin's paragraph plugin that breaks a sentence at white space holding two line breaks,
 * found by what it does (the list is not exported by name). It splits every white-space node of
 * every sentence with a regular expression: a tenth of a megabyte of arrays per article, for a
 * break only a line with a carriage return can hold (lines hold no line feed).
 */
function breaksAtBlankLines(plugin: ParagraphPlugin): boolean {
  const word = (value: string) => ({type: 'WordNode', children: [{type: 'TextNode', value}]})
  const paragraph = {type: 'ParagraphNode', children: [{type: 'SentenceNode', children: [word('a'), {type: 'WhiteSpaceNode', value: '\r\r'}, word('b')]}]} as Paragraph
  plugin(paragraph)
  return paragraph.children.length === 3
}

const allParagraphPlugins = parser.tokenizeParagraphPlugins as ParagraphPlugin[]
const blankLineBreakers = allParagraphPlugins.filter((plugin) => breaksAtBlankLines(plugin))
/** The paragraph plugins for a line without a carriage return (all of them if the breaker is not found alone). */
const plainLinePlugins = blankLineBreakers.length === 1 ? allParagraphPlugins.filter((plugin) => plugin !== blankLineBreakers[0]) : allParagraphPlugins

/** How many paragraph plugins a line runs, with and without a carriage return (for tests: the breaker must have been found). */
export const paragraphPluginCounts = {all: allParagraphPlugins.length, plainLine: plainLinePlugins.length}

type SentencePlugin = (sentence: Sentence) => void

/**
 * The sentence plugins of parse-latin and parse-english that act only where a line holds what the
 * tokenizer can see, each a walk over every token of the line, together two thirds of the sentence
 * plugins' time; most lines need none of them:
 * - `&` opening a word (`&T`), `-` closing one (`pre-`), `/` between short words (`km/h`);
 * - elisions, on an apostrophe or a slash (`'em`, `rock 'n' roll`, `w/`);
 * - inner symbols joining two words (`U.S`, `e-mail`), looked for in the raw tokens: earlier plugins
 *   only add `&`, `-`, `/` or an apostrophe to a word, so a word, symbols one of which is inner, and
 *   a word, with no space between, are in the raw tokens wherever they are in the tree it reads;
 * - initialisms (`U.S.`), which need a word holding a full stop, and only the inner-symbol join
 *   puts one in a word.
 * A plugin is found by what it does, with a sentence it acts on (they are not exported by name),
 * and skipped only if exactly one plugin of the list does that and none of the other probes.
 */
const SKIPPABLE: ReadonlyArray<{name: string; needed: (line: string, innerJoin: boolean) => boolean; probe: () => Sentence}> = [
  {name: '&', needed: (line) => line.includes('&'), probe: () => sentenceOf({type: 'SymbolNode', value: '&'}, wordOf('T'))},
  {name: '-', needed: (line) => line.includes('-'), probe: () => sentenceOf(wordOf('pre'), {type: 'SymbolNode', value: '-'})},
  {name: '/', needed: (line) => line.includes('/'), probe: () => sentenceOf(wordOf('km'), {type: 'SymbolNode', value: '/'}, wordOf('h'))},
  {
    name: 'elision',
    needed: (line) => line.includes("'") || line.includes('’') || line.includes('/'),
    probe: () => sentenceOf(wordOf('x'), {type: 'WhiteSpaceNode', value: ' '}, wordOf('o'), {type: 'PunctuationNode', value: "'"}, {type: 'WhiteSpaceNode', value: ' '})
  },
  {name: 'inner join', needed: (_, innerJoin) => innerJoin, probe: () => sentenceOf(wordOf('U'), {type: 'PunctuationNode', value: '.'}, wordOf('S'))},
  {
    name: 'initialism',
    needed: (_, innerJoin) => innerJoin,
    probe: () => sentenceOf({type: 'WordNode', children: [{type: 'TextNode', value: 'U'}, {type: 'TextNode', value: '.'}, {type: 'TextNode', value: 'S'}]}, {type: 'PunctuationNode', value: '.'})
  }
]

function wordOf(value: string): SentenceContent {
  return {type: 'WordNode', children: [{type: 'TextNode', value}]}
}

function sentenceOf(...children: SentenceContent[]): Sentence {
  return {type: 'SentenceNode', children}
}

const allSentencePlugins = parser.tokenizeSentencePlugins as SentencePlugin[]
/** Each skippable plugin, if exactly one of the list changes its probe and no other probe. */
const skippable = SKIPPABLE.map(({name, needed, probe}) => {
  const changes = (plugin: SentencePlugin, sentence: Sentence) => {
    const before = JSON.stringify(sentence)
    plugin(sentence)
    return JSON.stringify(sentence) !== before
  }
  const acting = allSentencePlugins.filter((plugin) => changes(plugin, probe()) && SKIPPABLE.every((other) => other.name === name || !changes(plugin, other.probe())))
  return {name, needed, plugin: acting.length === 1 ? acting[0] : undefined}
}).filter((found): found is {name: string; needed: (line: string, innerJoin: boolean) => boolean; plugin: SentencePlugin} => found.plugin !== undefined)

/** The sentence plugins for each set of needs a line meets (bit i: the i-th of `skippable`). */
const sentencePluginsByNeeds = Array.from({length: 1 << skippable.length}, (_, met) =>
  allSentencePlugins.filter((plugin) => skippable.every(({plugin: skipped}, bit) => plugin !== skipped || met & (1 << bit)))
)

/** The sentence plugins for a line's tokens: every plugin but the skippable ones the line gives nothing to act on. */
function sentencePluginsAfter(line: string, innerJoin: boolean): SentencePlugin[] {
  let met = 0
  for (const [bit, {needed}] of skippable.entries()) if (needed(line, innerJoin)) met |= 1 << bit
  return sentencePluginsByNeeds[met]!
}

/** The sentence plugins a line may skip (for tests: each must have been found). */
export const skippableSentencePlugins = skippable.map(({name}) => name)

/**
 * Parsed lines by their text, for callers that parse nearly the same text again and again: the
 * language server on every keystroke, the fix loop after each pass. Parsing a line costs far more
 * than copying its tree to a new place, and an edit changes one line. Least recently used lines go
 * first once `capacity` lines or `maxChars` characters of lines are held (a tree takes some 100
 * bytes per character: the default bound is about 100 MB, more than the language server's largest
 * document). A line longer than `maxChars` is parsed but not kept.
 */
export class ParseCache {
  private readonly lines = new Map<string, readonly RootContent[]>()
  private chars = 0

  constructor(
    private readonly capacity = 4096,
    private readonly maxChars = 1_000_000
  ) {}

  /** The line's tree at offset 0 on line 1 (never handed out: callers get moved copies). */
  parsed(text: string): readonly RootContent[] {
    const hit = this.lines.get(text)
    if (hit) {
      this.lines.delete(text)
      this.lines.set(text, hit)
      return hit
    }
    const children = parseLine(text)
    if (text.length > this.maxChars) return children
    this.lines.set(text, children)
    this.chars += text.length
    while (this.lines.size > this.capacity || this.chars > this.maxChars) {
      const oldest = this.lines.keys().next().value!
      this.lines.delete(oldest)
      this.chars -= oldest.length
    }
    return children
  }

  get size(): number {
    return this.lines.size
  }

  /** Characters of the lines held. */
  get length(): number {
    return this.chars
  }
}

export function parseText(text: string, cache?: ParseCache): Root {
  const children: RootContent[] = []
  const lines = splitLines(text)
  // Lines split at line feeds; a lone carriage return inside one breaks a line too, for the
  // tokenizer and for vfile-location alike, so the line numbers after it count it.
  let loneReturns = 0
  for (const [index, line] of lines.entries()) {
    const first = line.line + loneReturns
    if (line.end > line.start) {
      if (cache) {
        for (const child of cache.parsed(line.text)) children.push(movedCopy(child, line.start, first - 1) as RootContent)
      } else {
        for (const child of parseLine(line.text, {line: first, column: 1, offset: line.start})) children.push(child)
      }
    }
    let last = -1
    for (let at = line.text.indexOf('\r'); at !== -1; at = line.text.indexOf('\r', at + 1)) {
      loneReturns++
      last = at
    }
    const next = lines[index + 1]
    if (next) {
      const column = line.end - (last === -1 ? line.start : line.start + last + 1) + 1
      children.push(lineBreak(text, line.end, next.start, line.line + loneReturns, column))
    }
  }
  return {
    type: 'RootNode',
    children,
    position: {
      start: {line: 1, column: 1, offset: 0},
      end: endPoint(text)
    }
  }
}

/** Longest piece of a line given to parse-english at once, when the whole line is too much for it. */
const CHUNK = 8192
/**
 * Lines longer than this are parsed in pieces of at most `LONG_LINE_PIECE`, cut after a sentence end
 * where there is one: parse-english's cost grows with the square of a paragraph's sentences (a
 * 840 KB line of short sentences took 22 s whole). News paragraphs are a few kilobytes.
 */
const LONG_LINE = 65_536
const LONG_LINE_PIECE = 32_768

/**
 * parse-english spreads the tokens of a word into an argument list (`push(...tokens)`), which
 * overflows the stack for one "word" of some 100,000 tokens (`A.A.A.…` or `a-a-a-…` over about
 * 200 KB). Such a line is parsed in chunks, cut at a space where there is one and never inside a
 * surrogate pair; positions stay exact, and only a monster word is split.
 */
function parseLine(text: string, origin: Point = {line: 1, column: 1, offset: 0}): RootContent[] {
  try {
    return text.length > LONG_LINE ? parseInPieces(text, origin, LONG_LINE_PIECE) : parseAt(text, origin)
  } catch (error) {
    if (!(error instanceof RangeError)) throw error
  }
  return parseInPieces(text, origin, CHUNK)
}

function parseInPieces(text: string, origin: Point, size: number): RootContent[] {
  const children: RootContent[] = []
  let point = origin
  for (let start = 0; start < text.length; ) {
    const end = start + size >= text.length ? text.length : cutInsideLine(text, start, start + size)
    for (const child of parseAt(text.slice(start, end), point)) children.push(child)
    point = advance(point, text, start, end)
    start = end
  }
  return children
}

/** The point after `text[from..to)`, counted as the tokenizer counts (a lone carriage return breaks a line; a line holds no line feed). */
function advance(point: Point, text: string, from: number, to: number): Point {
  let {line, column} = point
  for (let index = from; index < to; index++) {
    if (text.charCodeAt(index) === 13) {
      line++
      column = 1
    } else column++
  }
  return {line, column, offset: point.offset! + (to - from)}
}

function parseAt(text: string, origin: Point): RootContent[] {
  parser.origin = origin
  parser.tokenizeParagraphPlugins = (text.includes('\r') ? allParagraphPlugins : plainLinePlugins) as typeof parser.tokenizeParagraphPlugins
  return parser.parse(text).children
}

/** The unified parser plugin (used instead of retext-english's parser, with the same tree shape). */
const newslintParse: Plugin<[], string, Root> = function () {
  this.parser = (text, file) => parseText(text, file.data.newslint?.parseCache)
}
export default newslintParse

type AnyNode = RootContent | Paragraph | Sentence | SentenceContent

/** A copy of a cached line's subtree, moved to the line's place; every point is a new object. */
function movedCopy(node: AnyNode, offset: number, lines: number): AnyNode {
  // Built field by field (not spread), so every copy of a kind shares one object shape: this runs per keystroke.
  const copy: Record<string, unknown> = {type: node.type}
  if ('value' in node) copy.value = node.value
  if ('children' in node) {
    const children = node.children as AnyNode[]
    const copies: AnyNode[] = new Array(children.length)
    for (let index = 0; index < children.length; index++) copies[index] = movedCopy(children[index]!, offset, lines)
    copy.children = copies
  }
  const position = node.position
  if (position) {
    copy.position = {
      start: {line: position.start.line + lines, column: position.start.column, offset: (position.start.offset ?? 0) + offset},
      end: {line: position.end.line + lines, column: position.end.column, offset: (position.end.offset ?? 0) + offset}
    }
  }
  if (node.data) copy.data = node.data
  return copy as unknown as AnyNode
}

/** The line break (`\n` or `\r\n`) between two lines, from `column` of `line` to the next line's start. */
function lineBreak(text: string, start: number, end: number, line: number, column: number): WhiteSpace {
  return {
    type: 'WhiteSpaceNode',
    value: text.slice(start, end),
    position: {
      start: {line, column, offset: start},
      end: {line: line + 1, column: 1, offset: end}
    }
  }
}

/** The end of the text, with lines counted as everywhere else (vfile-location, the tokenizer): a lone carriage return breaks a line too. */
function endPoint(text: string) {
  let line = 1
  let start = 0
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code === 10 || (code === 13 && text.charCodeAt(index + 1) !== 10)) {
      line++
      start = index + 1
    }
  }
  return {line, column: text.length - start + 1, offset: text.length}
}
