import aws4 from "aws4";

export interface S3Object {
  region: string;
  bucket: string;
  key: string;
  accessKeyId: string;
  secretAccessKey: string;
  /**
   * An S3-compatible endpoint (`https://host[:port]`), addressed path-style (`/<bucket>/<key>`) as such stores expect;
   * unset: AWS's virtual-hosted `https://<bucket>.s3.<region>.amazonaws.com/<key>`.
   */
  endpoint?: string;
}

/** S3's limit on a presigned URL's lifetime (SigV4: seven days). */
const MAX_EXPIRES_SECONDS = 7 * 24 * 3600;

/**
 * A presigned URL for `method` on the object (AWS Signature Version 4 in the query, `UNSIGNED-PAYLOAD`), valid for
 * `expiresSeconds`: what `Aws::S3::Object#presigned_url` gives GitLab. The secret key only enters the signature.
 */
export function presignS3Url(object: S3Object, method: "GET" | "HEAD", expiresSeconds: number, now: Date = new Date()): string {
  const base = object.endpoint ? new URL(object.endpoint) : new URL(`https://${object.bucket}.s3.${object.region}.amazonaws.com`);
  const prefix = object.endpoint ? `${base.pathname.replace(/\/+$/, "")}/${encodeURIComponent(object.bucket)}` : "";
  const key = object.key.split("/").map(encodeURIComponent).join("/");
  const expires = Math.max(1, Math.min(MAX_EXPIRES_SECONDS, Math.floor(expiresSeconds)));
  const date = now.toISOString().replace(/[:-]|\.\d{3}/g, "");
  const signed = aws4.sign(
    {
      host: base.hostname.replace(/^\[|\]$/g, ""),
      ...(base.port ? { port: Number(base.port) } : {}),
      method,
      path: `${prefix}/${key}?X-Amz-Expires=${expires}&X-Amz-Date=${date}`,
      service: "s3",
      region: object.region,
      signQuery: true,
    },
    { accessKeyId: object.accessKeyId, secretAccessKey: object.secretAccessKey },
  );
  return `${base.protocol}//${base.host}${signed.path}`;
}
