import type { WorkContext } from '../bot/context.ts';
import type { CardElement } from '../cards/card.ts';

/**
 * A part of the monthly work report to the League committee (source document
 * 二(四)3: 建立健全校学生会重要工作向团委报告制度). Each feature contributes one
 * by adding a file under `src/report/sections/` and a line in `src/report/sections.ts`.
 */
export interface ReportSection {
  id: string;
  /** Builds the section from live data for `month` (`YYYY-MM`, in the org's time zone). */
  build(ctx: WorkContext, month: string): Promise<ReportPart>;
}

export interface ReportPart {
  /** The section's heading (plain text; the card escapes it). */
  title: string;
  /** Card elements (schema 2.0): markdown, tables, charts. User text must be escaped. */
  elements: CardElement[];
  /** The section's key numbers, for tests and a plain-text digest. */
  facts: Record<string, number | string>;
}
