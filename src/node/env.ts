/** The Node process's settings, for loadConfig: the one place in src/ that reads process.env. */
export function processEnv(): Record<string, string | undefined> {
  return { ...process.env };
}
