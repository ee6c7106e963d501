import { LOADER_OPTIONS } from './loader-options';
import { PROTO_FILES } from './proto-files';

/** The package folder, from which `proto-loader-gen-types` must run. */
export const CODEGEN_CWD_URL = new URL('..', import.meta.url);

/**
 * Command-line arguments of `proto-loader-gen-types` that generate the TypeScript types into
 * `outDir`, derived from {@link LOADER_OPTIONS} so that the types always describe what the runtime
 * produces. Run from the package folder ({@link CODEGEN_CWD_URL}): the proto folder is passed
 * relative to it because the generator writes it into every file's header comment, and a
 * machine's path must not end up in committed files. Used by `scripts/gen.ts` and by the test
 * that checks the committed files are fresh.
 */
export function codegenArgs(outDir: string): string[] {
  return [
    `--longs=${LOADER_OPTIONS.longs.name}`,
    `--enums=${LOADER_OPTIONS.enums.name}`,
    ...(LOADER_OPTIONS.keepCase ? ['--keepCase'] : []),
    ...(LOADER_OPTIONS.defaults ? ['--defaults'] : []),
    ...(LOADER_OPTIONS.oneofs ? ['--oneofs'] : []),
    '--includeComments',
    // `--includeDirs` takes an array: an option must follow it, not the file names.
    '--includeDirs=../../proto',
    '--grpcLib=@grpc/grpc-js',
    `--outDir=${outDir}`,
    ...PROTO_FILES,
  ];
}
