// A QR code of a text (an Account ID), drawn by the `qrcode` package as SVG and shown as an image, so
// the page needs no canvas and the markup carries no third-party string.
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import styled from 'styled-components';
import { t } from '../../locales/i18n';

const Img = styled.img`
  display: block;
  width: 190px;
  height: 190px;
  border-radius: 8px;
  background: #ffffff;
`;

const Failed = styled.p`
  width: 190px;
  margin: 0;
  font-size: 13px;
  text-align: center;
  color: var(--danger-text-color);
`;

export function QrCode({ text, alt, testId }: { text: string; alt: string; testId?: string }) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then(
      (svg) => {
        if (live) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      },
      () => {
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [text]);
  if (failed) return <Failed role="alert">{t('convQrFailed')}</Failed>;
  return src ? <Img src={src} alt={alt} data-testid={testId} /> : null;
}
