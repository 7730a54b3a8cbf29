// Runs once when the server starts: a bad merchant profile stops start-up here, with a message that
// names the profile and the field, instead of failing on the first request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getProfiles, ProfileConfigError } = await import("@/server/config/profiles");
  try {
    getProfiles();
  } catch (error) {
    if (error instanceof ProfileConfigError) {
      console.error(`[payscore-console] ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
