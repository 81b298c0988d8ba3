export async function main(_argv: string[]): Promise<number> {
  await Promise.resolve();
  return 0;
}
