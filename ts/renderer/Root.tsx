// Wraps the app in its store provider; the one component a host (or a test) mounts.
import { StrictMode } from 'react';
import { Provider } from 'react-redux';
import { App } from './components/App';
import { NowContext } from './hooks/useNow';
import type { AppStore } from './state/store';

export function Root({ store, now = Date.now }: { store: AppStore; now?: () => number }) {
  return (
    <StrictMode>
      <Provider store={store}>
        <NowContext.Provider value={now}>
          <App />
        </NowContext.Provider>
      </Provider>
    </StrictMode>
  );
}
