// A QR code that opens full screen when clicked (spec/ui.md §6.1, §6.8), so a phone can scan it from
// across the desk. The full-screen view closes with Esc, a click anywhere or its close button, and gives
// focus back to the code. Where the spec offers it (the Account ID), "Save" downloads the code as a PNG.
// The view is drawn in a portal above everything and keeps its keys to itself: Esc closes only the view,
// never the settings dialog under it.
import { Download, X } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import styled from 'styled-components';
import { useAppDispatch } from '../../hooks/redux';
import { useFocusTrap } from '../../hooks/useFocusTrap';
import { t } from '../../locales/i18n';
import { showToast } from '../../state/ui';
import { errorMessage } from '../../state/thunk';
import { QrCode } from './QrCode';
import { qrPng } from './qrPng';

const CodeButton = styled.button`
  display: block;
  padding: 0;
  border: none;
  border-radius: 8px;
  background: transparent;
  cursor: zoom-in;
  &:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 3px;
  }
  svg {
    display: block;
  }
`;

const Overlay = styled.div`
  position: fixed;
  inset: 0;
  z-index: 200;
  display: flex;
  flex-direction: column;
  align-items: center;
  justify-content: center;
  gap: 20px;
  background: rgba(0, 0, 0, 0.9);
  cursor: zoom-out;
  outline: none;
  /* The code itself (the buttons' icons keep their size). */
  & > svg {
    width: min(80vmin, 640px);
    height: min(80vmin, 640px);
  }
`;

const Bar = styled.div`
  display: flex;
  gap: 12px;
  cursor: default;
`;

const BarButton = styled.button`
  display: inline-flex;
  align-items: center;
  gap: 8px;
  min-width: 44px;
  height: 40px;
  padding: 0 16px;
  border: 1px solid rgba(255, 255, 255, 0.6);
  border-radius: 20px;
  background: transparent;
  color: #ffffff;
  font: inherit;
  cursor: pointer;
  &:hover {
    background: rgba(255, 255, 255, 0.15);
  }
  &:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 2px;
  }
`;

/** Hands `bytes` to the browser as a file download (in Electron: its save dialog). */
export function downloadFile(bytes: Uint8Array, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes.slice()], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  try {
    a.click();
  } finally {
    a.remove();
    // The download has started from the URL by now; a late revoke still frees it if it has not.
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  }
}

function Fullscreen({ text, label, saveAs, onClose }: { text: string; label: string; saveAs?: string | undefined; onClose: () => void }) {
  const dispatch = useAppDispatch();
  const ref = useRef<HTMLDivElement>(null);
  // Esc closes; Tab stays on the view's buttons; focus goes back to the code on close.
  useFocusTrap(ref, onClose);
  const save = () => {
    if (!saveAs) return;
    try {
      downloadFile(qrPng(text), saveAs, 'image/png');
    } catch (err) {
      dispatch(showToast({ kind: 'error', message: t('qrSaveFailed', { message: errorMessage(err) }) }));
    }
  };
  return createPortal(
    <Overlay ref={ref} role="dialog" aria-modal="true" aria-label={label} tabIndex={-1} onClick={onClose} data-testid="qr-fullscreen">
      <QrCode text={text} label={label} size={640} testId="qr-fullscreen-code" />
      <Bar onClick={(e) => e.stopPropagation()}>
        {saveAs ? (
          <BarButton type="button" onClick={save} aria-label={t('qrSaveAccountId')} data-testid="qr-save">
            <Download size={18} aria-hidden />
            {t('qrSave')}
          </BarButton>
        ) : null}
        <BarButton type="button" onClick={onClose} aria-label={t('qrFullscreenClose')} data-testid="qr-fullscreen-close">
          <X size={20} aria-hidden />
        </BarButton>
      </Bar>
    </Overlay>,
    document.body,
  );
}

export interface ZoomableQrProps {
  text: string;
  label: string;
  size?: number;
  testId?: string;
  /** The file name "Save" downloads the code as; without it there is no Save. */
  saveAs?: string;
}

export function ZoomableQr({ text, label, size, testId, saveAs }: ZoomableQrProps) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  // Focus goes back to the code when the view closes (a click does not focus a button in every browser,
  // so the trap's "back to where focus was" is not enough on its own). Runs after the view unmounted.
  useEffect(() => {
    if (wasOpen.current && !open) button.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return (
    <>
      <CodeButton ref={button} type="button" onClick={() => setOpen(true)} aria-label={t('qrOpenFullscreen')} aria-haspopup="dialog" data-testid={testId ? `${testId}-open` : undefined}>
        <QrCode text={text} label={label} {...(size !== undefined ? { size } : {})} {...(testId !== undefined ? { testId } : {})} />
      </CodeButton>
      {open ? <Fullscreen text={text} label={label} saveAs={saveAs} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
