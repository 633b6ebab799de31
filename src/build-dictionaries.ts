// `npm run build` step: expand the Hunspell dictionaries into plain word lists once, at install time.
import {buildDictionaries} from './dictionary.js'

await buildDictionaries()
