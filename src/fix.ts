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
