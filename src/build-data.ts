// `npm run build` step: parse, validate and check every built-in rule's data file (examples included)
// and write it as JSON under dist/data/ (or the folder given), so a linting process reads JSON
// instead (see data.ts).
import path from 'node:path'
import {SNAPSHOT_DIR, useSnapshots, writeSnapshots} from './data.js'

// Every file is parsed from its source here, never read from an older snapshot.
useSnapshots(undefined)
// Importing the rules declares their data files (a rule may read its files only when first used).
await import('./rules.js')
writeSnapshots(process.argv[2] ? path.resolve(process.argv[2]) : SNAPSHOT_DIR)
