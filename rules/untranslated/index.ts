// `untranslated`: source-language text left in English copy: runs of Hangul, Han, Kana, Cyrillic,
// Arabic or any other non-Latin script, whole lines of it, look-alike letters inside Latin words,
// and romanised source-language words ("udalenka", "naeronambul").
import {provenanceOf} from '../../src/provenance.js'
import {defineRule} from '../../src/rule.js'
import {findRomanised, isGlossed, LANGUAGE_NAMES} from './romanised.js'
import {findRuns, LOOKALIKES, mayHoldRuns, SCRIPTS, scriptLabel, textMayHoldRuns, type Run, type ScriptName} from './scripts.js'

export interface UntranslatedOptions {
  /** How to treat a short gloss in parentheses beside its English rendering: `info` (default), `report` or `ignore`. */
  glosses: 'info' | 'report' | 'ignore'
  /** Scripts never reported (Unicode script names, e.g. `Greek`). Default: none. */
  allowScripts: Array<(typeof SCRIPTS)[number]>
  /** Report romanised source-language words in articles with that provenance. Default: true. */
  romanised: boolean
  /** Romanised words never reported. Default: none. */
  ignore: string[]
}

/** A gloss is short: a name or a term, not a sentence. */
const MAX_GLOSS_LETTERS = 30
/** What else may stand in a gloss's parentheses beside the script: a romanisation, "Korean:", separators. */
const GLOSS_COMPANIONS = /^[\p{Script=Latin}\s,;:'’"“”‘.·・\-–/「」『』《》]*$/u
const OPEN_PARENS = new Set(['(', '（'])
const CLOSE_PARENS = new Set([')', '）'])

const RUN_NOTE =
  'Source-language text an English reader cannot read: a caption, quote, name or interface string the translation ' +
  'skipped. Translate it; for a name, give the romanised form.'
const LINE_NOTE =
  'A whole line in the source script: usually a caption, byline or copyright line left over from the original page. ' +
  'Translate it, or remove it if it is page furniture.'
const GLOSS_NOTE =
  'A short original-script gloss beside its English rendering is usually deliberate; it is reported only as information, ' +
  'for desks whose style does not print other scripts.'
const LOOKALIKE_NOTE =
  'A Cyrillic or Greek letter that looks like a Latin one, inside a Latin word: search, spell-checking and sorting ' +
  'treat the word as a different one. Usually pasted or keyboard-layout damage, sometimes deliberate spoofing.'
const ROMANISED_NOTE =
  'A romanised source-language word an English reader cannot be expected to know. Translate it, or keep it with an ' +
  'explanation on first use: "naeronambul (double standards)".'

export default defineRule<UntranslatedOptions>({
  meta: {
    id: 'untranslated',
    description: 'Source-language text left in English copy: non-Latin script runs and lines, look-alike letters, romanised words',
    fixable: true,
    // A look-alike letter is not a change of wording: it is fixed inside quotations too.
    fixesInsideQuotes: true,
    recommended: 'warn',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        glosses: {enum: ['info', 'report', 'ignore']},
        allowScripts: {type: 'array', items: {enum: [...SCRIPTS]}, uniqueItems: true},
        romanised: {type: 'boolean'},
        ignore: {type: 'array', items: {type: 'string'}}
      }
    },
    defaultOptions: {glosses: 'info', allowScripts: [], romanised: true, ignore: []},
    messages: {
      run: 'Unexpected {{script}} text `{{actual}}` in English copy',
      line: 'Unexpected line in {{script}} `{{actual}}` in English copy',
      gloss: 'Unexpected {{script}} gloss `{{actual}}` beside `{{rendering}}` (usually deliberate)',
      lookalike: 'Unexpected {{script}} letter in `{{actual}}` (a look-alike of a Latin letter), expected `{{expected}}`',
      romanised: 'Unexpected romanised {{language}} word `{{actual}}`, expected {{meanings}}',
      romanisedUnknown: 'Unexpected romanised {{language}} `{{actual}}` (not English, not a name)'
    }
  },

  check: async ({text, file, analysis, options, env, report}) => {
    const allowed = new Set<ScriptName>(options.allowScripts)

    for (const line of textMayHoldRuns(text) ? analysis.lines : []) {
      if (!mayHoldRuns(line.text)) continue
      const {runs: found, latinLetters} = findRuns(text, line.start, line.end)
      // A lone Greek letter is a symbol (β-blocker, 5 μg), not Greek text.
      const runs = found.filter(
        (run) => ![...run.scripts].every((script) => allowed.has(script as (typeof SCRIPTS)[number])) && !(run.scripts.has('Greek') && run.longestWord < 2)
      )
      if (runs.length === 0) continue

      const lookalikeWords = new Set<number>()
      const plain: Run[] = []
      for (const run of runs) {
        const word = lookalikeWord(text, run, line.start, line.end)
        if (!word) {
          plain.push(run)
          continue
        }
        if (lookalikeWords.has(word.start)) continue
        lookalikeWords.add(word.start)
        report({
          messageId: 'lookalike',
          data: {script: scriptLabel(run.scripts), expected: word.fixed},
          start: word.start,
          end: word.end,
          expected: [word.fixed],
          fix: {start: word.start, end: word.end, text: word.fixed},
          note: LOOKALIKE_NOTE
        })
      }
      if (plain.length === 0) continue

      const otherLetters = plain.reduce((sum, run) => sum + run.letters, 0)
      if (otherLetters >= 2 && otherLetters >= latinLetters && !plain.every((run) => gloss(text, run, line.start, line.end))) {
        const scripts = new Set(plain.flatMap((run) => [...run.scripts]))
        const start = line.start + (line.text.length - line.text.trimStart().length)
        const end = line.start + line.text.trimEnd().length
        report({messageId: 'line', data: {script: scriptLabel(scripts)}, start, end, note: LINE_NOTE})
        continue
      }

      for (const run of plain) {
        const rendering = gloss(text, run, line.start, line.end)
        if (rendering === undefined) {
          report({messageId: 'run', data: {script: scriptLabel(run.scripts)}, start: run.start, end: run.end, note: RUN_NOTE})
        } else if (options.glosses !== 'ignore') {
          report({
            messageId: 'gloss',
            data: {script: scriptLabel(run.scripts), rendering},
            start: run.start,
            end: run.end,
            note: GLOSS_NOTE,
            ...(options.glosses === 'info' ? {severity: 'info' as const} : {})
          })
        }
      }
    }

    if (!options.romanised) return
    const languages = provenanceOf(analysis, file, env.settings).languages
    if (languages.length === 0) return
    const ignore = new Set(options.ignore.map((word) => word.toLowerCase()))
    const findings = await findRomanised(text, languages, ignore)
    // A word explained once ("naeronambul (double standards)") may stand alone afterwards.
    const explained = new Set(findings.filter((found) => isGlossed(text, found.start, found.end)).map((found) => keyOf(text, found)))
    const pending = findings.filter((found) => !explained.has(keyOf(text, found)))
    for (let index = 0; index < pending.length; index++) {
      const found = pending[index]!
      const language = LANGUAGE_NAMES[found.language]
      if (found.entry) {
        report({
          messageId: 'romanised',
          data: {language, meanings: found.entry.meaning.map((meaning) => `\`${meaning}\``).join(', ')},
          start: found.start,
          end: found.end,
          expected: found.entry.meaning,
          note: ROMANISED_NOTE
        })
        continue
      }
      // Consecutive unknown words ("saengtte jwiyeo jjamyeo") are one phrase, reported once.
      let end = found.end
      while (pending[index + 1] && !pending[index + 1]!.entry && /^[ \t]+$/.test(text.slice(end, pending[index + 1]!.start))) {
        end = pending[++index]!.end
      }
      report({messageId: 'romanisedUnknown', data: {language}, start: found.start, end, note: ROMANISED_NOTE})
    }
  }
})

