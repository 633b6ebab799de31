// The house list: spellings a desk has decided (config `names`), over the rule's default place names.
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {ruleData, validator} from '../../src/data.js'
import type {RuleEnvironment} from '../../src/rule.js'
import {escapeRegExp} from '../../src/text.js'
import type {HouseEntry} from './groups.js'

export interface HouseOptions {
  places: boolean
  keep: string[]
}

export interface HouseList {
  entries: HouseEntry[]
  /** Every listed spelling, house form or variant, with its entry. */
  byForm: Map<string, HouseEntry>
  /** Finds the variants in a text (whole words, case as listed). */
  variants?: Phrases
  /** Fixed historical forms never reported ("chicken Kiev", "Peking University"). */
  keep?: Phrases
  /** Variants left alone in an article that mentions one of these words (Odessa, Texas). */
  unless: Map<string, RegExp>
}

/** `{"Alexei Navalny": ["Alexey Navalny", "Navalni"]}`: the shape of a house list, in config or a file. */
export const houseListSchema = {
  type: 'object',
  additionalProperties: {type: 'array', items: {type: 'string', minLength: 1}, uniqueItems: true},
  propertyNames: {minLength: 1}
}

/** The `names` config key, as declared in the rule's `meta.settings`. */
export const namesSetting = {
  description:
    'House spellings of names for `name-consistency`: {"Alexei Navalny": ["Alexey Navalny", "Navalni"]} (house spelling: variants it replaces), or the path of a JSON file holding that object, relative to the config. Wins over the majority spelling.',
  oneOf: [{type: 'string', minLength: 1}, houseListSchema]
}

interface PlaceData {
  names: Record<string, string[]>
  keep: string[]
  unlessArticleMentions: Record<string, string[]>
}

const placeSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['names', 'keep', 'unlessArticleMentions'],
  properties: {
    $comment: {type: 'string'},
    names: houseListSchema,
    keep: {type: 'array', items: {type: 'string', minLength: 1}},
    unlessArticleMentions: {type: 'object', additionalProperties: {type: 'array', items: {type: 'string', minLength: 1}, minItems: 1}}
  }
}

function readJson(file: string, what: string): unknown {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new Error(`${what}: cannot read \`${file}\` (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`)
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new Error(`${what}: \`${file}\` is not valid JSON (${(error as Error).message})`)
  }
}

const placesData = ruleData<PlaceData>('name-consistency', 'places.json', {schema: placeSchema, strict: false})
const placesFile = placesData.path
const places = placesData.load()

function escape(text: string): string {
  return escapeRegExp(text).replace(/ /g, '[ \\u00A0]+')
}

function alternation(phrases: Iterable<string>, flags: string): RegExp | undefined {
  const sorted = sortedPhrases(phrases)
  if (sorted.length === 0) return undefined
  return new RegExp(`(?<![\\p{L}\\p{M}'’])(?:${sorted.map(escape).join('|')})(?![\\p{L}\\p{M}])`, flags)
}

