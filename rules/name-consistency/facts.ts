// Merging the folder facts of `name-consistency` in linear time overall.
//
// The engine folds facts one file at a time (`facts = merge(facts, collected)`). Built eagerly, every
// step copies everything merged so far, so N files cost O(N²): 2,000 files took seconds. Here a merge
// only records its two operands; the first read of `files` or `forms` replays the whole chain of
// merges into one fresh object, once, and from then on the result is an ordinary data object.
// Nothing handed to or returned from `mergeNameFacts` is ever changed afterwards, so a result can be
// merged again, cached or reused (as the language server does with the files before and after one).
import type {FormCount, NameFacts} from './groups.js'

interface Pending {
  /** Left operand: plain facts, or another pending merge. */
  parent: NameFacts
  /** Right operand, merged into `parent`. */
  delta: NameFacts
  /** How often this result was merged into further: a result used twice is built, so each use starts from it. */
  uses: number
  /** Pending merges in the chain down to the nearest built facts, this one included. */
  depth: number
}

const pending = new WeakMap<NameFacts, Pending>()

/**
 * Longest chain of pending merges: a fold builds every this many files, as it goes, instead of all
 * of them when the result is first read (in the CLI, once the whole first pass is done and every
 * worker waits for the facts: 60 to 110 ms for 2,000 files). Each build copies what is merged so
 * far once, so a fold of N files still costs about N²/(2 × MAX_PENDING) copied entries at most.
 */
const MAX_PENDING = 128

/** Merges two fact objects: mentions add up, file sets join (a file met twice counts once). */
export function mergeNameFacts(a: NameFacts, b: NameFacts): NameFacts {
  let left = pending.get(a)
  if (left && (++left.uses > 1 || left.depth >= MAX_PENDING)) {
    build(a)
    left = undefined
  }
  const facts = {} as NameFacts
  pending.set(facts, {parent: a, delta: b, uses: 0, depth: (left?.depth ?? 0) + 1})
  // Enumerable accessors that turn into data properties on first use: JSON.stringify, structuredClone
  // and spreading all read them, so the object serialises exactly as a plain one.
  for (const key of ['files', 'forms'] as const) {
    Object.defineProperty(facts, key, {
      enumerable: true,
      configurable: true,
      get: () => build(facts)[key],
      set: (value: unknown) => {
        build(facts)
        Object.defineProperty(facts, key, {value, enumerable: true, configurable: true, writable: true})
      }
    })
  }
  return facts
}

/** Replays the merges behind `facts` into data properties (once), and returns it. */
function build(facts: NameFacts): NameFacts {
  if (!pending.has(facts)) return facts
  // Walk back to the nearest built (or plain) ancestor; the right operands, latest first.
  const deltas: NameFacts[] = []
  let base = facts
  for (let step = pending.get(base); step; step = pending.get(base)) {
    deltas.push(step.delta)
    base = step.parent
  }
  const builder = new Builder(base)
  for (let index = deltas.length - 1; index >= 0; index--) builder.add(build(deltas[index]!))
  pending.delete(facts)
  Object.defineProperty(facts, 'files', {value: builder.files, enumerable: true, configurable: true, writable: true})
  Object.defineProperty(facts, 'forms', {value: builder.forms, enumerable: true, configurable: true, writable: true})
  return facts
}

/**
 * The merged facts under construction: `add` does what one eager merge did, in time proportional to
 * the facts added. Counts it creates are its own to grow; counts of the base are shared, never changed.
 */
class Builder {
  readonly files: string[]
  readonly forms: NameFacts['forms']
  private readonly position = new Map<string, number>()
  /** Counts this builder created, with whether their file list is strictly increasing. */
  private readonly owned = new Map<FormCount, boolean>()

  constructor(base: NameFacts) {
    this.files = [...base.files]
    for (const [index, file] of this.files.entries()) this.position.set(file, index)
    this.forms = {...base.forms}
  }

  add(facts: NameFacts): void {
    // Pushed, not mapped, as below: an optimised caller inlines `map` and makes a packed array where
    // the builtin makes a holey one, and the loop that reads it was optimised again.
    const remap: number[] = []
    for (const file of facts.files) {
      let index = this.position.get(file)
      if (index === undefined) {
        index = this.files.length
        this.files.push(file)
        this.position.set(file, index)
      }
      remap.push(index)
    }
    for (const [form, [mentions, indexes]] of Object.entries(facts.forms)) {
      // Pushed, not mapped: `map` makes a holey array, collected and cloned lists are packed, and a
      // loop that met both kinds was optimised again.
      const mapped: number[] = []
      for (const index of indexes) mapped.push(remap[index]!)
      const found = this.forms[form]
      if (!found) {
        const count: FormCount = [mentions, mapped]
        this.forms[form] = count
        this.owned.set(count, increasing(mapped))
        continue
      }
      const sorted = this.owned.get(found)
      // Files join as a sorted set. Usually the new files come after all known ones: append.
      const appends = (sorted ?? increasing(found[1])) && increasing(mapped) && (found[1].length === 0 || mapped.length === 0 || mapped[0]! > found[1].at(-1)!)
      if (sorted === undefined) {
        // A count of the base: replaced, never changed.
        const files = appends ? [...found[1], ...mapped] : union(found[1], mapped)
        const count: FormCount = [found[0] + mentions, files]
        this.forms[form] = count
        this.owned.set(count, true)
        continue
      }
      found[0] += mentions
      if (appends) for (const index of mapped) found[1].push(index)
      else found[1] = union(found[1], mapped)
      this.owned.set(found, true)
    }
  }
}

function union(a: number[], b: number[]): number[] {
  return [...new Set([...a, ...b])].sort((x, y) => x - y)
}

function increasing(list: readonly number[]): boolean {
  for (let index = 1; index < list.length; index++) if (!(list[index - 1]! < list[index]!)) return false
  return true
}
