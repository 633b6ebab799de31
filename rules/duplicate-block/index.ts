// `duplicate-block`: a paragraph or embed pasted more than once into one article, whether as its own
// paragraph, as a near-copy, or glued onto the end of another line.
import {firstEndingAfter} from '../../src/analysis.js'
import {lineRemoval} from '../../src/fix.js'
import {defineRule, type Fix} from '../../src/rule.js'
import type {Residue} from '../../src/markup.js'
import type {Lexicon} from './lexicon.js'
import {NearIndex, position, Segments, SequenceMap, type Keyed} from './keys.js'
import {segment, tokensBetween, type Tokens, type Unit} from './units.js'

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
  /** Distinct shingles of the group's first copy (0 for a group that is never compared by them). */
  shingles: number
}

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
    const {units, lexicon, markup} = analysis.cached('duplicate-block:units', () => segment(analysis))
    const groups = findGroups(units, lexicon, options, (unit) => quotedShare(unit, (start, end) => analysis.insideQuotation(start, end)))
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
          const extra = extraWords(member.unit, kept.unit).map((id) => lexicon.values[id]!)
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

/** A sentence start inside a unit (after its first) where a glued copy may begin, and its first token. */
interface Suffix {
  start: number
  token: number
}

/** The sentence starts a glued copy may begin at: up to a paragraph's size from the end. */
function suffixesOf(unit: Unit): Suffix[] {
  const {tokens} = unit
  const suffixes: Suffix[] = []
  let tokenIndex = 0
  for (const start of unit.sentenceStarts) {
    while (tokenIndex < tokens.length && tokens.starts[tokenIndex]! < start) tokenIndex++
    if (tokenIndex === 0 || tokenIndex >= tokens.length || tokens.length - tokenIndex > MAX_COPY_WORDS) continue
    suffixes.push({start, token: tokenIndex})
  }
  return suffixes
}

function findGroups(units: Unit[], lexicon: Lexicon, options: DuplicateBlockOptions, quoted: (unit: Unit) => number): Group[] {
  const groups: Group[] = []
  const byText = new SequenceMap<Group>()
  const byTweet = new Map<string, SequenceMap<Group>>()
  const bySuffix = new SequenceMap<{unit: Unit; start: number}>()
  const segments = new Segments(lexicon)
  const keys = segments.keyed(units)
  const near = new NearIndex<Group>(units.length, keys.reduce((sum, keyed) => sum + keyed.sequence.length, 0))

  // Every key a paragraph is looked up or stored by has at least `minWords` words and ends where its
  // unit ends, so two units whose last `minWords` words differ never meet through suffixes: only a
  // unit whose ending another shares (and a tweet, whose shorter suffixes are looked up too) needs
  // its sentence starts, the costliest part of segmenting.
  const endingWords = options.minWords
  const endings = new SequenceMap<number>()
  const endingOf = (keyed: Keyed) => Math.max(0, keyed.sequence.length - endingWords)
  for (const keyed of keys) endings.set(keyed, endingOf(keyed), (endings.get(keyed, endingOf(keyed)) ?? 0) + 1)

  for (const keyed of keys) {
    const {unit} = keyed
    const words = unit.tokens.length
    const large = words >= options.minWords
    const tweets = unit.signature ? byTweet.get(unit.signature) : undefined
    const suffixes = unit.signature || endings.get(keyed, endingOf(keyed))! > 1 ? suffixesOf(unit) : []

    // Exact copy: the same words (a tweet also needs the same signature, or a bare copy of its text).
    let group = tweets?.get(keyed, 0)
    if (!group && large) {
      const found = byText.get(keyed, 0)
      if (found && !(unit.signature && found.members.some((member) => member.unit.signature))) group = found
    }
    if (group) {
      group.members.push({unit, match: unit.glued ? 'glued' : 'exact', start: unit.start, end: unit.end, similarity: 1})
      continue
    }

    // The first copy was glued onto the end of an earlier line: this one, on its own line, is kept.
    const gluedBefore = large && !unit.signature ? bySuffix.get(keyed, 0) : undefined
    if (gluedBefore) {
      group = {
        members: [
          {...gluedBefore, match: 'glued', end: gluedBefore.unit.end, similarity: 1},
          {unit, match: 'exact', start: unit.start, end: unit.end, similarity: 1}
        ],
        shingles: 0
      }
      groups.push(group)
      byText.set(keyed, 0, group)
      continue
    }

    // A copy glued onto the end of this line, after a sentence of its own.
    const glued = gluedCopy(keyed, suffixes, byText, tweets, options.minWords)
    if (glued) {
      glued.group.members.push({unit, match: 'glued', start: glued.start, end: unit.end, similarity: 1})
      continue
    }
    // Glued onto the end of this line and of an earlier one too.
    const both = unit.signature ? undefined : gluedTwice(keyed, suffixes, bySuffix, options.minWords)
    if (both) {
      const twice: Group = {
        members: [
          {...both.earlier, match: 'glued', end: both.earlier.unit.end, similarity: 1},
          {unit, match: 'glued', start: both.start, end: unit.end, similarity: 1}
        ],
        shingles: 0
      }
      groups.push(twice)
      byText.set(keyed, both.from, twice)
      continue
    }
    // The line repeats its own earlier sentences at its end (`X X`, `X Y X`).
    const repeat = mayRepeatItself(unit, options.minWords) ? selfRepeat(unit, options.minWords) : undefined
    if (repeat) {
      groups.push({members: [repeat.kept, {unit, match: 'glued', start: repeat.start, end: unit.end, similarity: 1}], shingles: 0})
      continue
    }

    // Only a large unit is compared by its shingles, and only a large one is indexed by them.
    const shingles = large ? near.shingles(keyed) : undefined
    if (shingles) {
      const found = nearest(unit, shingles, near, options.similarity, quoted)
      if (found) {
        found.group.members.push({unit, match: 'near', start: unit.start, end: unit.end, similarity: found.similarity})
        continue
      }
    }

    group = {members: [{unit, match: 'exact', start: unit.start, end: unit.end, similarity: 1}], shingles: shingles?.length ?? 0}
    groups.push(group)
    if (unit.signature) {
      if (tweets) tweets.set(keyed, 0, group)
      else {
        const map = new SequenceMap<Group>()
        map.set(keyed, 0, group)
        byTweet.set(unit.signature, map)
      }
    }
    if (large && !byText.has(keyed, 0)) byText.set(keyed, 0, group)
    if (!unit.signature) {
      for (const suffix of suffixes) {
        if (words - suffix.token < options.minWords) continue
        const from = position(keyed, suffix.token)
        if (!bySuffix.has(keyed, from)) bySuffix.set(keyed, from, {unit, start: suffix.start})
      }
    }
    if (shingles) near.add(group, shingles)
  }
  return groups
}

