// Regenerates src/generated/ from the proto files: `pnpm --filter @citybrain/proto run gen`.
// The folder is emptied first so that types of deleted messages do not linger.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CODEGEN_CWD_URL, codegenArgs } from '../src/codegen';

const bin = createRequire(import.meta.url).resolve('@grpc/proto-loader/build/bin/proto-loader-gen-types.js');
rmSync(new URL('src/generated', CODEGEN_CWD_URL), { recursive: true, force: true });
execFileSync(process.execPath, [bin, ...codegenArgs('src/generated')], {
  cwd: CODEGEN_CWD_URL,
  stdio: 'inherit',
});
