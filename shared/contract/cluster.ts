/** A Ray cluster as the app shows it: version, nodes, jobs. */
import * as z from 'zod';

export const RayTargetSchema = z.object({
  /** The dashboard's address (Jobs API), e.g. http://127.0.0.1:8265. */
  address: z.string().min(1).max(2048),
  token: z.string().max(4096).optional(),
});
export type RayTarget = z.infer<typeof RayTargetSchema>;

export const ClusterNodeSchema = z.object({
  id: z.string(),
  ip: z.string(),
  alive: z.boolean(),
  head: z.boolean(),
  cpus: z.number(),
  memoryBytes: z.number(),
});
export type ClusterNode = z.infer<typeof ClusterNodeSchema>;

export const ClusterJobSchema = z.object({
  submissionId: z.string(),
  status: z.string(),
  entrypoint: z.string(),
  /** lance-index's own jobs say what they are ('build', 'call'); other jobs have none. */
  lanceIndexKind: z.string().nullable(),
  startTime: z.number().nullable(),
  endTime: z.number().nullable(),
});
export type ClusterJob = z.infer<typeof ClusterJobSchema>;

export const ClusterStatusSchema = z.object({
  address: z.string(),
  rayVersion: z.string(),
  nodes: z.array(ClusterNodeSchema),
  jobs: z.array(ClusterJobSchema),
});
export type ClusterStatus = z.infer<typeof ClusterStatusSchema>;
