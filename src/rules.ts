// The built-in rules, in the order they run and are listed. Each lives in rules/<rule-id>/.
import type {NewslintRule} from './rule.js'
import spelling from '../rules/spelling/index.js'
import mtCalque from '../rules/mt-calque/index.js'
import translationese from '../rules/translationese/index.js'
import untranslated from '../rules/untranslated/index.js'
import nameConsistency from '../rules/name-consistency/index.js'
import duplicateBlock from '../rules/duplicate-block/index.js'
import boilerplate from '../rules/boilerplate/index.js'
import markupResidue from '../rules/markup-residue/index.js'
import typography from '../rules/typography/index.js'
import unicode from '../rules/unicode/index.js'

export const builtinRules: NewslintRule[] = [
  spelling,
  mtCalque,
  translationese,
  untranslated,
  nameConsistency,
  duplicateBlock,
  boilerplate,
  markupResidue,
  typography,
  unicode
]
