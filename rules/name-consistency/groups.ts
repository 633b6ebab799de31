// Grouping name forms into people (and places), and choosing the spelling each group should use.
import {
  arabicKeys,
  bare,
  chineseKey,
  generalKey,
  generalVariants,
  koreanGivenKey,
  koreanSurname,
  parseName,
  partKeys,
  sameName,
  samePart,
  surnameFamilies,
  surnameOf,
  vowelDeletions,
  type ParsedName
} from './transliteration.js'

/** Folder counts of one form: its mentions, and the files using it (indexes into `NameFacts.files`). */
export type FormCount = [mentions: number, files: number[]]

/** The folder facts of `name-consistency`: plain JSON, merged by adding mentions and joining file sets. */
export interface NameFacts {
  files: string[]
  forms: Record<string, FormCount>
}

export interface HouseEntry {
  canonical: string
  variants: string[]
  /** From the rule's default place names rather than the config. */
  builtIn?: boolean
}

export interface Member {
  form: string
  name: ParsedName
  /** A single word: a surname (or place) written alone. */
  lone: boolean
  /** In the group only because the house list says so (Kiev → Kyiv), not by a romanisation rule. */
  listed: boolean
}

export interface Group {
  members: Member[]
  house?: HouseEntry
}

/** Lone words shorter than this are grouped with each other only through the house list. */
const MIN_LONE_LENGTH = 5

function isLone(name: ParsedName): boolean {
  return name.parts.general!.length === 1
}

function member(form: string, listed = false): Member {
  const name = parseName(form)
  return {form, name, lone: isLone(name), listed}
}

/** Whether two members can be the same name (one lone surname against a full name counts). */
function related(a: Member, b: Member): boolean {
  if (!a.lone && !b.lone) return sameName(a.name, b.name) !== undefined
  if (a.lone && b.lone) return generalVariants(a.form, b.form)
  return a.lone ? surnameOf(a.form, b.name) : surnameOf(b.form, a.name)
}

/** Keys under which a full name is filed: variants share at least one key, possibly via a vowel deletion. */
function nameKeys(name: ParsedName): {exact: string[]; deleted: string[]} {
  const exact: string[] = []
  const deleted: string[] = []
  for (const family of name.families) {
    const parts = name.parts[family]!
    switch (family) {
      case 'korean': {
        const surname = parts[name.surname.korean!]!
        exact.push(`K|${koreanSurname(surname)}|${koreanGivenKey(parts[1 - name.surname.korean!]!)}`)
        break
      }
      case 'chinese':
        exact.push(`C|${parts.map((part) => chineseKey(part)).sort().join('|')}`)
        break
      case 'japanese':
        exact.push(`J|${parts.map((part) => bare(part)).sort().join('|')}`)
        break
      case 'arabic': {
        let keys = ['A']
        for (const part of parts) keys = keys.flatMap((key) => arabicKeys(part).map((variant) => `${key}|${variant}`)).slice(0, 32)
        exact.push(...keys)
        break
      }
      case 'general': {
        const keys = parts.map((part) => generalKey(part))
        exact.push(`G|${keys.join('|')}`)
        for (const [index, key] of keys.entries()) {
          for (const deletion of vowelDeletions(key)) deleted.push(`G|${keys.map((other, at) => (at === index ? deletion : other)).join('|')}`)
        }
        break
      }
    }
  }
  return {exact, deleted}
}

