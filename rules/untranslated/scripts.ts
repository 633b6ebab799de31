// Runs of non-Latin script in a line of English copy. A run starts and ends on a letter of a script
// other than Latin; spaces, digits and punctuation between such letters stay inside it, so a
// Korean phrase is one run, not one per word. Latin letters with accents (Éric, Nguyễn, Erdoğan)
// are Latin; emoji, symbols and punctuation belong to no script and never start a run.

/** Scripts named in messages and accepted by the `allowScripts` option (Unicode script names). */
export const SCRIPTS = [
  'Hangul', 'Han', 'Hiragana', 'Katakana', 'Bopomofo', 'Cyrillic', 'Greek', 'Arabic', 'Hebrew', 'Syriac', 'Thaana',
  'Thai', 'Lao', 'Khmer', 'Myanmar', 'Tibetan', 'Mongolian', 'Devanagari', 'Bengali', 'Gurmukhi', 'Gujarati', 'Oriya',
  'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala', 'Georgian', 'Armenian', 'Ethiopic'
] as const
export type ScriptName = (typeof SCRIPTS)[number] | 'Other'

const SCRIPT_TESTS = SCRIPTS.map((name) => ({name, pattern: new RegExp(`^\\p{Script=${name}}$`, 'u')}))
const NON_LATIN_LETTER = /(?![\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}])\p{L}/u
const LATIN_LETTER = /^\p{Script=Latin}$/u
const MARK = /^\p{M}$/u
const LETTER = /^\p{L}$/u
/** Hangul filler letters are invisible padding, not text (an invisible-characters matter). */
const FILLERS = new Set(['\u115F', '\u1160', '\u3164', '\uFFA0'])

export interface Run {
  start: number
  end: number
  scripts: Set<ScriptName>
  /** Letters of non-Latin script in the run. */
  letters: number
  /** The longest unbroken sequence of those letters (a lone Greek letter is a symbol: β-blocker). */
  longestWord: number
}

export interface LineRuns {
  runs: Run[]
  latinLetters: number
}

const scriptCache = new Map<string, ScriptName | null>()

/** The script of a character when it is a non-Latin letter, else null. */
function scriptOf(char: string): ScriptName | null {
  let script = scriptCache.get(char)
  if (script === undefined) {
    script = LETTER.test(char) && NON_LATIN_LETTER.test(char) && !FILLERS.has(char)
      ? (SCRIPT_TESTS.find((test) => test.pattern.test(char))?.name ?? 'Other')
      : null
    scriptCache.set(char, script)
  }
  return script
}

// Latin-1 and general punctuation (curly quotes, dashes) hold no letter of a non-Latin script. A
// negated class of three ranges scans a line several times faster than NON_LATIN_LETTER, whose
// look-ahead runs at every position.
const BEYOND_LATIN_1 = /[^\x00-\xFF\u2010-\u205E]/

/** Whether a line could hold a run at all: most lines of English copy cannot, and are skipped fast. */
export function mayHoldRuns(line: string): boolean {
  return BEYOND_LATIN_1.test(line) && NON_LATIN_LETTER.test(line)
}

/** Whether any line of a text could hold a run: a text that cannot (most) is not split into lines. */
export function textMayHoldRuns(text: string): boolean {
  return BEYOND_LATIN_1.test(text)
}

export function findRuns(text: string, start: number, end: number): LineRuns {
  const runs: Run[] = []
  let latinLetters = 0
  let run: Run | undefined
  let word = 0
  for (let index = start; index < end; ) {
    const code = text.codePointAt(index)!
    const char = String.fromCodePoint(code)
    const width = char.length
    const script = code < 0x80 ? null : scriptOf(char)
    if (script) {
      if (!run) run = {start: index, end: index + width, scripts: new Set(), letters: 0, longestWord: 0}
      run.scripts.add(script)
      run.letters++
      run.end = index + width
      word++
      run.longestWord = Math.max(run.longestWord, word)
    } else if (run && run.end === index && MARK.test(char)) {
      run.end = index + width
    } else {
      word = 0
      if (code < 0x80 ? /[A-Za-z]/.test(char) : LATIN_LETTER.test(char)) {
        latinLetters++
        if (run) runs.push(run)
        run = undefined
      }
    }
    index += width
  }
  if (run) runs.push(run)
  return {runs, latinLetters}
}

/** "Korean (Hangul)", "Japanese", "Cyrillic", … for messages. */
export function scriptLabel(scripts: Set<ScriptName>): string {
  if (scripts.has('Hiragana') || scripts.has('Katakana')) return 'Japanese'
  if (scripts.has('Hangul')) return 'Korean (Hangul)'
  if (scripts.has('Han')) return 'Chinese-character (Han)'
  return [...scripts].map((script) => (script === 'Other' ? 'non-Latin' : script)).join(' and ')
}

/**
 * Cyrillic and Greek letters that look like Latin ones. A word of Latin letters with one of these
 * inside ("Moscоw" with a Cyrillic о) is a look-alike, not untranslated text, and has one fix.
 */
export const LOOKALIKES: ReadonlyMap<string, string> = new Map([
  ['а', 'a'], ['е', 'e'], ['о', 'o'], ['р', 'p'], ['с', 'c'], ['у', 'y'], ['х', 'x'], ['і', 'i'], ['ј', 'j'], ['ѕ', 's'],
  ['ԁ', 'd'], ['һ', 'h'], ['ӏ', 'l'], ['ԛ', 'q'], ['ԝ', 'w'],
  ['А', 'A'], ['В', 'B'], ['Е', 'E'], ['К', 'K'], ['М', 'M'], ['Н', 'H'], ['О', 'O'], ['Р', 'P'], ['С', 'C'], ['Т', 'T'],
  ['Х', 'X'], ['І', 'I'], ['Ј', 'J'], ['Ѕ', 'S'],
  ['ο', 'o'], ['Α', 'A'], ['Β', 'B'], ['Ε', 'E'], ['Ζ', 'Z'], ['Η', 'H'], ['Ι', 'I'], ['Κ', 'K'], ['Μ', 'M'], ['Ν', 'N'],
  ['Ο', 'O'], ['Ρ', 'P'], ['Τ', 'T'], ['Υ', 'Y'], ['Χ', 'X']
])
