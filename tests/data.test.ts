import {mkdtempSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {ConfigError, loadConfig, writeConfigValidator} from '../src/config.js'
import {createAjv, declaredRuleData, parseDataText, prebuiltValidator, readDataFile, readSnapshot, snapshotPath, useSnapshots, validator, writeSnapshots, writeValidators, type DataSpec} from '../src/data.js'
import {packageRoot} from '../src/paths.js'
import {writeOptionsValidators} from '../src/rule.js'
// Importing the rules declares their data files, as the build step does.
import {builtinRules} from '../src/rules.js'

const scratch = () => mkdtempSync(path.join(tmpdir(), 'newslint-data-'))

interface Fruit {
  fruits: Array<{name: string; colour: string; examples?: string[]}>
}

const fruitSpec: DataSpec<Fruit> = {
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['fruits'],
    properties: {
      fruits: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'colour'],
          properties: {name: {type: 'string'}, colour: {type: 'string'}, examples: {type: 'array', items: {type: 'string'}}}
        }
      }
    }
  },
  check(data, file) {
    for (const fruit of data.fruits) {
      for (const example of fruit.examples ?? []) {
        if (!example.includes(fruit.name)) throw new Error(`${file}: entry \`${fruit.name}\` does not match its example ${JSON.stringify(example)}`)
      }
    }
  }
}

describe('rule data snapshots', () => {
  it('gives the same data from the snapshot as from parsing and validating the source, for every built-in data file', () => {
    const dir = scratch()
    const declared = declaredRuleData()
    expect(declared.map((handle) => `${handle.ruleId}/${handle.file}`)).toEqual(
      expect.arrayContaining([
        'boilerplate/catalogue.yml',
        'translationese/names.yaml',
        'untranslated/romanised.yaml',
        'unicode/characters.yaml',
        'name-consistency/places.json'
      ])
    )
    const written = writeSnapshots(dir)
    expect(written).toHaveLength(declared.length)
    for (const handle of declared) {
      const snapshot = readSnapshot(handle, dir)
      expect(snapshot, handle.path).toBeDefined()
      expect(snapshot!.data).toStrictEqual(handle.parse())
      // What the rule loaded in this process (from source: tests never read snapshots) is the same data too.
      expect(handle.load()).toStrictEqual(snapshot!.data)
    }
  })

  it('reads the data from the snapshot, not from the source file', () => {
    const dir = scratch()
    writeSnapshots(dir)
    const handle = declaredRuleData().find((declared) => declared.ruleId === 'translationese')!
    const file = snapshotPath(handle, dir)
    const snapshot = JSON.parse(readFileSync(file, 'utf8')) as {source: string; data: unknown}
    writeFileSync(file, JSON.stringify({...snapshot, data: {marker: 'from the snapshot'}}))
    expect(readSnapshot(handle, dir)).toEqual({data: {marker: 'from the snapshot'}})
  })

  it('ignores a snapshot whose source file changed after the build', () => {
    const dir = scratch()
    writeSnapshots(dir)
    const handle = declaredRuleData().find((declared) => declared.ruleId === 'boilerplate')!
    const file = snapshotPath(handle, dir)
    const snapshot = JSON.parse(readFileSync(file, 'utf8')) as {source: string; data: unknown}
    writeFileSync(file, JSON.stringify({...snapshot, source: 'a hash of some older catalogue'}))
    expect(readSnapshot(handle, dir)).toBeUndefined()
  })

  it('has no snapshot to read without a build', () => {
    const handle = declaredRuleData()[0]!
    expect(readSnapshot(handle, scratch())).toBeUndefined()
  })

  it('never reads snapshots when running from source, so the tests exercise validation and examples', () => {
    const previous = useSnapshots(undefined)
    expect(previous).toBeUndefined()
  })
})

