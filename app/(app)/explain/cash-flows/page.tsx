import { BreakdownPage, type BreakdownPageProps, breakdownMetadata } from "../breakdown-page";

export const dynamic = "force-dynamic";
export const metadata = breakdownMetadata("cash-flows");

export default function Page({ searchParams }: BreakdownPageProps) {
  return <BreakdownPage metric="cash-flows" searchParams={searchParams} />;
}
