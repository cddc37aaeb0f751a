// Wraps the app in its store provider; the one component a host (or a test) mounts.
import { StrictMode } from 'react';
import { Provider } from 'react-redux';
import { App } from './components/App';
import type { AppStore } from './state/store';

export function Root({ store }: { store: AppStore }) {
  return (
    <StrictMode>
      <Provider store={store}>
        <App />
      </Provider>
    </StrictMode>
  );
}
