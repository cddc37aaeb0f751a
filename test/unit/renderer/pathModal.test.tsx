// The path dialog's hop labels (spec/ui.md §7): loopback and private addresses say "Local network",
// countries get their flag (decorative) and their name from Intl.DisplayNames.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { flagOf, isLocalAddress } from '../../../ts/renderer/components/PathModal';
import { en } from '../../../ts/renderer/locales/en';
import { Root } from '../../../ts/renderer/Root';
import { createStore, type AppStore } from '../../../ts/renderer/state/store';
import { FakeApi } from './fakeApi';

let store: AppStore | null = null;
afterEach(() => {
  cleanup();
  store?.dispose();
  store = null;
});

describe('isLocalAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.1.9',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.3.4',
    '::1',
    '[::1]',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'febf::1',
    '::ffff:192.168.0.1',
  ])('%s is local', (ip) => expect(isLocalAddress(ip)).toBe(true));

  it.each(['8.8.8.8', '172.15.0.1', '172.32.0.1', '192.169.0.1', '11.0.0.1', '203.0.113.7', '2001:db8::1', 'fec0::1', '::ffff:8.8.8.8', '256.1.1.1', 'not an ip', ''])(
    '%s is not local',
    (ip) => expect(isLocalAddress(ip)).toBe(false),
  );
});

it('turns ISO codes into flags and ignores anything else', () => {
  expect(flagOf('DE')).toBe('🇩🇪');
  expect(flagOf('jp')).toBe('🇯🇵');
  expect(flagOf(undefined)).toBe('');
  expect(flagOf('DEU')).toBe('');
  expect(flagOf('1A')).toBe('');
});

it('labels devnet hops "Local network" and public ones by country', async () => {
  const api = new FakeApi();
  store = createStore(api);
  render(<Root store={store} />);
  await screen.findByTestId('app-shell');
  const node = (ip: string, n: number, country?: string) => ({ ip, port: 22021, ed25519: `${n}`.padEnd(64, '0'), ...(country ? { country } : {}) });
  await act(async () => {
    api.emit('network.status', { state: 'online', paths: [{ nodes: [node('127.0.0.1', 1), node('::1', 2, 'US'), node('8.8.4.4', 3, 'JP')] }] });
  });
  fireEvent.click(screen.getByTestId('path-status'));
  const hops = within(await screen.findByTestId('path-hops')).getAllByRole('listitem');
  expect(hops.map((h) => h.textContent)).toEqual([en.pathYou, en.pathLocalNetwork, en.pathLocalNetwork, '🇯🇵Japan', en.pathDestination]);
  expect(hops[3]!.querySelector('[aria-hidden="true"]')?.textContent).toBe('🇯🇵');
});