function gluedTwice(keyed: Keyed, suffixes: Suffix[], bySuffix: SequenceMap<{unit: Unit; start: number}>, minWords: number) {
  const words = keyed.unit.tokens.length
  for (const suffix of suffixes) {
    if (words - suffix.token < minWords) continue
    const from = position(keyed, suffix.token)
    const earlier = bySuffix.get(keyed, from)
    if (earlier && earlier.unit !== keyed.unit) return {earlier, start: suffix.start, from}
  }
  return undefined
}

function gluedCopy(keyed: Keyed, suffixes: Suffix[], byText: SequenceMap<Group>, tweets: SequenceMap<Group> | undefined, minWords: number) {
  const {unit} = keyed
  for (const suffix of suffixes) {
    const from = position(keyed, suffix.token)
    const group = unit.signature ? tweets?.get(keyed, from) : unit.tokens.length - suffix.token >= minWords ? byText.get(keyed, from) : undefined
    if (group) return {group, start: suffix.start}
  }
  return undefined
}

/**
 * Whether a unit may end by repeating itself: the earlier copy (at least `minWords` words, ending
 * before the repeat starts) ends with the unit's last `minWords` words, so without them elsewhere
 * there is no need for the unit's sentence starts.
 */
function mayRepeatItself(unit: Unit, minWords: number): boolean {
  const {tokens} = unit
  const count = tokens.length
  if (count < 2 * minWords) return false
  const {ids} = tokens
  const last = ids[count - 1]!
  for (let end = minWords - 1; end <= count - minWords - 1; end++) {
    if (ids[end] === last && sameWords(tokens, end - minWords + 1, count - minWords, minWords)) return true
  }
  return false
}

