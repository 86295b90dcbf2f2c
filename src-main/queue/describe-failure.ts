// Turns what broke inside a render or an export (an ffmpeg line, a Node error code) into the one
// sentence a user reads: what happened and what to do. Finished segments are always kept, so the
// advice is to fix the cause and resume.
export function describeFailure(message: string, folder: string): string {
  if (/ENOSPC|No space left on device/i.test(message)) {
    return `The disk holding ${folder} is full; free some space there (or choose another render folder), then resume — finished segments are kept.`;
  }
  if (/EROFS|Read-only file system/i.test(message)) {
    return `${folder} is on a read-only disk; choose another render folder, then resume.`;
  }
  if (/EACCES|EPERM|Permission denied/i.test(message)) {
    return `Specula may not write to ${folder}; fix its permissions or choose another folder, then resume.`;
  }
  if (/ENOTDIR|Not a directory/i.test(message)) {
    return `${folder} cannot be made because part of its path is a file; choose another folder, then resume.`;
  }
  const text = message.trim().replace(/\s+/g, ' ');
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
