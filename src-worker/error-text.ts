/**
 * The first line of an error's message, without the source location and assertion onnxruntime
 * puts in front ("/onnxruntime_src/…/webgpu_context.cc:136 … was false. Failed to get a WebGPU
 * adapter: …" becomes "Failed to get a WebGPU adapter: …"); its native traces come after it.
 */
export function firstLine(error: unknown): string {
  const line = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
  return /^\/\S+\.(?:cc|cpp|h):\d+ .* was false\. (.+)$/.exec(line)?.[1] ?? line;
}
