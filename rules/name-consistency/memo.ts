/**
 * A pure function of one string, computed once per string per process: the same names and words come
 * back in every article, and each result costs several regex replacements. Long sessions (the
 * language server) meet endless strings, so a full cache starts over rather than growing forever.
 */
export function memo<T>(compute: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>()
  return (text) => {
    let found = cache.get(text)
    if (found === undefined && !cache.has(text)) {
      if (cache.size >= 50_000) cache.clear()
      found = compute(text)
      cache.set(text, found)
    }
    return found as T
  }
}
