// Golden fixtures: fixtures/<rule-id>/<name>.txt with <name>.json (the expected report of that rule
// alone) and <name>.fixed.txt (the text after the full fix loop). A folder fixtures/<rule-id>/<name>/
// is linted as one run (folder facts shared), with expected.json beside its articles.
// Run with UPDATE_FIXTURES=1 to rewrite the expectations, then review the diff by hand.
import {existsSync, readFileSync, readdirSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {fix, lint, lintTogether} from '../src/engine.js'
import {toLintResult} from '../src/reporters/result.js'
import {builtinRules} from '../src/rules.js'
import {onlyRule} from './helpers/rule-tester.js'

const root = path.join(import.meta.dirname, '..', 'fixtures')
const update = process.env.UPDATE_FIXTURES === '1'

function golden(file: string, actual: string): void {
  if (update || !existsSync(file)) {
    if (!update) throw new Error(`missing golden file ${path.relative(root, file)} (run with UPDATE_FIXTURES=1)`)
    writeFileSync(file, actual)
  }
  expect(actual).toBe(readFileSync(file, 'utf8'))
}

function report(messages: ReturnType<typeof toLintResult>['messages']): string {
  const shown = messages.map(({ruleId, messageId, severity, message, line, column, endLine, endColumn, start, end, actual, expected, fix}) => ({
    ruleId, messageId, severity, message, line, column, endLine, endColumn, start, end, actual, expected, fix
  }))
  return `${JSON.stringify(shown, null, 2)}\n`
}

for (const rule of builtinRules) {
  const folder = path.join(root, rule.meta.id)
  describe(`fixtures/${rule.meta.id}`, () => {
    it('has golden fixtures', () => {
      expect(existsSync(folder) && readdirSync(folder).some((name) => name.endsWith('.txt'))).toBe(true)
    })
    if (!existsSync(folder)) return
    const optionsFile = path.join(folder, 'options.json')
    const options = existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as Record<string, unknown>) : undefined
    const config = onlyRule(rule, options)
    for (const name of readdirSync(folder).sort()) {
      const full = path.join(folder, name)
      if (statSync(full).isDirectory()) {
        it(`${name}/ (linted together)`, async () => {
          const articles = readdirSync(full).filter((entry) => entry.endsWith('.txt')).sort()
          const sources = articles.map((entry) => ({path: entry, text: readFileSync(path.join(full, entry), 'utf8')}))
          const files = await lintTogether(sources, {config})
          const shown = files.map((file) => ({path: file.path, messages: JSON.parse(report(toLintResult(file).messages))}))
          golden(path.join(full, 'expected.json'), `${JSON.stringify(shown, null, 2)}\n`)
        })
        continue
      }
      if (!name.endsWith('.txt') || name.endsWith('.fixed.txt')) continue
      const base = full.slice(0, -'.txt'.length)
      it(name, async () => {
        const text = readFileSync(full, 'utf8')
        const file = await lint(text, {config, filePath: name})
        for (const message of toLintResult(file).messages) expect(message.actual).toBe(text.slice(message.start, message.end))
        golden(`${base}.json`, report(toLintResult(file).messages))
        const fixed = await fix(text, {config, filePath: name})
        golden(`${base}.fixed.txt`, fixed.output)
        // Fixing is idempotent: the fixed text has nothing left to fix.
        expect((await fix(fixed.output, {config, filePath: name})).output).toBe(fixed.output)
      })
    }
  })
}
