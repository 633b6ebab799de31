// How units are compared without building strings. A unit's comparison key is its words joined by
// spaces; read back split at the spaces, it is a sequence of *segments* (the words themselves,
// unless NFKC gave a word a space of its own). Two keys are equal exactly when their segment
// sequences are, so keys, the suffixes glued copies are looked up by, and word trigrams are all
// numbered by sequences of segment ids, with the same equalities as the joined strings.
import type {Lexicon} from './lexicon.js'
import type {Unit} from './units.js'

const SHINGLE = 3

/** A unit with the segment sequence of its key. */
export interface Keyed {
  unit: Unit
  /** Segment ids of the unit's key. */
  sequence: Int32Array
  /** `hashes[i]` hashes `sequence[i..]` (for look-ups; equality is always checked in full). */
  hashes: Int32Array
  /** Where each token's segments start in `sequence`, and its length after the last (absent when tokens and segments coincide). */
  positions?: Int32Array
}

/** The segment ids of a document's units: a segment's id is its id in the document's lexicon. */
export class Segments {
  constructor(private readonly lexicon: Lexicon) {}

  /** The units with their sequences (and the hashes of those, all in one block). */
  keyed(units: Unit[]): Keyed[] {
    const sequences = units.map((unit) => this.sequence(unit))
    const block = new Int32Array(sequences.reduce((sum, {sequence}) => sum + sequence.length + 1, 0))
    let offset = 0
    return units.map((unit, index) => {
      const {sequence, positions} = sequences[index]!
      const hashes = block.subarray(offset, (offset += sequence.length + 1))
      let hash = 0
      for (let at = sequence.length - 1; at >= 0; at--) {
        hash = Math.imul(hash ^ (sequence[at]! + 0x7f4a7c15), 0x9e3779b1) ^ (hash >>> 15)
        hashes[at] = hash
      }
      return {unit, sequence, hashes, positions}
    })
  }

  private sequence({tokens}: Unit): {sequence: Int32Array; positions?: Int32Array} {
    const {spaced} = this.lexicon
    if (!tokens.ids.some((id) => spaced[id])) return {sequence: tokens.ids}
    const segments: number[] = []
    const positions = new Int32Array(tokens.length + 1)
    for (let index = 0; index < tokens.length; index++) {
      const id = tokens.ids[index]!
      positions[index] = segments.length
      if (!spaced[id]) segments.push(id)
      else for (const segment of this.lexicon.values[id]!.split(' ')) segments.push(this.lexicon.word(segment))
    }
    positions[tokens.length] = segments.length
    return {sequence: Int32Array.from(segments), positions}
  }
}

/** Where token `index` starts in a unit's sequence. */
export function position(keyed: Keyed, index: number): number {
  return keyed.positions ? keyed.positions[index]! : index
}

/** A map keyed by the segments of a key or suffix: `sequence[from..]` of a keyed unit. */
export class SequenceMap<Value> {
  private readonly buckets = new Map<number, Array<{keyed: Keyed; from: number; value: Value}>>()

  get(keyed: Keyed, from: number): Value | undefined {
    const bucket = this.buckets.get(bucketOf(keyed, from))
    if (bucket) for (const entry of bucket) if (same(entry.keyed, entry.from, keyed, from)) return entry.value
    return undefined
  }

  has(keyed: Keyed, from: number): boolean {
    const bucket = this.buckets.get(bucketOf(keyed, from))
    return bucket !== undefined && bucket.some((entry) => same(entry.keyed, entry.from, keyed, from))
  }

  set(keyed: Keyed, from: number, value: Value): void {
    const key = bucketOf(keyed, from)
    const bucket = this.buckets.get(key)
    if (!bucket) {
      this.buckets.set(key, [{keyed, from, value}])
      return
    }
    const entry = bucket.find((candidate) => same(candidate.keyed, candidate.from, keyed, from))
    if (entry) entry.value = value
    else bucket.push({keyed, from, value})
  }
}