function selfRepeat(unit: Unit, minWords: number): {kept: Member; start: number} | undefined {
  const {tokens} = unit
  const starts = [0]
  let index = 0
  for (const start of unit.sentenceStarts) {
    while (index < tokens.length && tokens.starts[index]! < start) index++
    if (index > 0 && index < tokens.length && index !== starts[starts.length - 1]) starts.push(index)
  }
  for (const [position, from] of starts.entries()) {
    const length = tokens.length - from
    if (position === 0 || length < minWords || length > MAX_COPY_WORDS) continue
    for (let earlierPosition = 0; earlierPosition < position; earlierPosition++) {
      const earlier = starts[earlierPosition]!
      if (earlier + length > from) break
      if (!sameWords(tokens, earlier, from, length)) continue
      const keptUnit: Unit = {...unit, start: tokens.starts[earlier]!, end: tokens.ends[earlier + length - 1]!, tokens: tokensBetween(tokens, earlier, earlier + length), sentenceStarts: []}
      const start = unit.sentenceStarts.find((offset) => offset <= tokens.starts[from]! && tokens.ends[from - 1]! <= offset) ?? tokens.starts[from]!
      return {kept: {unit: keptUnit, match: 'exact', start: keptUnit.start, end: keptUnit.end, similarity: 1}, start}
    }
  }
  return undefined
}

/** Whether the `length` tokens from `a` have the same words as those from `b`. */
function sameWords({ids}: Tokens, a: number, b: number, length: number): boolean {
  for (let offset = 0; offset < length; offset++) if (ids[a + offset] !== ids[b + offset]) return false
  return true
}

/** The group whose first copy shares the largest share of trigrams with `unit`, both ways, if any reaches `threshold`. */
function nearest(unit: Unit, shingles: number[], near: NearIndex<Group>, threshold: number, quoted: (unit: Unit) => number) {
  let best: {group: Group; similarity: number} | undefined
  near.shared(shingles, (group, count) => {
    const first = group.members[0]!.unit
    // A tweet is only a near-copy of the same account's tweet; a paragraph only of a paragraph.
    if ((first.signature ?? '') !== (unit.signature ?? '')) return
    const similarity = Math.min(count / shingles.length, count / group.shingles)
    if (similarity < threshold || (best && best.similarity >= similarity)) return
    // A passage quoted in one and told in the other's own words is reporting, not a copy.
    if (Math.abs(quoted(first) - quoted(unit)) > 0.5) return
    best = {group, similarity}
  })
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

/** Up to five words (lexicon ids) of the copy the kept copy lacks, in the copy's order. */
function extraWords(copy: Unit, kept: Unit): number[] {
  const known = new Set(kept.tokens.ids)
  const extra = new Set<number>()
  for (const id of copy.tokens.ids) if (!known.has(id)) extra.add(id)
  return [...extra].slice(0, 5)
}

function quotedShare({tokens}: Unit, insideQuotation: (start: number, end: number) => boolean): number {
  if (tokens.length === 0) return 0
  let quoted = 0
  for (let index = 0; index < tokens.length; index++) if (insideQuotation(tokens.starts[index]!, tokens.ends[index]!)) quoted++
  return quoted / tokens.length
}

function onlyMarkupBetween(text: string, markup: Residue[], start: number, end: number): boolean {
  let cursor = start
  // Markup is sorted and disjoint: start at the first residue ending after `start`, stop at `end`.
  for (let index = firstEndingAfter(markup, start); index < markup.length; index++) {
    const residue = markup[index]!
    if (residue.start >= end) break
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
    const residue = markup[firstEndingAfter(markup, position - 1)]
    if (!residue || residue.end !== position) return position
    position = residue.start
  }
}

function forwardOverLine(text: string, markup: Residue[], at: number): number {
  let position = at
  for (;;) {
    // Only the first residue starting here or later can follow across nothing but spaces and tabs.
    let index = firstEndingAfter(markup, position)
    while (index < markup.length && markup[index]!.start < position) index++
    const residue = markup[index]
    if (!residue || !onlySpacesOrTabs(text, position, residue.start)) return position
    position = residue.end
  }
}

function onlySpacesOrTabs(text: string, start: number, end: number): boolean {
  for (let index = start; index < end; index++) if (text[index] !== ' ' && text[index] !== '\t') return false
  return true
}

function shorten(value: string, max = 60): string {
  // Only the head is shown, so only the head is flattened (a copy may be a whole document long).
  const flat = value.slice(0, max * 4).replace(/\s+/g, ' ')
  return flat.length <= max && value.length <= max * 4 ? flat : `${flat.slice(0, max - 1)}…`
}
