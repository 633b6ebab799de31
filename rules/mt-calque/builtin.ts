// The built-in packs (packs/<language>.yaml). The YAML is the source of truth: the build validates
// each pack, compiles it and runs every entry's examples, then snapshots it as JSON (src/data.ts), so
// a linting process reads JSON (no YAML parser, no schema compiled) and compiles a pack's patterns
// only when an article's provenance calls for that language.
import {readdirSync} from 'node:fs'
import {ruleData, type DataSpec, type RuleData} from '../../src/data.js'
import {ruleDataPath} from '../../src/paths.js'
import {assertPackExamples} from './examples.js'
import {buildPatterns, compilePack, packSpec, type Pack, type RawPack} from './pack.js'

const builtinSpec: DataSpec<RawPack> = {
  ...packSpec,
  buildCheck: (raw, file) => void assertPackExamples(buildPatterns(compilePack(raw, file)))
}

// Declared (not read) when the rule is imported, so the build snapshots every pack in the folder.
const files = new Map<string, RuleData<RawPack>>(
  readdirSync(ruleDataPath('mt-calque', 'packs'))
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => [name.slice(0, -'.yaml'.length), ruleData('mt-calque', `packs/${name}`, builtinSpec)])
)

/** The built-in pack for a source language, compiled on first use, once per process: an article with no Japanese cues never pays for ja.yaml. */
export function builtinPack(language: string): Pack | undefined {
  const file = files.get(language)
  return file && compilePack(file.load(), file.path)
}

/** Every built-in pack (for tests and listings). */
export function builtinPacks(): Pack[] {
  return [...files.keys()].map((language) => builtinPack(language)!)
}
