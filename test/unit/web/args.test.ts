import { HostArgsError } from '../../../ts/backend/hostArgs';
import { takeBackendThread } from '../../../ts/web/args';

test('--backend-thread takes worker or main, in both forms, and leaves the rest', () => {
  expect(takeBackendThread(['--backend-thread', 'main', '--x'])).toEqual({ backendThread: 'main', rest: ['--x'] });
  expect(takeBackendThread(['--backend-thread=worker'])).toEqual({ backendThread: 'worker', rest: [] });
  expect(takeBackendThread(['--help'])).toEqual({ rest: ['--help'] });
});

test('any other value is refused with a readable error', () => {
  expect(() => takeBackendThread(['--backend-thread', 'both'])).toThrow(HostArgsError);
  expect(() => takeBackendThread(['--backend-thread'])).toThrow(/worker or main/);
});
