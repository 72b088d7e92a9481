export { QUEUES, type JobName, type JobPayloads } from "./names";
export { enqueue, getBoss, QUEUE_SCHEMA, stopBoss } from "./queue";
export { startWorker, type RunningWorker } from "./worker";
