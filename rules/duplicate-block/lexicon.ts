// The distinct words of one document, by id. Most words of an article recur, and a word met again
// is found from its characters in the text: neither its lowercase string nor a map key is built
// for it, only for a word never seen before.

// Signed, as the Int32Array the hashes are kept in gives them back.
const SEED = 0x811c9dc5 | 0
const PRIME = 0x01000193

/** FNV-1a over UTF-16 code units, one at a time (the tokenizer hashes a word as it reads it). */
export function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, PRIME)
}

export const HASH_SEED = SEED

export class Lexicon {
  /** Each word's comparison value (lowercase, NFKC for non-ASCII words), by id. */
  readonly values: string[] = []
  /** Whether a word's value holds a space (NFKC gives a few letters one): 1 or 0, by id. */
  readonly spaced: number[] = []
  /** Open addressing, two numbers a slot: the id + 1 (0 for an empty slot) and the word's hash. */
  private table = new Int32Array(2 * 512)

  /**
   * The id of the ASCII word `text[start..end)` read in lowercase; `hash` is the hash of those
   * lowercase characters (`hashStep` from `HASH_SEED`), `upper` whether any was a capital.
   */
  ascii(text: string, start: number, end: number, hash: number, upper: boolean): number {
    const {table} = this
    const mask = (table.length >> 1) - 1
    const length = end - start
    let slot = (hash ^ (hash >>> 16)) & mask
    for (;;) {
      const found = table[2 * slot]!
      if (found === 0) break
      if (table[2 * slot + 1] === hash) {
        const value = this.values[found - 1]!
        if (value.length === length && sameLowercase(value, text, start)) return found - 1
      }
      slot = (slot + 1) & mask
    }
    const word = text.slice(start, end)
    return this.insert(slot, hash, upper ? word.toLowerCase() : word)
  }

  /** The id of a word given by its value. */
  word(value: string): number {
    let hash = SEED
    for (let index = 0; index < value.length; index++) hash = hashStep(hash, value.charCodeAt(index))
    const {table} = this
    const mask = (table.length >> 1) - 1
    let slot = (hash ^ (hash >>> 16)) & mask
    for (;;) {
      const found = table[2 * slot]!
      if (found === 0) break
      if (table[2 * slot + 1] === hash && this.values[found - 1] === value) return found - 1
      slot = (slot + 1) & mask
    }
    return this.insert(slot, hash, value)
  }

  private insert(slot: number, hash: number, value: string): number {
    const id = this.values.length
    this.values.push(value)
    this.spaced.push(value.includes(' ') ? 1 : 0)
    this.table[2 * slot] = id + 1
    this.table[2 * slot + 1] = hash
    if (this.values.length * 4 > this.table.length) this.grow()
    return id
  }

  private grow(): void {
    const old = this.table
    const table = (this.table = new Int32Array(old.length * 2))
    const mask = (table.length >> 1) - 1
    for (let slot = 0; slot < old.length >> 1; slot++) {
      const found = old[2 * slot]!
      if (found === 0) continue
      const hash = old[2 * slot + 1]!
      let free = (hash ^ (hash >>> 16)) & mask
      while (table[2 * free] !== 0) free = (free + 1) & mask
      table[2 * free] = found
      table[2 * free + 1] = hash
    }
  }
}

/** Whether `value` (lowercase ASCII) is `text` from `start` read in lowercase. */
function sameLowercase(value: string, text: string, start: number): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = text.charCodeAt(start + index)
    if ((code >= 65 && code <= 90 ? code | 32 : code) !== value.charCodeAt(index)) return false
  }
  return true
}
