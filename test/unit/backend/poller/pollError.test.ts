// What a failed poll logs: the network error's kind, status and developer detail, not only the sentence
// shown to people (which says nothing about the cause).
import { describePollError } from '../../../../ts/backend/services/poller';
import { NetworkError, toNetworkError } from '../../../../ts/network';

test('a network error is described by its kind, status and detail', () => {
  expect(describePollError(toNetworkError(new RangeError('Maximum call stack size exceeded')))).toBe('bad-response: Maximum call stack size exceeded');
  expect(describePollError(new NetworkError('server-error', { status: 500, detail: 'retrieve failed on every node' }))).toBe('server-error (500): retrieve failed on every node');
  expect(describePollError(new NetworkError('timeout'))).toBe('timeout');
});

test('other errors are described by their message', () => {
  expect(describePollError(new Error('database is closed'))).toBe('database is closed');
  expect(describePollError('odd')).toBe('odd');
});
