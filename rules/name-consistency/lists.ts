import {readFileSync} from 'node:fs'

/** Reads a list: one entry a line, blank lines and `#` comments ignored. */
export function readList(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean)
}