function bucketOf(keyed: Keyed, from: number): number {
  return (keyed.hashes[from]! ^ Math.imul(keyed.sequence.length - from, 0x85ebca77)) & 0x3fffffff
}

function same(a: Keyed, aFrom: number, b: Keyed, bFrom: number): boolean {
  const length = a.sequence.length - aFrom
  if (length !== b.sequence.length - bFrom) return false
  const x = a.sequence
  const y = b.sequence
  for (let offset = 0; offset < length; offset++) if (x[aFrom + offset] !== y[bFrom + offset]) return false
  return true
}

/** The groups copies are gathered in; `shingles` counts the distinct trigrams of the first copy. */
export interface ShingledGroup {
  shingles: number
}

/**
 * Near-copy search: the distinct word trigrams of each large unit (its whole key when shorter), an
 * index from each trigram to the groups whose first copy has it, and, for a new unit, the groups it
 * shares trigrams with and how many, in the order they are first met.
 */
export class NearIndex<Group extends ShingledGroup> {
  private readonly trigrams: TripleIds
  /** Per trigram id, the number of the last unit that listed it (so a unit lists each once). */
  private seen: Int32Array
  /** Per trigram id, its first and last posting (+ 1; 0 for none): the groups whose first copy has it, in order. */
  private first: Int32Array
  private last: Int32Array
  /** Per posting, the next posting of its trigram (+ 1) and its group's id. */
  private next: Int32Array
  private owner: Int32Array
  private postings = 0
  private readonly groups: Group[] = []
  /** Per group id, trigrams shared with the unit being compared (zero between comparisons). */
  private counts: Int32Array
  private units = 0

  /** Sized for `units` units of `words` words in all (each word begins at most one trigram). */
  constructor(units: number, words: number) {
    const capacity = tableCapacity(words)
    const size = words + 16
    // One block for every table (they seldom grow): one allocation per document, not eight.
    const memory = new Int32Array(5 * size + units + 16 + 4 * capacity)
    let offset = 0
    const take = (length: number) => memory.subarray(offset, (offset += length))
    this.seen = take(size)
    this.first = take(size)
    this.last = take(size)
    this.next = take(size)
    this.owner = take(size)
    this.counts = take(units + 16)
    this.trigrams = new TripleIds(take(capacity), take(3 * capacity))
  }

  /** The distinct trigrams of a unit, in order of first occurrence. */
  shingles(keyed: Keyed): number[] {
    const unitNumber = ++this.units
    const found: number[] = []
    const add = (id: number) => {
      if (id >= this.seen.length) this.growTrigrams(id)
      if (this.seen[id] === unitNumber) return
      this.seen[id] = unitNumber
      found.push(id)
    }
    const count = keyed.unit.tokens.length
    const {sequence} = keyed
    if (count < SHINGLE) {
      if (count > 0) add(this.trigrams.of(sequence, 0, sequence.length))
    } else if (!keyed.positions) {
      for (let index = 0; index + SHINGLE <= count; index++) add(this.trigrams.id(sequence[index]!, sequence[index + 1]!, sequence[index + 2]!))
    } else {
      for (let index = 0; index + SHINGLE <= count; index++) add(this.trigrams.of(sequence, position(keyed, index), position(keyed, index + SHINGLE)))
    }
    return found
  }

  /** Calls `each` with every indexed group sharing trigrams with `shingles` and how many, in the order they are first met. */
  shared(shingles: number[], each: (group: Group, count: number) => void): void {
    const met: number[] = []
    const {counts, next, owner} = this
    for (const shingle of shingles) {
      for (let posting = this.first[shingle]!; posting !== 0; posting = next[posting - 1]!) {
        const id = owner[posting - 1]!
        if (counts[id]!++ === 0) met.push(id)
      }
    }
    for (const id of met) {
      const count = counts[id]!
      counts[id] = 0
      each(this.groups[id]!, count)
    }
  }

