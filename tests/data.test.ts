import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {declaredRuleData, parseDataText, readDataFile, readSnapshot, snapshotPath, useSnapshots, validator, writeSnapshots, type DataSpec} from '../src/data.js'
// Importing the rules declares their data files, as the build step does.
import '../src/rules.js'

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
