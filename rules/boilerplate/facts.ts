// Folder facts of `boilerplate`: how many articles carry each normalised head or tail line, merged
// across a run. A run folds thousands of files into one object (`facts = merge(facts, next)`), so
// merging must not copy what is merged so far each time: that made a folder run quadratic.

/** Folder facts: how many articles carry each normalised head or tail line, and in how many distinct stories. */
export interface TemplateFacts {
  articles: number
  lines: Record<string, LineFacts>
}

export interface LineFacts {
  count: number
  /** Fingerprints of distinct stories the line was seen with, sorted, at most `MAX_BODIES`. */
  bodies: string[]
}

/** Distinct story fingerprints kept per line: enough to tell a template from one story filed many times. */
export const MAX_BODIES = 16

type Lines = TemplateFacts['lines']

/**
 * Merging without copying, and without anyone seeing a change. A result of `mergeTemplateFacts`
 * starts as a *draft*: its `lines` object has been seen by no caller yet (reading `lines` is what
 * shows it, and ends the draft). Merging into a draft adds to that object in place, so a fold over
 * N files costs what the N files hold, not N times what is merged so far. The draft itself keeps
 * its own value: its `lines`, if ever read, are rebuilt by undoing that merge and every later one
 * (a caller may keep a merge of some files and merge it again with others, as the language server
 * does). Every value stays plain JSON, and `merge` stays associative: only where the entries live
 * changes, never what they are.
 */
interface Draft {
  /** The lines being merged into: no caller holds this object while it changes. */
  lines: Lines
  /** What the latest merge into `lines` replaced (the next merge's record is linked from it). */
  last?: Changes
}

/** The entries one merge replaced (undefined where there was none), and the merge after it. */
interface Changes {
  before: Array<[key: string, entry: LineFacts | undefined]>
  next?: Changes
}

const drafts = new WeakMap<TemplateFacts, Draft>()

/** The facts of two sets of articles together. */
export function mergeTemplateFacts(a: TemplateFacts, b: TemplateFacts): TemplateFacts {
  const draft = a === b ? undefined : drafts.get(a)
  // A draft's lines are read without ending it (it is a draft of this module's making).
  const added = drafts.get(b)?.lines ?? b.lines
  const articles = a.articles + b.articles
  if (draft) {
    drafts.delete(a)
    const changes: Changes = {before: []}
    if (draft.last) draft.last.next = changes
    draft.last = changes
    for (const key of Object.keys(added)) {
      const known = own(draft.lines, key)
      changes.before.push([key, known])
      put(draft.lines, key, combine(known, added[key]!))
    }
    // `a` keeps its value: its lines, if read from now on, are those before this merge.
    Object.defineProperty(a, 'lines', {configurable: true, enumerable: true, get: () => settle(a, restore(draft.lines, changes))})
    return result(articles, draft)
  }
  const lines: Lines = {...a.lines}
  for (const key of Object.keys(added)) put(lines, key, combine(own(lines, key), added[key]!))
  return result(articles, {lines})
}

function combine(known: LineFacts | undefined, value: LineFacts): LineFacts {
  return known ? {count: known.count + value.count, bodies: [...new Set([...known.bodies, ...value.bodies])].sort().slice(0, MAX_BODIES)} : value
}

/** A new draft: facts whose `lines`, once read, are theirs alone and never change again. */
function result(articles: number, draft: Draft): TemplateFacts {
  const facts: TemplateFacts = {
    articles,
    get lines() {
      return settle(facts, draft.lines)
    }
  }
  drafts.set(facts, draft)
  return facts
}

/** Makes `lines` a plain property of `facts` (no longer a draft). */
function settle(facts: TemplateFacts, lines: Lines): Lines {
  drafts.delete(facts)
  Object.defineProperty(facts, 'lines', {value: lines, writable: true, enumerable: true, configurable: true})
  return lines
}

/** The lines as they were before `changes` and every merge after it. */
function restore(lines: Lines, changes: Changes): Lines {
  const undone: Changes[] = []
  for (let step: Changes | undefined = changes; step; step = step.next) undone.push(step)
  const copy: Lines = {...lines}
  for (let index = undone.length - 1; index >= 0; index--) {
    for (const [key, entry] of undone[index]!.before) {
      if (entry) put(copy, key, entry)
      else delete copy[key]
    }
  }
  return copy
}

/** The entry of a line key, if the object has one of its own (a key may be `constructor`). */
export function own(lines: Lines, key: string): LineFacts | undefined {
  return Object.hasOwn(lines, key) ? lines[key] : undefined
}

function put(lines: Lines, key: string, entry: LineFacts): void {
  // `__proto__` (possible in facts read from a file) must stay a key, not set the prototype.
  if (key === '__proto__') Object.defineProperty(lines, key, {value: entry, writable: true, enumerable: true, configurable: true})
  else lines[key] = entry
}
