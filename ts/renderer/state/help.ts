// Thunks of the Help page and the About view: the debug log export and the app's About facts. Nothing
// here is kept in the store: an export is handed to the page that asked for it, and About is read
// when shown.
import { t } from '../locales/i18n';
import { createApiThunk, errorMessage } from './thunk';

/** Asks the host for the debug log; the web host answers with the text, Electron with its Save dialog's outcome. */
export const exportDebugLog = createApiThunk('help/exportDebugLog', async (userAgent: string | undefined, { extra, rejectWithValue }) => {
  try {
    return await extra.api.call('app.exportDebugLog', userAgent !== undefined ? { userAgent } : {});
  } catch (err) {
    return rejectWithValue(t('helpExportFailed', { message: errorMessage(err) }));
  }
});

export const fetchAbout = createApiThunk('help/fetchAbout', async (_: void, { extra, rejectWithValue }) => {
  try {
    return await extra.api.call('app.getAbout', {});
  } catch (err) {
    return rejectWithValue(t('helpAboutLoadFailed', { message: errorMessage(err) }));
  }
});
