// English UI strings of one area (spread into en.ts, so keys must be unique across the area files).
// This file: the Help settings page (spec/ui.md §6.10), exporting the debug log and the About view
// (§1.1 items 3-4).
export const enHelp = {
  helpTitle: 'Help',
  helpLogs: 'Logs',
  helpReportBug: 'Report a Bug',
  helpReportBugDesc: 'Save this file, then share it with Session developers.',
  helpExportLogs: 'Export Logs',
  helpLogDownloaded: 'Debug log saved as {fileName}',
  helpLogSaved: 'Debug log saved to {path}',
  helpExportFailed: 'Could not export the debug log: {message}',
  helpLinks: 'Links',
  helpFaq: 'FAQ',
  helpTranslate: 'Translate',
  helpTranslateDesc: 'Help translate Session into over 80 languages!',
  helpFeedback: 'Feedback',
  helpSupport: 'Support',
  helpOpensInBrowser: 'Opens in your browser after you confirm',
  helpAbout: 'About',

  // the About view (its own window in Electron, a dialog in the web host)
  helpAboutTitle: 'About {name}',
  helpAboutVersion: 'Version {version}',
  helpAboutSystem: 'System Information: {information}',
  helpAboutCommit: 'Commit Hash: {hash}',
  helpAboutNetwork: 'Network: {network}',
  helpAboutCopyHint: 'Click to copy',
  helpAboutLoadFailed: 'Could not load the app information: {message}',
};
