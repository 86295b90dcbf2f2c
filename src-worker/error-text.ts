/** The first line of an error's message: onnxruntime's errors carry long native traces after it. */
export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
}
