// Windows of a large text. parse-english's trees take some 100 bytes per character, so an 8 MB file
// parsed whole needs over a gigabyte. The engine lints such a text as a run of windows of whole
// lines, one tree alive at a time, and moves every finding to its place in the whole text.
//
// A window reports on its *core*; the cores cut the text in order, without gaps or overlap, at a
// paragraph boundary (after a blank line) where there is one in the second half of the target size,
// else after a line break, so a line is never cut in two. Only a line longer than twice the target
// is cut inside, after a sentence end or a space where there is one, never inside a surrogate pair.
// Each window also parses and checks a *margin* of a few whole lines on either side, for rules that
// read a line's neighbours (a copy glued onto the line above, furniture at the head or tail of an
// article): a finding is kept by the window whose core holds its start, so none is reported twice.

/** Texts longer than this many UTF-16 code units are linted in windows. */
export const WINDOW_THRESHOLD = 524_288

/** Default target size of a window, in UTF-16 code units. */
export const WINDOW_SIZE = 65_536

export interface WindowOptions {
  /** Texts longer than this are cut into windows. Default `WINDOW_THRESHOLD`; `Infinity` never cuts. */
  threshold?: number
  /** Target size of a window. Default `WINDOW_SIZE`. */
  size?: number
}

/** Lines of context taken on either side of a core that are not blank. */
export const MARGIN_LINES = 4

export interface TextWindow {
  /** The core: the span this window reports on (0-based UTF-16 offsets into the whole text). */
  start: number
  end: number
  /** What the window parses and checks: the core with its margins. `from` is a line start unless the core's is not. */
  from: number
  to: number
}

/** Whether a text of this length is linted in windows. */
export function isWindowed(length: number, options: WindowOptions = {}): boolean {
  return length > (options.threshold ?? WINDOW_THRESHOLD)
}

/**
 * The windows of a text, in text order, or undefined when the text is linted whole. Every core is at
 * most twice `size` long (a line up to twice the size is kept whole; the last core takes what
 * remains once that is at most 1.5 times the size, so no window is a sliver), and each margin at
 * most half the size and 16,384 code units.
 */
export function textWindows(text: string, options: WindowOptions = {}): TextWindow[] | undefined {
  if (!isWindowed(text.length, options)) return undefined
  const size = Math.max(16, Math.floor(Math.min(options.size ?? WINDOW_SIZE, text.length)))
  const margin = Math.max(1, Math.min(16_384, size >> 1))
  const windows: TextWindow[] = []
  for (let start = 0; start < text.length; ) {
    const end = text.length - start <= size * 1.5 ? text.length : cutAfter(text, start, size)
    windows.push({start, end, from: marginBefore(text, start, margin), to: marginAfter(text, end, margin)})
    start = end
  }
  return windows
}

/** Where a core that starts at `start` ends: the start of the next core. */
function cutAfter(text: string, start: number, size: number): number {
  const target = start + size
  const half = start + (size >> 1)
  // A paragraph boundary in the second half: the line ending at the break before `target` is blank.
  for (let newline = text.lastIndexOf('\n', target - 1); newline >= half; newline = text.lastIndexOf('\n', newline - 1)) {
    if (blankBefore(text, newline)) return newline + 1
  }
  // Else after the last line break before the target.
  const newline = text.lastIndexOf('\n', target - 1)
  if (newline >= start) return newline + 1
  // The line running through the target started at `start`: kept whole if it is not too long.
  const lineEnd = text.indexOf('\n', target)
  if (lineEnd !== -1 && lineEnd + 1 - start <= 2 * size) return lineEnd + 1
  if (lineEnd === -1 && text.length - start <= 2 * size) return text.length
  return cutInsideLine(text, start, target)
}

/** Whether the line that ends at the line break at `newline` holds nothing but white space. */
function blankBefore(text: string, newline: number): boolean {
  for (let index = newline - 1; index >= 0; index--) {
    const code = text.charCodeAt(index)
    if (code === 10) return true
    if (!(code === 32 || code === 9 || code === 13 || code === 0xa0 || code === 0x3000)) return false
  }
  return true
}

/** A cut inside one long line, at most `target`: after a sentence end, else after a space, else at the target. */
export function cutInsideLine(text: string, start: number, target: number): number {
  const half = start + ((target - start) >> 1)
  for (let space = text.lastIndexOf(' ', target - 1); space >= half; space = text.lastIndexOf(' ', space - 1)) {
    if (/[.!?…]["'”’)\]]*$/.test(text.slice(Math.max(start, space - 4), space))) return space + 1
  }
  const space = text.lastIndexOf(' ', target - 1)
  if (space >= half) return space + 1
  const code = text.charCodeAt(target - 1)
  return code >= 0xd800 && code <= 0xdbff ? target - 1 : target
}

/** Start of the margin before a core: whole lines back from `start`, up to `MARGIN_LINES` lines with text and `budget` code units. */
function marginBefore(text: string, start: number, budget: number): number {
  // A core that starts inside a line (a cut long line) has no whole line before it to add.
  if (start === 0 || text.charCodeAt(start - 1) !== 10) return start
  let from = start
  let lines = 0
  while (from > 0 && lines < MARGIN_LINES) {
    // lastIndexOf clamps a negative start to 0, which would find the line break at offset 0 itself.
    const lineStart = from >= 2 ? text.lastIndexOf('\n', from - 2) + 1 : 0
    if (start - lineStart > budget) break
    if (/\S/.test(text.slice(lineStart, from))) lines++
    from = lineStart
  }
  return from
}

/** End of the margin after a core: whole lines on from `end`, up to `MARGIN_LINES` lines with text and `budget` code units. */
function marginAfter(text: string, end: number, budget: number): number {
  if (end === text.length || text.charCodeAt(end - 1) !== 10) return end
  let to = end
  let lines = 0
  while (to < text.length && lines < MARGIN_LINES) {
    const newline = text.indexOf('\n', to)
    const lineEnd = newline === -1 ? text.length : newline + 1
    if (lineEnd - end > budget) break
    if (/\S/.test(text.slice(to, lineEnd))) lines++
    to = lineEnd
  }
  return to
}
