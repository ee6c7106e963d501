/** The citybrain.v1 descriptor as protobufjs JSON, generated at build time (scripts/build.ts). */
declare module 'virtual:citybrain-descriptor' {
  import type { INamespace } from 'protobufjs';
  const descriptor: INamespace;
  export default descriptor;
}
