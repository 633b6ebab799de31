// The built-in rules, in the order they run and are listed. Each lives in rules/<rule-id>/.
import type {NewslintRule} from './rule.js'
import spelling from '../rules/spelling/index.js'

export const builtinRules: NewslintRule[] = [spelling]
