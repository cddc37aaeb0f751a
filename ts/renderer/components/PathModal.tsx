// The onion path dialog (spec/ui.md §7): "You", each hop of the first path by country with its flag
// (hover shows its IP), then "Destination". Nodes on loopback or private addresses (a local devnet)
// say "Local network". Until a path exists it says it is waiting for one.
import styled from 'styled-components';
import type { OnionPathNodeView } from '../../ipc/contract';
import { useAppDispatch, useAppSelector } from '../hooks/redux';
import { intlLocale, t } from '../locales/i18n';
import { selectPaths, selectPathStatus } from '../state/network';
import { closeTopModal } from '../state/ui';
import { Modal } from './common/Modal';

const Text = styled.p`
  margin: 0 0 20px;
  font-size: 15px;
  line-height: 1.4;
  color: var(--text-secondary-color);
  text-align: center;
`;

const Hops = styled.ol`
  position: relative;
  margin: 0 auto;
  padding-block: 0;
  padding-inline: 30px 0;
  width: fit-content;
  list-style: none;
  &::before {
    content: '';
    position: absolute;
    inset-inline-start: 5px;
    top: 12px;
    bottom: 12px;
    width: 2px;
    background: var(--path-color-connected);
  }
`;

const Hop = styled.li`
  position: relative;
  padding: 8px 0;
  font-size: 15px;
  &::before {
    content: '';
    position: absolute;
    inset-inline-start: -30px;
    top: 50%;
    width: 12px;
    height: 12px;
    margin-top: -6px;
    border-radius: 50%;
    background: var(--path-color-connected);
  }
`;

function ipv4Octets(ip: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return null;
  const octets = m.slice(1).map(Number);
  return octets.every((o) => o <= 255) ? octets : null;
}

/** Loopback, private and link-local addresses (IPv4, IPv6 and IPv4-mapped IPv6): not in any country. */
export function isLocalAddress(ip: string): boolean {
  const address = ip.replace(/^\[|\]$/g, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  const v4 = ipv4Octets(mapped ? mapped[1]! : address);
  if (v4) {
    const [a, b] = v4 as [number, number, number, number];
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  if (!address.includes(':')) return false;
  if (address === '::1') return true;
  const first = parseInt(address.split(':')[0] || '0', 16);
  // fc00::/7 (unique local) and fe80::/10 (link-local).
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80;
}

/** The flag emoji of an ISO 3166 alpha-2 code (regional indicator letters), or '' for anything else. */
export function flagOf(code: string | undefined): string {
  if (!code || !/^[a-z]{2}$/i.test(code)) return '';
  return String.fromCodePoint(...[...code.toUpperCase()].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65));
}

function countryName(code: string | undefined): string {
  if (!code) return t('pathUnknownCountry');
  try {
    return new Intl.DisplayNames([intlLocale(), 'en'], { type: 'region', fallback: 'none' }).of(code.toUpperCase()) ?? t('pathUnknownCountry');
  } catch {
    return t('pathUnknownCountry');
  }
}

const Flag = styled.span`
  margin-inline-end: 8px;
`;

function HopLabel({ node }: { node: OnionPathNodeView }) {
  if (isLocalAddress(node.ip)) return <>{t('pathLocalNetwork')}</>;
  const name = countryName(node.country);
  const flag = name === t('pathUnknownCountry') ? '' : flagOf(node.country);
  return (
    <>
      {flag ? <Flag aria-hidden="true">{flag}</Flag> : null}
      {name}
    </>
  );
}

function HopList({ nodes }: { nodes: OnionPathNodeView[] }) {
  return (
    <Hops aria-label={t('pathHops')} data-testid="path-hops">
      <Hop>{t('pathYou')}</Hop>
      {nodes.map((n) => (
        <Hop key={n.ed25519} title={n.ip}>
          <HopLabel node={n} />
        </Hop>
      ))}
      <Hop>{t('pathDestination')}</Hop>
    </Hops>
  );
}

export function PathModal() {
  const dispatch = useAppDispatch();
  const status = useAppSelector(selectPathStatus);
  const paths = useAppSelector(selectPaths);
  const first = paths[0];
  return (
    <Modal title={t('pathTitle')} onClose={() => dispatch(closeTopModal())} testId="path-modal">
      <Text>{t('pathExplainer')}</Text>
      {status === 'offline' || !first ? <Text role="status">{t('pathWaiting')}</Text> : <HopList nodes={first.nodes} />}
    </Modal>
  );
}
