// Messaging-engine workloads: receive-pipeline throughput, devnet send-to-receive latency and idle
// CPU of a polling engine (being written; registered in index.ts once it measures something).
import type { WorkloadGroup } from './types';

/** The engine group; workloads are added as they land. */
export const engineGroup: WorkloadGroup = { name: 'engine', workloads: [] };
