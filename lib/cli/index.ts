import { parseArgs } from "node:util";
import { ZodError } from "zod";
import { createPersonalAccessToken, type TokenScope } from "@/lib/auth/tokens";
import { stopBoss } from "@/lib/jobs";
import { logger } from "@/lib/log";
import { openDatabase, startFerryWorker } from "@/lib/runtime";
import { createUser, findUserByLogin, UserExistsError } from "@/lib/users";

const USAGE = `Usage: npm run ferry -- <command> [options]

Commands:
  migrate                                   apply database migrations
  user:create --username U --email E --password P [--name N] [--admin]
  token:create --username U --name N --scopes api[,read_api,read_repository,write_repository] [--expires-at YYYY-MM-DD]
                                            prints the new token alone on its last line
  worker                                    run a job worker until SIGINT/SIGTERM

Uses DATABASE_URL, or the embedded database of FERRY_DATA_DIR (the running server's, if one is up).`;

export class CliError extends Error {}

function option(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value === "") throw new CliError(`--${name} is required`);
  return value;
}

export async function runCli(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help") {
    out(USAGE);
    return command ? 0 : 1;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      username: { type: "string" },
      email: { type: "string" },
      password: { type: "string" },
      name: { type: "string" },
      admin: { type: "boolean" },
      scopes: { type: "string" },
      "expires-at": { type: "string" },
    },
    strict: true,
  });

  // Only `worker` runs for long; the others borrow the database and give it back.
  const database = await openDatabase({ adoptOrphan: false });
  try {
    switch (command) {
      case "migrate":
        out("migrations applied");
        return 0;
      case "user:create": {
        const user = await createUser({
          username: option(values, "username"),
          email: option(values, "email"),
          password: option(values, "password"),
          name: values.name ?? option(values, "username"),
          admin: values.admin === true,
        });
        out(`created user ${user.username} (id ${user.id}${user.isAdmin ? ", administrator" : ""})`);
        return 0;
      }
      case "token:create": {
        const username = option(values, "username");
        const user = await findUserByLogin(username);
        if (!user || user.userType !== "human") throw new CliError(`no user ${username}`);
        const { token, record } = await createPersonalAccessToken(user.id, {
          name: option(values, "name"),
          scopes: option(values, "scopes").split(",").map((s) => s.trim()) as TokenScope[],
          expiresAt: values["expires-at"],
        });
        out(`created token "${record.name}" (id ${record.id}, scopes ${record.scopes.join(",")}) for ${user.username}:`);
        out(token);
        return 0;
      }
      case "worker": {
        const worker = await startFerryWorker();
        await new Promise<void>((resolve) => {
          process.once("SIGINT", resolve);
          process.once("SIGTERM", resolve);
        });
        logger.info("worker stopping");
        // A job that ignores the stop must not keep a stopping worker alive: a second signal, or the graceful stop's
        // 30 s plus a margin, ends the process.
        const forceExit = (why: string) => {
          logger.error({ why }, "worker exiting before its jobs stopped");
          process.exit(1);
        };
        process.once("SIGINT", () => forceExit("second signal"));
        process.once("SIGTERM", () => forceExit("second signal"));
        setTimeout(() => forceExit("stop took over 45 s"), 45_000).unref();
        await worker.stop();
        return 0;
      }
      default:
        throw new CliError(`unknown command "${command}"\n\n${USAGE}`);
    }
  } catch (error) {
    if (error instanceof CliError || error instanceof UserExistsError) out(`error: ${error.message}`);
    else if (error instanceof ZodError) out(`error: ${error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ")}`);
    else throw error;
    return 1;
  } finally {
    await stopBoss().catch(() => undefined);
    await database.release();
  }
}
