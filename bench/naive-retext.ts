// The naive pipeline a user could assemble from unified's ecosystem, as a whole process: one
// processor (unified + retext-english + retext-spell with dictionary-en), every file through it.
// `node dist/bench/naive-retext.js [--limit N] <folder|file>` prints a JSON summary.
import {readFileSync} from 'node:fs'
import dictionaryEn from 'dictionary-en'
import retextEnglish from 'retext-english'
import retextSpell from 'retext-spell'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {listFiles} from './corpus.js'

const args = process.argv.slice(2)
let limit = Infinity
const limitAt = args.indexOf('--limit')
if (limitAt >= 0) {
  limit = Number(args[limitAt + 1])
  args.splice(limitAt, 2)
}
const target = args[0]
if (!target || !(limit > 0)) throw new Error('usage: naive-retext.js [--limit N] <folder|file>')

const processor = unified().use(retextEnglish).use(retextSpell, {dictionary: dictionaryEn})
let files = 0
let bytes = 0
let messages = 0
for (const path of listFiles(target).slice(0, limit)) {
  const value = readFileSync(path, 'utf8')
  const file = new VFile({path, value})
  await processor.run(processor.parse(file), file)
  files++
  bytes += Buffer.byteLength(value)
  messages += file.messages.length
}
process.stdout.write(`${JSON.stringify({files, bytes, messages})}\n`)
