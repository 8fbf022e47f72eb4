import { PageLoading } from "@/components/page-loading";

// Per page, not for the whole (app) group: see components/page-loading.tsx.
export default function Loading() {
  return <PageLoading />;
}
