import { BreakdownPage, type BreakdownPageProps, breakdownMetadata } from "../breakdown-page";

export const dynamic = "force-dynamic";
export const metadata = breakdownMetadata("win-rate");

export default function Page({ searchParams }: BreakdownPageProps) {
  return <BreakdownPage metric="win-rate" searchParams={searchParams} />;
}