/** Candidate pairs: items sharing an exact key, or one item's deletion key matching another's exact key. */
function candidatePairs<T>(items: T[], keysOf: (item: T) => {exact: string[]; deleted: string[]}): Array<[T, T]> {
  const exact = new Map<string, T[]>()
  const deletedKeys = new Map<T, string[]>()
  for (const item of items) {
    const keys = keysOf(item)
    for (const key of new Set(keys.exact)) {
      const list = exact.get(key)
      if (list) list.push(item)
      else exact.set(key, [item])
    }
    deletedKeys.set(item, keys.deleted)
  }
  const pairs = new Map<string, [T, T]>()
  const index = new Map(items.map((item, at) => [item, at]))
  const add = (a: T, b: T) => {
    if (a === b) return
    const [x, y] = index.get(a)! < index.get(b)! ? [a, b] : [b, a]
    pairs.set(`${index.get(x)}:${index.get(y)}`, [x, y])
  }
  for (const list of exact.values()) for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) add(list[i]!, list[j]!)
  for (const [item, keys] of deletedKeys) for (const key of keys) for (const other of exact.get(key) ?? []) add(item, other)
  return [...pairs.values()]
}

/**
 * All groups among `forms` (plus the house list's forms). Spelling variants join by complete
 * linkage: a form joins a group only if it is a variant of every member, so a chain of near
 * misses can never merge two people. Lone surnames join the one full name they can belong to.
 */
export class NameGroups {
  readonly groups: Group[] = []
  private readonly byForm = new Map<string, Group>()

  constructor(forms: Iterable<string>, house: readonly HouseEntry[] = []) {
    const all = new Map<string, Member>()
    const add = (form: string, listed = false) => {
      if (!all.has(form)) all.set(form, member(form, listed))
      return all.get(form)!
    }
    const groupOf = new Map<Member, Group>()

    for (const entry of house) {
      const group: Group = {members: [], house: entry}
      for (const [index, form] of [entry.canonical, ...entry.variants].entries()) {
        const found = add(form, index > 0)
        if (groupOf.has(found)) continue
        group.members.push(found)
        groupOf.set(found, group)
      }
    }
    for (const form of [...forms].sort()) add(form)
    const members = [...all.values()]

    const merge = (a: Member, b: Member, check: (x: Member, y: Member) => boolean) => {
      const left = groupOf.get(a) ?? {members: [a]}
      const right = groupOf.get(b) ?? {members: [b]}
      if (left === right) return
      if (left.house && right.house) return
      const compared = (group: Group) => group.members.filter((item) => !item.listed)
      for (const x of compared(left)) for (const y of compared(right)) if (!check(x, y)) return
      const [into, from] = left.house || left.members.length >= right.members.length ? [left, right] : [right, left]
      for (const item of from.members) {
        into.members.push(item)
        groupOf.set(item, into)
      }
      groupOf.set(a, into)
      groupOf.set(b, into)
    }

    // Full names: variants under some family, every member against every other.
    const full = members.filter((item) => !item.lone)
    const pairs = candidatePairs(full, (item) => nameKeys(item.name))
      .filter(([a, b]) => sameName(a.name, b.name) !== undefined)
      .sort(([a1, b1], [a2, b2]) => compare(a1.form, a2.form) || compare(b1.form, b2.form))
    for (const [a, b] of pairs) merge(a, b, related)

    // Surnames alone: attached to the one group whose full names they can be the surname of.
    const surnameIndex = new Map<string, Set<Group>>()
    const deletedIndex = new Map<string, Set<Group>>()
    // The surnames of each group's full names as written (bare): Anderson belongs to Gillian Anderson.
    const anchorIndex = new Map<string, Set<Group>>()
    const file = (index: Map<string, Set<Group>>, key: string, group: Group) => {
      const set = index.get(key)
      if (set) set.add(group)
      else index.set(key, new Set([group]))
    }
    for (const item of full) {
      const group = groupOf.get(item) ?? {members: [item]}
      groupOf.set(item, group)
      for (const family of surnameFamilies(item.name)) {
        const surname = item.name.parts[family]![item.name.surname[family]!]!
        file(anchorIndex, bare(surname), group)
        for (const key of partKeys(surname, family)) file(surnameIndex, key, group)
        if (family === 'general') for (const deletion of vowelDeletions(generalKey(surname))) file(deletedIndex, `g:${deletion}`, group)
      }
    }
    const lone = members.filter((item) => item.lone)
    for (const item of lone) {
      if (groupOf.has(item)) continue
      const keys = new Set([
        `b:${bare(item.form)}`,
        `g:${generalKey(item.form)}`,
        ...arabicKeys(item.form).map((key) => `a:${key}`),
        `c:${chineseKey(item.form)}`,
        ...(koreanSurname(item.form) ? [`k:${koreanSurname(item.form)}`] : [])
      ])
      const found = new Set<Group>()
      for (const key of keys) for (const group of surnameIndex.get(key) ?? []) found.add(group)
      for (const group of deletedIndex.get(`g:${generalKey(item.form)}`) ?? []) found.add(group)
      for (const deletion of vowelDeletions(generalKey(item.form))) for (const group of surnameIndex.get(`g:${deletion}`) ?? []) found.add(group)
      // A surname written exactly as a known person's belongs to that person; a variant spelling to
      // the one person it can be.
      const exactOwners = [...(anchorIndex.get(bare(item.form)) ?? [])]
      const owners = exactOwners.length
        ? exactOwners
        : [...found].filter((group) => group.members.some((other) => !other.lone && surnameOf(item.form, other.name)))
      if (owners.length !== 1) continue
      owners[0]!.members.push(item)
      groupOf.set(item, owners[0]!)
    }

    // Remaining lone words (and house groups of places): spelling variants of each other.
    const loose = lone.filter((item) => (!groupOf.has(item) && bare(item.form).length >= MIN_LONE_LENGTH) || groupOf.get(item)?.house)
    const lonePairs = candidatePairs(loose, (item) => {
      const key = generalKey(item.form)
      return {exact: [`b:${bare(item.form)}`, `g:${key}`], deleted: vowelDeletions(key).map((deletion) => `g:${deletion}`)}
    })
      .filter(([a, b]) => generalVariants(a.form, b.form))
      .sort(([a1, b1], [a2, b2]) => compare(a1.form, a2.form) || compare(b1.form, b2.form))
    // Two surnames that are each exactly the surname of a different person stay apart (Anderson, Andersson).
    const distinctOwners = (a: Member, b: Member) => {
      const left = anchorIndex.get(bare(a.form))
      const right = anchorIndex.get(bare(b.form))
      return Boolean(left?.size && right?.size && ![...left].some((group) => right.has(group)))
    }
    for (const [a, b] of lonePairs) merge(a, b, (x, y) => related(x, y) && !distinctOwners(x, y))

    for (const group of new Set(groupOf.values())) {
      if (group.members.length < 2) continue
      this.groups.push(group)
      for (const item of group.members) this.byForm.set(item.form, group)
    }
  }

