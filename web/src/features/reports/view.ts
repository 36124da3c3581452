// What the time report screen prints for a line: the server's figures as they come (issue 9, item 8).
// The server makes every total the sum of its cells as shown; the screen must not add or round
// anything again. Hours are printed exactly (h:mm from the minutes) and money to the kopeck, so a
// row total read off the screen is the sum of the cells read off the screen.
import { formatClock, formatKopecks, type Locale } from '../../lib/format';

export interface ReportCell {
  minutes: number;
  labour_cost_kopecks?: number;
}

export interface LineView {
  cells: string[];
  total: string;
  /** The labour cost of the line, when the role sees costs. */
  cost: string | null;
}

/** A line (or the totals line) as printed: empty cells stay empty, the total is the server's. */
export function lineView(cells: ReportCell[], total: ReportCell, locale: Locale, showEmpty = false): LineView {
  return {
    cells: cells.map((c) => (c.minutes || showEmpty ? formatClock(c.minutes, locale) : '')),
    total: formatClock(total.minutes, locale),
    cost: total.labour_cost_kopecks === undefined ? null : formatKopecks(total.labour_cost_kopecks, locale),
  };
}
