// The typed store hook, for reading state at the moment of a click without subscribing to it.
import { useStore } from 'react-redux';
import type { AppStore } from '../../../state/store';

export const useAppStore = useStore.withTypes<AppStore>();
