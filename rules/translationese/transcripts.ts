// Broadcast transcript speaker labels at the start of a line: "[Anchor]", "[Kim Sun-young]",
// "[Lee Jae-myung / Democratic Party leader (last 9th): …]". Korean broadcasters (YTN, KBS) publish
// transcripts in this form, and machine translation keeps it.
import type {Span} from '../../src/analysis.js'
import {KOREAN_SURNAMES, koreanSyllables} from '../../src/provenance.js'
import type {CheckContext} from './context.js'

const LABEL = /^[ \t]*(?:[■□◆◇▶▷][ \t]*)?([[【])([^\]】\n]{1,120})[\]】]/gm
const ROLE =
  /^(?:anchor|reporter|narration|narrator|interview|interviewee|interviewer|host|guest|caster|announcer|correspondent|moderator|panel|panelist|commentator|presenter|citizen|resident|witness|passer-by|applicant|caller|recording)s?(?:\s*\d{1,2})?$/i
const ROLE_WORD = /\b(?:anchor|reporter|leader|lawmaker|minister|president|chairman|spokesman|spokesperson|professor|candidate|prosecutor|official|correspondent|host|guest|representative|ceo|director|head)\b/i
const koreanSurnames = new Set(KOREAN_SURNAMES)

const NOTE =
  'Korean broadcast transcripts open each turn with a bracketed speaker ([Anchor], [Name / role]); English news ' +
  'attributes quotes in prose ("…," anchor Kim Sun-young said).'

/** "Kim Sun-young", "Song Young Hoon", "KIM HYEONGJUN", "Kim Sun-young Anchor"; "Seoyongju" only in Korean-source copy. */
function isKoreanName(label: string, koreanSource: () => boolean): boolean {
  // A blank label ("[ ]") has no words at all.
  const words = label.split(/\s+/).filter(Boolean)
  // "[Kim Sun-young Anchor]", "[Anchor Kim Sun-young]": the role word does not make it less of a name.
  if (words.length >= 2 && ROLE.test(words[words.length - 1]!)) words.pop()
  else if (words.length >= 2 && ROLE.test(words[0]!)) words.shift()
  const [first, ...rest] = words.map((word) => word[0]!.toUpperCase() + word.slice(1).toLowerCase())
  if (!first) return false
  if (rest.length === 0) {
    // A joined name: surname plus a two-syllable given name, all one word.
    const syllables = koreanSyllables(first)
    return syllables?.length === 3 && koreanSurnames.has(capitalise(syllables[0]!)) && koreanSource()
  }
  if (!koreanSurnames.has(first) || rest.length > 2) return false
  if (rest.length === 2) return rest.every((part) => koreanSyllables(part)?.length === 1)
  const given = rest[0]!
  if (given.includes('-')) return given.split('-').every((part) => koreanSyllables(part)?.length === 1)
  return koreanSyllables(given)?.length === 2
}

const capitalise = (word: string) => word[0]!.toUpperCase() + word.slice(1)

/** Reports speaker labels and returns their spans (other checks leave them to this one). */
export function checkSpeakerLabels(context: CheckContext): Span[] {
  const {text, report} = context
  const spans: Span[] = []
  // Every label opens with a bracket; a substring search settles text without one faster than the pattern.
  if (!text.includes('[') && !text.includes('【')) return spans
  const koreanSource = () => context.provenance().languages.includes('ko')
  for (const match of text.matchAll(LABEL)) {
    const open = match.index + match[0].length - match[2]!.length - 2
    const content = match[2]!
    const colon = content.indexOf(':')
    const label = colon === -1 ? content : content.slice(0, colon)
    const slash = label.indexOf('/')
    const speaker =
      ROLE.test(label.trim()) ||
      isKoreanName(label, koreanSource) ||
      (slash !== -1 &&
        (isKoreanName(label.slice(0, slash), koreanSource) || (colon !== -1 && ROLE_WORD.test(label.slice(slash + 1)))))
    if (!speaker) continue
    const end = colon === -1 ? match.index + match[0].length : open + 1 + colon + 1
    spans.push({start: open, end})
    report({messageId: 'speakerLabel', start: open, end, note: NOTE})
  }
  return spans
}
