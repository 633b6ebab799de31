// `boilerplate`: page furniture left in scraped and syndicated copy (copyright lines, bylines,
// photo credits, related links, share widgets, timestamps, comment forms...), found by a catalogue,
// by the plain-text signals extraction tools use, and by what recurs across a site's articles.
import type {Line} from '../../src/analysis.js'
import {lineRemoval} from '../../src/fix.js'
import {defineRule, type Fix} from '../../src/rule.js'
import {MAX_BODIES, mergeTemplateFacts, type TemplateFacts} from './facts.js'
import {builtinCatalogue, matchLine, TAIL_END, TAIL_HEAD, TAIL_WINDOW, type Entry, type LineMatch} from './catalogue.js'
import {countWords, fingerprint, furnitureSignal, hasGluedStory, isProse, isShortNonSentence, isStraySeparator, templateKey} from './signals.js'

export interface BoilerplateOptions {
  /** Agency attributions such as `(ANI)`: `report` as information (default), `remove`, or `off`. */
  attributions: 'report' | 'remove' | 'off'
  /** A photo credit glued to its caption: `report` (default) or `remove` the credit. */
  gluedPhotoCredits: 'report' | 'remove'
  /** Lines never reported (compared trimmed and case-insensitively). */
  allow: string[]
  /** Folder runs: fewest articles a head or tail line must recur in to be the site's template. Default 3. */
  templateMinArticles: number
  /** Folder runs: smallest share of the run's articles it must recur in. Default 0. */
  templateMinShare: number
  /** Folder runs: how many lines at the head and at the tail of each article are compared. Default 4. */
  templateWindow: number
  /** Folder runs: longest line, in words, taken for template (longer ones are story). Default 40. */
  templateMaxWords: number
}

export type {TemplateFacts} from './facts.js'

const catalogue = builtinCatalogue()

type Finding =
  | {type: 'catalogue'; match: LineMatch}
  | {type: 'separator'}
  | {type: 'signal'; signal: string}
  | {type: 'template'; count: number; articles: number}
  | {type: 'between'; fixable: boolean}

interface Item {
  line: Line
  /** Index among the non-blank lines. */
  position: number
  keep: boolean
  prose: boolean
  match?: LineMatch
  finding?: Finding
}

