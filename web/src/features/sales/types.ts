// Server shapes of the sales manager's Today and the funnel analytics (docs/sales.md).

export interface TodayDeal {
  id: number;
  title: string;
  company: string | null;
  stage_id: number;
  stage_name: string;
  next_step: string | null;
  next_step_on: string | null;
  amount_kopecks: number | null;
}

export interface Today {
  date: string;
  overdue: TodayDeal[];
  due_today: TodayDeal[];
  briefs_returned: { brief_id: number; deal_id: number; deal_title: string; title: string; submitted_at: string }[];
  proposals_waiting: { document_id: number; number: string; deal_id: number; deal_title: string; shared_at: string; last_viewed_at: string | null; views: number }[];
}

export interface Analytics {
  pipeline_id: number;
  from: string;
  to: string;
  stages: { stage_id: number; name: string; kind: string; entered: number; moved_on: number; conversion_percent: number | null; avg_minutes: number | null; median_minutes: number | null }[];
  owners: { owner_id: number | null; name: string; deals: number; won: number; lost: number; won_amount_kopecks: number; win_rate_percent: number | null }[];
  totals: { deals: number; won: number; lost: number; won_amount_kopecks: number; proposals_sent: number; proposals_accepted: number; win_rate_percent: number | null };
  lost_reasons: { reason: string; count: number }[];
}
