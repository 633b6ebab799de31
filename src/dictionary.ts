// English dictionaries (Hunspell, via nspell), built once per process and only for dialects in use.
import nspell from 'nspell'

export type Dialect = 'en-US' | 'en-GB'
export type Checker = ReturnType<typeof nspell>

const checkers = new Map<Dialect, Promise<Checker>>()

export function dictionary(dialect: Dialect): Promise<Checker> {
  let found = checkers.get(dialect)
  if (!found) {
    found = (dialect === 'en-US' ? import('dictionary-en') : import('dictionary-en-gb')).then(({default: data}) =>
      nspell(Buffer.from(data.aff), Buffer.from(data.dic))
    )
    checkers.set(dialect, found)
  }
  return found
}

const knownCache = new Map<string, boolean>()

/** Whether any of the dialects' dictionaries knows the word; cached per word, the second built only on a miss. */
export async function isDictionaryWord(word: string, dialects: readonly Dialect[] = ['en-US', 'en-GB']): Promise<boolean> {
  const key = `${dialects.join('+')}\u0000${word}`
  let known = knownCache.get(key)
  if (known === undefined) {
    known = false
    for (const dialect of dialects) {
      if ((await dictionary(dialect)).correct(word)) {
        known = true
        break
      }
    }
    knownCache.set(key, known)
  }
  return known
}