export default defineRule<BoilerplateOptions, TemplateFacts>({
  meta: {
    id: 'boilerplate',
    description: 'Page furniture in the story text: copyright lines, bylines, photo credits, related links, share widgets, timestamps, site templates',
    fixable: true,
    recommended: 'warn',
    // Only whole furniture lines and tails are removed; nobody's quoted words are rewritten.
    fixesInsideQuotes: true,
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        attributions: {enum: ['report', 'remove', 'off']},
        gluedPhotoCredits: {enum: ['report', 'remove']},
        allow: {type: 'array', items: {type: 'string'}},
        templateMinArticles: {type: 'integer', minimum: 2},
        templateMinShare: {type: 'number', minimum: 0, maximum: 1},
        templateWindow: {type: 'integer', minimum: 1},
        templateMaxWords: {type: 'integer', minimum: 1}
      }
    },
    defaultOptions: {
      attributions: 'report',
      gluedPhotoCredits: 'report',
      allow: [],
      templateMinArticles: 3,
      templateMinShare: 0,
      templateWindow: 4,
      templateMaxWords: 40
    },
    messages: {
      furniture: 'Unexpected {{kind}} `{{excerpt}}` (page furniture, not part of the story)',
      attribution: 'Unexpected {{kind}} `{{excerpt}}` in the story text (it names the source: keep it as metadata)',
      photoCredit: 'Unexpected photo credit `{{actual}}` glued to a caption (the photo is not in the text)',
      siteTemplate: 'Unexpected site template line `{{excerpt}}` (at the head or tail of {{count}} of {{articles}} articles)',
      edgeFurniture: 'Unexpected `{{excerpt}}` at the {{edge}} of the article (page furniture: {{signal}})'
    }
  },

  collect({analysis, options}) {
    const lines = analysis.lines.filter((line) => /\S/.test(line.text)).map((line) => line.text.trim())
    const window = windowPositions(lines.length, options.templateWindow)
    const body = lines.filter((_, position) => !window.has(position))
    const story = fingerprint(templateKey(longest(body.length > 0 ? body : lines)))
    const facts: TemplateFacts = {articles: 1, lines: {}}
    for (const position of window) {
      const text = lines[position]!
      const key = templateKey(text)
      if (key.length < 4 || countWords(text, options.templateMaxWords + 1) > options.templateMaxWords) continue
      facts.lines[key] = {count: 1, bodies: [story]}
    }
    return facts
  },

  merge: mergeTemplateFacts,

  check({text, analysis, options, facts, report}) {
    const allowed = new Set(options.allow.map((line) => line.trim().toLowerCase()))
    const items: Item[] = []
    for (const line of analysis.lines) {
      if (!/\S/.test(line.text)) continue
      const item: Item = {line, position: items.length, keep: false, prose: false}
      if (allowed.size > 0 && allowed.has(line.text.trim().toLowerCase())) item.keep = true
      else {
        item.match = classify(line.text)
        if (item.match?.entry.action === 'keep') item.keep = true
      }
      const storyText = item.match && !item.match.whole ? line.text.slice(0, item.match.cut) : line.text
      item.prose = !item.keep && !(item.match?.whole && item.match.entry.where === 'anywhere') && isProse(storyText)
      items.push(item)
    }
    // A hashtag line right above a tweet's signature is the end of the tweet.
    for (const [position, item] of items.entries()) {
      if (item.match?.entry.id === 'hashtags' && items[position + 1]?.match?.entry.id === 'tweet-signature') {
        item.keep = true
        item.match = undefined
      }
    }

    const proseLines = items.filter((item) => item.prose)
    const first = proseLines[0]?.position ?? Infinity
    const last = proseLines[proseLines.length - 1]?.position ?? -Infinity
    const edgeOf = (item: Item): 'head' | 'tail' | undefined => (item.position < first ? 'head' : item.position > last ? 'tail' : undefined)
    // Never remove what would leave no story at all.
    const canFix = proseLines.length > 0

    for (const item of items) {
      if (item.keep) continue
      const edge = edgeOf(item)
      if (item.match && !(item.match.entry.where === 'edge' && !edge)) item.finding = {type: 'catalogue', match: item.match}
      else if (isStraySeparator(item.line.text)) item.finding = {type: 'separator'}
      else if (edge && !item.prose) {
        const signal = furnitureSignal(item.line.text)
        if (signal) item.finding = {type: 'signal', signal}
      }
    }

    if (facts) findTemplate(items, facts, options)
    findBetween(items, last)

    for (const item of items) {
      const finding = item.finding
      if (!finding) continue
      const {line} = item
      const trimmedStart = line.start + (line.text.length - line.text.trimStart().length)
      const trimmedEnd = line.start + line.text.trimEnd().length
      const excerpt = shorten(text.slice(trimmedStart, trimmedEnd))
      const wholeLine = canFix ? lineRemoval(text, trimmedStart, trimmedEnd) : undefined

      if (finding.type === 'catalogue') {
        const {match} = finding
        const {entry} = match
        const start = line.start + match.start
        const end = line.start + match.end
        const tail: Fix | undefined = canFix ? {start: line.start + match.cut, end, text: ''} : undefined
        // Story glued onto the furniture: where one ends and the other starts is a human's call.
        const glued = match.whole && hasGluedStory(line.text)
        const removal = glued ? undefined : match.whole ? wholeLine : tail
        const partExcerpt = shorten(text.slice(start, end))
        if (entry.action === 'attribution') {
          if (options.attributions === 'off') continue
          report({
            messageId: 'attribution',
            data: {kind: entry.kind, excerpt: partExcerpt},
            start,
            end,
            severity: 'info',
            fix: options.attributions === 'remove' ? removal : undefined,
            note: 'Wire copy names its agency in the text; it is worth keeping as the article’s source, outside the story (option `attributions`).'
          })
        } else if (entry.action === 'photo-credit' && !match.whole) {
          report({
            messageId: 'photoCredit',
            start,
            end,
            fix: options.gluedPhotoCredits === 'remove' ? removal : undefined,
            note: 'The rest of this line is most likely the photo’s caption. Removing the credit alone would leave the caption reading as story text, so it is not removed unless `gluedPhotoCredits` is `remove`.'
          })
        } else {
          report({
            messageId: 'furniture',
            data: {kind: entry.kind, excerpt: partExcerpt},
            start,
            end,
            fix: removal,
            note: glued
              ? `Story text is glued onto this ${entry.kind} without a line break; separate them by hand (catalogue entry \`${entry.id}\`).`
              : `This ${entry.kind} is page furniture that scraping turned into text, not part of the story (catalogue entry \`${entry.id}\`).`
          })
        }
      } else if (finding.type === 'separator') {
        report({messageId: 'furniture', data: {kind: 'stray separator', excerpt}, start: trimmedStart, end: trimmedEnd, fix: wholeLine, note: 'A line of separator characters left behind by an embed or a layout.'})
      } else if (finding.type === 'signal') {
        report({
          messageId: 'edgeFurniture',
          data: {excerpt, edge: edgeOf(item)!, signal: finding.signal},
          start: trimmedStart,
          end: trimmedEnd,
          fix: wholeLine,
          note: 'Outside the story’s first and last paragraphs, a line like this is page furniture, as extraction tools judge by link density.'
        })
      } else if (finding.type === 'template') {
        report({
          messageId: 'siteTemplate',
          data: {excerpt, count: finding.count, articles: finding.articles},
          start: trimmedStart,
          end: trimmedEnd,
          fix: wholeLine,
          note: `This line recurs at the head or tail of ${finding.count} articles of this run, in different stories: it is the site’s template, not this story (options \`templateMinArticles\`, \`templateMinShare\`).`
        })
      } else {
        report({
          messageId: 'edgeFurniture',
          data: {excerpt, edge: 'tail', signal: 'a short line among other page furniture'},
          start: trimmedStart,
          end: trimmedEnd,
          fix: finding.fixable ? wholeLine : undefined,
          note: finding.fixable
            ? 'A headline listed under a related-articles header.'
            : 'After the story’s last paragraph and between furniture lines; check it and remove it by hand if it is not part of the story.'
        })
      }
    }
  }
})

