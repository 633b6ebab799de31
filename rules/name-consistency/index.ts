// `name-consistency`: one spelling per person and place, within an article and across a folder.
import type {Root} from 'nlcst'
import type {DocumentAnalysis, Span} from '../../src/analysis.js'
import {defineRule} from '../../src/rule.js'
import {certainForms, endsLongerName, mentionsOf, scanNames, spanIndex, type Mention, type Scan} from './extract.js'
import {decide, describeSpellings, groupable, houseExpected, NameGroups, type ArticleCount, type Counts, type Decision, type Group, type NameFacts, type Stage} from './groups.js'
import {mergeNameFacts} from './facts.js'
import {memo} from './memo.js'
import {houseListFor, namesSetting, type HouseList, type HouseOptions} from './house.js'
import {bare, generalKey, generalVariants, koreanSurname, parseName, sameName, samePart, vowelDeletions} from './transliteration.js'

export type NameConsistencyOptions = HouseOptions
export type {NameFacts} from './groups.js'
export {mergeNameFacts}

/** Whether two spellings can name the same person or place: the rules, or the house list. */
export function spellingVariants(a: string, b: string, house?: HouseList): boolean {
  const entry = house?.byForm.get(a)
  if (entry && entry === house?.byForm.get(b)) return true
  const left = parseName(a)
  const right = parseName(b)
  const lone = left.parts.general!.length === 1 && right.parts.general!.length === 1
  if (!lone) return sameName(left, right) !== undefined
  // Words alone get the general rules only (as when grouping): Arabic or Chinese readings of a lone
  // word would join Peterson and Paterson.
  return generalVariants(a, b) || (koreanSurname(a) !== undefined && samePart(a, b, 'korean', {role: 'surname'}))
}

export interface ArticleNames {
  scan: Scan
  /** Spans never reported: fixed historical forms and asides. */
  skip: Span[]
  /** Names the article itself uses mid-sentence, and the words of its full names. */
  body: Set<string>
  /** Whether a word opening a sentence is a name of the article: one of `body`, or a spelling variant of one ("Zelenskyy said…"). */
  named(form: string): boolean
}

/** The capitalised words of a full name. */
const nameWordsOf = memo((form: string): readonly string[] => form.split(' ').filter((word) => /^\p{Lu}\p{L}/u.test(word)))

/** Reads the names of one article: the same reading for collecting facts, checking and the `names` report. */
export function readArticle(text: string, tree: Root, house: HouseList): ArticleNames {
  const skip: Span[] = []
  if (house.keep) for (const match of house.keep.matches(text)) skip.push({start: match.start, end: match.end})
  const scan = scanNames(text, tree, skip, (a, b) => spellingVariants(a, b, house))
  const body = certainForms(text, scan)
  // The words of a full name count too: "Kishida's predecessors…" after "Fumio Kishida".
  for (const form of [...body]) if (form.includes(' ')) for (const word of nameWordsOf(form)) body.add(word)
  // Long single words of the body by spelling key, to recognise their variants opening a sentence.
  const byKey = new Map<string, string[]>()
  const file = (key: string, word: string) => {
    const list = byKey.get(key)
    if (list) list.push(word)
    else byKey.set(key, [word])
  }
  for (const word of body) {
    if (word.includes(' ') || bare(word).length < 5) continue
    const key = generalKey(word)
    file(key, word)
    for (const deletion of vowelDeletions(key)) file(deletion, word)
  }
  const variantOf = (form: string, key: string) => byKey.get(key)?.some((word) => generalVariants(form, word)) ?? false
  const named = (form: string) => {
    if (body.has(form)) return true
    if (form.includes(' ') || bare(form).length < 5) return false
    const key = generalKey(form)
    if (variantOf(form, key)) return true
    for (const deletion of vowelDeletions(key)) if (variantOf(form, deletion)) return true
    return false
  }
  return {scan, skip: [...skip, ...scan.aliases], body, named}
}

