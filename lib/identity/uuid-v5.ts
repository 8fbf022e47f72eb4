import { createHash } from "node:crypto";
import { uuidText } from "./uuid-text";

// A recompute derives one id per chain from one namespace: its bytes are parsed once.
const namespaceBytesOf = new Map<string, Buffer>();

function namespaceBytes(namespace: string): Buffer {
  let bytes = namespaceBytesOf.get(namespace);
  if (bytes === undefined) {
    bytes = Buffer.from(namespace.replaceAll("-", ""), "hex");
    if (bytes.length !== 16) throw new Error(`Invalid namespace UUID: ${namespace}`);
    namespaceBytesOf.set(namespace, bytes);
  }
  return bytes;
}

/** RFC 9562 UUID version 5 (SHA-1, name-based): the same name in the same namespace gives the same id. */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash("sha1").update(namespaceBytes(namespace)).update(name, "utf8").digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50; // version 5
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  return uuidText(hash);
}
