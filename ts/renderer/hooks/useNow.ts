// The clock components read through, so a test (or a story) can pin "now".
import { createContext, useContext } from 'react';

export const NowContext = createContext<() => number>(() => Date.now());

export function useNow(): () => number {
  return useContext(NowContext);
}
