/** Stable codes of {@link DeployAssetError}. */
export type DeployAssetErrorCode = 'ASSET_UNREADABLE' | 'ASSET_INVALID' | 'SCHEMA_NOT_FOUND';

/**
 * A shipped deployment asset (dashboard, rule file, manifest, config schema) that cannot be read or
 * does not have the expected shape. Never retriable: the file has to be fixed.
 */
export class DeployAssetError extends Error {
  override readonly name = 'DeployAssetError';
  readonly retriable = false;

  constructor(
    readonly code: DeployAssetErrorCode,
    /** Repository-relative path of the asset. */
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${message}`, options);
  }
}
