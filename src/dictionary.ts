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

/** Synchronous look-ups once the dictionaries are built: what a per-word hot loop needs. */
export interface WordChecker {
  /** Whether any of the dialects knows the word (cached per word). */
  knows(word: string): boolean
  /** Suggestions from the first dialect, best first (cached per word; slow, so call sparingly). */
  suggest(word: string): string[]
}

const wordCheckers = new Map<string, Promise<WordChecker>>()

export function wordChecker(dialects: readonly Dialect[]): Promise<WordChecker> {
  const key = dialects.join('+')
  let found = wordCheckers.get(key)
  if (!found) {
    found = Promise.all(dialects.map((dialect) => dictionary(dialect))).then((built) => {
      const known = new Map<string, boolean>()
      const suggestions = new Map<string, string[]>()
      return {
        knows(word) {
          let result = known.get(word)
          if (result === undefined) {
            result = built.some((checker) => checker.correct(word))
            known.set(word, result)
          }
          return result
        },
        suggest(word) {
          let result = suggestions.get(word)
          if (!result) suggestions.set(word, (result = built[0]!.suggest(word)))
          return result
        }
      }
    })
    wordCheckers.set(key, found)
  }
  return found
}

/** Whether any of the dialects' dictionaries knows the word. */
export async function isDictionaryWord(word: string, dialects: readonly Dialect[] = ['en-US', 'en-GB']): Promise<boolean> {
  return (await wordChecker(dialects)).knows(word)
}
