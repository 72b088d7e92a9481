export { JOB_NAMES, queueDefinitions, type JobHandler, type JobHandlers, type JobName, type JobPayloads } from "./names";
export { enqueue, getBoss, queueSchema, stopBoss } from "./queue";
export { startWorker, type RunningWorker } from "./worker";
