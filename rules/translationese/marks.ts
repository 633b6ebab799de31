// Marks carried over from the source's typography: TeX-style quotes (``…'') that some Japanese→English
// pipelines make of 「…」, and the ▲ bullets Korean copy runs through its prose.
import type {CheckContext} from './context.js'

const TEX_QUOTE_NOTE =
  'Some translation pipelines turn Japanese 「…」 quotes into TeX-style ``…\'\' pairs, which no English reader ' +
  'takes for quotation marks.'
const BULLET_NOTE =
  'Korean copy strings list items through a paragraph with ▲ (and △ for sub-items); English runs the items into ' +
  'a sentence or sets them one to a line.'
const LINE_BULLET_NOTE =
  'Korean broadcast and agency copy opens lines with ■, ◆ or ▶ as section markers; English copy has no such marks.'

/** Korean list markers used inside running text. Before a digit, ▲ is an arrow ("KOSPI ▲12.3"), not a bullet. */
const INLINE_BULLET = /[▲△](?=\s*[^\s\d.,▲△])/g
/** Section markers at the start of a line, only in copy that looks translated from Korean. */
const LINE_BULLET = /^[ \t]*([■□◆◇▶▷])(?=\s*\S)/gm

export function checkTexQuotes(context: CheckContext): void {
  const {text, analysis, report} = context
  if (!text.includes('``')) return
  const [open, close] = context.quotes === 'curly' ? ['\u201C', '\u201D'] : ['"', '"']
  for (const line of analysis.lines) {
    // Searched within the line's own text, so a document without pairs costs one pass, not one per line.
    const within = (needle: string, from: number) => {
      const found = line.text.indexOf(needle, from - line.start)
      return found === -1 ? -1 : line.start + found
    }
    let from = line.start
    for (;;) {
      const start = within('``', from)
      if (start === -1) break
      // The closing '' must come before the next `` on the same line.
      const next = within('``', start + 2)
      const closing = within("''", start + 2)
      if (closing !== -1 && (next === -1 || closing < next)) {
        const inner = text.slice(start + 2, closing)
        const replacement = open + inner + close
        report({
          messageId: 'texQuotes',
          data: {inner, expected: replacement},
          start,
          end: closing + 2,
          expected: [replacement],
          fix: {start, end: closing + 2, text: replacement},
          note: TEX_QUOTE_NOTE
        })
        from = closing + 2
      } else if (next !== -1) {
        from = next + 2 // ``code`` in Markdown, not a quotation
      } else {
        report({messageId: 'texQuoteUnpaired', data: {expected: open}, start, end: start + 2, expected: [open], note: TEX_QUOTE_NOTE})
        from = start + 2
      }
    }
  }
}

// Every bullet, inline or at the start of a line: text without one (nearly all) skips both checks.
const ANY_BULLET = /[▲△■□◆◇▶▷]/

export function checkBullets(context: CheckContext): void {
  const {text, analysis, report} = context
  if (!ANY_BULLET.test(text)) return
  for (const line of analysis.lines) {
    if (!/[▲△]/.test(line.text)) continue
    const bullets = [...line.text.matchAll(INLINE_BULLET)]
    for (const match of bullets) {
      // A list has several bullets, or starts the line, or opens a caption ("▲'Summit' …"); a lone
      // ▲ in a sentence ("the ▲ and ▼ icons") is only the symbol being mentioned.
      const listLike =
        bullets.length >= 2 || /^\s*$/.test(line.text.slice(0, match.index)) || /^\s*['‘"“\p{Lu}]/u.test(line.text.slice(match.index + 1))
      if (listLike) report({messageId: 'bullet', start: line.start + match.index, end: line.start + match.index + 1, note: BULLET_NOTE})
    }
  }
  if (!/^[ \t]*[■□◆◇▶▷]/m.test(text) || !context.provenance().languages.includes('ko')) return
  for (const match of text.matchAll(LINE_BULLET)) {
    const start = match.index + match[0].length - 1
    report({messageId: 'bullet', start, end: start + 1, note: LINE_BULLET_NOTE})
  }
}
