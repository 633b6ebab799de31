// The baselines `npm run bench` measures newslint against, each as a whole process on the same files:
// - the floor: read every file and run one regular expression of the 200 phrases (bench/floor.ts);
// - textlint + textlint-rule-prh with a phrase list of 200 `expected`/`patterns` entries, drawn from
//   the calques machine translation leaves in news copy (the same 200 phrases the floor looks for);
// - the naive pipeline: unified + retext-english + retext-spell with dictionary-en (bench/naive-retext.ts).
// textlint, prh and retext-spell are devDependencies used only here.
import {mkdirSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)

export interface PhraseEntry {
  expected: string
  patterns: string[]
}

/** [expected, ...patterns]: MT calques and transliteration variants from Korean, Japanese, Chinese and Russian news. */
const CALQUES: ReadonlyArray<readonly [string, ...string[]]> = [
  // Korean
  ['the Kremlin', 'Kremlin Palace'],
  ['conciliatory gestures', 'oil painting hand gestures', 'oil painting gestures'],
  ['appeasement policy', 'oil painting policy'],
  ['conciliatory stance', 'oil painting stance'],
  ['the South Korean government', 'our government'],
  ['the South Korean military', 'our military'],
  ['South Korean diplomats', 'our diplomats'],
  ['South Korea', 'our country'],
  ['floor leader', 'in-house representative'],
  ['floor leaders', 'in-house representatives'],
  ['People Power Party', "People's Power Party", 'power of the people'],
  ['Democratic Party', 'Minju Party', 'Together Democratic Party'],
  ['Rebuilding Korea Party', 'Fatherland Innovation Party', 'Homeland Innovation Party'],
  ['exit ban', 'departure ban'],
  ['confirmation hearing', 'personnel hearing'],
  ['approval rating', 'support rate'],
  ['disapproval rating', 'negative evaluation'],
  ['favourable rating', 'positive evaluation'],
  ['search and seizure', 'seizure and search'],
  ['arrest warrant', 'physical restraint warrant', 'restraint warrant'],
  ['without detention', 'without physical restraint'],
  ['filed a complaint', 'filed an accusation'],
  ['witness', 'reference witness'],
  ['special address', 'special discourse'],
  ['address to the nation', 'discourse to the nation'],
  ['impeachment', 'impeachment prosecution'],
  ['Korea Standard Time', 'Korean time'],
  ['inter-Korean relations', 'South-North relations'],
  ['inter-Korean talks', 'South-North talks'],
  ['inter-Korean summit', 'South-North summit'],
  ['retail investors', 'ant investors'],
  ['early voting', 'pre-voting'],
  ['people in their 20s and 30s', '2030 generation'],
  ['transition committee', 'acquisition committee'],
  ['Yonhap', 'Yunhap', 'Yeonhap', 'Younhap'],
  ['regular meeting', 'normal meeting'],
  ['regular talks', 'normal talks'],
  ['hereditary succession', 'rich succession'],
  ['domestically', 'in domestic'],
  ['political rival', 'political enemy'],
  ['It was seen as', 'It is analyzed that', 'It was analyzed that', 'It was interpreted that'],
  ['Rodong Sinmun', 'Labor Newspaper', 'Labour Newspaper'],
  ['after returning to South Korea', 'after returning to Korea'],
  ['National Assembly Speaker', 'National Assembly Chairman'],
  ['Cast:', 'Starring:', 'Appearance:'],
  ['kimchi', 'paochai', 'paocai'],
  ['apologised', 'expressed an apple', 'expressed his apple'],
  ['On the day,', 'On this day,'],
  ['civil war', 'second civil war'],
  ['non-profit sector', 'non-profit world'],
  ['electricity bills', 'electric charges'],
  ['water bills', 'water supply charges'],
  ['night-time parties', 'night parties'],
  ['swing voters', 'middle-class voters'],
  ['dispatched', 'sent out dispatch'],
  ['emphasised', 'emphasized emphasis'],
  ['pro-Yoon lawmakers', 'parent-Yoon lawmakers'],
  ['pro-Lee lawmakers', 'parent-Lee lawmakers'],
  ['Korean-American', 'Korean American compatriot'],
  // Japanese
  ['reportedly', 'It is said that'],
  ['In addition,', 'On top of that,'],
  ['the Unification Church', 'the former Unification Church'],
  ['US-Japan relations', 'Japan-rice relations'],
  ['US-Japan alliance', 'Japan-rice alliance'],
  ['US-Japan summit', 'Japan-rice summit'],
  ['US forces', 'rice forces', 'rice military'],
  ['US government', 'rice government'],
  ['Japan-China relations', 'Japan-middle relations'],
  ['Japan-China summit', 'Japan-middle summit'],
  ['opposition parties', 'field parties'],
  ['opposition party', 'field party'],
  ['Ground Self-Defense Force', 'Ground Self-Defense Team'],
  ['Maritime Self-Defense Force', 'Maritime Self-Defense Team'],
  ['Air Self-Defense Force', 'Air Self-Defense Team'],
  ['in cardiac arrest', 'unconscious heavy body'],
  ['seriously injured', 'heavy injury body'],
  ['the company', 'the same company'],
  ['the ministry', 'the same ministry'],
  ['the prefecture', 'the same prefecture'],
  ['the police', 'the same police'],
  ['the university', 'the same university'],
  ['In response,', 'Receiving this,', 'Receiving the report,'],
  ['considered', 'considered about'],
  ['discussed', 'discussed about'],
  ['is planning to', 'is adjusting in the direction of'],
  ['Emperor Emeritus', 'upper emperor'],
  ['Empress Emerita', 'upper empress'],
  ['a source', 'a related person', 'a person concerned'],
  ['according to sources', 'according to related persons', 'according to people concerned'],
  ['Japan', 'our nation'],
  ['turnout', 'voting rate'],
  ['is expected to', 'It is the outlook that'],
  ['said that', 'expressed that'],
  ['million yen', 'million circles'],
  ['billion yen', 'billion circles'],
  ['the Bank of Japan', 'Japan Silver'],
  ['the man', 'the person himself'],
  ['the woman', 'the person herself'],
  ['disapproval rate', 'non-support rate'],
  ['the other day', 'the other day ago'],
  ['Osaka Prefectural Police', 'Osaka Prefecture Police Department'],
  ['Tokyo Metropolitan Police', 'Tokyo Metropolitan Police Agency Office'],
  ['Liberal Democratic Party', 'Freedom Democratic Party', 'Liberty Democratic Party'],
  ['Constitutional Democratic Party', 'Constitution Democratic Party'],
  // Chinese
  ['Xi Jinping', 'Xi Jin Ping', 'Xi Jin-ping'],
  ['Belt and Road', 'One Belt One Road'],
  ['the Taiwanese leader', 'Taiwan region leader'],
  ['Hong Kong', 'Xianggang'],
  ['Macao', 'Aomen'],
  ['cross-Strait relations', 'two-shore relations', 'both sides of the strait relations'],
  ["the National People's Congress", 'the National People Representative Congress'],
  ['Premier', 'State Council Prime Minister'],
  ['the spokesperson', 'the speaking person'],
  ['friendly cooperation', 'friendship cooperation'],
  ['win-win cooperation', 'double-win cooperation'],
  ['people-to-people exchanges', 'humanities exchanges'],
  ['the Chinese side', 'the middle side'],
  ['China-US relations', 'China-beauty relations', 'middle-beauty relations'],
  ['China-Japan relations', 'China-day relations', 'middle-day relations'],
  ['the United States', 'the beautiful country'],
  ['Xinhua', 'New China News Agency'],
  ['high-quality development', 'high quality development'],
  ['Foreign Ministry spokesperson', 'Foreign Ministry speaking person'],
  ['the Standing Committee', 'the Constant Committee'],
  ['Chinese People’s Political Consultative Conference', 'Chinese People Political Negotiation Meeting'],
  // Russian
  ['Dmitry Peskov', 'Dmitri Peskoff', 'Dmitriy Peskov'],
  ['Sergei Lavrov', 'Sergey Lavrov', 'Sergej Lavrov'],
  ['Alexei Navalny', 'Aleksei Navalny', 'Alexey Navalny', 'Navalni'],
  ['Volodymyr Zelenskyy', 'Vladimir Zelensky', 'Volodymyr Zelensky', 'Zelenskiy'],
  ['Kyiv', 'Kiev'],
  ['Kharkiv', 'Kharkov'],
  ['Odesa', 'Odessa'],
  ['State Duma', 'State Thought'],
  ['the Federation Council', 'the Council of the Federation'],
  ['Roscosmos', 'Roskosmos'],
  ['the Investigative Committee', 'the Investigation Committee'],
  ['the Prosecutor General', 'the General Prosecutor'],
  ['Rosneft', 'Rosnyeft'],
  ['Gazprom', 'Gasprom'],
  ['Sergei Shoigu', 'Sergey Shoygu'],
  ['Maria Zakharova', 'Mariya Zakharova'],
  ['Yevgeny Prigozhin', 'Evgeny Prigozhin', 'Yevgeniy Prigozhin'],
  ['Kim Jong Un', 'Kim Jong-un', 'Kim Jong-Un', 'Kim Jung Un'],
  ['Yoon Suk Yeol', 'Yoon Seok-yeol', 'Yun Suk-yeol', 'Yoon Seo-gyul'],
  ['Lee Jae-myung', 'Lee Jae-myeong', 'Lee Jae Myung'],
  ['Fumio Kishida', 'Kishida Fumio'],
  ['Antony Blinken', 'Anthony Blinken']
]

