// The one schema of the console: drizzle-kit generates the migrations in ./drizzle from this file,
// and getDb() types its queries with it.
export * from "./auth";
export * from "./trail";
export * from "./review";
export * from "./notification";
export * from "./approvals";
export * from "./certificates";
export * from "./bulk";
