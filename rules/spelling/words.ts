import {readFileSync} from 'node:fs'

/** Reads a word list: one word a line, blank lines and `#` comments ignored. */
export function readWordList(file: string | URL): string[] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean)
}