/**
 * The article's reading, once per document: a folder run's collect pass reads it and the engine
 * carries it to the same file's check (see `survey` in src/engine.ts), which then needs no parse.
 */
function articleOf(analysis: DocumentAnalysis, house: HouseList): ArticleNames {
  const byHouse = analysis.cached('name-consistency:article', () => new Map<HouseList, ArticleNames>())
  let article = byHouse.get(house)
  if (!article) byHouse.set(house, (article = readArticle(analysis.text, analysis.tree, house)))
  return article
}

/** Mentions of an article counted for the folder: certain names, plus openers the article itself confirms. */
export function countedMentions(text: string, article: ArticleNames, house: HouseList): Mention[] {
  return mentionsOf(text, article.scan, knownTo(article, house, NO_FORMS))
}

const NO_FORMS: ReadonlySet<string> = new Set()
const formSets = new WeakMap<object, ReadonlySet<string>>()

/**
 * Whether a form is a name the article, the folder or the house list uses. One closure site for
 * both passes, and the folder's forms as a set (empty in the first pass): closures from two sites,
 * or a look-up first met in the second pass, threw the optimised `mentionsOf` away in every thread.
 */
function knownTo(article: ArticleNames, house: HouseList, folderForms: ReadonlySet<string>): (form: string) => boolean {
  return (form) => article.named(form) || folderForms.has(form) || house.byForm.has(form)
}

/** The folder's forms as a set, made once per facts object. */
function formSetOf(forms: Record<string, unknown> | undefined): ReadonlySet<string> {
  if (!forms) return NO_FORMS
  let set = formSets.get(forms)
  if (!set) formSets.set(forms, (set = new Set(Object.keys(forms))))
  return set
}

function countForms(mentions: Mention[]): Map<string, ArticleCount> {
  const counts = new Map<string, ArticleCount>()
  for (const mention of mentions) {
    const found = counts.get(mention.form)
    if (found) found.mentions++
    else counts.set(mention.form, {mentions: 1, first: mention.start})
  }
  return counts
}

/** A name for a file without a path, so that two such files never count as one. */
function fileKey(path: string | undefined, text: string): string {
  if (path) return path
  let hash = 0x811c9dc5
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0
  return `#${hash.toString(16)}`
}

// Group indexes of a folder run, built once per facts object and house list, not once per article.
const folderGroups = new WeakMap<NameFacts, Map<HouseList, NameGroups>>()

function groupsFor(house: HouseList, facts: NameFacts | undefined, article: ReadonlyMap<string, ArticleCount>): NameGroups {
  // Only the forms and house entries that can meet (see `groupable`): every form gets the same group.
  const build = (forms: string[]) => {
    const meeting = groupable(forms, house.entries)
    return new NameGroups(meeting.forms, meeting.house)
  }
  if (!facts) return build([...article.keys()])
  const folderForms = facts.forms
  let missing = false
  for (const form of article.keys()) if (!folderForms[form]) missing = true
  if (missing) return build([...Object.keys(folderForms), ...article.keys()])
  let byHouse = folderGroups.get(facts)
  if (!byHouse) folderGroups.set(facts, (byHouse = new Map()))
  let groups = byHouse.get(house)
  if (!groups) byHouse.set(house, (groups = build(Object.keys(folderForms))))
  return groups
}

const WHY: Record<Stage, string> = {
  house: 'The house list (`names` in the config) sets this spelling.',
  folder: 'Chosen by how the articles linted together spell it (files, then mentions); add it to the house list (`names`) to decide once and for all.',
  article: 'Chosen by how this article mostly spells it; add it to the house list (`names`) to decide once and for all.',
  first:
    'No spelling is in the majority, so the first one in this article is expected (not fixed automatically); add it to the house list (`names`) to decide.'
}

