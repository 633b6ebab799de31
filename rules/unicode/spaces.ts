// Where a no-break, thin or narrow space is typography rather than an `&nbsp;` left by a scraper.

// Short tokens that follow a number as its unit: %, °C, km, kg, bn, p.m., km/h, m².
const UNIT = /^(?:[%‰‱°′″]\p{L}?|[€$£¥₩₽₹¢]|\p{L}{1,4}(?:[./²³]\p{L}{0,2}){0,2}\.?)[,.;:!?)\]]*$/u
const TITLE = /^(?:Mr|Mrs|Ms|Mx|Dr|Prof|St|Mt|Ft|Sen|Rep|Gov|Gen|Col|Lt|Capt|Sgt|Cpl|Maj|Adm|Rev|Fr|Sr|Jr|Hon|Pres|Supt|Insp|Det|Sir|Dame|Lord|Lady)\.?$/
const INITIAL = /^\p{Lu}\.$/u
const ROMAN_NUMERAL = /^[IVXLC]{1,6}[,.;:!?)\]]*$/
const DASH = /^[\u2013\u2014]/
const DASH_END = /[\u2013\u2014]$/
// French spacing: before ; : ! ? » › and after « ‹.
const FRENCH_BEFORE = /^[;:!?»›]/
const FRENCH_AFTER = /[«‹]$/
const DIGIT_END = /\p{N}$/u
const DIGIT_START = /^\p{N}/u
const CAPITALISED = /^\p{Lu}/u

/** The run of non-space characters ending at `end` (exclusive). */
function tokenBefore(text: string, end: number): string {
  let start = end
  while (start > 0 && !/\s/.test(text[start - 1]!)) start--
  return text.slice(start, end)
}

function tokenAfter(text: string, start: number): string {
  let end = start
  while (end < text.length && !/\s/.test(text[end]!)) end++
  return text.slice(start, end)
}

/**
 * Whether one special space at `index` sits where typography wants a space that does not break:
 * digit groups (10 000), a number and its unit (5 km, 20 %), a short label and its number (No. 5,
 * p. 12, € 5), a title or an initial and a name (Mr. Kim, J. R. R.), a regnal number (Elizabeth
 * II), either side of a dash, and French punctuation.
 */
export function isTypographicSpace(text: string, index: number): boolean {
  const before = tokenBefore(text, index)
  const after = tokenAfter(text, index + 1)
  if (!before || !after) return false
  if (DIGIT_END.test(before) && (DIGIT_START.test(after) || UNIT.test(after))) return true
  if (DIGIT_START.test(after) && before.length <= 4) return true
  if (TITLE.test(before) || INITIAL.test(before)) return true
  if (CAPITALISED.test(before) && ROMAN_NUMERAL.test(after)) return true
  if (DASH.test(after) || DASH_END.test(before)) return true
  return FRENCH_BEFORE.test(after) || FRENCH_AFTER.test(before)
}
