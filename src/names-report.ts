// `newslint names`: the groups of name spellings found in a set of articles (the collect phase of
// `name-consistency`), printed for review or saved as a house list the config can use.
import {VFile} from 'vfile'
import nameConsistency, {mergeNameFacts} from '../rules/name-consistency/index.js'
import {decide, NameGroups, type NameFacts, type Stage} from '../rules/name-consistency/groups.js'
import {houseListFor} from '../rules/name-consistency/house.js'
import {documentAnalysis} from './analysis.js'
import type {Config} from './config.js'
import type {SourceText} from './engine.js'
import {parseText} from './parse.js'
import type {RuleEnvironment} from './rule.js'
import {textWindows} from './windows.js'

export interface NameVariant {
  form: string
  /** The spelling this form should have (itself when it already agrees). */
  expected: string
  mentions: number
  files: string[]
}

export interface NameGroup {
  /** The spelling the group should use: a full name when the group has one. */
  canonical: string
  /** `house`: the config's house list; `majority`: the folder's majority; `tie`: no majority (first in alphabetical order). */
  decidedBy: 'house' | 'majority' | 'tie'
  mentions: number
  files: string[]
  /** Every spelling seen, most used first. */
  variants: NameVariant[]
}

/**
 * The name groups of a set of articles, with the spelling each should use. Only groups that need a
 * decision are listed: at least one spelling differs from the one the group should use. Works whatever the
 * rule's severity in `config` (the report is asked for explicitly).
 */
export function nameGroups(sources: SourceText[], config: Config): NameGroup[] {
  const rule = nameConsistency
  const id = rule.meta.id
  const {options} = rule.parseSetting(config.rules[id])
  const env: RuleEnvironment = {baseDir: config.ruleBaseDirs[id] ?? config.baseDir, settings: config.settings}
  // Reads the house list first, so a broken one is an error here rather than an empty report.
  const house = houseListFor(options, env)

  let facts: NameFacts = {files: [], forms: {}}
  for (const source of sources) {
    // A large file is read window by window, as the engine collects its facts (one tree at a time).
    const parts = textWindows(source.text)?.map((window) => source.text.slice(window.start, window.end)) ?? [source.text]
    for (const text of parts) {
      const tree = parseText(text)
      const file = new VFile({value: text, path: source.path})
      const analysis = documentAnalysis(text, tree)
      facts = mergeNameFacts(facts, rule.definition.collect!({text, tree, file, options, env, analysis}))
    }
  }

  const counts = {folder: (form: string) => facts.forms[form], article: new Map()}
  const groups: NameGroup[] = []
  for (const group of new NameGroups(Object.keys(facts.forms), house.entries).groups) {
    const seen = group.members.filter((member) => facts.forms[member.form])
    if (seen.length === 0) continue
    const decision = decide(group, counts)
    const variants = seen
      .map((member) => {
        const [mentions, files] = facts.forms[member.form]!
        return {form: member.form, expected: decision.expected.get(member.form) ?? member.form, mentions, files: files.map((index) => facts.files[index]!).sort()}
      })
      .sort((a, b) => b.mentions - a.mentions || compare(a.form, b.form))
    // A full name with its surname alone, all agreeing, needs no decision.
    if (variants.every((variant) => variant.expected === variant.form)) continue
    const full = group.members.find((member) => !member.lone)
    const canonical = group.house?.canonical ?? decision.expected.get((full ?? group.members[0]!).form)!
    const stages = [...decision.stage.values()]
    groups.push({
      canonical,
      decidedBy: group.house ? 'house' : stages.includes('first' satisfies Stage) ? 'tie' : 'majority',
      mentions: variants.reduce((sum, variant) => sum + variant.mentions, 0),
      files: [...new Set(variants.flatMap((variant) => variant.files))].sort(),
      variants
    })
  }
  return groups.sort((a, b) => b.mentions - a.mentions || compare(a.canonical, b.canonical))
}

/** The groups as JSON, or as text for a terminal: one block per group, spellings to change marked. */
export function formatNameGroups(groups: NameGroup[], options: {json: boolean}): string {
  if (options.json) return `${JSON.stringify(groups, null, 2)}\n`
  if (groups.length === 0) return 'No names with more than one spelling.\n'
  const decided = {house: 'house list', majority: 'majority', tie: 'no majority: decide in the house list'}
  const blocks = groups.map((group) => {
    const width = Math.max(...group.variants.map((variant) => variant.form.length))
    const lines = group.variants.map((variant) => {
      const counts = `${variant.mentions} mention${variant.mentions === 1 ? '' : 's'} in ${variant.files.length} file${variant.files.length === 1 ? '' : 's'}`
      const change = variant.expected === variant.form ? '' : `  -> ${variant.expected}`
      return `  ${variant.form.padEnd(width)}  ${counts}${change}`
    })
    return [`${group.canonical} (${decided[group.decidedBy]})`, ...lines].join('\n')
  })
  return `${blocks.join('\n\n')}\n`
}

/**
 * A house list to save with `--write` and review: each group's spelling with the variants it
 * replaces (a surname written alone stays under the full name; the rule maps it to the surname).
 */
export function houseList(groups: NameGroup[]): Record<string, string[]> {
  const list: Record<string, string[]> = {}
  for (const group of groups) {
    const variants = group.variants.filter((variant) => variant.expected !== variant.form && variant.form !== group.canonical).map((variant) => variant.form)
    if (variants.length === 0) continue
    list[group.canonical] = [...new Set([...(list[group.canonical] ?? []), ...variants])].sort()
  }
  return list
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