  /** Indexes a new group by the trigrams of its first copy. */
  add(group: Group, shingles: number[]): void {
    const id = this.groups.length
    this.groups.push(group)
    if (id >= this.counts.length) this.counts = grown(this.counts, id)
    for (const shingle of shingles) {
      const posting = this.postings++
      if (posting >= this.next.length) {
        this.next = grown(this.next, posting)
        this.owner = grown(this.owner, posting)
      }
      this.owner[posting] = id
      const last = this.last[shingle]!
      if (last === 0) this.first[shingle] = posting + 1
      else this.next[last - 1] = posting + 1
      this.last[shingle] = posting + 1
    }
  }

  private growTrigrams(id: number): void {
    this.seen = grown(this.seen, id)
    this.first = grown(this.first, id)
    this.last = grown(this.last, id)
  }
}

/** Slots for numbering about `expected` triples: a power of two, twice that, so the table seldom grows. */
function tableCapacity(expected: number): number {
  let capacity = 256
  while (capacity < 2 * expected) capacity *= 2
  return capacity
}

/** A copy of `array` long enough to hold index `index`, zeros after the old contents. */
function grown(array: Int32Array, index: number): Int32Array {
  const copy = new Int32Array(Math.max(array.length * 2, index + 1))
  copy.set(array)
  return copy
}

/**
 * Dense ids for sequences of segment ids: a triple directly, anything else (a key of one or two
 * words, or a trigram whose words hold spaces) through a chain of triples tagged by a negative
 * third member, so every distinct sequence gets its own id. An open-addressing table: no key is
 * allocated.
 */
class TripleIds {
  private keys: Int32Array
  private ids: Int32Array
  private size = 0

  /** Zeroed tables: `ids` of a power of two (`tableCapacity`), `keys` three times as long. */
  constructor(ids: Int32Array, keys: Int32Array) {
    this.ids = ids
    this.keys = keys
  }

  /** The id of `sequence[from..to]`. */
  of(sequence: Int32Array, from: number, to: number): number {
    const length = to - from
    if (length === 1) return this.id(sequence[from]!, -1, -1)
    if (length === 2) return this.id(sequence[from]!, sequence[from + 1]!, -1)
    let id = this.id(sequence[from]!, sequence[from + 1]!, sequence[from + 2]!)
    for (let index = from + 3; index < to; index++) id = this.id(id, sequence[index]!, -2)
    return id
  }

  id(a: number, b: number, c: number): number {
    const mask = this.ids.length - 1
    let slot = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d)) & mask
    for (;;) {
      const found = this.ids[slot]!
      if (found === 0) break
      if (this.keys[3 * slot] === a && this.keys[3 * slot + 1] === b && this.keys[3 * slot + 2] === c) return found - 1
      slot = (slot + 1) & mask
    }
    const id = this.size++
    this.place(slot, a, b, c, id + 1)
    if (this.size * 2 > this.ids.length) this.grow()
    return id
  }

  /** `stored`: the id + 1 (0 marks an empty slot). */
  private place(slot: number, a: number, b: number, c: number, stored: number): void {
    this.ids[slot] = stored
    this.keys[3 * slot] = a
    this.keys[3 * slot + 1] = b
    this.keys[3 * slot + 2] = c
  }

  private grow(): void {
    const {keys, ids} = this
    this.keys = new Int32Array(keys.length * 2)
    this.ids = new Int32Array(ids.length * 2)
    const mask = this.ids.length - 1
    for (let old = 0; old < ids.length; old++) {
      const stored = ids[old]!
      if (stored === 0) continue
      const a = keys[3 * old]!
      const b = keys[3 * old + 1]!
      const c = keys[3 * old + 2]!
      let slot = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d)) & mask
      while (this.ids[slot] !== 0) slot = (slot + 1) & mask
      this.place(slot, a, b, c, stored)
    }
  }
}
