// Typed react-redux hooks: components use these, never the untyped ones.
import { useDispatch, useSelector, useStore } from 'react-redux';
import type { AppDispatch, AppStore, RootState } from '../state/store';

export const useAppDispatch = useDispatch.withTypes<AppDispatch>();
export const useAppSelector = useSelector.withTypes<RootState>();
/** The store itself, for reading state when an event happens (no subscription, so no re-render). */
export const useAppStore = useStore.withTypes<AppStore>();