const ORDINALS = Array.from({length: 31}, (_, index) => {
  const day = index + 1
  const suffix = day % 10 === 1 && day !== 11 ? 'st' : day % 10 === 2 && day !== 12 ? 'nd' : day % 10 === 3 && day !== 13 ? 'rd' : 'th'
  return `${day}${suffix}`
})

/**
 * The 200 entries, deterministic: the calques above, Japanese era years (Reiwa 1-7, Heisei 1-31)
 * and Korean day-only dates with "(local time)" (the 1st to the 31st).
 */
export function phraseEntries(): PhraseEntry[] {
  const eras: PhraseEntry[] = [
    ...Array.from({length: 7}, (_, index) => ({expected: String(2019 + index), patterns: [`Reiwa ${index + 1}`]})),
    ...Array.from({length: 31}, (_, index) => ({expected: String(1989 + index), patterns: [`Heisei ${index + 1}`]}))
  ]
  const days: PhraseEntry[] = ORDINALS.map((ordinal) => ({expected: `on the ${ordinal}`, patterns: [`on the ${ordinal} (local time)`]}))
  const calques: PhraseEntry[] = CALQUES.map(([expected, ...patterns]) => ({expected, patterns}))
  const entries = [...calques.slice(0, 200 - eras.length - days.length), ...eras, ...days]
  if (entries.length !== 200) throw new Error(`the phrase list has ${entries.length} entries, not 200`)
  return entries
}

