import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {clearConfigCache, ConfigError, configSchema, findConfigFile, loadConfig} from '../src/config.js'
import {packageRoot} from '../src/paths.js'
import {builtinRules} from '../src/rules.js'

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newslint-config-'))
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), {recursive: true})
    writeFileSync(path.join(dir, name), content)
  }
  return dir
}

function configError(dir: string, name = '.lintrc.json'): ConfigError {
  try {
    loadConfig(path.join(dir, name))
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return error as ConfigError
  }
  throw new Error('expected a ConfigError')
}

describe('loading .lintrc.json', () => {
  it('keeps the recommended setting of every rule the config does not mention', () => {
    const dir = workspace({'.lintrc.json': JSON.stringify({rules: {spelling: ['error', {dialect: 'en-GB'}]}})})
    const config = loadConfig(path.join(dir, '.lintrc.json'))
    expect(config.rules.spelling).toEqual(['error', {dialect: 'en-GB'}])
    for (const rule of builtinRules.filter((rule) => rule.meta.id !== 'spelling')) expect(config.rules[rule.meta.id]).toBe(rule.meta.recommended)
  })

  it('names the file and the problem for malformed JSON', () => {
    const dir = workspace({'.lintrc.json': '{"rules": {'})
    const error = configError(dir)
    expect(error.message).toMatch(/\.lintrc\.json: invalid JSON/)
    expect(error.message.split('\n')).toHaveLength(1)
  })

  it('names the JSON path of an unknown rule', () => {
    const error = configError(workspace({'.lintrc.json': JSON.stringify({rules: {'no-such-rule': 'warn'}})}))
    expect(error.message).toContain('rules.no-such-rule: unknown rule `no-such-rule`')
  })

  it('names the JSON path of an unknown option', () => {
    const error = configError(workspace({'.lintrc.json': JSON.stringify({rules: {spelling: ['warn', {dialekt: 'en-GB'}]}})}))
    expect(error.message).toContain('rules.spelling[1].dialekt: unknown option `dialekt`')
  })

  it('names the JSON path and the allowed values of a wrong value', () => {
    const error = configError(workspace({'.lintrc.json': JSON.stringify({rules: {spelling: ['warn', {dialect: 'en-AU'}]}})}))
    expect(error.message).toContain('rules.spelling[1].dialect')
    expect(error.message).toContain('"en-GB"')
  })

  it('names the JSON path of a wrong type', () => {
    const error = configError(workspace({'.lintrc.json': JSON.stringify({extensions: '.txt'})}))
    expect(error.message).toContain('extensions: must be array')
  })

  it('refuses an unknown top-level key', () => {
    const error = configError(workspace({'.lintrc.json': JSON.stringify({rulez: {}})}))
    expect(error.message).toContain('unknown key `rulez`')
  })

  it('resolves `extends` relative to the file, later configs overriding earlier ones', () => {
    const dir = workspace({
      'base/shared.json': JSON.stringify({rules: {spelling: 'off'}, ignore: ['drafts/']}),
      '.lintrc.json': JSON.stringify({extends: ['./base/shared.json'], extensions: ['.txt']})
    })
    const config = loadConfig(path.join(dir, '.lintrc.json'))
    expect(config.rules.spelling).toBe('off')
    expect(config.ignore).toEqual([{pattern: 'drafts/', baseDir: path.join(dir, 'base')}])
    expect(config.extensions).toEqual(['.txt'])
  })

  it('reports a circular `extends`', () => {
    const dir = workspace({'a.json': JSON.stringify({extends: ['./b.json']}), 'b.json': JSON.stringify({extends: ['./a.json']})})
    expect(configError(dir, 'a.json').message).toContain('circular `extends`')
  })

  it('reports an `extends` that does not exist', () => {
    expect(configError(workspace({'.lintrc.json': JSON.stringify({extends: ['./missing.json']})})).message).toContain('extends[0]: cannot find `./missing.json`')
  })

  it('finds the nearest .lintrc.json walking up from a file', () => {
    const dir = workspace({'.lintrc.json': '{}', 'desk/.lintrc.json': '{}', 'desk/world/a.txt': 'x', 'other/b.txt': 'y'})
    clearConfigCache()
    expect(findConfigFile(path.join(dir, 'desk/world/a.txt'))).toBe(path.join(dir, 'desk/.lintrc.json'))
    expect(findConfigFile(path.join(dir, 'other/b.txt'))).toBe(path.join(dir, '.lintrc.json'))
  })
})

describe('the shipped JSON schema', () => {
  it('matches the rules (regenerate with `npm run schema`)', () => {
    const shipped = JSON.parse(readFileSync(path.join(packageRoot, 'lintrc.schema.json'), 'utf8')) as unknown
    expect(shipped).toEqual(configSchema())
  })

  it('is what the project config points editors to, and the project config is valid', () => {
    const file = path.join(packageRoot, '.lintrc.json')
    expect((JSON.parse(readFileSync(file, 'utf8')) as {$schema: string}).$schema).toBe('./lintrc.schema.json')
    expect(() => loadConfig(file)).not.toThrow()
  })
})
