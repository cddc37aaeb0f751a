// Settings ▸ Help (spec/ui.md §6.10): "Report a Bug" with "Export Logs", the official help links (each
// through the "Open URL" confirmation), and About. Export Logs hands the file to the user: the web host
// downloads the text the backend returns; the Electron host saves it through its own Save dialog.
import { ChevronRight, ExternalLink, Info } from 'lucide-react';
import { useId, useState } from 'react';
import { useAppDispatch } from '../../hooks/redux';
import { useOpenExternalLink } from '../../hooks/useOpenExternalLink';
import type { LocaleKey } from '../../locales/en';
import { t } from '../../locales/i18n';
import { exportDebugLog } from '../../state/help';
import { openModal, showToast } from '../../state/ui';
import { NavButtonRow, Row, Section, TextBlock } from './controls';
import { DialogButton } from './dialogParts';
import { downloadTextFile } from './downloadFile';

export const HELP_LINKS: ReadonlyArray<{ id: string; label: LocaleKey; description?: LocaleKey; url: string }> = [
  { id: 'faq', label: 'helpFaq', url: 'https://getsession.org/faq' },
  { id: 'translate', label: 'helpTranslate', description: 'helpTranslateDesc', url: 'https://getsession.org/translate' },
  { id: 'feedback', label: 'helpFeedback', url: 'https://getsession.org/survey' },
  { id: 'support', label: 'helpSupport', url: 'https://getsession.org/support' },
];

function ExportLogsRow() {
  const dispatch = useAppDispatch();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    const result = await dispatch(exportDebugLog(typeof navigator !== 'undefined' ? navigator.userAgent : undefined));
    setBusy(false);
    if (!exportDebugLog.fulfilled.match(result)) {
      dispatch(showToast({ kind: 'error', message: result.payload ?? '' }));
      return;
    }
    const exported = result.payload;
    if (exported.outcome === 'text') {
      downloadTextFile(exported.fileName, exported.text);
      dispatch(showToast({ kind: 'success', message: t('helpLogDownloaded', { fileName: exported.fileName }) }));
    } else if (exported.outcome === 'saved') {
      dispatch(showToast({ kind: 'success', message: t('helpLogSaved', { path: exported.path }) }));
    }
  };
  return (
    <Row>
      <TextBlock id={id} title={t('helpReportBug')} description={t('helpReportBugDesc')} />
      <DialogButton type="button" $tone="primary" disabled={busy} aria-describedby={`${id}-desc`} onClick={() => void run()} data-testid="help-export-logs">
        {t('helpExportLogs')}
      </DialogButton>
    </Row>
  );
}

function LinkRow({ label, description, url, testId }: { label: string; description?: string; url: string; testId: string }) {
  const openLink = useOpenExternalLink();
  const id = useId();
  return (
    <NavButtonRow type="button" title={t('helpOpensInBrowser')} onClick={() => openLink(url)} data-testid={testId}>
      <TextBlock id={id} title={label} description={description} />
      <ExternalLink size={18} aria-hidden />
    </NavButtonRow>
  );
}

export function HelpPage() {
  const dispatch = useAppDispatch();
  const aboutId = useId();
  return (
    <>
      <Section title={t('helpLogs')}>
        <ExportLogsRow />
      </Section>
      <Section title={t('helpLinks')}>
        {HELP_LINKS.map((link) => (
          <LinkRow
            key={link.id}
            label={t(link.label)}
            {...(link.description ? { description: t(link.description) } : {})}
            url={link.url}
            testId={`help-link-${link.id}`}
          />
        ))}
      </Section>
      <Section>
        <NavButtonRow type="button" onClick={() => dispatch(openModal({ kind: 'about' }))} data-testid="help-about">
          <Info size={20} aria-hidden />
          <TextBlock id={aboutId} title={t('helpAbout')} />
          <ChevronRight size={18} aria-hidden className="rtl-flip" />
        </NavButtonRow>
      </Section>
    </>
  );
}
