// Parses a document line by line with parse-english and stitches the pieces into one nlcst tree.
// parse-english is superlinear in the size of its input; news copy has one paragraph per line, so
// parsing each line alone keeps the cost linear while every position stays exact.
import type {Paragraph, Root, RootContent, Sentence, SentenceContent, WhiteSpace} from 'nlcst'
import {ParseEnglish} from 'parse-english'
import type {Plugin} from 'unified'
import {splitLines} from './analysis.js'

const parser = new ParseEnglish()

export function parseText(text: string): Root {
  const children: RootContent[] = []
  const lines = splitLines(text)
  for (const [index, line] of lines.entries()) {
    if (line.end > line.start) {
      const root = parser.parse(line.text)
      for (const child of root.children) {
        shift(child, line.start, line.line - 1)
        children.push(child)
      }
    }
    const next = lines[index + 1]
    if (next) children.push(whiteSpace(text, line.end, next.start, line.line))
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

/** The unified parser plugin (used instead of retext-english's parser, with the same tree shape). */
const newslintParse: Plugin<[], string, Root> = function () {
  this.parser = parseText
}
export default newslintParse

type AnyNode = RootContent | Paragraph | Sentence | SentenceContent

function shift(node: AnyNode, offset: number, lines: number): void {
  const position = node.position
  if (position) {
    // Each line starts at column 1, so only line numbers and offsets move.
    position.start = {line: position.start.line + lines, column: position.start.column, offset: (position.start.offset ?? 0) + offset}
    position.end = {line: position.end.line + lines, column: position.end.column, offset: (position.end.offset ?? 0) + offset}
  }
  if ('children' in node) for (const child of node.children) shift(child as AnyNode, offset, lines)
}

function whiteSpace(text: string, start: number, end: number, line: number): WhiteSpace {
  return {
    type: 'WhiteSpaceNode',
    value: text.slice(start, end),
    position: {
      start: {line, column: start - lineStart(text, start) + 1, offset: start},
      end: {line: line + 1, column: 1, offset: end}
    }
  }
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1
}

function endPoint(text: string) {
  let line = 1
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) line++
  return {line, column: text.length - lineStart(text, text.length) + 1, offset: text.length}
}
