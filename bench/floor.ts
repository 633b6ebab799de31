// The floor for a phrase-list linter, as a whole process: read every file and run one regular
// expression of the benchmark's 200 phrases over it. `node dist/bench/floor.js <folder|file>`
import {readFileSync} from 'node:fs'
import {phraseRegex} from './baselines.js'
import {listFiles} from './corpus.js'

const target = process.argv[2]
if (!target) throw new Error('usage: floor.js <folder|file>')
const pattern = phraseRegex()
let matches = 0
for (const file of listFiles(target)) for (const _ of readFileSync(file, 'utf8').matchAll(pattern)) matches++
process.stdout.write(`${JSON.stringify({matches})}\n`)
