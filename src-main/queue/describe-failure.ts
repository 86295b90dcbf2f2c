// Turns what broke inside a render or an export (an ffmpeg line, a Node error code) into the one
// sentence a user reads: what happened and what to do. A render keeps its finished segments, so
// its advice is to fix the cause and resume; an export is simply made again.
export function describeFailure(message: string, folder: string, job: 'render' | 'export'): string {
  const retry = job === 'render' ? 'then resume — finished segments are kept' : 'then export again';
  const elsewhere = job === 'render' ? 'choose another render folder' : 'choose another folder';
  if (/ENOSPC|No space left on device/i.test(message)) return `The disk holding ${folder} is full; free some space there (or ${elsewhere}), ${retry}.`;
  if (/EROFS|Read-only file system/i.test(message)) return `${folder} is on a read-only disk; ${elsewhere}, ${retry}.`;
  if (/EACCES|EPERM|Permission denied/i.test(message)) return `Specula may not write to ${folder}; fix its permissions or ${elsewhere}, ${retry}.`;
  if (/ENOTDIR|Not a directory/i.test(message)) return `${folder} cannot be made because part of its path is a file; ${elsewhere}, ${retry}.`;
  const text = message.trim().replace(/\s+/g, ' ');
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
