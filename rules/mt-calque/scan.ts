// Finding pack entries in a document: match the patterns, test the context conditions, render the
// right renderings to fit the sentence, and keep the longest of overlapping findings.
import type {Fix} from '../../src/rule.js'
import {documentFacts, type DocumentFacts} from './document.js'
import {firstEndingAfter, type DocumentAnalysis} from '../../src/analysis.js'
import {escapeRegExp} from '../../src/text.js'
import type {CompiledContext, CompiledEntry, CompiledNear, DocumentWords} from './pack.js'
import {compileWords, escapePatternText, type CompiledPattern, type WordMatcher} from './pattern.js'
import {wordClasses} from './pack.js'
import {isKnownNotFrom, subjectOf, type Subject} from './people.js'

export interface Finding {
  entry: CompiledEntry
  start: number
  end: number
  /** Renderings of the right sense that replace exactly `start..end`, best first. */
  expected: string[]
  fix?: Fix
  /** The reason, shown in parentheses in the message. */
  reason: string
  note: string
  severity?: 'info'
}

interface Candidate {
  pattern: CompiledPattern
  start: number
  end: number
  slots: Record<string, string>
  subject?: Subject
}

/** How far (in UTF-16 units) the checks look before and after a match on its line. */
const LOOK = 80
/** Marks a look-behind cut short, so `^` in the checks never mistakes the cut for a line start. */
const CUT = '\u0000'
const SENTENCE_START = /(?:^|[.!?…]["”’)\]]*[^\S\n]+)["“‘(\[■▲●•*\-–—\s]*$/u
const LINE_START = /^[\s"“‘(\[■▲●•*\-–—]*$/u
const SPEAKER_LABEL = /^\s*[[(]?[^\]:()]{1,60}:\s/
const DETERMINER_BEFORE = /(?:^|[^\p{L}\p{N}])(?:the|a|an|this|that|these|those|its|his|her|their|our|your|my|\p{L}+['’]s?)[^\S\n]+$/iu

/** Every finding of these entries in the document, overlaps resolved, in text order. */
export function scanDocument(analysis: DocumentAnalysis, entries: readonly CompiledEntry[]): Finding[] {
  const facts = documentFacts(analysis)
  const holding = literalLines(facts, entries)
  const findings: Finding[] = []
  for (const entry of entries) {
    const candidates = matchEntry(facts, entry, holding)
    if (candidates.length < entry.context.minOccurrences) continue
    for (const candidate of candidates) {
      const finding = render(facts, entry, candidate)
      if (finding) findings.push(finding)
    }
  }
  return resolveOverlaps(findings)
}

function matchEntry(facts: DocumentFacts, entry: CompiledEntry, holding: ReadonlyMap<string, number[]>): Candidate[] {
  const candidates: Candidate[] = []
  for (const pattern of entry.patterns) {
    // A match never crosses a line and always contains the pattern's required literal: run the
    // regex only on the lines that hold it (the literal search is far faster than the regex).
    const lines = pattern.required ? (holding.get(literalKey(pattern.caseSensitive, pattern.required)) ?? []) : facts.lines.keys()
    for (const lineIndex of lines) {
      const line = facts.lines[lineIndex]!
      const {regex} = pattern
      regex.lastIndex = 0
      let match: RegExpExecArray | null
      while ((match = regex.exec(line.text))) {
        if (match[0].length === 0) {
          regex.lastIndex++
          continue
        }
        const slots: Record<string, string> = {}
        let valid = true
        for (const name of pattern.slots) {
          const value = match.groups?.[name] ?? ''
          slots[name] = value
          const check = pattern.checks.get(name)
          if (value !== '' && check && !check(value)) valid = false
        }
        if (!valid) {
          // A slot's shape failed: try again from the next character, where a shorter match may fit.
          regex.lastIndex = match.index + 1
          continue
        }
        const start = line.start + match.index
        const candidate: Candidate = {pattern, start, end: start + match[0].length, slots}
        if (holds(facts, entry.context, candidate)) candidates.push(candidate)
      }
    }
  }
  return candidates
}

function literalKey(caseSensitive: boolean, literal: string): string {
  return (caseSensitive ? 'C' : 'L') + literal
}

/**
 * The lines holding each required literal of the entries' patterns (keyed by `literalKey`), in line
 * order: one scan of the text per letter case, for all the literals at once (a Korean-source
 * article searched for each of some 90 literals in turn: a quarter of a millisecond).
 */
export function literalLines(facts: DocumentFacts, entries: readonly CompiledEntry[]): Map<string, number[]> {
  const found = new Map<string, number[]>()
  for (const caseSensitive of [false, true]) {
    const literals = new Set<string>()
    for (const entry of entries) for (const pattern of entry.patterns) if (pattern.required && pattern.caseSensitive === caseSensitive) literals.add(pattern.required)
    if (literals.size === 0) continue
    const {regex, within} = literalSearch(literals)
    const haystack = caseSensitive ? facts.text : facts.lower
    regex.lastIndex = 0
    for (let match = regex.exec(haystack); match; match = regex.exec(haystack)) {
      const line = facts.lineAt(match.index)
      for (const literal of within.get(match[0])!) {
        const key = literalKey(caseSensitive, literal)
        const lines = found.get(key)
        if (!lines) found.set(key, [line])
        else if (lines[lines.length - 1] !== line) lines.push(line)
      }
      // Literals overlap (`painting` inside `oil painting`): the next one may start at the next character.
      regex.lastIndex = match.index + 1
    }
  }
  return found
}

interface LiteralSearch {
  /** Every literal, longest first: at a position, the longest literal there is the one found. */
  regex: RegExp
  /** For each literal, the literals it starts with (itself included): found where it is. */
  within: Map<string, string[]>
}

const literalSearches = new Map<string, LiteralSearch>()

/**
 * A search for a set of literals, made once per set (an article's packs give one of a few sets).
 * Two literals found at one position are one the start of the other, so the longest found there
 * and the literals it starts with are all the literals found there.
 */
function literalSearch(literals: Set<string>): LiteralSearch {
  const key = [...literals].join('\u0000')
  let search = literalSearches.get(key)
  if (!search) {
    const sorted = [...literals].sort((a, b) => b.length - a.length)
    const regex = new RegExp(sorted.map(escapeRegExp).join('|'), 'g')
    const within = new Map(sorted.map((literal) => [literal, sorted.filter((other) => literal.startsWith(other))]))
    literalSearches.set(key, (search = {regex, within}))
  }
  return search
}

/** Whether every context condition of an entry holds for a match (sets the subject when it looks). */
function holds(facts: DocumentFacts, context: CompiledContext, candidate: Candidate): boolean {
  const {start, end} = candidate
  const {text, analysis} = facts
  const lineIndex = facts.lineAt(start)
  const line = facts.lines[lineIndex]!
  const before = textBefore(text, line.start, start)
  const after = text.slice(end, Math.min(line.end, end + LOOK))

  if ((context.outsideQuotes || context.thirdPerson) && analysis.insideQuotation(start, end)) return false
  if (context.lineStart && !(start - line.start <= LOOK && LINE_START.test(text.slice(line.start, start)))) return false
  if (context.sentenceStart && !SENTENCE_START.test(before)) return false
  if (context.precededBy && !context.precededBy.testEnd(before)) return false
  if (context.notPrecededBy?.testEnd(before)) return false
  if (context.followedBy && !context.followedBy.testStart(after)) return false
  if (context.notFollowedBy?.testStart(after)) return false
  for (const clause of context.near) if (!isNear(facts, clause, start, end, lineIndex)) return false
  for (const clause of context.notNear) if (isNear(facts, clause, start, end, lineIndex)) return false
  if (context.inDocument && !inDocument(facts, context.inDocument, candidate.slots)) return false
  if (context.notInDocument && inDocument(facts, context.notInDocument, candidate.slots)) return false
  if (context.thirdPerson) {
    if (facts.firstPersonNarration || facts.postLines.has(lineIndex)) return false
    // Transcripts ("Anchor: …", "[Lee / party leader: …]") are speech, not narration.
    if (SPEAKER_LABEL.test(text.slice(line.start, start))) return false
    const lineBefore = text.slice(line.start, start)
    if (lineBefore.lastIndexOf('[') > lineBefore.lastIndexOf(']')) return false
  }
  if (context.subjectNotFrom) {
    const subject = subjectOf(facts, start, end)
    if (!subject || !isKnownNotFrom(subject.nationality, context.subjectNotFrom)) return false
    candidate.subject = subject
  }
  return true
}

/** Up to `LOOK` characters of the line before `start`. */
function textBefore(text: string, lineStart: number, start: number): string {
  return start - lineStart <= LOOK ? text.slice(lineStart, start) : CUT + text.slice(start - LOOK, start)
}

/** One of the clause's words within `within` words of the match, on the match's line. */
function isNear(facts: DocumentFacts, clause: CompiledNear, start: number, end: number, lineIndex: number): boolean {
  const {text} = facts
  const tokens = facts.lineTokens(lineIndex)
  const first = firstEndingAfter(tokens, start)
  const next = firstEndingAfter(tokens, end)
  let low = first
  while (low > 0 && first - low < clause.within) low--
  let high = next
  while (high < tokens.length && high - next < clause.within) high++
  const beforeText = low < first ? text.slice(tokens[low]!.start, start) : ''
  const afterText = high > next ? text.slice(end, Math.max(end, tokens[high - 1]!.end)) : ''
  return clause.matcher.test(beforeText) || clause.matcher.test(afterText)
}

const templatedWords = new Map<string, WordMatcher>()
function inDocument(facts: DocumentFacts, words: DocumentWords, slots: Record<string, string>): boolean {
  if (words.fixed) {
    // The answer for fixed words is the same for every match in the document: test the text once.
    const known = facts.analysis.cached('mt-calque:in-document', () => new Map<WordMatcher, boolean>())
    let found = known.get(words.fixed)
    if (found === undefined) known.set(words.fixed, (found = words.fixed.test(facts.text)))
    if (found) return true
  }
  for (const template of words.templated) {
    const word = template.replace(/\{(\w+)\}/g, (_, name: string) => escapePatternText(slots[name] ?? ''))
    let matcher = templatedWords.get(word)
    if (!matcher) {
      matcher = compileWords([word], wordClasses(), 'inDocument')
      // Bounded: names captured from documents vary without end.
      if (templatedWords.size > 500) templatedWords.clear()
      templatedWords.set(word, matcher)
    }
    if (matcher.test(facts.text)) return true
  }
  return false
}

function render(facts: DocumentFacts, entry: CompiledEntry, candidate: Candidate): Finding | undefined {
  const {text} = facts
  let {start} = candidate
  const {end} = candidate
  const line = facts.lines[facts.lineAt(start)]!
  const before = textBefore(text, line.start, start)
  const values: Record<string, string> = {...candidate.slots}
  if (candidate.subject) {
    values.subject = candidate.subject.who
    if (candidate.subject.nationality.country) values.subjectCountry = candidate.subject.nationality.country
  }
  const fill = (template: string): string | undefined => {
    let missing = false
    const filled = template.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = values[name]
      if (value === undefined) missing = true
      return value ?? ''
    })
    return missing ? undefined : filled
  }

  const actual = text.slice(start, end)
  const deletes = entry.entry.right[0] === ''
  if (deletes) {
    // Deleting a phrase takes the space before it too, so no double space is left.
    while (start > line.start && /[^\S\n]/.test(text[start - 1]!)) start--
  }
  // A capital the sentence position gave the match passes to the rendering ("The Kremlin Palace said"
  // at the start, "wrote: You son of …" after a colon), a capital a name carries does not.
  const capitalised =
    SENTENCE_START.test(before) || LINE_START.test(text.slice(line.start, start)) || candidate.pattern.lowercaseOpeners.includes(/^\p{Lu}\p{Ll}*/u.exec(actual)?.[0].toLowerCase() ?? '')
  // A headline in capitals keeps its capitals; an acronym (APU) alone is not shouting.
  const shouting = /\p{L}\s+\p{L}/u.test(actual) && actual === actual.toUpperCase() && actual !== actual.toLowerCase()
  const expected: string[] = []
  for (const template of entry.entry.right) {
    let rendered = fill(template)
    if (rendered === undefined) continue
    rendered = agreeArticles(rendered.replace(/[^\S\n]{2,}/g, ' ').trim())
    // "Russia's Kremlin Palace" becomes "Russia's Kremlin", not "Russia's the Kremlin".
    if (/^the /i.test(rendered) && DETERMINER_BEFORE.test(before)) rendered = rendered.slice(4)
    if (shouting) rendered = rendered.toUpperCase()
    else if (capitalised && rendered !== '') rendered = rendered[0]!.toUpperCase() + rendered.slice(1)
    if (!expected.includes(rendered)) expected.push(rendered)
  }
  if (expected.length === 0 || expected.includes(text.slice(start, end))) return undefined
  // "sought a restraint warrant" → "sought an arrest warrant": an article before the span that no
  // longer agrees with a rendering is taken into the span and agreed.
  const article = deletes ? null : /(?:^|[^\p{L}\p{N}])([Aa]n?)[^\S\n]+$/u.exec(before)
  if (article && expected.some((rendering) => rendering !== '' && articleBefore(rendering) !== article[1]!.toLowerCase())) {
    start -= before.length - before.lastIndexOf(article[1]!, before.length - 1)
    const capital = article[1]![0] === 'A'
    for (const [index, rendering] of expected.entries()) {
      const agreed = articleBefore(rendering)
      expected[index] = `${capital ? agreed[0]!.toUpperCase() + agreed.slice(1) : agreed} ${rendering}`
    }
  }

  const {entry: data, key} = entry
  const reason = fill(data.message ?? `${data.source} rendered as ${data.sense.wrong} instead of ${data.sense.right}`) ?? data.source
  const note = `${fill(data.note) ?? data.note} (pack entry \`${key}\`)`
  return {
    entry,
    start,
    end,
    expected,
    fix: data.fix ? {start, end, text: expected[0]!} : undefined,
    reason,
    note,
    severity: data.severity
  }
}

/** The indefinite article a word takes, by its first sound (spelling approximates it). */
function articleBefore(word: string): 'a' | 'an' {
  // Initialisms read letter by letter: "an FBI agent", "an NGO", but "a UN envoy".
  if (/^[A-Z]{2}/.test(word)) return /^[AEFHILMNORSX]/.test(word) ? 'an' : 'a'
  const vowel = /^(?:[aeio]|u(?!ni|s[aeiu]|r[aeiou]|k)|hour|honest|honou?r|heir)/i.test(word) && !/^(?:one|once|eu)/i.test(word)
  return vowel ? 'an' : 'a'
}

/** Fixes "a" and "an" inside a rendering after a slot changed the next word ("an position"). */
function agreeArticles(rendered: string): string {
  return rendered.replace(/(?<![\p{L}\p{N}])([Aa])n? (?=([\p{L}\p{N}]+))/gu, (_, article: string, word: string) => `${article}${articleBefore(word).slice(1)} `)
}

/** Keeps the longest of overlapping findings (then the earliest); returns them in text order. */
function resolveOverlaps(findings: Finding[]): Finding[] {
  const byLength = [...findings].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)
  const kept: Finding[] = []
  for (const finding of byLength) {
    if (kept.some((other) => other.start < finding.end && finding.start < other.end)) continue
    kept.push(finding)
  }
  return kept.sort((a, b) => a.start - b.start)
}
