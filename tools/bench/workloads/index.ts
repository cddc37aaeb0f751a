// Registry of benchmark groups: add `tools/bench/workloads/<x>.ts` and one line here.
import { appGroup } from './app';
import { communitiesGroup } from './communities';
import { configGroup } from './config';
import { devnetGroup } from './devnet';
import { engineGroup } from './engine';
import { expiryGroup } from './expiry';
import { fuzzGroup } from './fuzz';
import { groupsGroup } from './groups';
import { historyGroup } from './history';
import { hostLagGroup } from './hostLag';
import { imageGroup } from './image';
import { mediaGroup } from './media';
import { protocolGroup } from './protocol';
import { rendererGroup } from './renderer';
import { soakGroup } from './soak';
import type { WorkloadGroup } from './types';

export type { Workload, WorkloadGroup } from './types';

/** Every benchmark group, in run order. */
export const groups: WorkloadGroup[] = [
  protocolGroup,
  devnetGroup,
  engineGroup,
  configGroup,
  rendererGroup,
  mediaGroup,
  imageGroup,
  expiryGroup,
  historyGroup,
  hostLagGroup,
  appGroup,
  communitiesGroup,
  groupsGroup,
  soakGroup,
  fuzzGroup,
];
