// The data of the `unicode` rule, read and checked once per process: the characters it reports
// (characters.yaml) and the Windows-1252 table (windows-1252.txt).
import {readFileSync} from 'node:fs'
import {readDataFile, ruleData, type DataSpec} from '../../src/data.js'
import {ruleDataPath} from '../../src/paths.js'

export type CharacterFix = 'remove' | 'newline' | 'space' | 'windows-1252' | 'none'
export type KeepContext =
  | 'joining-scripts'
  | 'emoji-sequence'
  | 'no-space-scripts'
  | 'rtl-line'
  | 'after-base'
  | 'flag-tag-sequence'
  | 'hangul-jamo'
  | 'file-start'
  | 'typographic'
  | 'cjk'

export interface CharacterEntry {
  codePoint: number
  /** `U+200B ZERO WIDTH SPACE`. */
  label: string
  fix: CharacterFix
  keep: KeepContext[]
  why: string
}

interface RawEntry {
  code: string
  name: string
  first?: number
  fix: CharacterFix
  keep?: KeepContext[]
  why: string
}

const KEEP_CONTEXTS: KeepContext[] = [
  'joining-scripts',
  'emoji-sequence',
  'no-space-scripts',
  'rtl-line',
  'after-base',
  'flag-tag-sequence',
  'hangul-jamo',
  'file-start',
  'typographic',
  'cjk'
]

const entrySchema = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['code', 'name', 'fix', 'why'],
    properties: {
      code: {type: 'string', pattern: '^[0-9A-F]{4,6}(-[0-9A-F]{4,6})?$'},
      name: {type: 'string', minLength: 1},
      first: {type: 'integer'},
      fix: {enum: ['remove', 'newline', 'space', 'windows-1252', 'none']},
      keep: {type: 'array', items: {enum: KEEP_CONTEXTS}},
      why: {type: 'string', minLength: 1}
    }
  }
}

export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`
}

const characterSpec: DataSpec<RawEntry[]> = {
  schema: entrySchema,
  schemaError(errors, _data, file) {
    const error = errors[0]
    const key = (error?.params as {additionalProperty?: string} | undefined)?.additionalProperty
    return new Error(`${file}: entry ${error?.instancePath ?? ''} ${error?.message ?? 'is invalid'}${key ? ` (\`${key}\`)` : ''}`)
  },
  // Expanding the ranges finds a character listed twice.
  check: (raw, file) => void expandCharacters(raw, file)
}

const builtinCharacters = ruleData('unicode', 'characters.yaml', characterSpec)

/** Reads characters.yaml (the built-in one by default); a malformed entry stops the rule from loading, naming the file. */
export function readCharacters(file?: string): Map<number, CharacterEntry> {
  return file === undefined ? expandCharacters(builtinCharacters.load(), builtinCharacters.path) : expandCharacters(readDataFile(file, characterSpec), file)
}

function expandCharacters(raw: RawEntry[], file: string): Map<number, CharacterEntry> {
  const entries = new Map<number, CharacterEntry>()
  for (const item of raw) {
    const [from, to = from] = item.code.split('-').map((hex) => Number.parseInt(hex, 16)) as [number, number?]
    for (let codePoint = from; codePoint <= to; codePoint++) {
      if (entries.has(codePoint)) throw new Error(`${file}: ${codePointLabel(codePoint)} is listed twice`)
      const name = item.name.replace('{n}', String((item.first ?? 0) + codePoint - from))
      const label = item.name === 'C1 CONTROL' ? `${codePointLabel(codePoint)} ${C1_ALIASES[codePoint - 0x80]}` : `${codePointLabel(codePoint)} ${name}`
      entries.set(codePoint, {codePoint, label, fix: item.fix, keep: item.keep ?? [], why: item.why})
    }
  }
  return entries
}

// The standard aliases of the C1 controls U+0080-U+009F (they have no names of their own).
const C1_ALIASES = [
  'PADDING CHARACTER', 'HIGH OCTET PRESET', 'BREAK PERMITTED HERE', 'NO BREAK HERE', 'INDEX', 'NEXT LINE',
  'START OF SELECTED AREA', 'END OF SELECTED AREA', 'CHARACTER TABULATION SET', 'CHARACTER TABULATION WITH JUSTIFICATION',
  'LINE TABULATION SET', 'PARTIAL LINE FORWARD', 'PARTIAL LINE BACKWARD', 'REVERSE LINE FEED', 'SINGLE SHIFT TWO',
  'SINGLE SHIFT THREE', 'DEVICE CONTROL STRING', 'PRIVATE USE ONE', 'PRIVATE USE TWO', 'SET TRANSMIT STATE',
  'CANCEL CHARACTER', 'MESSAGE WAITING', 'START OF GUARDED AREA', 'END OF GUARDED AREA', 'START OF STRING',
  'SINGLE GRAPHIC CHARACTER INTRODUCER', 'SINGLE CHARACTER INTRODUCER', 'CONTROL SEQUENCE INTRODUCER',
  'STRING TERMINATOR', 'OPERATING SYSTEM COMMAND', 'PRIVACY MESSAGE', 'APPLICATION PROGRAM COMMAND'
]

/** Windows-1252 where it differs from Latin-1: byte to code point (0x80-0x9F, five bytes unassigned). */
export function readWindows1252(file = ruleDataPath('unicode', 'windows-1252.txt')): Map<number, number> {
  const table = new Map<number, number>()
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const content = line.replace(/#.*/, '').trim()
    if (!content) continue
    const match = /^([0-9A-F]{2})\s+([0-9A-F]{4})\b/.exec(content)
    if (!match) throw new Error(`${file}: cannot read \`${content}\``)
    const byte = Number.parseInt(match[1]!, 16)
    if (byte < 0x80 || byte > 0x9f || table.has(byte)) throw new Error(`${file}: byte ${match[1]} is out of range or listed twice`)
    table.set(byte, Number.parseInt(match[2]!, 16))
  }
  return table
}
