// Which source language an English article was probably translated from, judged by cues an
// English-only reader can see: remnants of the source script, agencies, date and name conventions.
// Shared by the MT rules (a pack applies only to articles with its cues) and reported per file.
import type {VFile} from 'vfile'
import type {DocumentAnalysis} from './analysis.js'
import {fileData} from './rule.js'

export const SOURCE_LANGUAGES = ['ko', 'ja', 'zh', 'ru'] as const
export type SourceLanguage = (typeof SOURCE_LANGUAGES)[number]

export interface Cue {
  language: SourceLanguage
  /** What was seen, for the report ("Hangul", "Yonhap", "(local time)", …). */
  cue: string
  weight: number
}

export interface Provenance {
  /** Languages whose cues reach the threshold, or forced by config, strongest first. */
  languages: SourceLanguage[]
  scores: Record<SourceLanguage, number>
  cues: Cue[]
  /** Languages that apply because `sourceLanguages` in the config says so. */
  configured: SourceLanguage[]
}

/** Score at which a language counts as detected: one strong cue, or two weaker ones. */
export const PROVENANCE_THRESHOLD = 3

interface CueRule {
  language: SourceLanguage
  cue: string
  pattern: RegExp
  weight: number
}

// A script remnant is a strong cue; an agency or a convention alone is a weak one.
const CUE_RULES: CueRule[] = [
  {language: 'ko', cue: 'Hangul', pattern: /[\u1100-\u11FF\u3130-\u318F\uAC00-\uD7AF]/u, weight: 3},
  {language: 'ko', cue: 'Korean news agency or outlet', pattern: /\b(?:Yonhap|Newsis|News1|Chosun|JoongAng|Hankyoreh|Dong-A Ilbo|Seoul Economic Daily|Korea Herald|Korea Times|KBS|MBC|SBS|JTBC)\b/, weight: 2},
  {language: 'ko', cue: '(local time)', pattern: /\(local time\)/i, weight: 1},
  {language: 'ko', cue: 'day-only date', pattern: /\bon the \d{1,2}(?:st|nd|rd|th)\b(?![-\s]+(?:of\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))/i, weight: 1},
  {
    language: 'ko',
    cue: 'Korean name',
    pattern: /\b(?:Kim|Lee|Park|Choi|Jung|Jeong|Kang|Cho|Yoon|Yun|Jang|Lim|Han|Oh|Seo|Shin|Kwon|Hwang|Ahn|Song|Jeon|Hong|Kwak|Moon|Ko|Yang|Baek|Nam|Noh|Ha|Yoo|Ryu)\s+[A-Z][a-z]+-[a-z]+\b/,
    weight: 2
  },
  {language: 'ja', cue: 'Kana', pattern: /[\u3040-\u30FF\u31F0-\u31FF]/u, weight: 3},
  {language: 'ja', cue: 'Japanese era year', pattern: /\b(?:Reiwa|Heisei|Showa|Taisho)\s+\d{1,2}\b|\b(?:Reiwa|Heisei|Showa)\s+\d{1,2}(?:st|nd|rd|th)\s+year\b/, weight: 3},
  {language: 'ja', cue: 'Japanese news agency or outlet', pattern: /\b(?:Kyodo|Jiji|NHK|Asahi Shimbun|Yomiuri|Mainichi|Nikkei|Sankei)\b/, weight: 2},
  {language: 'zh', cue: 'Han characters without Kana or Hangul', pattern: /[\u4E00-\u9FFF]/u, weight: 2},
  {language: 'zh', cue: 'Chinese news agency or outlet', pattern: /\b(?:Xinhua|CGTN|Global Times|People's Daily|China Daily|CCTV|Caixin)\b/, weight: 2},
  {
    language: 'zh',
    cue: 'PRC term',
    pattern: /\b(?:relevant departments|Taiwan region|socialism with Chinese characteristics|the mainland authorities|Central Committee of the CPC)\b/i,
    weight: 1
  },
  {language: 'ru', cue: 'Cyrillic', pattern: /[\u0400-\u04FF]/u, weight: 3},
  {language: 'ru', cue: 'Russian news agency or outlet', pattern: /\b(?:TASS|RIA Novosti|Interfax|Izvestia|Kommersant|Vedomosti|Sputnik|RBC)\b/, weight: 2},
  {language: 'ru', cue: 'patronymic', pattern: /\b[A-Z][a-z]+ [A-Z][a-z]+(?:ovich|evich|ovna|evna|ichna)\b/, weight: 2}
]

/** Provenance of a text, without config. */
export function detectProvenance(text: string, configured: readonly SourceLanguage[] = []): Provenance {
  const scores: Record<SourceLanguage, number> = {ko: 0, ja: 0, zh: 0, ru: 0}
  const cues: Cue[] = []
  const hasKanaOrHangul = /[\u3040-\u30FF\uAC00-\uD7AF]/u.test(text)
  for (const rule of CUE_RULES) {
    if (rule.cue === 'Han characters without Kana or Hangul' && hasKanaOrHangul) continue
    if (rule.pattern.test(text)) {
      scores[rule.language] += rule.weight
      cues.push({language: rule.language, cue: rule.cue, weight: rule.weight})
    }
  }
  const detected = SOURCE_LANGUAGES.filter((language) => scores[language] >= PROVENANCE_THRESHOLD || configured.includes(language))
  detected.sort((a, b) => scores[b] - scores[a])
  return {languages: detected, scores, cues, configured: [...configured]}
}

/**
 * The provenance of the document a rule is checking, computed once per file, honouring the
 * config's `sourceLanguages`, and recorded in the file's pipeline data (JSON output `data`). A
 * window of a large file gets the provenance of the whole file, computed once for all its windows:
 * a Hangul line at the top of a long file still makes its last window Korean-source copy.
 */
export function provenanceOf(analysis: DocumentAnalysis, file: VFile, settings: Record<string, unknown>): Provenance {
  return analysis.cached('provenance', () => {
    const whole = analysis.whole ?? analysis
    const compute = () => detectProvenance(whole.text, (settings.sourceLanguages as SourceLanguage[] | undefined) ?? [])
    const provenance = whole === analysis ? compute() : whole.cached('provenance', compute)
    const data = fileData(file)
    data.report = {...data.report, provenance: {languages: provenance.languages, scores: provenance.scores, cues: provenance.cues.map((cue) => `${cue.language}: ${cue.cue}`)}}
    return provenance
  })
}

// Romanised Korean, shared by the MT rules: the surnames that open a Korean name, and a splitter that
// tells whether a word reads as romanised Korean syllables (Revised Romanization plus the older
// spellings names keep: Kim, Park, Young, Yoon). Used for names ("Jae-myung" is Korean, "Jean-Pierre"
// is not) and for Korean words left untranslated ("naeronambul").

/** Korean surnames as English copy spells them, variants included. */
export const KOREAN_SURNAMES: readonly string[] = [
  'Ahn', 'An', 'Bae', 'Baek', 'Bak', 'Ban', 'Bang', 'Bong', 'Byun', 'Byeon', 'Cha', 'Chae', 'Chang', 'Cheon', 'Cheong',
  'Cho', 'Choe', 'Choi', 'Chon', 'Chu', 'Chun', 'Chung', 'Do', 'Eom', 'Gang', 'Gil', 'Gim', 'Go', 'Gong', 'Gu', 'Gwak',
  'Gwon', 'Ha', 'Han', 'Heo', 'Hong', 'Huh', 'Hwang', 'Hyun', 'Im', 'Jang', 'Jeon', 'Jeong', 'Ji', 'Jin', 'Jo', 'Joo',
  'Ju', 'Jun', 'Jung', 'Kang', 'Kil', 'Kim', 'Ko', 'Kong', 'Kye', 'Koo', 'Ku', 'Kwak', 'Kwon', 'Lee', 'Lim', 'Maeng',
  'Min', 'Moon', 'Mun', 'Na', 'Nam', 'Noh', 'Oh', 'Paik', 'Pak', 'Park', 'Pyo', 'Rhee', 'Rho', 'Roh', 'Ryu', 'Seo',
  'Seok', 'Seol', 'Seong', 'Shim', 'Shin', 'Sim', 'Sin', 'Sohn', 'Son', 'Song', 'Suh', 'Suk', 'Sung', 'Tak', 'Uhm',
  'Um', 'Won', 'Woo', 'Yang', 'Yeo', 'Yi', 'Yoo', 'Yook', 'Yoon', 'Yu', 'Yun'
]

const KOREAN_INITIALS = ['', 'g', 'k', 'kk', 'n', 'd', 't', 'tt', 'r', 'l', 'm', 'b', 'p', 'pp', 's', 'ss', 'sh', 'j', 'jj', 'ch', 'h']
const KOREAN_VOWELS = [
  'a', 'ae', 'ai', 'ya', 'yae', 'eo', 'e', 'yeo', 'ye', 'o', 'oi', 'wa', 'wae', 'oe', 'yo', 'yoo', 'you', 'u', 'oo', 'wo',
  'woo', 'we', 'wi', 'yu', 'eu', 'ui', 'i', 'ee', 'yi'
]
const KOREAN_FINALS = ['', 'k', 'g', 'n', 't', 'l', 'm', 'p', 'b', 'ng', 'h']
let koreanSyllableSet: Set<string> | undefined

/**
 * The word split into romanised Korean syllables (fewest syllables first), or undefined when it
 * cannot be read as Korean. Case and hyphens are ignored.
 */
export function koreanSyllables(word: string): string[] | undefined {
  const syllables = (koreanSyllableSet ??= new Set(
    KOREAN_INITIALS.flatMap((initial) => KOREAN_VOWELS.flatMap((vowel) => KOREAN_FINALS.map((final) => initial + vowel + final)))
  ))
  const letters = word.toLowerCase().replace(/-/g, '')
  if (!/^[a-z]{1,40}$/.test(letters)) return undefined
  // Fewest syllables to reach each position; a syllable is at most 7 letters ("jjwaeng").
  const best: Array<{count: number; from: number} | undefined> = [{count: 0, from: -1}]
  for (let end = 1; end <= letters.length; end++) {
    for (let start = Math.max(0, end - 7); start < end; start++) {
      const before = best[start]
      if (!before || !syllables.has(letters.slice(start, end))) continue
      if (!best[end] || before.count + 1 < best[end]!.count) best[end] = {count: before.count + 1, from: start}
    }
  }
  if (!best[letters.length]) return undefined
  const parts: string[] = []
  for (let end = letters.length; end > 0; end = best[end]!.from) parts.unshift(letters.slice(best[end]!.from, end))
  return parts
}
