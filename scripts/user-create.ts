// Creates a console user — the first admin of a real deployment:
//   npm run user:create -- --email ops@example.com --role admin [--name "运维"] [--password …]
// Without --password a strong one is generated and printed once. Goes through the same database
// guard as the app: on an embedded (PGlite) database, stop the app first (or point DATABASE_URL at
// the PostgreSQL server the app uses) — a running app holds the data folder and this is refused.
import { parseArgs } from "node:util";
import { ZCreateUser, generatePassword } from "@/lib/admin/users";
import { ROLES } from "@/lib/auth/roles";
import { createAuth } from "@/server/auth/config";
import { AuthConfigError, resolveAuthSecret } from "@/server/auth/secret";
import { UserAdminError, createConsoleUser } from "@/server/auth/users";
import { closeDb, getDbHandle } from "@/server/db";
import { DataDirLockedError } from "@/server/db/lock";
import { getEnv } from "@/server/env";

const USAGE = `Usage: npm run user:create -- --email <email> --role <${ROLES.join("|")}> [--name <name>] [--password <password>]`;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

async function main(): Promise<void> {
  let values: { email?: string; role?: string; name?: string; password?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        email: { type: "string" },
        role: { type: "string" },
        name: { type: "string" },
        password: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`, 2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.email || !values.role) fail(USAGE, 2);

  const generated = values.password === undefined;
  const parsed = ZCreateUser.safeParse({
    email: values.email,
    role: values.role,
    name: values.name ?? values.email.split("@")[0],
    password: values.password ?? generatePassword(),
  });
  if (!parsed.success) {
    fail(`Invalid input: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}\n${USAGE}`, 2);
  }

  let handle;
  try {
    handle = await getDbHandle();
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      fail(`${error.message}\nStop the running console first, or run this with DATABASE_URL set to its PostgreSQL server.`);
    }
    throw error;
  }
  try {
    let secret: string;
    try {
      secret = resolveAuthSecret();
    } catch (error) {
      if (!(error instanceof AuthConfigError)) throw error;
      // Creating a user signs nothing (passwords are hashed with scrypt, no secret involved).
      secret = generatePassword() + generatePassword();
    }
    const auth = createAuth({ db: handle.db, secret, baseURL: getEnv().BETTER_AUTH_URL, signInPerMinute: 10, logLevel: "error" });
    const { id } = await createConsoleUser(auth, parsed.data);
    console.log(`Created ${parsed.data.role} ${parsed.data.email} (${parsed.data.name}), id ${id}, in ${handle.location}.`);
    if (generated) console.log(`Password (shown once, hand it over safely): ${parsed.data.password}`);
  } catch (error) {
    if (error instanceof UserAdminError && error.reason === "email_taken") fail(`A user with the email ${parsed.data.email} already exists.`);
    throw error;
  } finally {
    await closeDb();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