function sortedPhrases(phrases: Iterable<string>): string[] {
  return [...new Set(phrases)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
}

export interface PhraseMatch {
  start: number
  end: number
  text: string
}

/**
 * Whole-word phrases, found exactly where `alternation` (longest first, not after a letter, mark or
 * apostrophe, not before a letter or mark) finds them, without its cost: a regex that opens with a
 * lookbehind tries every alternative at every position of the text. A match starts with the first
 * word of one of the phrases, so a small regex of first words alone (same flags, so the same case
 * folding) finds where matches can start, and the phrases are tried only there.
 */
export class Phrases {
  /** The phrases at one position: `alternation` without the lookbehind, sticky. */
  private readonly at: RegExp
  /** Where a phrase can start: any first word. Undefined if a phrase opens with a space. */
  private readonly starts: RegExp | undefined
  /** The lookbehind's class, tested by hand. */
  private readonly before: RegExp

  constructor(phrases: Iterable<string>, options: {caseless: boolean}) {
    const sorted = sortedPhrases(phrases)
    const flags = options.caseless ? 'iu' : 'u'
    this.at = new RegExp(`(?:${sorted.map(escape).join('|')})(?![\\p{L}\\p{M}])`, `${flags}y`)
    this.before = new RegExp("[\\p{L}\\p{M}'’]", flags)
    const firstWords = [...new Set(sorted.map((phrase) => phrase.split(' ')[0]!))]
    this.starts = firstWords.includes('') ? undefined : new RegExp(firstWords.map(escape).join('|'), `${flags}g`)
  }

  /** Matches in text order, as `text.matchAll(alternation(…))` gives them. */
  matches(text: string): PhraseMatch[] {
    const found: PhraseMatch[] = []
    // Where the last match ended: matches do not overlap.
    let from = 0
    const tryAt = (start: number) => {
      if (start < from || this.letterBefore(text, start)) return
      this.at.lastIndex = start
      const match = this.at.exec(text)
      if (!match) return
      from = start + match[0].length
      found.push({start, end: from, text: match[0]})
    }
    const width = (index: number) => (text.codePointAt(index)! > 0xffff ? 2 : 1)
    if (this.starts) {
      this.starts.lastIndex = 0
      for (let start = this.starts.exec(text); start; start = this.starts.exec(text)) {
        // Every position a first word starts at, overlapping ones included.
        this.starts.lastIndex = start.index + width(start.index)
        tryAt(start.index)
      }
    } else {
      for (let start = 0; start < text.length; start += width(start)) tryAt(start)
    }
    return found
  }

  private letterBefore(text: string, index: number): boolean {
    if (index === 0) return false
    const low = text.charCodeAt(index - 1)
    const pair = low >= 0xdc00 && low <= 0xdfff && index >= 2 && text.charCodeAt(index - 2) >= 0xd800 && text.charCodeAt(index - 2) <= 0xdbff
    return this.before.test(pair ? text.slice(index - 2, index) : text[index - 1]!)
  }
}

function phrases(list: Iterable<string>, options: {caseless: boolean}): Phrases | undefined {
  const all = [...list]
  return all.length ? new Phrases(all, options) : undefined
}

/** Reads the config's `names`: an object, or a JSON file relative to the config. */
function configured(env: RuleEnvironment): Record<string, string[]> {
  const value = env.settings.names
  if (value === undefined) return {}
  if (typeof value !== 'string') return value as Record<string, string[]>
  const file = path.resolve(env.baseDir, value)
  const data = readJson(file, 'names')
  // Compiled on first use: most configs list their names inline or not at all.
  const validateHouseList = validator<Record<string, string[]>>(houseListSchema, {strict: false})
  if (!validateHouseList(data)) {
    const error = validateHouseList.errors![0]!
    throw new Error(`names: \`${file}\`${error.instancePath ? ` at ${error.instancePath}` : ''} ${error.message ?? 'is invalid'}`)
  }
  return data
}

const cache = new Map<string, HouseList>()
// The same options and environment objects come with every file of a run: found without a key.
const byIdentity = new WeakMap<HouseOptions, WeakMap<RuleEnvironment, HouseList>>()

/** The house list for a rule use: config entries, then the default places not overridden; built once. */
export function houseListFor(options: HouseOptions, env: RuleEnvironment): HouseList {
  let byEnv = byIdentity.get(options)
  if (!byEnv) byIdentity.set(options, (byEnv = new WeakMap()))
  let found = byEnv.get(env)
  if (found) return found
  found = houseListByKey(options, env)
  byEnv.set(env, found)
  return found
}

function houseListByKey(options: HouseOptions, env: RuleEnvironment): HouseList {
  const key = JSON.stringify([env.baseDir, env.settings.names ?? null, options.places, options.keep])
  let found = cache.get(key)
  if (found) return found

  const entries: HouseEntry[] = []
  const byForm = new Map<string, HouseEntry>()
  const add = (canonical: string, variants: string[], source: string) => {
    const entry: HouseEntry = {canonical, variants: variants.filter((variant) => variant !== canonical), ...(source === placesFile ? {builtIn: true} : {})}
    for (const form of [canonical, ...entry.variants]) {
      const other = byForm.get(form)
      if (other) throw new Error(`${source}: \`${form}\` is listed under both \`${other.canonical}\` and \`${canonical}\``)
    }
    entries.push(entry)
    for (const form of [canonical, ...entry.variants]) byForm.set(form, entry)
  }
  for (const [canonical, variants] of Object.entries(configured(env))) add(canonical, variants, 'names')
  const unless = new Map<string, RegExp>()
  if (options.places) {
    for (const [canonical, variants] of Object.entries(places.names)) {
      // A desk's own entry for any of these spellings replaces the default one.
      if ([canonical, ...variants].some((form) => byForm.has(form))) continue
      add(canonical, variants, placesFile)
      for (const variant of variants) {
        const words = places.unlessArticleMentions[variant]
        if (words) unless.set(variant, alternation(words, 'u')!)
      }
    }
  }
  found = {
    entries,
    byForm,
    variants: phrases(entries.flatMap((entry) => entry.variants), {caseless: false}),
    keep: phrases([...(options.places ? places.keep : []), ...options.keep], {caseless: true}),
    unless
  }
  cache.set(key, found)
  return found
}
