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

// Members never change once made, so one per form (and listing) serves every grouping.
const members = [new Map<string, Member>(), new Map<string, Member>()]

function member(form: string, listed = false): Member {
  const cache = members[listed ? 1 : 0]!
  let found = cache.get(form)
  if (found) return found
  if (cache.size >= 50_000) cache.clear()
  const {name, lone} = infoOf(form)
  found = {form, name, lone, listed}
  cache.set(form, found)
  return found
}

/** The keys of one form that grouping files it under, worked out once per form, not once per article. */
interface FormInfo {
  name: ParsedName
  lone: boolean
  /** A full name's keys (`nameKeys`), exact ones without repeats. */
  nameKeys: Keys
  /** A full name's surname in each family to trust: as written (bare), its part keys, its vowel deletions. */
  surnames: Array<{anchor: string; keys: string[]; deleted: string[]}>
  /** A lone word: bare, the keys it shares with a surname, and the vowel-deletion keys. */
  bare: string
  generalTag: string
  loneKeys: string[]
  loneDeletions: string[]
  /** A lone word's keys among other lone words. */
  looseKeys: Keys
  /** Every key above, by its number (`meetingKey`): two forms that share none never meet while grouping (see `groupable`). */
  meeting: Int32Array
}

interface Keys {
  exact: readonly string[]
  deleted: readonly string[]
}

const infos = new Map<string, FormInfo>()

function infoOf(form: string): FormInfo {
  let found = infos.get(form)
  if (found) return found
  // Long sessions (the language server) meet endless forms: start over rather than grow forever.
  if (infos.size >= 50_000) infos.clear()
  const name = parseName(form)
  const lone = isLone(name)
  const key = generalKey(form)
  const deletions = vowelDeletions(key).map((deletion) => `g:${deletion}`)
  const surnames: FormInfo['surnames'] = []
  let keys: Keys = {exact: [], deleted: []}
  if (!lone) {
    const all = nameKeys(name)
    keys = {exact: [...new Set(all.exact)], deleted: all.deleted}
    for (const family of surnameFamilies(name)) {
      const surname = name.parts[family]![name.surname[family]!]!
      surnames.push({
        anchor: bare(surname),
        keys: partKeys(surname, family),
        deleted: family === 'general' ? vowelDeletions(generalKey(surname)).map((deletion) => `g:${deletion}`) : []
      })
    }
  }
  const korean = koreanSurname(form)
  const loneKeys = [
    ...new Set([`b:${bare(form)}`, `g:${key}`, ...arabicKeys(form).map((arabic) => `a:${arabic}`), `c:${chineseKey(form)}`, ...(korean ? [`k:${korean}`] : [])])
  ]
  const looseKeys = {exact: [...new Set([`b:${bare(form)}`, `g:${key}`])], deleted: deletions}
  // A full name meets others by its name keys and its surname's; a lone word by what it looks up.
  const meetingKeys = new Set(lone ? [`anchor:${bare(form)}`, ...loneKeys, ...deletions, ...looseKeys.exact] : [...keys.exact, ...keys.deleted])
  for (const surname of surnames) for (const meeting of [`anchor:${surname.anchor}`, ...surname.keys, ...surname.deleted]) meetingKeys.add(meeting)
  found = {
    name,
    lone,
    nameKeys: keys,
    surnames,
    bare: bare(form),
    generalTag: `g:${key}`,
    loneKeys,
    loneDeletions: deletions,
    looseKeys,
    meeting: Int32Array.from(meetingKeys, meetingKey)
  }
  infos.set(form, found)
  return found
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

/**
 * The most items filed under one key. One name has a handful of spellings; a key shared by hundreds of
 * forms (`Abcd`, `ABcd`, `AbCd`… in a hostile text) would make pairs, and complete-linkage checks, in
 * the square of their number. Items past this many are not filed under that key (their other keys
 * still count).
 */
const MAX_PER_KEY = 64

/** Candidate pairs: items sharing an exact key, or one item's deletion key matching another's exact key. */
function candidatePairs<T>(items: T[], keysOf: (item: T) => Keys): Array<[T, T]> {
  const exact = new Map<string, number[]>()
  for (let at = 0; at < items.length; at++) {
    // Exact keys come without repeats (see `infoOf`).
    for (const key of keysOf(items[at]!).exact) {
      const list = exact.get(key)
      if (!list) exact.set(key, [at])
      else if (list.length < MAX_PER_KEY) list.push(at)
    }
  }
  // Each pair once, by its two indexes (lower first) folded into one number.
  const seen = new Set<number>()
  const pairs: Array<[T, T]> = []
  const size = items.length
  const add = (a: number, b: number) => {
    if (a === b) return
    const x = a < b ? a : b
    const y = a < b ? b : a
    const key = x * size + y
    if (seen.has(key)) return
    seen.add(key)
    pairs.push([items[x]!, items[y]!])
  }
  for (const list of exact.values()) for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) add(list[i]!, list[j]!)
  for (let at = 0; at < items.length; at++) {
    for (const key of keysOf(items[at]!).deleted) {
      const others = exact.get(key)
      if (others) for (const other of others) add(at, other)
    }
  }
  return pairs
}

