import "server-only";
import { headers } from "next/headers";
import { getEnv } from "@/lib/env";
import { clientAddressFrom } from "./client-address";

/** The address of the client making this request, as far as TRUSTED_PROXY_HOPS lets us know it. */
export async function requestClientAddress(): Promise<string | null> {
  return clientAddressFrom((await headers()).get("x-forwarded-for"), getEnv().TRUSTED_PROXY_HOPS);
}
