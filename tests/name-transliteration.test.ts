// The romanisation rules of `name-consistency`, family by family: which spellings are one name and
// which are two.
import {describe, expect, it} from 'vitest'
import {spellingVariants} from '../rules/name-consistency/index.js'
import {parseName} from '../rules/name-consistency/transliteration.js'

const families: Record<string, {same: Array<[string, string]>; different: Array<[string, string]>}> = {
  'Russian and Ukrainian': {
    same: [
      ['Navalny', 'Navalni'],
      ['Navalny', 'Naval’ny'],
      ['Zelenskyy', 'Zelenskiy'],
      ['Alexei Navalny', 'Aleksey Navalnyy'],
      ['Yevgeny Prigozhin', 'Evgeniy Prigojin'],
      ['Mikhail Khodorkovsky', 'Mikhail Hodorkovsky'],
      ['Pyotr Tchaikovsky', 'Pyotr Chaikovskii'],
      ['Mikhail Gorbachev', 'Mikhail Gorbachov'],
      ['Fyodor Dostoevsky', 'Fyodor Dostoyevsky'],
      ['Maria Zakharova', 'Mariya Zakharova'],
      ['Yulia Tymoshenko', 'Yuliya Timoshenko'],
      ['Vitali Klitschko', 'Vitaliy Klychko'],
      ['Alexander Lukashenko', 'Aleksandr Lukashenko']
    ],
    different: [
      ['Alexei Navalny', 'Yulia Navalnaya'],
      ['Navalny', 'Navalnaya'],
      ['Medvedev', 'Medvedeva'],
      ['Dmitry Peskov', 'Dmitry Medvedev'],
      ['Sergei Lavrov', 'Sergei Ryabkov']
    ]
  },
  Korean: {
    same: [
      ['Kim Jong Un', 'Kim Jong-un'],
      ['Kim Jong Un', 'Kim Jong-eun'],
      ['Lee Jae-myung', 'Lee Jae-myeong'],
      ['Lee Jae-myung', 'Yi Jae-myeong'],
      ['Lee Jae-myung', 'Jae-myung Lee'],
      ['Park Geun-hye', 'Pak Kun-hye'],
      ['Park Geun-hye', 'Bak Geun-hye'],
      ['Yoon Suk Yeol', 'Yun Seok-yeol'],
      ['Han Duck-soo', 'Han Deok-su'],
      ['Roh Moo-hyun', 'No Mu-hyeon']
    ],
    different: [
      ['Kim Jong Un', 'Kim Jong Il'],
      ['Kim Jong Un', 'Kim Yo Jong'],
      ['Lee Jae-myung', 'Lee Jae-yong'],
      ['Lee Jae-myung', 'Park Jae-myung'],
      ['Ryu Hyun-jin', 'Yoo Hyun-jin']
    ]
  },
  'Chinese (Wade-Giles and pinyin)': {
    same: [
      ['Deng Xiaoping', "Teng Hsiao-p'ing"],
      ['Zhou Enlai', 'Chou En-lai'],
      ['Mao Zedong', 'Mao Tse-tung'],
      ['Xi Jinping', "Hsi Chin-p'ing"],
      ['Li Keqiang', "Li K'o-ch'iang"]
    ],
    different: [
      ['Li Qiang', 'Li Jiang'],
      ['Li Qiang', 'Li Keqiang'],
      ['Xi Jinping', 'Xi Zhongxun'],
      ['Deng Xiaoping', 'Teng Xiaoping']
    ]
  },
  Arabic: {
    same: [
      ['Mohammed bin Salman', 'Muhammad bin Salman'],
      ['Muammar Gaddafi', 'Moammar Qadhafi'],
      ['Bashar al-Assad', 'Bashar Assad'],
      ['Osama bin Laden', 'Usama bin Ladin'],
      ['Ayman al-Zawahiri', 'Ayman al-Zawahri'],
      ['Hassan Nasrallah', 'Hasan Nasrullah'],
      ['Khaled Mashaal', 'Khalid Mashal'],
      ['Saddam Hussein', 'Saddam Husayn']
    ],
    different: [
      ['Mohammed bin Salman', 'Mohammed bin Zayed'],
      ['Hamad bin Khalifa', 'Hamid bin Khalifa'],
      ['Mohammed Abbas', 'Mahmoud Abbas'],
      ['Bashar al-Assad', 'Hafez al-Assad']
    ]
  },
  Japanese: {
    same: [
      ['Shinzo Abe', 'Abe Shinzo'],
      ['Taro Kono', 'Tarō Kōno']
    ],
    different: [
      ['Taro Kono', 'Taro Aso'],
      ['Shinzo Abe', 'Akie Abe']
    ]
  },
  'other names': {
    same: [
      ['Recep Tayyip Erdogan', 'Recep Tayyip Erdoğan'],
      ['Luiz Inácio Lula da Silva', 'Luiz Inacio Lula da Silva']
    ],
    different: [
      ['Anderson', 'Andersson'],
      ['Peterson', 'Paterson'],
      ['Hansen', 'Hanson'],
      ['Khan', 'Han'],
      ['Francis', 'Frances'],
      ['Joe Biden', 'Jill Biden']
    ]
  }
}

for (const [family, {same, different}] of Object.entries(families)) {
  describe(`${family} spellings`, () => {
    for (const [a, b] of same) {
      it(`reads ${a} and ${b} as one name`, () => {
        expect(spellingVariants(a, b)).toBe(true)
        expect(spellingVariants(b, a)).toBe(true)
      })
    }
    for (const [a, b] of different) {
      it(`keeps ${a} and ${b} apart`, () => {
        expect(spellingVariants(a, b)).toBe(false)
        expect(spellingVariants(b, a)).toBe(false)
      })
    }
  })
}

describe('reading a name', () => {
  it('keeps a hyphenated Korean given name whole and knows the surname comes first', () => {
    const name = parseName('Kim Jong-un')
    expect(name.parts.korean).toEqual(['Kim', 'Jong-un'])
    expect(name.surname.korean).toBe(0)
  })

  it('joins a North Korean given name written as two words', () => {
    expect(parseName('Kim Jong Un').parts.korean).toEqual(['Kim', 'Jong Un'])
  })

  it('does not read an English name as Korean', () => {
    expect(parseName('Joe Biden').families).not.toContain('korean')
  })

  it('joins particles to the word they belong to', () => {
    expect(parseName('Osama bin Laden').parts.general).toEqual(['Osama', 'bin Laden'])
    expect(parseName('Abdel Fattah el-Sisi').parts.general).toEqual(['Abdel Fattah', 'el-Sisi'])
  })
})