// Meeting keys by number, so that finding which forms meet takes no map per article: two arrays
// indexed by key number, stamped with the pass that wrote them instead of being cleared.
const meetingKeys = new Map<string, number>()
let meetingEpoch = 0
let stamps = new Int32Array(1024)
let owners = new Int32Array(1024)
let pass = 0

function meetingKey(key: string): number {
  let found = meetingKeys.get(key)
  if (found === undefined) meetingKeys.set(key, (found = meetingKeys.size))
  return found
}

/**
 * Long sessions (the language server) meet endless forms: past this many key numbers, they start over
 * (with the forms that hold them), and clusters built on the old ones are built again. Only between
 * two uses, so that one use never mixes numbers of two generations.
 */
const MAX_MEETING_KEYS = 1 << 21

function startOverIfFull(): void {
  if (meetingKeys.size < MAX_MEETING_KEYS) return
  meetingKeys.clear()
  infos.clear()
  meetingEpoch++
  stamps = new Int32Array(1024)
  owners = new Int32Array(1024)
  pass = 0
}

/** House entries in clusters that share meeting keys: built once per house list. */
interface HouseClusters {
  epoch: number
  /** The cluster of each entry, by position. */
  clusterOf: number[]
  /** The cluster of each meeting key number, -1 for none (numbers made later are no house keys). */
  byKey: Int32Array
}

const houseClusters = new WeakMap<readonly HouseEntry[], HouseClusters>()

function clustersOf(house: readonly HouseEntry[]): HouseClusters {
  let found = houseClusters.get(house)
  if (found?.epoch === meetingEpoch) return found
  // Union-find over entries: two entries whose forms share a meeting key are one cluster.
  const parent = house.map((_, index) => index)
  const root = (index: number): number => {
    while (parent[index] !== index) index = parent[index] = parent[parent[index]!]!
    return index
  }
  const infos = house.map((entry) => [entry.canonical, ...entry.variants].map((form) => infoOf(form)))
  const firstEntry = new Map<number, number>()
  for (const [index, forms] of infos.entries()) {
    for (const info of forms) {
      for (const key of info.meeting) {
        const other = firstEntry.get(key)
        if (other === undefined) firstEntry.set(key, index)
        else parent[root(other)] = root(index)
      }
    }
  }
  const byKey = new Int32Array(meetingKeys.size).fill(-1)
  for (const [key, index] of firstEntry) byKey[key] = root(index)
  found = {epoch: meetingEpoch, clusterOf: house.map((_, index) => root(index)), byKey}
  houseClusters.set(house, found)
  return found
}

