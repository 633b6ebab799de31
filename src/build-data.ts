// `npm run build` step: parse, validate and check every built-in rule's data file (examples included,
// the costly `buildCheck` ones too) and write it as JSON under dist/data/ (or the folder given), so a
// linting process reads JSON instead (see data.ts).
import path from 'node:path'
import {SNAPSHOT_DIR, useSnapshots, writeSnapshots} from './data.js'

// Every file is parsed from its source here, never read from an older snapshot.
useSnapshots(undefined)
// Importing the rules declares their data files (a rule may read its files only when first used).
await import('./rules.js')
const dir = process.argv[2] ? path.resolve(process.argv[2]) : SNAPSHOT_DIR
writeSnapshots(dir, {buildChecks: true})
// The validators of the config and of each rule's options too, as code: a linting process then
// neither loads ajv nor compiles those schemas.
const [{writeConfigValidator}, {writeOptionsValidators}, {builtinRules}] = await Promise.all([import('./config.js'), import('./rule.js'), import('./rules.js')])
writeConfigValidator(dir, builtinRules)
writeOptionsValidators(builtinRules, dir)