/** Every pattern of the 200 entries in one alternation: what a phrase-list linter must at least do. */
export function phraseRegex(entries: readonly PhraseEntry[] = phraseEntries()): RegExp {
  return new RegExp(entries.flatMap((entry) => entry.patterns).map(escape).join('|'), 'g')
}

function escape(pattern: string): string {
  return pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * The prh rule file (YAML; JSON strings are valid YAML scalars). Patterns are written as `/regex/`,
 * escaped as prh escapes plain strings, except that `-` stays as it is: prh escapes it and then
 * compiles with the `u` flag, which refuses `\-` ("Invalid escape").
 */
export function prhYaml(entries: readonly PhraseEntry[] = phraseEntries()): string {
  const lines = ['version: 1', 'rules:']
  for (const entry of entries) {
    lines.push(`  - expected: ${JSON.stringify(entry.expected)}`, '    patterns:')
    for (const pattern of entry.patterns) {
      if (pattern.includes('/')) throw new Error(`prh pattern with a slash: ${pattern}`)
      lines.push(`      - ${JSON.stringify(`/${escape(pattern)}/`)}`)
    }
  }
  return `${lines.join('\n')}\n`
}

/** Writes prh.yml and .textlintrc.json into `folder` (not the linted folder); returns the config path. */
export function writeTextlintConfig(folder: string): string {
  mkdirSync(folder, {recursive: true})
  const prh = path.join(folder, 'prh.yml')
  writeFileSync(prh, prhYaml())
  const config = path.join(folder, '.textlintrc.json')
  writeFileSync(config, `${JSON.stringify({rules: {prh: {rulePaths: [prh]}}}, null, 2)}\n`)
  return config
}

/** `node` arguments for textlint's own CLI over `target` (a file or a folder), JSON report to a file. */
export function textlintArgs(config: string, target: string, report: string): string[] {
  const cli = path.join(path.dirname(require.resolve('textlint/package.json')), 'bin', 'textlint.js')
  return [cli, '--config', config, '--no-color', '--format', 'json', '--output-file', report, target]
}

/** `node` arguments for the naive unified + retext-english + retext-spell script; `limit` lints only the first files. */
export function naiveArgs(target: string, limit?: number): string[] {
  return [path.join(here, 'naive-retext.js'), ...(limit ? ['--limit', String(limit)] : []), target]
}

/** `node` arguments for the floor: read every file and run the phrase regex over it. */
export function floorArgs(target: string): string[] {
  return [path.join(here, 'floor.js'), target]
}
