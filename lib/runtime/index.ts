// Public face of lib/runtime: how Ferry's processes start (the launcher of `npm start`, the database, the worker).
export { launch } from "./launcher";
export { openDatabase, type DatabaseHandle } from "./database";
export { startFerryWorker } from "./worker";
