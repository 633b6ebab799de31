// The JSON schemas of fingerprint suppressions: one entry is the same in `.lintrc.json`
// (`suppressions`) and in a `.newslint-suppress.json` sidecar. A leaf module, so config.ts and
// suppress.ts can both read it without importing each other.

/** The sidecar's file name: the nearest one at or above an article's folder applies to it. */
export const SUPPRESS_FILE = '.newslint-suppress.json'

/** One suppression as written: a finding's fingerprint and rule, an optional path, and a reason. */
export interface Suppression {
  fingerprint: string
  rule: string
  /** The one file it applies to, relative to the file that lists it; absent: every file that file covers. */
  path?: string
  /** Why the finding is deliberate. Required: a suppression without a reason cannot be reviewed. */
  reason: string
}

export const suppressionSchema: Record<string, unknown> = {
  type: 'object',
  additionalProperties: false,
  required: ['fingerprint', 'rule', 'reason'],
  properties: {
    fingerprint: {
      description: 'The finding\'s fingerprint, as the `json` format prints it (16 hex digits).',
      type: 'string',
      pattern: '^[0-9a-f]{16}$'
    },
    rule: {description: 'The rule id of the finding (a plugin rule with its namespace: `housestyle/no-foo`).', type: 'string', pattern: '^[@a-z0-9][@a-z0-9/._-]*$'},
    path: {
      description: 'The one file this applies to, relative to the file that lists it. Absent: every file it covers.',
      type: 'string',
      minLength: 1
    },
    reason: {description: 'Why the finding is deliberate (required).', type: 'string', pattern: '\\S'}
  }
}

export const suppressionsSchema: Record<string, unknown> = {
  description: 'Findings that are deliberate, by fingerprint, each with a reason (see README, "Baselines and suppressions").',
  type: 'array',
  items: suppressionSchema
}

/** The schema of a `.newslint-suppress.json` file. */
export const suppressFileSchema: Record<string, unknown> = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'newslint suppressions (.newslint-suppress.json)',
  type: 'object',
  additionalProperties: false,
  required: ['suppressions'],
  properties: {
    $schema: {type: 'string'},
    suppressions: suppressionsSchema
  }
}
