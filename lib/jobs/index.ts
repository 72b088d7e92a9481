export { JOB_NAMES, queueDefinitions, type FileExportOptions, type JobHandler, type JobHandlers, type JobName, type JobPayloads } from "./names";
export { earlierDeliveryRunning, enqueue, enqueueIn, enqueueMany, getBoss, queueSchema, stopBoss, wakeLocalWorkers } from "./queue";
export { startWorker, type RunningWorker } from "./worker";
