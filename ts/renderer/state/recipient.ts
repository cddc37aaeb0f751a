// Turns what the user typed in New Message (spec/ui.md §3.9) into a peer's Session ID: an Account
// ID is checked here, anything else is looked up as an ONS name; the spec's error text on failure.
import type { LocaleKey } from '../locales/en';
import { createApiThunk, type ThunkExtra } from './thunk';
import { openConversation } from './ui';

const ACCOUNT_ID = /^05[0-9a-f]{64}$/;
const HEXISH = /^[0-9a-f]+$/;

export type RecipientResult = { ok: true; sessionId: string } | { ok: false; error: LocaleKey };

/** Resolves what was typed: an Account ID locally, an ONS name through the backend. */
export async function resolveRecipient(input: string, api: ThunkExtra['api']): Promise<RecipientResult> {
  const text = input.trim();
  if (!text) return { ok: false, error: 'accountIdInvalid' };
  const lower = text.toLowerCase();
  if (ACCOUNT_ID.test(lower)) return { ok: true, sessionId: lower };
  // A long hex string is a mistyped (or non-05) Account ID, not an ONS name.
  if (HEXISH.test(lower) && lower.length >= 60) return { ok: false, error: 'accountIdInvalid' };
  try {
    const { sessionId } = await api.call('ons.resolve', { name: text });
    return { ok: true, sessionId };
  } catch (err) {
    const code = err && typeof err === 'object' ? (err as { code?: unknown }).code : undefined;
    return { ok: false, error: code === 'network' || code === 'unavailable' ? 'onsNetworkError' : 'onsNotFound' };
  }
}

export const openRecipient = createApiThunk('ui/openRecipient', async (input: string, { extra, dispatch }) => {
  const r = await resolveRecipient(input, extra.api);
  if (r.ok) dispatch(openConversation(r.sessionId));
  return r;
});
