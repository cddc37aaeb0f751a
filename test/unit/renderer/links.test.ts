// Which parts of a message become links (spec/ui.md §4.3): http(s) URLs with plain ASCII hosts only.
import { linkableUrl, splitLinks } from '../../../ts/renderer/components/common/links';

describe('links in message text', () => {
  it('links http and https URLs and keeps the text around them', () => {
    expect(splitLinks('see https://getsession.org/faq, then http://example.com/a?b=1#c.')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://getsession.org/faq', url: 'https://getsession.org/faq' },
      { kind: 'text', text: ', then ' },
      { kind: 'link', text: 'http://example.com/a?b=1#c', url: 'http://example.com/a?b=1#c' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('leaves text without links as one segment, and other schemes as text', () => {
    expect(splitLinks('no links here')).toEqual([{ kind: 'text', text: 'no links here' }]);
    expect(splitLinks('javascript:alert(1) file:///etc/passwd ftp://x.org')).toEqual([{ kind: 'text', text: 'javascript:alert(1) file:///etc/passwd ftp://x.org' }]);
    expect(splitLinks('https://')).toEqual([{ kind: 'text', text: 'https://' }]);
  });

  it('does not link look-alike hosts (non-ASCII or punycode) or URLs carrying credentials', () => {
    expect(linkableUrl('https://gеtsession.org/')).toBeUndefined(); // Cyrillic "е"
    expect(linkableUrl('https://xn--gtsession-9yf.org/')).toBeUndefined();
    expect(linkableUrl('https://user:pw@getsession.org/')).toBeUndefined();
    expect(splitLinks('visit https://gеtsession.org now')).toEqual([{ kind: 'text', text: 'visit https://gеtsession.org now' }]);
    // A non-ASCII path is fine: only the host can imitate another site.
    expect(linkableUrl('https://example.com/ünïcode')).toBe('https://example.com/%C3%BCn%C3%AFcode');
  });
});
