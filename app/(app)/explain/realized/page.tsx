import { BreakdownPage, type BreakdownPageProps, breakdownMetadata } from "../breakdown-page";

export const dynamic = "force-dynamic";
export const metadata = breakdownMetadata("realized");

export default function Page({ searchParams }: BreakdownPageProps) {
  return <BreakdownPage metric="realized" searchParams={searchParams} />;
}
