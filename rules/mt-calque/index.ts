// `mt-calque`: words a machine translated wrongly from Korean, Japanese, Chinese or Russian news
// ("oil painting hand gestures" for 유화 제스처, "Kremlin Palace" for 크렘린궁), which spelling and
// grammar checkers pass. Phrase packs are data (packs/*.yaml); each applies to articles whose
// provenance shows its source language, or to every article when `sourceLanguages` says so.
import path from 'node:path'
import {provenanceOf} from '../../src/provenance.js'
import {defineRule, OptionsError, type RuleEnvironment} from '../../src/rule.js'
import {assertPackExamples} from './examples.js'
import {builtinPack} from './builtin.js'
import {loadPack, PackError, type CompiledEntry, type Pack} from './pack.js'
import {scanDocument} from './scan.js'

export {loadPack, parsePack, PackError, type Pack, type PackEntry} from './pack.js'
export {builtinPack, builtinPacks} from './builtin.js'
export {checkPackExamples, checkEntryExamples, type ExampleFailure} from './examples.js'

export interface MtCalqueOptions {
  /** Extra pack files (YAML or JSON, same schema), relative to the config file. Default: none. */
  packs: string[]
  /** Entries never reported, as `<language>/<id>` (e.g. `ko/passport-for-ruling-bloc`). Default: none. */
  ignore: string[]
}

const housePacks = new Map<string, Pack[]>()

/**
 * House packs load once per config: the rule's `packs` option (relative to the config that sets the
 * rule) and the top-level `packs` setting (already absolute, see src/config.ts). A pack whose own
 * examples fail is refused, like a bad config.
 */
function loadHousePacks(options: MtCalqueOptions, env: RuleEnvironment): Pack[] {
  const settingPacks = Array.isArray(env.settings.packs) ? (env.settings.packs as string[]) : []
  const key = JSON.stringify([env.baseDir, options.packs, settingPacks])
  let packs = housePacks.get(key)
  if (!packs) {
    const load = (file: string) => assertPackExamples(loadPack(file))
    packs = options.packs.map((file) => load(path.resolve(env.baseDir, file)))
    for (const file of settingPacks) {
      try {
        packs.push(load(file))
      } catch (error) {
        // Named as the top-level key the editor wrote, not as an option of the rule.
        if (error instanceof PackError) throw new OptionsError('mt-calque', '', error.message, 'packs')
        throw error
      }
    }
    housePacks.set(key, packs)
  }
  return packs
}

export default defineRule<MtCalqueOptions>({
  meta: {
    id: 'mt-calque',
    description: 'Words machine translation got wrong from Korean, Japanese, Chinese and Russian news (homonyms and calques), by source-language phrase pack',
    fixable: true,
    recommended: 'warn',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        packs: {type: 'array', items: {type: 'string', minLength: 1}},
        ignore: {type: 'array', items: {type: 'string', pattern: '^(?:ko|ja|zh|ru|any)/[a-z0-9]+(?:-[a-z0-9]+)*$'}, uniqueItems: true}
      }
    },
    defaultOptions: {packs: [], ignore: []},
    settings: {
      packs: {
        description:
          'House phrase packs for mt-calque (YAML or JSON, the schema of rules/mt-calque/pack.schema.json), relative to this file; their examples must pass. Configs that extend this one add theirs.',
        type: 'array',
        items: {type: 'string', minLength: 1},
        uniqueItems: true
      }
    },
    messages: {
      calque: 'Unexpected `{{actual}}` ({{reason}}), expected {{expected}}'
    }
  },

  setup(options, env) {
    // House packs fail here, before any file is read; built-in packs load when an article needs them.
    loadHousePacks(options, env)
  },

  check({analysis, file, env, options, report}) {
    const provenance = provenanceOf(analysis, file, env.settings)
    const languages = new Set<string>(provenance.languages)
    const ignored = new Set(options.ignore)
    const entries: CompiledEntry[] = []
    const builtins = provenance.languages.map((language) => builtinPack(language)).filter((pack): pack is Pack => pack !== undefined)
    for (const pack of [...builtins, ...loadHousePacks(options, env)]) {
      if (pack.language !== 'any' && !languages.has(pack.language)) continue
      for (const entry of pack.entries) if (!ignored.has(entry.key)) entries.push(entry)
    }
    if (entries.length === 0) return

    for (const finding of scanDocument(analysis, entries)) {
      report({
        messageId: 'calque',
        data: {reason: finding.reason, expected: finding.expected.map((text) => (text === '' ? 'nothing (delete it)' : `\`${text}\``)).join(', ')},
        start: finding.start,
        end: finding.end,
        expected: finding.expected,
        fix: finding.fix,
        note: finding.note,
        severity: finding.severity
      })
    }
  }
})
