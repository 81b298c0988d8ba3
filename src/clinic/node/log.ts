/**
 * JSON-lines logger of the clinic node: a constant message and ids, counts and durations as
 * fields; never names, free text or observation values (STYLE.md, "Logging").
 */
export interface Logger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export function createLogger(
  write: (line: string) => void = (l) => process.stderr.write(l),
): Logger {
  const at = (level: string) => (fields: Record<string, unknown>, msg: string) =>
    write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
  return { info: at('info'), warn: at('warn'), error: at('error') };
}
