// Paths the user chose. A call that names a path outside them is refused: a page in the browser,
// or a compromised renderer, cannot make Specula read or write where the user never pointed it.
// The CLI grants whatever its user typed; the app grants what its dialogs and drops return;
// `specula serve` grants the folders given with --allow.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { ForbiddenPathError } from '../../src-shared/api/api-error.js';

export class PathGrants {
  private readonly roots = new Set<string>();

  private constructor(private readonly everything: boolean) {}

  static anything(): PathGrants {
    return new PathGrants(true);
  }

  static within(roots: string[]): PathGrants {
    const grants = new PathGrants(false);
    for (const root of roots) grants.grant(root);
    return grants;
  }

  grant(root: string): void {
    this.roots.add(canonical(root));
  }

  /** The folders granted so far; empty when anything is allowed. */
  folders(): string[] {
    return this.everything ? [] : [...this.roots];
  }

  allows(file: string): boolean {
    if (this.everything) return true;
    const target = canonical(file);
    for (const root of this.roots) {
      if (target === root || target.startsWith(root.endsWith(path.sep) ? root : root + path.sep)) return true;
    }
    return false;
  }

  check(file: string): string {
    if (!this.allows(file)) throw new ForbiddenPathError(`${file} is outside the folders you chose for Specula; pick it with Add Files/Add Folder (or start \`specula serve\` with --allow for its folder).`);
    return path.resolve(file);
  }
}

/** The real path, following links, of the file or of its nearest existing parent. */
function canonical(file: string): string {
  const absolute = path.resolve(file);
  const missing: string[] = [];
  for (let current = absolute; ; current = path.dirname(current)) {
    try {
      return path.join(realpathSync.native(current), ...missing.reverse());
    } catch {
      if (path.dirname(current) === current) return absolute;
      missing.push(path.basename(current));
    }
  }
}
