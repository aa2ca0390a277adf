/**
 * A single-page app's entry, as Vite (and other bundlers that start from HTML) declare it: an `index.html` whose
 * `<script type="module" src="/src/main.tsx">` names the module the browser loads first. The folder of that module
 * holds browser code, even in a package whose one manifest also lists a server's dependencies (Maxun keeps its Vite
 * front end in `src/` and its Express server in `server/`, under one `package.json`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { remembered, type DiskMemo } from './disk-memo';
import { hasManifest } from './package-manifest';
import { isAtOrBelow } from './folders';

const MAX_MEMO_SIZE = 5_000;

/** Per folder, the folders its `index.html` loads module scripts from (empty for none), and whether a package starts there. */
const foldersSeen: DiskMemo<{ entries: readonly string[]; isPackageRoot: boolean }> = new Map();

/**
 * `fileName` lies in the folder of a module script an `index.html` loads, or below it, but not under a folder named
 * `server` there (a full-stack template's `src/server/`). The `index.html` is looked for in the file's folder and
 * each one above it, up to the package's root (the first folder with a `package.json`) and never above `cwd`.
 */
export function isInBrowserEntryFolder(cwd: string, fileName: string): boolean {
  // Every file of a folder gets the same answer: the folder as spelled asks once.
  const spelledFolder = fileName.slice(0, Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')));
  return remembered(answersByFolder, `${cwd}\0${spelledFolder}`, Date.now(), MAX_MEMO_SIZE, () => entryFolderHolds(cwd, fileName));
}

const answersByFolder: DiskMemo<boolean> = new Map();

function entryFolderHolds(cwd: string, fileName: string): boolean {
  const root = path.resolve(cwd);
  const file = path.resolve(root, fileName);
  const now = Date.now();
  for (let folder = path.dirname(file); isAtOrBelow(folder, root); folder = path.dirname(folder)) {
    const { entries, isPackageRoot } = remembered(foldersSeen, folder, now, MAX_MEMO_SIZE, () => ({
      entries: moduleScriptFolders(folder),
      isPackageRoot: hasManifest(folder),
    }));
    for (const entry of entries) {
      if (!file.startsWith(entry + path.sep)) continue;
      const below = file.slice(entry.length + 1).split(path.sep).slice(0, -1);
      if (!below.includes('server')) return true;
    }
    if (folder === root || isPackageRoot) return false;
  }
  return false;
}

/** The folders of the module scripts `folder/index.html` loads from the project (not from a URL). */
function moduleScriptFolders(folder: string): string[] {
  const page = path.join(folder, 'index.html');
  let html: string;
  try {
    // Most folders have none: asked without an exception.
    if (fs.statSync(page, { throwIfNoEntry: false })?.isFile() !== true) return [];
    html = fs.readFileSync(page, 'utf8');
  } catch {
    return [];
  }
  const folders: string[] = [];
  for (const source of moduleScriptSources(html)) {
    if (source.includes('://') || source.startsWith('//') || !SCRIPT_SOURCE_EXTENSION.test(source)) continue;
    // Vite resolves `/src/main.tsx` from the folder of `index.html`, as it does `./src/main.tsx`.
    const entry = path.resolve(folder, source.replace(/^\/+/, ''));
    if (entry.startsWith(folder + path.sep)) folders.push(path.dirname(entry));
  }
  return folders;
}

const SCRIPT_SOURCE_EXTENSION = /\.[cm]?[jt]sx?$/;

/** The `src` of each `<script … type="module" … src="…">` tag, found by `indexOf` (linear in the page's length). */
export function moduleScriptSources(html: string): string[] {
  const sources: string[] = [];
  const lower = html.toLowerCase();
  for (let at = lower.indexOf('<script'); at !== -1; at = lower.indexOf('<script', at + 7)) {
    const end = lower.indexOf('>', at);
    if (end === -1) break;
    const tag = html.slice(at, end);
    const attributes = tagAttributes(tag);
    if (attributes.get('type') === 'module' && attributes.get('src')) sources.push(attributes.get('src')!);
  }
  return sources;
}

/** A tag's quoted or bare attribute values by lower-case name, read in one pass over its text. */
function tagAttributes(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  let index = tag.indexOf(' ');
  while (index !== -1 && index < tag.length) {
    while (index < tag.length && /\s/.test(tag[index])) index++;
    const nameStart = index;
    while (index < tag.length && !/[\s=/]/.test(tag[index])) index++;
    const name = tag.slice(nameStart, index).toLowerCase();
    if (name === '') {
      index++;
      continue;
    }
    while (index < tag.length && /\s/.test(tag[index])) index++;
    if (tag[index] !== '=') {
      attributes.set(name, '');
      continue;
    }
    index++;
    while (index < tag.length && /\s/.test(tag[index])) index++;
    const quote = tag[index];
    let value: string;
    if (quote === '"' || quote === "'") {
      const close = tag.indexOf(quote, index + 1);
      value = tag.slice(index + 1, close === -1 ? tag.length : close);
      index = close === -1 ? tag.length : close + 1;
    } else {
      const valueStart = index;
      while (index < tag.length && !/\s/.test(tag[index])) index++;
      value = tag.slice(valueStart, index);
    }
    attributes.set(name, value);
  }
  return attributes;
}
