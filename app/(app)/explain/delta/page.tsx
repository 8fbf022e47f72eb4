import { BreakdownPage, type BreakdownPageProps, breakdownMetadata } from "../breakdown-page";

export const dynamic = "force-dynamic";
export const metadata = breakdownMetadata("delta");

export default function Page({ searchParams }: BreakdownPageProps) {
  return <BreakdownPage metric="delta" searchParams={searchParams} />;
}
