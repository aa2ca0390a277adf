/** What folders on disk hold, read for the analyses that look beside the linted file (schemas, workspace packages). */
import fs from 'node:fs';
import path from 'node:path';

/** A folder's files and subfolders by name (other entries left out); empty when it cannot be read. */
export function listing(folder: string): Map<string, 'file' | 'folder'> {
  const entries = new Map<string, 'file' | 'folder'>();
  try {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      if (entry.isFile()) entries.set(entry.name, 'file');
      else if (entry.isDirectory()) entries.set(entry.name, 'folder');
    }
  } catch {
    // Unreadable: nothing in it.
  }
  return entries;
}

/** A file's text when it is a file of at most `maxBytes` (larger ones are not hand-written); undefined otherwise or unreadable. */
export function readSmallTextFile(file: string, maxBytes: number): string | undefined {
  try {
    // Most files asked about do not exist: asked without an exception.
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    return stat?.isFile() !== true || stat.size > maxBytes ? undefined : fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The subfolders a listing shows, but hidden ones and `node_modules`, in name order. */
export function subfolders(folder: string, entries: ReadonlyMap<string, 'file' | 'folder'> = listing(folder)): string[] {
  return [...entries]
    .filter(([name, kind]) => kind === 'folder' && !name.startsWith('.') && name !== 'node_modules')
    .map(([name]) => path.join(folder, name))
    .sort();
}

/** `folder` is `root` or inside it (both resolved). A root of `/` (or `C:\`) ends with the separator already. */
export function isAtOrBelow(folder: string, root: string): boolean {
  return folder === root || isStrictlyBelow(folder, root);
}

/** `folder` is inside `root`, not `root` itself (both resolved). */
export function isStrictlyBelow(folder: string, root: string): boolean {
  return folder.length > root.length && folder.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}
