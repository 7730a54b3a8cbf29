// fast-check's seed for the whole run. On CI (env CI, set by .ci/run) it is fixed, so that a red CI
// is reproducible and a green one stays green for the same code; everywhere else each run draws a
// new seed, so local runs keep exploring. A failure prints its seed; FUZZ_SEED=<n> replays it.
import fc from "fast-check";

const CI_SEED = 20_261_125;
const fromEnv = Number.parseInt(process.env.FUZZ_SEED ?? "", 10);
const seed = Number.isSafeInteger(fromEnv) ? fromEnv : process.env.CI ? CI_SEED : Math.floor(Math.random() * 0x7fffffff);

fc.configureGlobal({ seed });
