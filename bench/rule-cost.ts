// `node dist/bench/rule-cost.js [rule-id...]`: each rule's own cost per article (its lint minus
// the shared parse), on the benchmark's generated articles plus the seeds, to find where time goes.
// Figures are CPU time (median of three rounds), so other load on the machine disturbs them less.
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {recommendedConfig} from '../src/config.js'
import {lint} from '../src/engine.js'
import {parseText} from '../src/parse.js'
import {packageRoot} from '../src/paths.js'
import {builtinRules} from '../src/rules.js'
import {article} from './corpus.js'

const seeds = readdirSync(path.join(packageRoot, 'seeds')).map((name) => readFileSync(path.join(packageRoot, 'seeds', name), 'utf8'))
const texts = [...Array.from({length: 200}, (_, index) => article(index)), ...seeds]
const kilobytes = texts.reduce((sum, text) => sum + text.length, 0) / 1024
const wanted = process.argv.slice(2)

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
}

async function timeAll(work: (text: string) => unknown): Promise<number> {
  const rounds: number[] = []
  for (let round = 0; round < 3; round++) {
    // CPU time, not wall time: on a shared machine, waiting for a core is not the rule's cost.
    const start = process.cpuUsage()
    for (const text of texts) await work(text)
    const used = process.cpuUsage(start)
    rounds.push((used.user + used.system) / 1000)
  }
  return median(rounds)
}

const parse = await timeAll((text) => parseText(text))
console.log(`${texts.length} articles, ${kilobytes.toFixed(0)} KB; parse alone ${(parse / texts.length).toFixed(2)} ms/article`)
console.log(`${'rule'.padEnd(18)} ${'ms/article'.padStart(10)} ${'ms/KB'.padStart(8)}  (lint with only this rule, minus the parse)`)
for (const rule of builtinRules) {
  if (wanted.length > 0 && !wanted.includes(rule.meta.id)) continue
  const config = recommendedConfig([rule])
  config.rules[rule.meta.id] = 'warn'
  await lint(texts[0]!, {config, rules: [rule]})
  const total = await timeAll((text) => lint(text, {config, rules: [rule]}))
  const own = Math.max(0, total - parse)
  console.log(`${rule.meta.id.padEnd(18)} ${(own / texts.length).toFixed(2).padStart(10)} ${(own / kilobytes).toFixed(3).padStart(8)}`)
}
