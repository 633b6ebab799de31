// `markup-residue`: HTML and CMS debris left in scraped text: tags, leaked attributes, entities,
// shortcodes, leaked scripts and Cloudflare's e-mail placeholders.
import type {Line} from '../../src/analysis.js'
import {lineRemoval} from '../../src/fix.js'
import {defineRule, type Fix} from '../../src/rule.js'
import {AD_SHORTCODE, BLOCK_TAG, decodeEntity, lineResidues, MARKUP_KINDS, type Residue, type ResidueKind} from '../../src/markup.js'

export interface MarkupResidueOptions {
  /** What `&nbsp;` becomes: `space` (a plain space, the default) or `nbsp` (U+00A0). */
  nbsp: 'space' | 'nbsp'
  /** Report Cloudflare e-mail placeholders inside prose (they cannot be fixed). Default true. */
  placeholders: boolean
}

const WHAT: Partial<Record<ResidueKind, string>> = {
  tag: 'a tag',
  attributes: 'attributes of a tag',
  fragment: 'the end of a tag',
  comment: 'an HTML comment'
}

// Words of a line besides the placeholder: below this the line is a byline or contact line, `boilerplate`'s.
const PROSE_WORDS = 8

export default defineRule<MarkupResidueOptions>({
  meta: {
    id: 'markup-residue',
    description: 'Leaked HTML tags and attributes, HTML entities, shortcodes, scripts and e-mail placeholders',
    fixable: true,
    recommended: 'warn',
    // Decoding `&#8217;` or dropping a tag inside a quotation leaves the speaker's words as they were.
    fixesInsideQuotes: true,
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        nbsp: {enum: ['space', 'nbsp']},
        placeholders: {type: 'boolean'}
      }
    },
    defaultOptions: {nbsp: 'space', placeholders: true},
    messages: {
      markup: 'Unexpected leaked HTML `{{excerpt}}` ({{what}})',
      shortcode: 'Unexpected shortcode `{{excerpt}}`',
      script: 'Unexpected leaked script `{{excerpt}}`',
      entity: 'Unexpected HTML entity `{{actual}}`, expected `{{decoded}}`',
      invisibleEntity: 'Unexpected HTML entity `{{actual}}` (an invisible character), expected nothing',
      placeholder: 'Unexpected `{{actual}}` (an e-mail address hidden by Cloudflare when the page was scraped)'
    }
  },

  check({text, analysis, options, report}) {
    for (const [index, line] of analysis.lines.entries()) {
      if (line.end === line.start) continue
      const residues = lineResidues(analysis, index)
      if (residues.length === 0) continue

      if (isMarkupOnly(text, line, residues, options)) {
        const markup = residues.filter((residue) => MARKUP_KINDS.has(residue.kind))
        // A line of ad-slot shortcodes is an ad slot: `boilerplate` reports it.
        if (markup.every((residue) => residue.kind === 'shortcode' && AD_SHORTCODE.test(text.slice(residue.start, residue.end)))) continue
        const start = line.start + (line.text.length - line.text.trimStart().length)
        const end = line.start + line.text.trimEnd().length
        reportMarkup(markup[0]!.kind, markup, start, end, lineRemoval(text, start, end))
        continue
      }

      for (const run of markupRuns(text, residues)) {
        reportMarkup(run[0]!.kind, run, run[0]!.start, run[run.length - 1]!.end, inlineRemoval(text, line, run))
      }
      let lineWords: number | undefined
      for (const residue of residues) {
        if (residue.kind === 'entity') reportEntity(line, residue)
        else if (residue.kind === 'placeholder' && options.placeholders && (lineWords ??= proseWords(line.text)) - proseWords(text.slice(residue.start, residue.end)) >= PROSE_WORDS) {
          report({
            messageId: 'placeholder',
            start: residue.start,
            end: residue.end,
            note: 'The page hid the address behind a script; the text kept only the placeholder. Restore the address from the source or drop the sentence that gives it.'
          })
        }
      }
    }

    function reportMarkup(kind: ResidueKind, run: Residue[], start: number, end: number, fix: Fix | undefined) {
      const excerpt = shorten(text.slice(start, end))
      if (kind === 'script') {
        report({messageId: 'script', data: {excerpt}, start, end, fix, note: 'An ad or embed script leaked into the text when the page was scraped.'})
      } else if (kind === 'shortcode') {
        report({messageId: 'shortcode', data: {excerpt}, start, end, fix, note: 'A CMS shortcode is an instruction to the publishing system, not text.'})
      } else {
        const what = run.map((residue) => WHAT[residue.kind]).find(Boolean) ?? 'markup'
        report({messageId: 'markup', data: {excerpt, what}, start, end, fix, note: 'HTML that leaked into the text when the page was scraped.'})
      }
    }

    function reportEntity(line: Line, residue: Residue) {
      const decoded = decodeEntity(text.slice(residue.start, residue.end))!
      let replacement = decoded === '\u00A0' && options.nbsp === 'space' ? ' ' : decoded
      if (/^\p{Cf}+$/u.test(replacement)) {
        report({messageId: 'invisibleEntity', start: residue.start, end: residue.end, expected: [''], fix: {start: residue.start, end: residue.end, text: ''}})
        return
      }
      // A space entity beside a space would make a double space.
      if (/^\s$/.test(replacement) && (/\s/.test(text[residue.start - 1] ?? '') || /\s/.test(text[residue.end] ?? '') || residue.end === line.end)) replacement = ''
      report({
        messageId: replacement === '' ? 'invisibleEntity' : 'entity',
        data: {decoded: replacement},
        start: residue.start,
        end: residue.end,
        expected: [replacement],
        fix: {start: residue.start, end: residue.end, text: replacement},
        note: 'An HTML entity was left undecoded when the page was turned into text.'
      })
    }
  }
})

