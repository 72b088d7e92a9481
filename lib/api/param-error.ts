import { json } from "./responses";

/**
 * A request Grape would refuse before the endpoint runs: 400 with every problem under `error`, joined as Grape joins
 * them ("page is invalid, sort does not have a valid value"). The parsers throw it; apiRoute answers it.
 */
export class ParamError extends Error {
  readonly problems: readonly string[];

  constructor(problems: string | readonly string[]) {
    const list = typeof problems === "string" ? [problems] : problems;
    super(list.join(", "));
    this.problems = list;
  }

  response(): Response {
    return json({ error: this.message }, { status: 400 });
  }
}

export const invalid = (name: string) => new ParamError(`${name} is invalid`);
export const notAValue = (name: string) => new ParamError(`${name} does not have a valid value`);
/** Grape's answer to a body it cannot parse as its content type says (or nested deeper than Rack and Ruby's JSON allow). */
export const malformedBody = () => new ParamError("message body does not match declared format");

/** Rack's param_depth_limit and the max_nesting of Ruby's JSON: deeper input is refused, not walked. */
export const MAX_PARAM_DEPTH = 100;

type Results<T extends readonly (() => unknown)[]> = { [K in keyof T]: T[K] extends () => infer R ? R : never };

/** Runs every read and throws one ParamError naming all the bad parameters, since Grape reports them together. */
export function readAll<const T extends readonly (() => unknown)[]>(...reads: T): Results<T> {
  const problems: string[] = [];
  const results = reads.map((read) => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof ParamError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  });
  if (problems.length > 0) throw new ParamError(problems);
  return results as Results<T>;
}