/**
 * What can be grouped among `forms`: the forms that share a meeting key with another form or with a
 * house entry, and the house clusters they meet, in the list's order. Anything else shares no key
 * with what is kept, so it can neither join a group nor change one: `NameGroups` of what is kept
 * gives every kept form the group it has among all `forms` and the whole house list (and every form
 * left out has none), at a cost that grows with neither the house list nor the forms that stand alone.
 */
export function groupable(forms: readonly string[], house: readonly HouseEntry[]): {forms: string[]; house: readonly HouseEntry[]} {
  startOverIfFull()
  const clusters = house.length ? clustersOf(house) : undefined
  const infos = forms.map((form) => infoOf(form))
  if (stamps.length < meetingKeys.size) {
    const size = Math.max(meetingKeys.size, stamps.length * 2)
    stamps = new Int32Array(size)
    owners = new Int32Array(size)
    pass = 0
  }
  if (++pass === 0x7fffffff) {
    stamps.fill(0)
    pass = 1
  }
  // Each key's form, or -1 once two forms have it.
  for (let index = 0; index < infos.length; index++) {
    for (const key of infos[index]!.meeting) {
      if (stamps[key] !== pass) {
        stamps[key] = pass
        owners[key] = index
      } else if (owners[key] !== index) owners[key] = -1
    }
  }
  const wanted: number[] = []
  const kept: string[] = []
  for (let index = 0; index < infos.length; index++) {
    let meets = false
    for (const key of infos[index]!.meeting) {
      if (owners[key] === -1) meets = true
      const cluster = clusters && key < clusters.byKey.length ? clusters.byKey[key]! : -1
      if (cluster !== -1) {
        if (!wanted.includes(cluster)) wanted.push(cluster)
        meets = true
      }
    }
    if (meets) kept.push(forms[index]!)
  }
  return {forms: kept, house: wanted.length ? house.filter((_, index) => wanted.includes(clusters!.clusterOf[index]!)) : []}
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
      for (let index = 0; index <= entry.variants.length; index++) {
        const found = add(index === 0 ? entry.canonical : entry.variants[index - 1]!, index > 0)
        if (groupOf.has(found)) continue
        group.members.push(found)
        groupOf.set(found, group)
      }
    }
    for (const form of [...forms].sort(compare)) add(form)
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
    const pairs = candidatePairs(full, (item) => infoOf(item.form).nameKeys)
      .filter(([a, b]) => sameName(a.name, b.name) !== undefined)
      .sort(([a1, b1], [a2, b2]) => compare(a1.form, a2.form) || compare(b1.form, b2.form))
    for (const [a, b] of pairs) merge(a, b, related)

    // Surnames alone: attached to the one group whose full names they can be the surname of.
    // Groups by key, each once (a handful per key: lists beat sets).
    const surnameIndex = new Map<string, Group[]>()
    const deletedIndex = new Map<string, Group[]>()
    // The surnames of each group's full names as written (bare): Anderson belongs to Gillian Anderson.
    const anchorIndex = new Map<string, Group[]>()
    const file = (index: Map<string, Group[]>, key: string, group: Group) => {
      const list = index.get(key)
      if (!list) index.set(key, [group])
      else if (!list.includes(group)) list.push(group)
    }
    for (const item of full) {
      const group = groupOf.get(item) ?? {members: [item]}
      groupOf.set(item, group)
      for (const surname of infoOf(item.form).surnames) {
        file(anchorIndex, surname.anchor, group)
        for (const key of surname.keys) file(surnameIndex, key, group)
        for (const key of surname.deleted) file(deletedIndex, key, group)
      }
    }
    const lone = members.filter((item) => item.lone)
    for (const item of lone) {
      if (groupOf.has(item)) continue
      const info = infoOf(item.form)
      // A surname written exactly as a known person's belongs to that person; a variant spelling to
      // the one person it can be.
      const exactOwners = anchorIndex.get(info.bare)
      let owner: Group | undefined
      if (exactOwners?.length) {
        if (exactOwners.length !== 1) continue
        owner = exactOwners[0]!
      } else {
        const found = new Set<Group>()
        for (const key of info.loneKeys) for (const group of surnameIndex.get(key) ?? []) found.add(group)
        for (const group of deletedIndex.get(info.generalTag) ?? []) found.add(group)
        for (const key of info.loneDeletions) for (const group of surnameIndex.get(key) ?? []) found.add(group)
        for (const group of found) {
          if (!group.members.some((other) => !other.lone && surnameOf(item.form, other.name))) continue
          if (owner) {
            owner = undefined
            break
          }
          owner = group
        }
        if (!owner) continue
      }
      owner.members.push(item)
      groupOf.set(item, owner)
    }

    // Remaining lone words (and house groups of places): spelling variants of each other.
    const loose = lone.filter((item) => (!groupOf.has(item) && infoOf(item.form).bare.length >= MIN_LONE_LENGTH) || groupOf.get(item)?.house)
    const lonePairs = candidatePairs(loose, (item) => infoOf(item.form).looseKeys)
      .filter(([a, b]) => generalVariants(a.form, b.form))
      .sort(([a1, b1], [a2, b2]) => compare(a1.form, a2.form) || compare(b1.form, b2.form))
    // Two surnames that are each exactly the surname of a different person stay apart (Anderson, Andersson).
    const distinctOwners = (a: Member, b: Member) => {
      const left = anchorIndex.get(infoOf(a.form).bare)
      const right = anchorIndex.get(infoOf(b.form).bare)
      return Boolean(left?.length && right?.length && !left.some((group) => right.includes(group)))
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
  /** Shared with the facts (never changed) until `owned`: a tally copies the set before adding to it. */
  files: ReadonlySet<number>
  owned: boolean
  mentions: number
  article: number
  first: number
}

