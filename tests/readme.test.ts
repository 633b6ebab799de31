// The README's promises, checked: the quick start, and examples that must work as printed.
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {checkPackExamples, loadPack} from '../rules/mt-calque/index.js'
import {packageRoot} from '../src/paths.js'
import {builtinRules} from '../src/rules.js'

const readme = readFileSync(path.join(packageRoot, 'README.md'), 'utf8')

function codeBlockAfter(heading: string, language: string): string {
  const section = readme.slice(readme.indexOf(heading))
  const match = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(section)
  if (!match) throw new Error(`no ${language} block after ${heading}`)
  return match[1]!
}

describe('the README', () => {
  it('shows the two quick-start commands', () => {
    expect(codeBlockAfter('## Quick start', 'sh')).toBe('npm install && npx newslint seeds/\nnpm test\n')
  })

  it('lists every built-in rule with a link to its README', () => {
    for (const rule of builtinRules) expect(readme).toContain(`[\`${rule.meta.id}\`](rules/${rule.meta.id}/README.md)`)
  })

  it('prints a phrase-pack entry that loads as a house pack and passes its own examples', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'newslint-readme-')), 'calques.yaml')
    writeFileSync(file, codeBlockAfter('### Adding a phrase-pack entry', 'yaml'))
    expect(checkPackExamples(loadPack(file))).toEqual([])
  })
})