/** The first entry matching the whole line, else the longest glued tail (the earliest to start). */
function classify(lineText: string): LineMatch | undefined {
  if (!mayMatchCatalogue(lineText)) return undefined
  let tail: LineMatch | undefined
  for (const entry of catalogue) {
    const match = matchLine(entry, lineText)
    if (!match) continue
    if (match.whole) return match
    if (!tail || match.cut < tail.cut) tail = match
  }
  return tail
}

/**
 * The catalogue's patterns of each scope joined into one per flag set (the `contains` ones also per
 * longest line they apply to). A line none of them matches is matched by no entry: most lines of a
 * story, which then skip the entries one by one (each pattern a call, each tail a scan of the end of
 * the line). Undefined (no shortcut) if the patterns cannot be joined, as with back-references,
 * whose numbers joining would shift.
 */
const unions = joinCatalogue(catalogue)

function joinCatalogue(entries: Entry[]) {
  // Sources joined per flag set. When every source has the same head and end around its own part
  // (as the catalogue compiles `line` and `tail` patterns), those are written once around the parts:
  // the joined pattern then matches where any of them does, without trying each head everywhere.
  const join = (chosen: RegExp[], head = '', end = ''): RegExp[] => {
    const byFlags = new Map<string, RegExp[]>()
    for (const pattern of chosen) byFlags.set(pattern.flags, [...(byFlags.get(pattern.flags) ?? []), pattern])
    return [...byFlags].map(([flags, patterns]) => {
      const shared = head !== '' && patterns.every(({source}) => source.length > head.length + end.length && source.startsWith(head) && source.endsWith(end))
      const parts = patterns.map(({source}) => `(?:${shared ? source.slice(head.length, source.length - end.length) : source})`)
      return new RegExp(shared ? `${head}${parts.join('|')}${end}` : parts.join('|'), flags)
    })
  }
  const patterns = entries.flatMap((entry) => [entry.line, entry.contains, entry.tail].filter((pattern) => pattern !== undefined))
  if (patterns.some((pattern) => /\\[1-9]|\\k<|\(\?<[A-Za-z]/.test(pattern.source) || pattern.global || pattern.sticky)) return undefined
  const lengths = [...new Set(entries.filter((entry) => entry.contains).map((entry) => entry.maxLength))].sort((a, b) => b - a)
  try {
    return {
      line: join(
        entries.flatMap((entry) => (entry.line ? [entry.line] : [])),
        '^(?:',
        ')$'
      ),
      // Longest first: a line longer than a group's limit stops the search there.
      contains: lengths.map((maxLength) => ({
        maxLength,
        patterns: join(entries.flatMap((entry) => (entry.contains && entry.maxLength === maxLength ? [entry.contains] : [])))
      })),
      tail: join(
        entries.flatMap((entry) => (entry.tail ? [entry.tail] : [])),
        TAIL_HEAD,
        TAIL_END
      )
    }
  } catch {
    return undefined
  }
}

/** Whether any catalogue entry may match the line: false only when no entry's pattern can. */
function mayMatchCatalogue(text: string): boolean {
  if (!unions) return true
  // Whole-line patterns are tested on the trimmed line, as `matchLine` tests them.
  const trimmed = text.trim()
  for (const pattern of unions.line) if (pattern.test(trimmed)) return true
  const length = trimmed.length
  for (const {maxLength, patterns} of unions.contains) {
    if (length > maxLength) break
    for (const pattern of patterns) if (pattern.test(text)) return true
  }
  const end = text.length > TAIL_WINDOW ? text.slice(text.length - TAIL_WINDOW) : text
  for (const pattern of unions.tail) if (pattern.test(end)) return true
  return false
}

function findTemplate(items: Item[], facts: TemplateFacts, options: BoilerplateOptions): void {
  const window = windowPositions(items.length, options.templateWindow)
  const templates = templatesOf(facts, options)
  if (templates.size === 0) return
  for (const position of window) {
    const item = items[position]!
    if (item.keep || item.finding || item.match) continue
    const text = item.line.text.trim()
    if (countWords(text, options.templateMaxWords + 1) > options.templateMaxWords) continue
    const count = templates.get(templateKey(text))
    if (count !== undefined) item.finding = {type: 'template', count, articles: facts.articles}
  }
}

// The lines of a facts object that are site template under some options, by key, with their counts:
// found once per facts object and options (every article of a run is checked against the same facts).
const templateCache = new WeakMap<TemplateFacts, Map<string, Map<string, number>>>()

function templatesOf(facts: TemplateFacts, options: BoilerplateOptions): Map<string, number> {
  let byOptions = templateCache.get(facts)
  if (!byOptions) templateCache.set(facts, (byOptions = new Map()))
  const optionsKey = `${options.templateMinArticles} ${options.templateMinShare}`
  let templates = byOptions.get(optionsKey)
  if (templates) return templates
  templates = new Map()
  const distinct = Math.min(options.templateMinArticles, MAX_BODIES)
  for (const [key, seen] of Object.entries(facts.lines)) {
    if (seen.count < options.templateMinArticles || seen.bodies.length < distinct) continue
    if (seen.count / Math.max(facts.articles, 1) < options.templateMinShare) continue
    templates.set(key, seen.count)
  }
  byOptions.set(optionsKey, templates)
  return templates
}

/**
 * After the story's last prose line, a run of short lines with furniture above it and furniture
 * (or the end) below is furniture too, as jusText classifies short blocks by their neighbours.
 */
function findBetween(items: Item[], last: number): void {
  let position = Math.max(last + 1, 0)
  while (position < items.length) {
    const item = items[position]!
    if (item.finding || item.keep || !isShortNonSentence(item.line.text)) {
      position++
      continue
    }
    let end = position
    while (end < items.length && !items[end]!.finding && !items[end]!.keep && isShortNonSentence(items[end]!.line.text)) end++
    const above = items[position - 1]
    const below = items[end]
    if (above?.finding && position - 1 > last && (below === undefined || below.finding)) {
      const fixable = above.finding.type === 'catalogue' && above.finding.match.entry.id === 'related-header'
      for (let index = position; index < end; index++) items[index]!.finding = {type: 'between', fixable}
    }
    position = end
  }
}

function windowPositions(count: number, size: number): Set<number> {
  const positions = new Set<number>()
  for (let index = 0; index < Math.min(size, count); index++) {
    positions.add(index)
    positions.add(count - 1 - index)
  }
  return positions
}

function longest(lines: string[]): string {
  return lines.reduce((best, line) => (line.length > best.length ? line : best), '')
}

function shorten(value: string, max = 60): string {
  // Only the head is shown, so only the head is flattened (a copy may be a whole document long).
  const flat = value.slice(0, max * 4).replace(/\s+/g, ' ')
  return flat.length <= max && value.length <= max * 4 ? flat : `${flat.slice(0, max - 1)}…`
}
