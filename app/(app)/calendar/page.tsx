import type { Metadata } from "next";
import Link from "next/link";
import { DayLots } from "@/components/calendar/day-lots";
import { MonthGrid } from "@/components/calendar/month-grid";
import { EmptyState } from "@/components/empty-state";
import { formatTradeDate } from "@/components/format/dates";
import { Money } from "@/components/money";
import { MONTH_NAMES } from "@/lib/dates/month-names";
import { tradingDateOf } from "@/lib/dates/trading-date";
import { readForPage, requireUser } from "@/lib/server/auth/require-user";
import { getCalendar } from "@/lib/server/queries/get-calendar";
import { calendarPeriod, calendarSearchParams } from "./search-params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Calendar" };

const monthHref = (year: number, month: number) => `/calendar?year=${year}&month=${month}`;

export default async function CalendarPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, unknown>>;
}) {
  const user = await requireUser("/calendar");
  const params = calendarSearchParams.parse(await searchParams);
  const calendar = await readForPage(() =>
    getCalendar({
      robinhoodUserId: user.robinhoodUserId,
      period: calendarPeriod(params),
      day: params.day,
      today: tradingDateOf(new Date()),
    }),
  );
  const { period } = calendar;
  const month = period.month;
  const previous =
    month === null
      ? { year: period.year - 1, month: null }
      : month === 1
        ? { year: period.year - 1, month: 12 }
        : { year: period.year, month: month - 1 };
  const next =
    month === null
      ? { year: period.year + 1, month: null }
      : month === 12
        ? { year: period.year + 1, month: 1 }
        : { year: period.year, month: month + 1 };
  const href = (target: { year: number; month: number | null }) =>
    target.month === null ? `/calendar?year=${target.year}` : monthHref(target.year, target.month);
  const title = month === null ? String(period.year) : `${MONTH_NAMES[month - 1]} ${period.year}`;

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Calendar</h1>
          <p>
            Realized option P&amp;L by trading day, fees included. Choose a day to see the lots closed on it.
          </p>
        </div>
      </div>

      {calendar.years.length === 0 ? (
        <section className="card">
          <EmptyState title="Nothing realized yet">
            <p>Days fill in as positions close, expire or are assigned.</p>
          </EmptyState>
        </section>
      ) : (
        <>
          <section className="card stack" aria-labelledby="calendar-title">
            <div className="calendar-bar">
              <nav className="row" aria-label="Calendar period">
                <Link
                  className="button"
                  href={href(previous)}
                  aria-label={`Previous ${month === null ? "year" : "month"}`}
                >
                  ←
                </Link>
                <h2 id="calendar-title">{title}</h2>
                <Link
                  className="button"
                  href={href(next)}
                  aria-label={`Next ${month === null ? "year" : "month"}`}
                >
                  →
                </Link>
              </nav>
              <nav className="segmented" aria-label="Calendar view">
                <Link
                  href={monthHref(period.year, month ?? 1)}
                  aria-current={month !== null ? "page" : undefined}
                >
                  Month
                </Link>
                <Link
                  href={`/calendar?year=${period.year}`}
                  aria-current={month === null ? "page" : undefined}
                >
                  Year
                </Link>
              </nav>
              <p className="calendar-total">
                Total <Money value={calendar.total} tone signed />
              </p>
            </div>
            {month === null ? (
              <div className="calendar-year">
                {calendar.months.map((grid) => (
                  <MonthGrid
                    key={grid.month}
                    month={grid}
                    compact
                    titleHref={monthHref(grid.year, grid.month)}
                    dayHref={(date) => `${monthHref(grid.year, grid.month)}&day=${date}#day`}
                  />
                ))}
              </div>
            ) : (
              calendar.months.map((grid) => (
                <MonthGrid
                  key={grid.month}
                  month={grid}
                  selected={calendar.day?.date ?? null}
                  dayHref={(date) => `${monthHref(grid.year, grid.month)}&day=${date}#day`}
                />
              ))
            )}
            <p className="muted calendar-legend">
              Green days gained and red days lost, shaded by size against the{" "}
              {month === null ? "year" : "month"}
              &apos;s largest day; every figure carries its sign.
            </p>
          </section>

          {calendar.day ? (
            <section className="card flush" id="day" aria-labelledby="day-title">
              <div className="card-header">
                <h2 id="day-title">{formatTradeDate(calendar.day.date)}</h2>
                <p>
                  {calendar.day.lots.length} lots closed, realized{" "}
                  <Money value={calendar.day.realized} tone signed />
                </p>
              </div>
              {calendar.day.lots.length > 0 ? (
                <DayLots date={calendar.day.date} realized={calendar.day.realized} lots={calendar.day.lots} />
              ) : (
                <EmptyState title="Nothing closed on this day" />
              )}
            </section>
          ) : null}
        </>
      )}
    </>
  );
}
