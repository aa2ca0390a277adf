import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { GuideItemAnchor } from './catalogue';

interface PackageJson {
  name: string;
  version: string;
  repository: { url: string };
}

/** Our own package.json, found upward from this file (src/ when testing, dist/src/ when built). */
function readOwnPackageJson(): PackageJson {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate)) {
      const json = JSON.parse(readFileSync(candidate, 'utf8')) as PackageJson;
      if (json.name === 'eslint-plugin-backend-perf') return json;
    }
    if (path.dirname(dir) === dir) throw new Error('eslint-plugin-backend-perf: package.json not found');
  }
}

export const PACKAGE_JSON = readOwnPackageJson();

/** https://github.com/owner/repo, from package.json `repository`. */
export const REPOSITORY_URL = PACKAGE_JSON.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');

export function ruleDocsUrl(ruleName: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${ruleName}.md`;
}

export function guideUrl(anchor: GuideItemAnchor): string {
  return `${REPOSITORY_URL}/blob/main/docs/guide.md#${anchor}`;
}
