import { BreakdownPage, type BreakdownPageProps, breakdownMetadata } from "../breakdown-page";

export const dynamic = "force-dynamic";
export const metadata = breakdownMetadata("premium-captured");

export default function Page({ searchParams }: BreakdownPageProps) {
  return <BreakdownPage metric="premium-captured" searchParams={searchParams} />;
}
