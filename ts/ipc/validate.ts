// Validation at the receiving end of every transport: the method must exist and its params must match
// the contract's schema; otherwise an IpcError whose message lists what is wrong.
import type { z } from 'zod';
import { methodParams } from './contract';
import type { MethodName } from './contract';
import { IpcError } from './errors';

/** The params of some method after parsing (schemas' output types). */
export type ParsedParams = { [M in MethodName]: z.output<(typeof methodParams)[M]> }[MethodName];

export function isMethodName(v: unknown): v is MethodName {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(methodParams, v);
}

/** Issues listed in a message; the rest are counted. */
const MAX_ISSUES_SHOWN = 5;
/** Longest path or issue text quoted: keys and values come from the caller. */
const MAX_PART_CHARS = 200;

const cut = (s: string): string => (s.length > MAX_PART_CHARS ? `${s.slice(0, MAX_PART_CHARS)}…` : s);

/**
 * The issues in a line a person can read. Bounded: a call with a thousand bad array items (or huge keys)
 * gets a short message, not one that grows with its input.
 */
function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues.slice(0, MAX_ISSUES_SHOWN).map((i) => {
    const where = i.path.length > 0 ? i.path.map(String).join('.') : 'params';
    return `${cut(where)}: ${cut(i.message)}`;
  });
  const more = issues.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
}

/**
 * Checks a call from the other side. Returns the parsed params, or throws IpcError with code
 * `unknown_method` or `invalid_params`. Missing params count as `{}`.
 */
export function validateCall(method: unknown, params: unknown): ParsedParams {
  if (!isMethodName(method)) {
    const shown = typeof method === 'string' ? `"${method.slice(0, 100)}"` : `of type ${method === null ? 'null' : typeof method}`;
    throw new IpcError('unknown_method', `Unknown method ${shown}.`);
  }
  const schema = methodParams[method] as z.ZodType;
  const r = schema.safeParse(params === undefined ? {} : params);
  if (!r.success) {
    throw new IpcError('invalid_params', `Invalid parameters for ${method}: ${describeIssues(r.error.issues)}.`);
  }
  return r.data as ParsedParams;
}
