// One readable sentence and a JSON path from ajv's errors, shared by config and rule options.
import type {ErrorObject} from 'ajv'

/** Picks the most specific error; returns the JSON path of the offending value and the problem. */
export function describeSchemaErrors(errors: readonly ErrorObject[], value: unknown): {path: string[]; problem: string} {
  const specific = errors.filter((error) => error.keyword !== 'oneOf').sort((a, b) => depth(b) - depth(a) || rank(a) - rank(b))
  const error = specific[0] ?? errors[0]
  if (!error) return {path: [], problem: 'is invalid'}
  const segments = error.instancePath.split('/').slice(1).map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
  if (error.keyword === 'additionalProperties') {
    const key = (error.params as {additionalProperty: string}).additionalProperty
    return {path: [...segments, key], problem: `unknown key \`${key}\``}
  }
  if (error.keyword === 'required') {
    const key = (error.params as {missingProperty: string}).missingProperty
    return {path: segments, problem: `missing key \`${key}\``}
  }
  let problem = error.message ?? 'is invalid'
  if (error.keyword === 'enum') problem += ` (${(error.params as {allowedValues: unknown[]}).allowedValues.map((v) => JSON.stringify(v)).join(', ')})`
  const found = segments.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], value)
  return {path: segments, problem: `${problem}, got ${JSON.stringify(found)}`}
}

/** `rules`, `spelling`, `1`, `dialect` → `rules.spelling[1].dialect`. */
export function jsonPath(segments: readonly string[]): string {
  return segments.map((segment, index) => (/^\d+$/.test(segment) ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('')
}

function depth(error: ErrorObject): number {
  return error.instancePath.split('/').length
}

function rank(error: ErrorObject): number {
  // Prefer errors that name a concrete problem over "wrong type" of an alternative branch.
  return error.keyword === 'additionalProperties' ? 0 : error.keyword === 'enum' ? 1 : error.keyword === 'type' ? 3 : 2
}