export default defineRule<NameConsistencyOptions, NameFacts>({
  meta: {
    id: 'name-consistency',
    description: 'One spelling per person and place (transliteration variants such as Navalny/Navalni), within an article and across a folder',
    fixable: true,
    recommended: 'warn',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        places: {type: 'boolean'},
        keep: {type: 'array', items: {type: 'string', minLength: 1}}
      }
    },
    defaultOptions: {places: true, keep: []},
    messages: {
      house: 'Unexpected `{{actual}}` (the house list spells this name `{{expected}}`), expected `{{expected}}`',
      folder: 'Unexpected `{{actual}}` (the folder mostly spells this name `{{expected}}`), expected `{{expected}}`',
      article: 'Unexpected `{{actual}}` (this article mostly spells this name `{{expected}}`), expected `{{expected}}`',
      first: 'Unexpected `{{actual}}` (this article first spells this name `{{expected}}`), expected `{{expected}}`'
    },
    settings: {names: namesSetting}
  },

  collect({text, file, options, env, analysis, core}) {
    let house: HouseList
    try {
      house = houseListFor(options, env)
    } catch {
      // `check` reports a broken house list on every file; collecting carries on without names.
      return {files: [], forms: {}}
    }
    const article = articleOf(analysis, house)
    const forms: NameFacts['forms'] = {}
    // A window's reading takes in its margins; only the mentions of its own part are counted.
    const mentions = countedMentions(text, article, house)
    const counted = core ? mentions.filter((mention) => mention.start >= core.start && mention.start < core.end) : mentions
    for (const [form, count] of countForms(counted)) forms[form] = [count.mentions, [0]]
    return {files: [fileKey(file.path, text)], forms}
  },

  merge: mergeNameFacts,

  check({text, analysis, options, env, facts, report}) {
    const house = houseListFor(options, env)
    const article = articleOf(analysis, house)
    const folderForms = facts?.forms
    const mentions = mentionsOf(text, article.scan, knownTo(article, house, formSetOf(folderForms)))
    const reported: Span[] = []

    // House variants wherever they are written: headings, "Kiev-based", "Kiev Post".
    if (house.variants) {
      const skipped = spanIndex(article.skip)
      const blocked = spanIndex(article.scan.blocked)
      for (const match of house.variants.matches(text)) {
        const {start, end} = match
        if (skipped(start, end) || blocked(start, end)) continue
        const written = match.text.replace(/\s+/g, ' ')
        const entry = house.byForm.get(written)
        if (!entry || house.unless.get(written)?.test(text)) continue
        // A default place name at the end of a longer name is someone's surname or a club ("Georgy Lvov", "Dynamo Kiev").
        if (entry.builtIn && endsLongerName(text, start)) continue
        const expected = houseExpected(written, entry)
        if (expected === written) continue
        reported.push({start, end})
        report({
          messageId: 'house',
          data: {expected},
          start,
          end,
          expected: [expected],
          fix: {start, end, text: expected},
          note: WHY.house
        })
      }
    }

    const articleCounts = countForms(mentions)
    const groups = groupsFor(house, facts, articleCounts)
    const counts: Counts = {folder: folderForms ? (form) => folderForms[form] : undefined, article: articleCounts}
    const decisions = new Map<Group, Decision>()
    const reportedAlready = spanIndex(reported)
    for (const mention of mentions) {
      if (mention.alias || reportedAlready(mention.start, mention.end)) continue
      const group = groups.groupOf(mention.form)
      if (!group) continue
      let decision = decisions.get(group)
      if (!decision) decisions.set(group, (decision = decide(group, counts)))
      const expected = decision.expected.get(mention.form)
      const stage = decision.stage.get(mention.form)
      if (expected === undefined || stage === undefined || expected === mention.form) continue
      const written = house.unless.get(mention.form)
      if (written?.test(text)) continue
      report({
        messageId: stage,
        data: {expected},
        start: mention.start,
        end: mention.end,
        expected: [expected],
        ...(stage === 'first' ? {} : {fix: {start: mention.start, end: mention.end, text: expected}}),
        note: `${WHY[stage]} Spellings seen: ${describeSpellings(group, counts)}.`
      })
    }
  }
})
