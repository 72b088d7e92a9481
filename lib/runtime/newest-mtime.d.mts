/** The newest modification time (ms) of a file, or of a directory and everything under it; 0 when it does not exist. */
export function newestMtime(entry: string): number;
