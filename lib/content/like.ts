/** A LIKE pattern (on lower-cased text) for what contains `text`, its wildcards escaped. */
export const containing = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
