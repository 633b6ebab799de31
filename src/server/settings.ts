// The language server's own settings, from `initializationOptions` or the `newslint` section of
// `workspace/didChangeConfiguration`. Rules are configured in `.lintrc.json`, as for the CLI.

export interface ServerSettings {
  /** Milliseconds to wait after a change before linting. Default 0: runs coalesce on their own (one at a time per document, the newest text next). */
  debounce: number
  /** Documents longer than this (UTF-16 code units) get one diagnostic instead of a lint. Default 500,000. */
  maxDocumentLength: number
  /** Read the other files of each workspace folder for folder rules (names, repeated blocks). Default true. */
  folderFacts: boolean
  /** Most files read per workspace folder for folder facts. Default 10,000. */
  maxFolderFiles: number
}

export const defaultSettings: ServerSettings = {
  debounce: 0,
  maxDocumentLength: 500_000,
  folderFacts: true,
  maxFolderFiles: 10_000
}

const checks: {[Key in keyof ServerSettings]: (value: unknown) => value is ServerSettings[Key]} = {
  debounce: isCount,
  maxDocumentLength: isCount,
  folderFacts: (value): value is boolean => typeof value === 'boolean',
  maxFolderFiles: isCount
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
}

/** Applies the valid keys of `raw` over `base`; returns a problem line for each key it refused. */
export function mergeSettings(base: ServerSettings, raw: unknown): {settings: ServerSettings; problems: string[]} {
  const settings = {...base}
  const problems: string[] = []
  if (raw === undefined || raw === null) return {settings, problems}
  if (typeof raw !== 'object' || Array.isArray(raw)) return {settings, problems: ['newslint settings must be an object']}
  for (const [key, value] of Object.entries(raw)) {
    if (!(key in checks)) {
      problems.push(`unknown newslint setting \`${key}\``)
      continue
    }
    const name = key as keyof ServerSettings
    if (checks[name](value)) (settings as Record<string, unknown>)[name] = value
    else problems.push(`newslint setting \`${key}\` has an invalid value ${JSON.stringify(value)}`)
  }
  return {settings, problems}
}