const NO_FILES: ReadonlySet<number> = new Set()
// The file set of each form's folder counts, built once per facts object rather than once per article.
const fileSets = new WeakMap<readonly number[], ReadonlySet<number>>()

function fileSetOf(files: readonly number[] | undefined): ReadonlySet<number> {
  if (!files || files.length === 0) return NO_FILES
  let found = fileSets.get(files)
  if (!found) fileSets.set(files, (found = new Set(files)))
  return found
}

function votesOf(form: string, counts: Counts): Votes {
  const folder = counts.folder?.(form)
  const article = counts.article.get(form)
  return {files: fileSetOf(folder?.[1]), owned: false, mentions: folder?.[0] ?? 0, article: article?.mentions ?? 0, first: article?.first ?? Infinity}
}

function addVotes(tally: Map<string, Votes>, surface: string, votes: Votes): void {
  const found = tally.get(surface)
  if (!found) {
    tally.set(surface, {...votes, owned: false})
    return
  }
  // One file using two forms of the same spelling is still one file.
  if (votes.files.size > 0) {
    let files = found.files as Set<number>
    if (!found.owned) {
      files = new Set(found.files)
      found.files = files
      found.owned = true
    }
    for (const file of votes.files) files.add(file)
  }
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

  // Each member's votes, worked out once (tallies copy them before adding).
  const votes = new Map(group.members.map((item) => [item, votesOf(item.form, counts)]))
  // The reference lines the other spellings up part by part; the best-attested full name.
  const better = (a: Member, b: Member) => {
    const x = votes.get(a)!
    const y = votes.get(b)!
    return y.files.size - x.files.size || y.mentions - x.mentions || y.article - x.article || compare(a.form, b.form)
  }
  let reference = full[0]!
  for (const item of full) if (better(item, reference) < 0) reference = item
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
    const own = votes.get(item)!
    for (const [slot, surface] of lined.entries()) addVotes(tallies[slot]!, surface, own)
    addVotes(order, alignment.reversed ? 'reversed' : 'same', own)
  }
  for (const item of lone) addVotes(tallies[surnameSlot]!, item.form, votes.get(item)!)

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
