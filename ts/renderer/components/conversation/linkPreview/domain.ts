// The domain a link preview names (its host, without "www."), or the URL itself when it does not parse.
export function domainOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./i, '');
  } catch {
    return url;
  }
}
