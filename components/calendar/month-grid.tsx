import Link from "next/link";
import type { CalendarDay, CalendarMonth } from "@/lib/analytics";
import { MONTH_NAMES } from "@/lib/dates/month-names";
import { displayMoney } from "@/lib/money";
import { formatTradeDate } from "../format/dates";
import { Money } from "../money";

const WEEKDAYS = [
  { short: "Mon", long: "Monday" },
  { short: "Tue", long: "Tuesday" },
  { short: "Wed", long: "Wednesday" },
  { short: "Thu", long: "Thursday" },
  { short: "Fri", long: "Friday" },
  { short: "Sat", long: "Saturday" },
  { short: "Sun", long: "Sunday" },
];

/** "+$120.50 gain", "-$40.25 loss": the sign and the word carry what the colour shows. */
function dayText(day: CalendarDay): string {
  if (day.realized === null) return "nothing realized";
  const word = day.sign === "gain" ? "gain" : day.sign === "loss" ? "loss" : "break-even";
  return `${displayMoney(day.realized, { signed: true })} ${word}`;
}

export type MonthGridProps = {
  month: CalendarMonth;
  /** Compact cells (the year view): the day number only, the figure in the link's accessible name. */
  compact?: boolean;
  /** Link to a day's detail. */
  dayHref: (date: string) => string;
  selected?: string | null;
  /** Heading link (the year view links each month to its own page). */
  titleHref?: string;
};

/** A month of daily realized P&L as a table: weeks in rows, weekdays in columns. */
export function MonthGrid({ month, compact = false, dayHref, selected, titleHref }: MonthGridProps) {
  const title = `${MONTH_NAMES[month.month - 1]} ${month.year}`;
  const weekdays = WEEKDAYS.slice(0, month.showWeekends ? 7 : 5);
  return (
    <table className={compact ? "calendar compact" : "calendar"}>
      <caption>
        {titleHref ? <Link href={titleHref}>{title}</Link> : title}{" "}
        <span className="calendar-total">
          <Money value={month.total} tone signed />
          {month.activeDays > 0 ? (
            <span className="muted">
              {" "}
              · {month.gainDays} up, {month.lossDays} down
            </span>
          ) : null}
        </span>
      </caption>
      <thead>
        <tr>
          {weekdays.map((weekday) => (
            <th key={weekday.short} scope="col" abbr={weekday.long}>
              {compact ? weekday.short.slice(0, 1) : weekday.short}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {month.weeks.map((week) => (
          <tr key={week.find(Boolean)?.date}>
            {week.map((day, index) =>
              day === null ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: empty cells before the 1st and after the last day have only their position
                <td key={`empty-${index}`} className="calendar-empty" />
              ) : (
                <td
                  key={day.date}
                  className={`calendar-day heat-${day.sign}-${day.level}${day.date === selected ? " selected" : ""}`}
                >
                  {day.realized === null ? (
                    <span className="calendar-date" title={`${formatTradeDate(day.date)}: nothing realized`}>
                      {Number(day.date.slice(8))}
                    </span>
                  ) : (
                    <DayLink
                      day={{ ...day, realized: day.realized }}
                      href={dayHref(day.date)}
                      selected={day.date === selected}
                      compact={compact}
                    />
                  )}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * A day with realized P&L: its link's name says the date, the figure and gain or loss in words. In
 * the month view the day's number sits outside the link, so what the link shows (the figure) is part
 * of its name, as speech input needs; the link still covers the whole cell (calendar.css).
 */
function DayLink(props: {
  day: CalendarDay & { realized: string };
  href: string;
  selected: boolean;
  compact: boolean;
}) {
  const { day, href, selected, compact } = props;
  const name = `${formatTradeDate(day.date)}: ${dayText(day)}`;
  const dayNumber = <span className="calendar-date">{Number(day.date.slice(8))}</span>;
  if (compact) {
    return (
      <Link href={href} aria-label={name} aria-current={selected ? "date" : undefined} title={name}>
        {dayNumber}
        <span className="calendar-sign" aria-hidden="true">
          {day.sign === "gain" ? "+" : day.sign === "loss" ? "−" : "="}
        </span>
      </Link>
    );
  }
  return (
    <div className="calendar-cell">
      {dayNumber}
      <Link href={href} aria-label={name} aria-current={selected ? "date" : undefined}>
        <span className="calendar-figure">{displayMoney(day.realized, { signed: true })}</span>
      </Link>
    </div>
  );
}