/** A line with nothing but markup (and entities that stand for space) on it. */
function isMarkupOnly(text: string, line: Line, residues: Residue[], options: MarkupResidueOptions): boolean {
  if (!residues.some((residue) => MARKUP_KINDS.has(residue.kind))) return false
  let rest = ''
  let cursor = line.start
  for (const residue of residues) {
    rest += text.slice(cursor, residue.start)
    if (residue.kind === 'entity' || residue.kind === 'placeholder') {
      const decoded = residue.kind === 'entity' ? decodeEntity(text.slice(residue.start, residue.end))! : 'x'
      rest += options.nbsp === 'space' && decoded === '\u00A0' ? ' ' : decoded
    }
    cursor = residue.end
  }
  rest += text.slice(cursor, line.end)
  return /^[\s\p{Cf}]*$/u.test(rest)
}

/** Markup residues with only spaces between them, taken as one piece. */
function markupRuns(text: string, residues: Residue[]): Residue[][] {
  const runs: Residue[][] = []
  for (const residue of residues) {
    if (!MARKUP_KINDS.has(residue.kind)) continue
    const run = runs[runs.length - 1]
    const last = run?.[run.length - 1]
    if (run && last && /^[ \t]*$/.test(text.slice(last.end, residue.start)) && kindGroup(last.kind) === kindGroup(residue.kind)) run.push(residue)
    else runs.push([residue])
  }
  return runs
}

function kindGroup(kind: ResidueKind): string {
  return kind === 'shortcode' || kind === 'script' ? kind : 'markup'
}

/** Removes markup inside a line, keeping exactly one space where words meet. */
function inlineRemoval(text: string, line: Line, run: Residue[]): Fix {
  const start = run[0]!.start
  const end = run[run.length - 1]!.end
  // Scanned outwards from the run only, so a huge one-line document stays linear.
  let spacesBefore = 0
  while (start - spacesBefore > line.start && /\s/.test(text[start - spacesBefore - 1]!)) spacesBefore++
  let spacesAfter = 0
  while (end + spacesAfter < line.end && /\s/.test(text[end + spacesAfter]!)) spacesAfter++
  if (start - spacesBefore === line.start) return {start, end: end + spacesAfter, text: ''}
  if (end + spacesAfter === line.end) return {start: start - spacesBefore, end: line.end, text: ''}
  if (spacesBefore > 0 && spacesAfter > 0) return {start, end: end + spacesAfter, text: ''}
  if (spacesBefore > 0 || spacesAfter > 0) return {start, end, text: ''}
  // Glued on both sides: a block tag or a tag's attributes stood where a break was.
  const breaks = run.some((residue) => residue.kind !== 'tag' || BLOCK_TAG.test(text.slice(residue.start, residue.end)))
  return {start, end, text: breaks ? ' ' : ''}
}

function proseWords(lineText: string): number {
  return lineText.split(/\s+/).filter((word) => /\p{L}/u.test(word)).length
}

function shorten(value: string, max = 60): string {
  // Only the head is shown, so only the head is flattened (a copy may be a whole document long).
  const flat = value.slice(0, max * 4).replace(/\s+/g, ' ')
  return flat.length <= max && value.length <= max * 4 ? flat : `${flat.slice(0, max - 1)}…`
}
