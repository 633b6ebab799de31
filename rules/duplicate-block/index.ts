// `duplicate-block`: a paragraph or embed pasted more than once into one article, whether as its own
// paragraph, as a near-copy, or glued onto the end of another line.
import {lineRemoval} from '../../src/fix.js'
import {defineRule, type Fix} from '../../src/rule.js'
import type {Residue} from '../../src/markup.js'
import {segment, type Unit} from './units.js'

export interface DuplicateBlockOptions {
  /** Fewest words a paragraph needs to count as a copy (shorter repeats are `boilerplate`'s). Default 6. */
  minWords: number
  /** Share of word trigrams each of two blocks must find in the other to be near-copies. Default 0.8. */
  similarity: number
}

type Match = 'exact' | 'glued' | 'near'

interface Member {
  unit: Unit
  match: Match
  /** The copy itself: for a glued copy, only the part after the sentence it was glued to. */
  start: number
  end: number
  similarity: number
}

interface Group {
  members: Member[]
  shingles: Set<string>
}

const SHINGLE = 3
// Longest glued copy looked for: a long paragraph. Bounds the work on a huge one-line document.
const MAX_COPY_WORDS = 400

export default defineRule<DuplicateBlockOptions>({
  meta: {
    id: 'duplicate-block',
    description: 'Paragraphs and embeds repeated inside one article, including near-copies and copies glued onto a line',
    fixable: true,
    recommended: 'warn',
    // Removing a whole copy rewrites nobody's words: the kept copy still has them.
    fixesInsideQuotes: true,
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minWords: {type: 'integer', minimum: 1},
        similarity: {type: 'number', exclusiveMinimum: 0, maximum: 1}
      }
    },
    defaultOptions: {minWords: 6, similarity: 0.8},
    messages: {
      duplicate: 'Unexpected repeated {{unit}} `{{excerpt}}` (a copy of line {{line}})',
      gluedDuplicate: 'Unexpected repeated {{unit}} `{{excerpt}}` glued onto the end of a line (a copy of line {{line}})',
      nearDuplicate: 'Unexpected near-repeat of the {{unit}} on line {{line}} `{{excerpt}}` ({{percent}}% the same words)'
    }
  },

  check({text, analysis, options, report}) {
    const {units, markup} = analysis.cached('duplicate-block:units', () => segment(analysis))
    const groups = findGroups(units, options, (unit) => quotedShare(unit, analysis.insideQuotation))
    const removals: Array<{member: Member; kept: Member}> = []
    for (const group of groups) {
      if (group.members.length < 2) continue
      const kept = keeper(group)
      for (const member of group.members) if (member !== kept) removals.push({member, kept})
    }
    removals.sort((a, b) => a.member.start - b.member.start)

    const unitEnds = units.map((unit) => unit.end).sort((a, b) => a - b)
    let index = 0
    while (index < removals.length) {
      // Copies with nothing but markup and space between them go in one fix, with that markup.
      const run = [removals[index]!]
      while (index + run.length < removals.length) {
        const next = removals[index + run.length]!
        if (!onlyMarkupBetween(text, markup, run[run.length - 1]!.member.end, next.member.start)) break
        if (!isSafe(run[run.length - 1]!) || !isSafe(next)) break
        run.push(next)
      }
      index += run.length
      const fix = isSafe(run[0]!) ? runRemoval(text, markup, run[0]!.member.start, run[run.length - 1]!.member.end, unitEnds) : undefined
      for (const [position, removal] of run.entries()) {
        const {member, kept} = removal
        const line = analysis.point(kept.start).line
        const data = {unit: member.unit.kind === 'tweet' ? 'tweet embed' : 'paragraph', excerpt: shorten(text.slice(member.start, member.end)), line}
        const together = position > 0 ? ` It goes with the fix of the copy before it, on line ${analysis.point(run[0]!.member.start).line}.` : ''
        if (member.match === 'near') {
          const extra = extraWords(member.unit, kept.unit)
          report({
            messageId: 'nearDuplicate',
            data: {...data, percent: Math.round(member.similarity * 100)},
            start: member.start,
            end: member.end,
            fix: position === 0 ? fix : undefined,
            note:
              extra.length === 0
                ? `Every word of this copy is also in the copy on line ${line}, which is kept.${together}`
                : `This copy also has ${extra.map((word) => `\`${word}\``).join(', ')}, which the copy on line ${line} lacks: merge the two by hand.`
          })
        } else {
          report({
            messageId: member.match === 'glued' ? 'gluedDuplicate' : 'duplicate',
            data,
            start: member.start,
            end: member.end,
            fix: position === 0 ? fix : undefined,
            note: `Scraped pages often paste an embed or a paragraph more than once; the first clean copy, on line ${line}, is kept.${together}`
          })
        }
      }
    }
  }
})

function findGroups(units: Unit[], options: DuplicateBlockOptions, quoted: (unit: Unit) => number): Group[] {
  const groups: Group[] = []
  const byText = new Map<string, Group>()
  const byTweet = new Map<string, Group>()
  const index = new Map<string, Group[]>()
  const bySuffix = new Map<string, {unit: Unit; start: number}>()

  for (const unit of units) {
    const words = unit.tokens.map((token) => token.value)
    const key = words.join(' ')
    const large = words.length >= options.minWords
    const tweetKey = unit.signature ? `${key}\u0000${unit.signature}` : undefined

    // Exact copy: the same words (a tweet also needs the same signature, or a bare copy of its text).
    let group = tweetKey ? byTweet.get(tweetKey) : undefined
    if (!group && large) {
      const found = byText.get(key)
      if (found && !(unit.signature && found.members.some((member) => member.unit.signature))) group = found
    }
    if (group) {
      group.members.push({unit, match: unit.glued ? 'glued' : 'exact', start: unit.start, end: unit.end, similarity: 1})
      continue
    }

    // The first copy was glued onto the end of an earlier line: this one, on its own line, is kept.
    const gluedBefore = large && !unit.signature ? bySuffix.get(key) : undefined
    if (gluedBefore) {
      group = {
        members: [
          {...gluedBefore, match: 'glued', end: gluedBefore.unit.end, similarity: 1},
          {unit, match: 'exact', start: unit.start, end: unit.end, similarity: 1}
        ],
        shingles: shinglesOf(words)
      }
      groups.push(group)
      byText.set(key, group)
      continue
    }

    // A copy glued onto the end of this line, after a sentence of its own.
    const glued = gluedCopy(unit, byText, byTweet, options.minWords)
    if (glued) {
      glued.group.members.push({unit, match: 'glued', start: glued.start, end: unit.end, similarity: 1})
      continue
    }
    // Glued onto the end of this line and of an earlier one too.
    const both = unit.signature ? undefined : gluedTwice(unit, bySuffix, options.minWords)
    if (both) {
      const twice: Group = {
        members: [
          {...both.earlier, match: 'glued', end: both.earlier.unit.end, similarity: 1},
          {unit, match: 'glued', start: both.start, end: unit.end, similarity: 1}
        ],
        shingles: new Set()
      }
      groups.push(twice)
      byText.set(both.key, twice)
      continue
    }
    // The line repeats its own earlier sentences at its end (`X X`, `X Y X`).
    const repeat = selfRepeat(unit, options.minWords)
    if (repeat) {
      groups.push({members: [repeat.kept, {unit, match: 'glued', start: repeat.start, end: unit.end, similarity: 1}], shingles: new Set()})
      continue
    }

    const shingles = shinglesOf(words)
    if (large) {
      const near = nearest(unit, shingles, index, options.similarity, quoted)
      if (near) {
        near.group.members.push({unit, match: 'near', start: unit.start, end: unit.end, similarity: near.similarity})
        continue
      }
    }

    group = {members: [{unit, match: 'exact', start: unit.start, end: unit.end, similarity: 1}], shingles}
    groups.push(group)
    if (tweetKey) byTweet.set(tweetKey, group)
    if (large && !byText.has(key)) byText.set(key, group)
    if (!unit.signature) {
      for (const {start, words: rest} of suffixes(unit)) {
        const suffix = rest.join(' ')
        if (rest.length >= options.minWords && !bySuffix.has(suffix)) bySuffix.set(suffix, {unit, start})
      }
    }
    if (large) {
      for (const shingle of shingles) {
        const list = index.get(shingle)
        if (list) list.push(group)
        else index.set(shingle, [group])
      }
    }
  }
  return groups
}

/** The words from each sentence start inside a unit (after its first) to its end, for copies of a paragraph's size. */
function* suffixes(unit: Unit): Generator<{start: number; words: string[]}> {
  let tokenIndex = 0
  for (const start of unit.sentenceStarts) {
    while (tokenIndex < unit.tokens.length && unit.tokens[tokenIndex]!.start < start) tokenIndex++
    if (tokenIndex === 0 || tokenIndex >= unit.tokens.length || unit.tokens.length - tokenIndex > MAX_COPY_WORDS) continue
    yield {start, words: unit.tokens.slice(tokenIndex).map((token) => token.value)}
  }
}

function gluedTwice(unit: Unit, bySuffix: Map<string, {unit: Unit; start: number}>, minWords: number) {
  for (const {start, words} of suffixes(unit)) {
    if (words.length < minWords) continue
    const key = words.join(' ')
    const earlier = bySuffix.get(key)
    if (earlier && earlier.unit !== unit) return {earlier, start, key}
  }
  return undefined
}

function gluedCopy(unit: Unit, byText: Map<string, Group>, byTweet: Map<string, Group>, minWords: number) {
  for (const {start, words} of suffixes(unit)) {
    const key = words.join(' ')
    const group = unit.signature ? byTweet.get(`${key}\u0000${unit.signature}`) : words.length >= minWords ? byText.get(key) : undefined
    if (group) return {group, start}
  }
  return undefined
}

function selfRepeat(unit: Unit, minWords: number): {kept: Member; start: number} | undefined {
  const {tokens} = unit
  const starts = [0]
  let index = 0
  for (const start of unit.sentenceStarts) {
    while (index < tokens.length && tokens[index]!.start < start) index++
    if (index > 0 && index < tokens.length && index !== starts[starts.length - 1]) starts.push(index)
  }
  for (const [position, from] of starts.entries()) {
    const length = tokens.length - from
    if (position === 0 || length < minWords || length > MAX_COPY_WORDS) continue
    for (const earlier of starts.slice(0, position)) {
      if (earlier + length > from) break
      if (!tokens.slice(from).every((token, offset) => token.value === tokens[earlier + offset]!.value)) continue
      const keptUnit: Unit = {...unit, start: tokens[earlier]!.start, end: tokens[earlier + length - 1]!.end, tokens: tokens.slice(earlier, earlier + length), sentenceStarts: []}
      const start = unit.sentenceStarts.find((offset) => offset <= tokens[from]!.start && tokens[from - 1]!.end <= offset) ?? tokens[from]!.start
      return {kept: {unit: keptUnit, match: 'exact', start: keptUnit.start, end: keptUnit.end, similarity: 1}, start}
    }
  }
  return undefined
}

function nearest(unit: Unit, shingles: Set<string>, index: Map<string, Group[]>, threshold: number, quoted: (unit: Unit) => number) {
  const shared = new Map<Group, number>()
  for (const shingle of shingles) for (const group of index.get(shingle) ?? []) shared.set(group, (shared.get(group) ?? 0) + 1)
  let best: {group: Group; similarity: number} | undefined
  for (const [group, count] of shared) {
    const first = group.members[0]!.unit
    // A tweet is only a near-copy of the same account's tweet; a paragraph only of a paragraph.
    if ((first.signature ?? '') !== (unit.signature ?? '')) continue
    const similarity = Math.min(count / shingles.size, count / group.shingles.size)
    if (similarity < threshold || (best && best.similarity >= similarity)) continue
    // A passage quoted in one and told in the other's own words is reporting, not a copy.
    if (Math.abs(quoted(first) - quoted(unit)) > 0.5) continue
    best = {group, similarity}
  }
  return best
}

/** The copy to keep: the first clean one, preferring a whole tweet embed over a bare copy of its text. */
function keeper(group: Group): Member {
  const candidates = group.members.some((member) => member.unit.signature) ? group.members.filter((member) => member.unit.signature) : group.members
  const clean = (member: Member) => !member.unit.dirty
  const standalone = (member: Member) => member.match !== 'glued' && !member.unit.glued
  return candidates.find((member) => clean(member) && standalone(member)) ?? candidates.find(standalone) ?? candidates.find(clean) ?? candidates[0]!
}

/** A near-copy may go only when it has no word the kept copy lacks. */
function isSafe(removal: {member: Member; kept: Member}): boolean {
  return removal.member.match !== 'near' || extraWords(removal.member.unit, removal.kept.unit).length === 0
}

function extraWords(copy: Unit, kept: Unit): string[] {
  const known = new Set(kept.tokens.map((token) => token.value))
  return [...new Set(copy.tokens.map((token) => token.value).filter((word) => !known.has(word)))].slice(0, 5)
}

function shinglesOf(words: string[]): Set<string> {
  const shingles = new Set<string>()
  if (words.length < SHINGLE) {
    if (words.length > 0) shingles.add(words.join(' '))
    return shingles
  }
  for (let index = 0; index + SHINGLE <= words.length; index++) shingles.add(words.slice(index, index + SHINGLE).join(' '))
  return shingles
}

function quotedShare(unit: Unit, insideQuotation: (start: number, end: number) => boolean): number {
  if (unit.tokens.length === 0) return 0
  return unit.tokens.filter((token) => insideQuotation(token.start, token.end)).length / unit.tokens.length
}

function onlyMarkupBetween(text: string, markup: Residue[], start: number, end: number): boolean {
  let cursor = start
  for (const residue of markup) {
    if (residue.end <= cursor || residue.start >= end) continue
    if (/\S/.test(text.slice(cursor, residue.start))) return false
    cursor = Math.max(cursor, residue.end)
  }
  return !/\S/.test(text.slice(cursor, end))
}

/**
 * Removes `start..end` with the markup and space around it. The markup between a kept copy and the
 * first removed one goes too; text left on both sides gets the line break it lost.
 */
function runRemoval(text: string, markup: Residue[], start: number, end: number, unitEnds: number[]): Fix | undefined {
  // Back over markup and space to the end of the block before, when only markup separates them.
  const previous = lastAtMost(unitEnds, start - 1)
  const from = previous !== undefined && onlyMarkupBetween(text, markup, previous, start) ? previous : backOverLine(text, markup, start)
  const to = forwardOverLine(text, markup, end)

  const lineStart = text.lastIndexOf('\n', from - 1) + 1
  const newline = text.indexOf('\n', to)
  let lineEnd = newline === -1 ? text.length : newline
  if (lineEnd > to && text.charCodeAt(lineEnd - 1) === 13) lineEnd--
  const contentBefore = /\S/.test(text.slice(lineStart, from))
  const contentAfter = /\S/.test(text.slice(to, lineEnd))
  if (!contentBefore && !contentAfter) return lineRemoval(text, from, to)
  if (contentBefore && !contentAfter) return {start: from, end: lineEnd, text: ''}
  if (!contentBefore) return {start: from, end: to + spaces(text, to), text: ''}
  // Text on both sides: they were paragraphs glued together, so the lost break comes back.
  return {start: from, end: to, text: '\n'}
}

function lastAtMost(sorted: number[], value: number): number | undefined {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (sorted[middle]! <= value) low = middle + 1
    else high = middle
  }
  return low > 0 ? sorted[low - 1] : undefined
}

function spaces(text: string, at: number): number {
  let count = 0
  while (text[at + count] === ' ' || text[at + count] === '\t') count++
  return count
}

function backOverLine(text: string, markup: Residue[], at: number): number {
  let position = at
  for (;;) {
    while (position > 0 && (text[position - 1] === ' ' || text[position - 1] === '\t')) position--
    const residue = markup.find((candidate) => candidate.end === position)
    if (!residue) return position
    position = residue.start
  }
}

function forwardOverLine(text: string, markup: Residue[], at: number): number {
  let position = at
  for (;;) {
    const residue = markup.find((candidate) => candidate.start >= position && /^[ \t]*$/.test(text.slice(position, candidate.start)))
    if (!residue) return position
    position = residue.end
  }
}

function shorten(value: string, max = 60): string {
  // Only the head is shown, so only the head is flattened (a copy may be a whole document long).
  const flat = value.slice(0, max * 4).replace(/\s+/g, ' ')
  return flat.length <= max && value.length <= max * 4 ? flat : `${flat.slice(0, max - 1)}…`
}
