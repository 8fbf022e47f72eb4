import { BreakdownPage, type BreakdownPageProps, breakdownMetadata } from "../breakdown-page";

export const dynamic = "force-dynamic";
export const metadata = breakdownMetadata("theta");

export default function Page({ searchParams }: BreakdownPageProps) {
  return <BreakdownPage metric="theta" searchParams={searchParams} />;
}
