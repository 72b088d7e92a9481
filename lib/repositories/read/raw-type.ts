// How a repository's file is sent as it is (`/-/raw/<ref>/<path>`), as GitLab's send_git_blob does: text as plain
// text whatever its extension (an .html or .svg file never becomes a page or an image that runs in Ferry's origin),
// raster images as themselves so that a page can show them, anything else as a download.

const IMAGES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  bmp: "image/bmp",
  ico: "image/x-icon",
  avif: "image/avif",
};

export interface RawType {
  contentType: string;
  /** Shown by the browser unless the caller asks for a download; false: always an attachment. */
  inline: boolean;
}

const extensionOf = (name: string) => {
  const dot = name.lastIndexOf(".");
  return dot <= 0 ? "" : name.slice(dot + 1).toLowerCase();
};

/** Whether a file of this name is a raster image a page may show with `<img>` (SVG is not: it is code). */
export const isImageName = (name: string) => extensionOf(name) in IMAGES;

/** The type a raw file is sent with, from its name and whether its content is binary. */
export function rawType(name: string, binary: boolean): RawType {
  const image = IMAGES[extensionOf(name)];
  // By name alone: a text file named .png is then an image that fails to decode, which harms nothing.
  if (image) return { contentType: image, inline: true };
  if (!binary) return { contentType: "text/plain; charset=utf-8", inline: true };
  return { contentType: "application/octet-stream", inline: false };
}
