import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Absolute path of a repository-relative path. */
export function repoPath(relative: string): string {
  return REPO_ROOT + relative.replace(/^\/+/, '');
}
