// A QR code drawn as SVG from the `qrcode` package's module matrix: no canvas and no data URL, so it
// renders the same in Chromium and jsdom and stays inside the page's content security policy.
import QRCode from 'qrcode';
import { useMemo } from 'react';

export function QrCode({ text, size = 220, label, testId }: { text: string; size?: number; label: string; testId?: string }) {
  const { path, count } = useMemo(() => {
    const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const n = qr.modules.size;
    let d = '';
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) if (qr.modules.get(y, x)) d += `M${x} ${y}h1v1h-1z`;
    }
    return { path: d, count: n };
  }, [text]);
  // A quiet zone of 2 modules and a white background: scanners need the contrast in dark themes too.
  return (
    <svg
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`-2 -2 ${count + 4} ${count + 4}`}
      shapeRendering="crispEdges"
      data-testid={testId}
      data-modules={count}
      style={{ borderRadius: 8 }}
    >
      <rect x={-2} y={-2} width={count + 4} height={count + 4} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}