describe('reading a data file', () => {
  const write = (name: string, text: string) => {
    const file = path.join(scratch(), name)
    writeFileSync(file, text)
    return file
  }

  it('parses YAML and JSON by extension, to the same data', () => {
    const yaml = readDataFile(write('fruit.yaml', 'fruits:\n  - {name: apple, colour: red, examples: [an apple a day]}\n'), fruitSpec)
    const json = readDataFile(write('fruit.json', '\uFEFF{"fruits": [{"name": "apple", "colour": "red", "examples": ["an apple a day"]}]}'), fruitSpec)
    expect(yaml).toStrictEqual(json)
  })

  it('refuses an unknown key, naming the file and the key path', () => {
    const file = write('fruit.yaml', 'fruits:\n  - {name: apple, colour: red, taste: sweet}\n')
    expect(() => readDataFile(file, fruitSpec)).toThrow(`${file}: /fruits/0 must NOT have additional properties`)
  })

  it('uses the spec’s own message for a schema error', () => {
    const spec: DataSpec<Fruit> = {...fruitSpec, schemaError: (errors, _data, file) => new Error(`${file}: entry ${errors[0]!.instancePath}: unknown key`)}
    const file = write('fruit.yaml', 'fruits:\n  - {name: apple, colour: red, taste: sweet}\n')
    expect(() => readDataFile(file, spec)).toThrow(`${file}: entry /fruits/0: unknown key`)
  })

  it('runs the spec’s check, so an entry whose example fails stops the file from loading', () => {
    const file = write('fruit.yaml', 'fruits:\n  - {name: apple, colour: red, examples: [a pear]}\n')
    expect(() => readDataFile(file, fruitSpec)).toThrow(`${file}: entry \`apple\` does not match its example "a pear"`)
  })

  it('names the file when it cannot be read or parsed', () => {
    const missing = path.join(scratch(), 'missing.yaml')
    expect(() => readDataFile(missing, fruitSpec)).toThrow(`${missing}: cannot read (ENOENT)`)
    const broken = write('broken.yaml', 'fruits: [apple\n')
    expect(() => readDataFile(broken, fruitSpec)).toThrow(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: invalid YAML: `))
    const duplicate = write('duplicate.yaml', 'fruits: []\nfruits: []\n')
    expect(() => readDataFile(duplicate, fruitSpec)).toThrow(/duplicate\.yaml: invalid YAML: /)
    const json = write('broken.json', '{"fruits": [}')
    expect(() => readDataFile(json, fruitSpec)).toThrow(/broken\.json: invalid JSON: /)
  })

  it('parses a text already in memory the same way', () => {
    expect(parseDataText('fruits: []\n', 'buffer.yaml', fruitSpec)).toStrictEqual({fruits: []})
    expect(() => parseDataText('fruits: [{name: x}]\n', 'buffer.yaml', fruitSpec)).toThrow("buffer.yaml: /fruits/0 must have required property 'colour'")
  })

  it('reads a schema given as a function once, however many specs share it', () => {
    let reads = 0
    const schema = () => {
      reads++
      return {$id: 'https://example.org/fruit.schema.json', ...(fruitSpec.schema as object)}
    }
    const loose: DataSpec<Fruit> = {schema}
    const strict: DataSpec<Fruit> = {...loose, check: fruitSpec.check}
    expect(parseDataText('fruits: [{name: apple, colour: red, examples: [a pear]}]\n', 'a.yaml', loose).fruits).toHaveLength(1)
    expect(() => parseDataText('fruits: [{name: apple, colour: red, examples: [a pear]}]\n', 'b.yaml', strict)).toThrow(/b\.yaml: entry `apple`/)
    expect(reads).toBe(1)
  })

  it('compiles each schema once per process', () => {
    const schema = {type: 'string'}
    expect(validator(schema)).toBe(validator(schema))
    expect(validator(schema, {allErrors: true})).not.toBe(validator(schema))
  })
})

describe('validators prebuilt at build time', () => {
  // The generated code requires ajv's small runtime helpers, found from where it lies, as in dist/data.
  const buildFolder = () => {
    const dir = scratch()
    symlinkSync(path.join(packageRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir')
    return dir
  }
  const withSnapshots = <T>(dir: string | undefined, run: () => T): T => {
    const previous = useSnapshots(dir)
    try {
      return run()
    } finally {
      useSnapshots(previous)
    }
  }

  it('give the same verdicts and errors as compiling the schema, and are used only for the schema they were written for', () => {
    const dir = buildFolder()
    const schema = {type: 'object', additionalProperties: false, properties: {dialect: {enum: ['en-US', 'en-GB']}, words: {type: 'array', items: {type: 'string', minLength: 1}}}}
    writeValidators(path.join(dir, 'fruit.cjs'), {fruit: schema}, {allErrors: true, strict: true})
    const prebuilt = withSnapshots(dir, () => prebuiltValidator('fruit.cjs', 'fruit', schema))
    const compiled = createAjv({allErrors: true, strict: true}).compile(schema)
    expect(prebuilt).toBeTypeOf('function')
    for (const value of [{dialect: 'en-GB'}, {dialect: 'en-AU', words: ['', 3]}, {colour: 'red'}, 'fruit']) {
      expect(prebuilt!(value)).toBe(compiled(value))
      expect(prebuilt!.errors ?? null).toStrictEqual(compiled.errors ?? null)
    }
    // A schema changed since the build, another name, no snapshots: compile instead.
    expect(withSnapshots(dir, () => prebuiltValidator('fruit.cjs', 'fruit', {...schema, required: ['dialect']}))).toBeUndefined()
    expect(withSnapshots(dir, () => prebuiltValidator('fruit.cjs', 'pear', schema))).toBeUndefined()
    expect(withSnapshots(undefined, () => prebuiltValidator('fruit.cjs', 'fruit', schema))).toBeUndefined()
  })

  it('report a bad config and bad rule options in the same words as the compiled schemas', () => {
    const dir = buildFolder()
    writeConfigValidator(dir, builtinRules)
    writeOptionsValidators(builtinRules, dir)
    const configs = [
      {rules: {spelling: 'sometimes'}},
      {rules: {'no-such-rule': 'warn'}},
      {rulez: {}},
      {extensions: ['txt']},
      {suppressions: [{fingerprint: 'zz', rule: 'spelling', reason: ' '}]},
      {sourceLanguages: ['xx']},
      {rules: {spelling: ['warn', {dialekt: 'en-GB'}]}},
      {rules: {'mt-calque': ['warn', {ignore: ['xx/y']}]}}
    ]
    for (const config of configs) {
      const file = path.join(scratch(), '.lintrc.json')
      writeFileSync(file, JSON.stringify(config))
      const problem = (rules: typeof builtinRules) => {
        try {
          loadConfig(file, rules)
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError)
          return (error as Error).message
        }
        throw new Error(`expected a ConfigError for ${JSON.stringify(config)}`)
      }
      // A fresh copy of the rule list gets a fresh config validator: compiled, then prebuilt.
      const compiled = problem([...builtinRules])
      expect(withSnapshots(dir, () => problem([...builtinRules]))).toBe(compiled)
    }
    for (const rule of builtinRules) {
      const prebuilt = withSnapshots(dir, () => prebuiltValidator('rule-options-validators.cjs', rule.meta.id, rule.meta.schema))
      const compiled = createAjv({allErrors: false, strict: true, useDefaults: false}).compile(rule.meta.schema)
      expect(prebuilt, rule.meta.id).toBeTypeOf('function')
      for (const options of [rule.meta.defaultOptions, {...rule.meta.defaultOptions, unknownOption: 1}]) {
        expect(prebuilt!(options)).toBe(compiled(options))
        expect(prebuilt!.errors ?? null).toStrictEqual(compiled.errors ?? null)
      }
    }
  })
})
