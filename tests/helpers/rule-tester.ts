// A RuleTester in ESLint's style: `valid` texts produce no message, `invalid` cases produce exactly
// the listed messages (by id and offsets) and, after one fix pass, exactly `output`.
import {describe, expect, it} from 'vitest'
import {recommendedConfig, type Config} from '../../src/config.js'
import {lint, type FolderFacts} from '../../src/engine.js'
import {applyFixes} from '../../src/fix.js'
import type {Fix, NewslintRule} from '../../src/rule.js'
import {toLintMessage} from '../../src/reporters/result.js'

export interface ValidCase {
  name?: string
  text: string
  options?: Record<string, unknown>
  settings?: Record<string, unknown>
  facts?: FolderFacts
}

export interface ExpectedError {
  messageId: string
  start: number
  end: number
  expected?: string[]
  severity?: 'error' | 'warning' | 'info'
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[]
  /** The text after one pass of the safe fixes; omit only when the case has no fix. */
  output?: string
}

/** A config with only this rule on (at `error` unless the case asks otherwise). */
export function onlyRule(rule: NewslintRule, options?: Record<string, unknown>, settings: Record<string, unknown> = {}): Config {
  const config = recommendedConfig()
  config.rules = Object.fromEntries(Object.keys(config.rules).map((id) => [id, 'off']))
  config.rules[rule.meta.id] = options ? ['error', options] : 'error'
  config.settings = settings
  return config
}

export function runRuleTests(rule: NewslintRule, cases: {valid: Array<string | ValidCase>; invalid: InvalidCase[]}): void {
  const rules = [rule]
  describe(rule.meta.id, () => {
    for (const raw of cases.valid) {
      const test = typeof raw === 'string' ? {text: raw} : raw
      it(`accepts ${test.name ?? JSON.stringify(test.text.slice(0, 70))}`, async () => {
        const file = await lint(test.text, {config: onlyRule(rule, test.options, test.settings), rules, facts: test.facts})
        expect(file.messages.map((m) => `${m.messageId}@${m.place && 'start' in m.place ? m.place.start.offset : ''}: ${m.reason}`)).toEqual([])
      })
    }
    for (const test of cases.invalid) {
      it(`reports ${test.name ?? JSON.stringify(test.text.slice(0, 70))}`, async () => {
        const file = await lint(test.text, {config: onlyRule(rule, test.options, test.settings), rules, facts: test.facts})
        const messages = file.messages.map(toLintMessage)
        for (const message of messages) {
          expect(message.actual, 'a message spans exactly its `actual` text').toBe(test.text.slice(message.start, message.end))
          if (message.fix) expect(rule.meta.fixable).toBe(true)
        }
        expect(
          messages.map(({messageId, start, end, expected, severity}) => ({messageId, start, end, expected, severity}))
        ).toEqual(
          test.errors.map((error) => ({
            messageId: error.messageId,
            start: error.start,
            end: error.end,
            expected: error.expected ?? expect.any(Array),
            severity: error.severity ?? expect.any(String)
          }))
        )
        const fixes = messages.map((message) => message.fix).filter((fix): fix is Fix => fix !== null)
        const output = applyFixes(test.text, fixes).output
        if (test.output === undefined) expect(output, 'a case whose fix changes the text needs `output`').toBe(test.text)
        else expect(output).toBe(test.output)
      })
    }
  })
}
