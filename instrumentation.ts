// Runs once when the server starts (not during `next build`); the Node.js start-up lives in
// server/startup.ts so that nothing Node-only is compiled for the Edge runtime.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startServer } = await import("@/server/startup");
  await startServer();
}
