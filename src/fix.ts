// Applying fixes to text, ESLint's way: in order, skipping any fix that overlaps or touches one
// already applied (it waits for the next pass, when it is recomputed against the new text).
import type {Fix} from './rule.js'

export interface AppliedFixes {
  output: string
  applied: Fix[]
  skipped: Fix[]
}

export function applyFixes(text: string, fixes: readonly Fix[]): AppliedFixes {
  const sorted = [...fixes].sort((a, b) => a.start - b.start || a.end - b.end)
  const applied: Fix[] = []
  const skipped: Fix[] = []
  let output = ''
  let cursor = 0
  let lastEnd = -1
  for (const fix of sorted) {
    if (fix.start < 0 || fix.end > text.length || fix.start > fix.end) {
      throw new RangeError(`Fix ${fix.start}..${fix.end} is outside the text (length ${text.length})`)
    }
    if (fix.start <= lastEnd) {
      skipped.push(fix)
      continue
    }
    output += text.slice(cursor, fix.start) + fix.text
    cursor = fix.end
    lastEnd = fix.end
    applied.push(fix)
  }
  output += text.slice(cursor)
  return {output, applied, skipped}
}

/**
 * The fix that deletes the whole lines holding `start..end`, line break included, so that no
 * double blank line is left: the smaller of the two separators around the block goes with it (the
 * one before it at the end of the text). Undefined when those lines are all the text there is.
 */
export function lineRemoval(text: string, start: number, end: number): Fix | undefined {
  const first = text.lastIndexOf('\n', start - 1) + 1
  const newline = text.indexOf('\n', end)
  let last = newline === -1 ? text.length : newline
  if (last > first && text.charCodeAt(last - 1) === 13) last--
  let before = first
  while (before > 0 && /\s/.test(text[before - 1]!)) before--
  let after = last
  while (after < text.length && /\s/.test(text[after]!)) after++
  if (after < text.length && after > last) {
    // Text follows: take the separator after the block, unless the one before it is the smaller.
    const following = newlines(text, last, after)
    if (before === 0 || following <= newlines(text, before, first)) return {start: first, end: lineStartAt(text, after), text: ''}
  }
  if (before === 0) return undefined
  return {start: before, end: last, text: ''}
}

function newlines(text: string, start: number, end: number): number {
  let count = 0
  for (let index = start; index < end; index++) if (text.charCodeAt(index) === 10) count++
  return count
}

function lineStartAt(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1
}
