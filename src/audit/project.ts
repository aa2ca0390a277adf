/**
 * What the audit looks at: the source files under the given paths, the project's tsconfig.json, and the
 * ts-morph project built from them (for endpoints and the call graph). Reads files; never runs them.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Project, ts } from 'ts-morph';

/** A problem with how the audit was asked to run: reported with a clear message and exit status 2. */
export class AuditUsageError extends Error {
  override name = 'AuditUsageError';
}

export const SOURCE_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);
export const TYPESCRIPT_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts']);
/** Folders never walked into: dependencies, VCS data and build output. */
export const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'build', 'coverage', '.next', '.nuxt', '.turbo', '.cache', 'out']);

export function isSourceFile(file: string): boolean {
  return SOURCE_EXTENSIONS.has(path.extname(file)) && !/\.d\.[cm]?ts$/.test(file);
}

/** The nearest tsconfig.json at or above `start` (a file or folder). */
export function findTsconfig(start: string): string | undefined {
  let dir = existsSync(start) && statSync(start).isDirectory() ? start : path.dirname(start);
  for (;;) {
    const candidate = path.join(dir, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Every source file under `targets` (files or folders), sorted; missing paths are a usage error. */
export function listSourceFiles(targets: readonly string[]): string[] {
  const files = new Set<string>();
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      // Symbolic links are not followed: they can loop, and linked packages are not the project's code.
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) walk(full);
      } else if (entry.isFile() && isSourceFile(entry.name)) {
        files.add(full);
      }
    }
  };
  for (const target of targets) {
    if (!existsSync(target)) throw new AuditUsageError(`No such file or directory: ${target}`);
    if (statSync(target).isDirectory()) walk(target);
    else if (isSourceFile(target)) files.add(target);
    else throw new AuditUsageError(`Not a JavaScript or TypeScript source file: ${target}`);
  }
  return [...files].sort();
}

export interface LoadedProject {
  project: Project;
  /** Files the tsconfig includes (absolute, normalised): these are linted with type information. */
  tsconfigFiles: Set<string>;
}

/**
 * A ts-morph project from the tsconfig (all of its files, for cross-file calls), plus the audited files
 * it does not include. Without a tsconfig, the audited files alone with permissive compiler options.
 */
export function loadProject(tsconfig: string | undefined, files: readonly string[]): LoadedProject {
  let project: Project;
  const tsconfigFiles = new Set<string>();
  if (tsconfig) {
    try {
      project = new Project({ tsConfigFilePath: tsconfig });
    } catch (error) {
      throw new AuditUsageError(`Cannot read ${tsconfig}: ${error instanceof Error ? error.message : String(error)}`);
    }
    for (const file of project.getSourceFiles()) tsconfigFiles.add(path.resolve(file.getFilePath()));
  } else {
    project = new Project({
      compilerOptions: {
        allowJs: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.Preserve,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        experimentalDecorators: true,
        skipLibCheck: true,
        esModuleInterop: true,
      },
    });
  }
  for (const file of files) {
    if (!tsconfigFiles.has(path.resolve(file))) {
      try {
        project.addSourceFileAtPath(file);
      } catch {
        // Unreadable file: the lint step reports it.
      }
    }
  }
  if (!tsconfig) project.resolveSourceFileDependencies();
  return { project, tsconfigFiles };
}