  groupOf(form: string): Group | undefined {
    return this.byForm.get(form)
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

// Choosing the spelling -------------------------------------------------------------------------

/** What decided a spelling, strongest first. A `first` decision is a tie: reported, never fixed. */
export type Stage = 'house' | 'folder' | 'article' | 'first'
const STRENGTH: Record<Stage | 'unanimous', number> = {unanimous: 5, house: 4, folder: 3, article: 2, first: 1}

export interface ArticleCount {
  mentions: number
  /** Offset of the first mention in the article. */
  first: number
}

export interface Counts {
  /** Folder counts, when the run has folder facts. */
  folder?: (form: string) => FormCount | undefined
  article: ReadonlyMap<string, ArticleCount>
}

export interface Decision {
  /** The spelling each member form should have. */
  expected: Map<string, string>
  /** Why, for each member form whose spelling differs. */
  stage: Map<string, Stage>
  /** Whether other files of the folder weighed in. */
  folder: boolean
}

interface Votes {
  files: Set<number>
  mentions: number
  article: number
  first: number
}

function votesOf(form: string, counts: Counts): Votes {
  const folder = counts.folder?.(form)
  const article = counts.article.get(form)
  return {files: new Set(folder?.[1]), mentions: folder?.[0] ?? 0, article: article?.mentions ?? 0, first: article?.first ?? Infinity}
}

function addVotes(tally: Map<string, Votes>, surface: string, votes: Votes): void {
  const found = tally.get(surface)
  if (!found) {
    tally.set(surface, {...votes, files: new Set(votes.files)})
    return
  }
  // One file using two forms of the same spelling is still one file.
  for (const file of votes.files) found.files.add(file)
  found.mentions += votes.mentions
  found.article += votes.article
  found.first = Math.min(found.first, votes.first)
}

/** The winning spelling of a tally and the stage that decided it (folder, article, first occurrence). */
function choose(tally: Map<string, Votes>, folder: boolean): {surface: string; stage: Stage | 'unanimous'} {
  let tied = [...tally.entries()].sort(([a], [b]) => compare(a, b))
  if (tied.length === 1) return {surface: tied[0]![0], stage: 'unanimous'}
  if (folder) {
    const best = (v: Votes) => [v.files.size, v.mentions] as const
    const [files, mentions] = tied.map(([, v]) => best(v)).sort((a, b) => b[0] - a[0] || b[1] - a[1])[0]!
    tied = tied.filter(([, v]) => v.files.size === files && v.mentions === mentions)
    if (tied.length === 1) return {surface: tied[0]![0], stage: 'folder'}
  }
  const most = Math.max(...tied.map(([, v]) => v.article))
  tied = tied.filter(([, v]) => v.article === most)
  if (tied.length === 1) return {surface: tied[0]![0], stage: 'article'}
  // A tie: the first spelling in the article (or, if none is in it, the first in alphabetical order).
  const first = Math.min(...tied.map(([, v]) => v.first))
  return {surface: (tied.find(([, v]) => v.first === first) ?? tied[0]!)[0], stage: 'first'}
}

function weakest(stages: Array<Stage | 'unanimous'>): Stage {
  const found = stages.reduce<Stage | 'unanimous'>((low, stage) => (STRENGTH[stage] < STRENGTH[low] ? stage : low), 'unanimous')
  return found === 'unanimous' ? 'house' : found
}

/** The spelling a lone word should have under a house canonical: the part of it the word spells. */
function houseSurname(form: string, canonical: ParsedName): string {
  if (isLone(canonical)) return canonical.form
  const family = canonical.families[0]!
  const parts = canonical.parts[family]!
  const surname = parts[canonical.surname[family]!]!
  if (surnameOf(form, canonical)) return surname
  return canonical.parts.general!.find((part) => generalVariants(form, part)) ?? surname
}

/** The expected spelling of a form listed under (or grouped with) a house entry. */
export function houseExpected(form: string, entry: HouseEntry): string {
  const canonical = parseName(entry.canonical)
  return isLone(parseName(form)) ? houseSurname(form, canonical) : entry.canonical
}

/**
 * Decides a group's spelling: the house list; else, part by part (given name, surname, order),
 * the folder's majority (files, then mentions), the article's majority, the first in the article.
 * Deciding part by part keeps a full name and its surname alone in step.
 */
export function decide(group: Group, counts: Counts): Decision {
  const expected = new Map<string, string>()
  const stage = new Map<string, Stage>()
  const folder =
    counts.folder !== undefined &&
    group.members.some((item) => (counts.folder!(item.form)?.[1].length ?? 0) - (counts.article.has(item.form) ? 1 : 0) > 0)

  if (group.house) {
    for (const item of group.members) {
      const spelling = houseExpected(item.form, group.house)
      expected.set(item.form, spelling)
      if (spelling !== item.form) stage.set(item.form, 'house')
    }
    return {expected, stage, folder}
  }

  const full = group.members.filter((item) => !item.lone)
  const lone = group.members.filter((item) => item.lone)
  if (full.length === 0) {
    const tally = new Map<string, Votes>()
    for (const item of lone) addVotes(tally, item.form, votesOf(item.form, counts))
    const chosen = choose(tally, folder)
    for (const item of lone) {
      expected.set(item.form, chosen.surface)
      if (chosen.surface !== item.form) stage.set(item.form, weakest([chosen.stage]))
    }
    return {expected, stage, folder}
  }

  // The reference lines the other spellings up part by part; the best-attested full name.
  const score = (item: Member) => {
    const v = votesOf(item.form, counts)
    return [v.files.size, v.mentions, v.article] as const
  }
  const reference = [...full].sort((a, b) => {
    const [x, y] = [score(a), score(b)]
    return y[0] - x[0] || y[1] - x[1] || y[2] - x[2] || compare(a.form, b.form)
  })[0]!
  const family = reference.name.families[0]!
  const slots = reference.name.parts[family]!
  const surnameSlot = reference.name.surname[family]!
  const tallies = slots.map(() => new Map<string, Votes>())
  const order = new Map<string, Votes>()
  const aligned = new Map<string, {parts: string[]; reversed: boolean}>()

  for (const item of full) {
    const alignment = item === reference ? {reversed: false} : sameName(reference.name, item.name, family)
    if (!alignment) continue
    const parts = item.name.parts[family]!
    const lined = alignment.reversed ? [...parts].reverse() : parts
    aligned.set(item.form, {parts: lined, reversed: alignment.reversed})
    const votes = votesOf(item.form, counts)
    for (const [slot, surface] of lined.entries()) addVotes(tallies[slot]!, surface, votes)
    addVotes(order, alignment.reversed ? 'reversed' : 'same', votes)
  }
  for (const item of lone) addVotes(tallies[surnameSlot]!, item.form, votesOf(item.form, counts))

  const chosen = tallies.map((tally) => choose(tally, folder))
  const orientation = choose(order, folder)
  const spelled = chosen.map((choice) => choice.surface)
  const canonical = (orientation.surface === 'reversed' ? [...spelled].reverse() : spelled).join(' ')

  for (const item of full) {
    expected.set(item.form, canonical)
    if (canonical === item.form) continue
    const lined = aligned.get(item.form)
    const differing: Array<Stage | 'unanimous'> = lined
      ? chosen.filter((choice, slot) => choice.surface !== lined.parts[slot]).map((choice) => choice.stage)
      : chosen.map((choice) => choice.stage)
    if (lined && (lined.reversed ? 'reversed' : 'same') !== orientation.surface) differing.push(orientation.stage)
    stage.set(item.form, weakest(differing.length ? differing : chosen.map((choice) => choice.stage)))
  }
  for (const item of lone) {
    const surname = chosen[surnameSlot]!
    expected.set(item.form, surname.surface)
    if (surname.surface !== item.form) stage.set(item.form, weakest([surname.stage]))
  }
  return {expected, stage, folder}
}

/** "`Navalny` (9 in 1 file), `Navalni` (8 in 1 file)": the spellings of a group, most used first. */
export function describeSpellings(group: Group, counts: Counts, limit = 8): string {
  const rows = group.members
    .map((item) => {
      const folder = counts.folder?.(item.form)
      const article = counts.article.get(item.form)
      return {form: item.form, mentions: folder?.[0] ?? article?.mentions ?? 0, files: folder?.[1].length}
    })
    .filter((row) => row.mentions > 0)
    .sort((a, b) => b.mentions - a.mentions || compare(a.form, b.form))
  const shown = rows
    .slice(0, limit)
    .map((row) => `\`${row.form}\` (${row.mentions}${row.files === undefined ? '' : ` in ${row.files} file${row.files === 1 ? '' : 's'}`})`)
  if (rows.length > limit) shown.push(`and ${rows.length - limit} more`)
  return shown.join(', ')
}
