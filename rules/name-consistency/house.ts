// The house list: spellings a desk has decided (config `names`), over the rule's default place names.
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {Ajv} from 'ajv'
import {ruleDataPath} from '../../src/paths.js'
import type {RuleEnvironment} from '../../src/rule.js'
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
  variants?: RegExp
  /** Fixed historical forms never reported ("chicken Kiev", "Peking University"). */
  keep?: RegExp
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

const ajv = new Ajv({allErrors: false, strict: false})
const validateHouseList = ajv.compile<Record<string, string[]>>(houseListSchema)
const validatePlaces = ajv.compile<PlaceData>(placeSchema)

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

const placesFile = ruleDataPath('name-consistency', 'places.json')
const places = (() => {
  const data = readJson(placesFile, 'name-consistency')
  if (!validatePlaces(data)) throw new Error(`${placesFile}: ${validatePlaces.errors![0]!.instancePath || '/'} ${validatePlaces.errors![0]!.message}`)
  return data
})()

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ \\u00A0]+')
}

function alternation(phrases: Iterable<string>, flags: string): RegExp | undefined {
  const sorted = [...new Set(phrases)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
  if (sorted.length === 0) return undefined
  return new RegExp(`(?<![\\p{L}\\p{M}'’])(?:${sorted.map(escape).join('|')})(?![\\p{L}\\p{M}])`, flags)
}

/** Reads the config's `names`: an object, or a JSON file relative to the config. */
function configured(env: RuleEnvironment): Record<string, string[]> {
  const value = env.settings.names
  if (value === undefined) return {}
  if (typeof value !== 'string') return value as Record<string, string[]>
  const file = path.resolve(env.baseDir, value)
  const data = readJson(file, 'names')
  if (!validateHouseList(data)) {
    const error = validateHouseList.errors![0]!
    throw new Error(`names: \`${file}\`${error.instancePath ? ` at ${error.instancePath}` : ''} ${error.message ?? 'is invalid'}`)
  }
  return data
}

const cache = new Map<string, HouseList>()

/** The house list for a rule use: config entries, then the default places not overridden; built once. */
export function houseListFor(options: HouseOptions, env: RuleEnvironment): HouseList {
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
    variants: alternation(entries.flatMap((entry) => entry.variants), 'gu'),
    keep: alternation([...(options.places ? places.keep : []), ...options.keep], 'giu'),
    unless
  }
  cache.set(key, found)
  return found
}
