// Builds the board's single-page app into services/board/dist with vite:
//   pnpm --filter @citybrain/board build
// The browser's protobuf descriptor is generated here from the same proto files as every other
// client (a virtual module, never a checked-in copy that could go stale).
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'vite';
import { protobufRoot } from '@citybrain/proto';

const DESCRIPTOR_ID = 'virtual:citybrain-descriptor';

/** Serves `virtual:citybrain-descriptor`: the citybrain.v1 descriptor as protobufjs JSON. */
function descriptorPlugin(): Plugin {
  const resolved = `\0${DESCRIPTOR_ID}`;
  return {
    name: 'citybrain-descriptor',
    resolveId: (id) => (id === DESCRIPTOR_ID ? resolved : undefined),
    load: (id) =>
      id === resolved ? `export default ${JSON.stringify(protobufRoot().toJSON())};` : undefined,
  };
}

const webRoot = fileURLToPath(new URL('../web', import.meta.url));
const outDir = fileURLToPath(new URL('../dist', import.meta.url));

await build({
  configFile: false,
  root: webRoot,
  base: '/',
  logLevel: 'warn',
  plugins: [descriptorPlugin()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    // Everything in the bundle: the board must work offline, with no CDN.
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
});
console.log(`board built into ${outDir}`);
