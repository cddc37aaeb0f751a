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

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((i) => {
      const where = i.path.length > 0 ? i.path.map(String).join('.') : 'params';
      return `${where}: ${i.message}`;
    })
    .join('; ');
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
