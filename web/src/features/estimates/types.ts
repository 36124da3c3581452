// Server shapes of the price list and estimates (docs/paperwork.md).
import type { TaxMode, Versioned } from '../../api/types';

export type Pricing = 'fixed' | 'hourly';

export interface PriceItem extends Versioned {
  name: string;
  unit: string;
  pricing: Pricing;
  price_kopecks: number | null;
  rate_kopecks: number | null;
  minutes_per_unit: number | null;
  service_type_id: number | null;
  description: string | null;
  unit_price_kopecks: number;
}

export interface EstimateLineInput {
  price_item_id?: number | null;
  name: string;
  unit: string;
  quantity: number;
  unit_price_kopecks: number;
  minutes_per_unit: number;
  discount_percent: number;
}

export interface EstimateLine extends EstimateLineInput {
  amount_kopecks: number;
  vat_kopecks: number;
  total_kopecks: number;
  minutes: number;
}

export interface Estimate extends Versioned {
  deal_id: number;
  title: string | null;
  lines: EstimateLine[];
  revision: number;
  tax_mode: TaxMode;
  vat_rate_percent: number;
  /** Cost fields come only to the roles that see costs (owner, head, accountant). */
  cost_rate_kopecks?: number;
  minutes: number;
  net_kopecks: number;
  vat_kopecks: number;
  total_kopecks: number;
  discount_kopecks: number;
  cost_kopecks?: number;
  margin_kopecks?: number;
  margin_percent?: number | null;
  status: 'draft' | 'proposed';
  proposal_document_id: number | null;
}