function keyOf(text: string, found: {start: number; end: number; entry?: {word: string}}): string {
  return found.entry?.word ?? text.slice(found.start, found.end).toLowerCase()
}

/**
 * The English rendering a run glosses, or undefined when it is not a gloss. Two shapes: the run in
 * parentheses right after an English word ("the Kremlin (Кремль)", "Shinzo Abe (安倍晋三)"), or the run
 * followed by its English in parentheses ("Кремль (the Kremlin)").
 */
function gloss(text: string, run: Run, lineStart: number, lineEnd: number): string | undefined {
  // A gloss is words: "사진=연합뉴스" (photo = Yonhap) in parentheses is a credit, not a gloss.
  if (run.letters > MAX_GLOSS_LETTERS || !/^[\p{L}\p{M}\s·・'’-]+$/u.test(text.slice(run.start, run.end))) return undefined
  let open = run.start - 1
  while (open >= lineStart && !OPEN_PARENS.has(text[open]!) && !CLOSE_PARENS.has(text[open]!)) open--
  let close = run.end
  while (close < lineEnd && !CLOSE_PARENS.has(text[close]!) && !OPEN_PARENS.has(text[close]!)) close++
  if (open >= lineStart && OPEN_PARENS.has(text[open]!) && CLOSE_PARENS.has(text[close] ?? '')) {
    const companions = text.slice(open + 1, run.start) + text.slice(run.end, close)
    const before = text.slice(lineStart, open).trimEnd()
    if (GLOSS_COMPANIONS.test(companions) && /[\p{Script=Latin}'’"”]$/u.test(before)) return rendering(before)
    return undefined
  }
  const after = /^\s*[(（]([^()（）]{1,60})[)）]/.exec(text.slice(run.end, Math.min(lineEnd, run.end + 64)))
  if (after && /\p{Script=Latin}/u.test(after[1]!) && GLOSS_COMPANIONS.test(after[1]!)) return after[1]!.trim()
  return undefined
}

/** The words a gloss follows: a capitalised name of up to four words, or else the last word. */
function rendering(before: string): string {
  const words = before.replace(/["“”'’]+$/, '').split(/\s+/)
  const name: string[] = []
  for (let index = words.length - 1; index >= 0 && name.length < 4 && /^\p{Lu}/u.test(words[index]!); index--) name.unshift(words[index]!)
  return name.length > 0 ? name.join(' ') : (words[words.length - 1] ?? '')
}

/** The word around a short run when it is a Latin word with look-alike letters in it, with its fixed spelling. */
function lookalikeWord(text: string, run: Run, lineStart: number, lineEnd: number): {start: number; end: number; fixed: string} | undefined {
  if (run.letters > 3) return undefined
  const isWordChar = (char: string | undefined) => char !== undefined && /[\p{L}\p{M}]/u.test(char)
  let start = run.start
  while (start > lineStart && isWordChar(text[start - 1])) start--
  let end = run.end
  while (end < lineEnd && isWordChar(text[end])) end++
  const word = text.slice(start, end)
  let latin = 0
  let fixed = ''
  for (const char of word) {
    const replacement = LOOKALIKES.get(char)
    if (replacement) fixed += replacement
    else if (/\p{Script=Latin}/u.test(char)) {
      latin++
      fixed += char
    } else if (/\p{L}/u.test(char)) return undefined // a letter with no Latin twin: real foreign text
    else fixed += char
  }
  return latin >= 2 && fixed !== word ? {start, end, fixed} : undefined
}
