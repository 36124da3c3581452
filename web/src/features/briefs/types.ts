// Server shapes of briefs and their templates (docs/paperwork.md).
import type { Versioned } from '../../api/types';

export type QuestionType = 'text' | 'long_text' | 'choice' | 'multi_choice' | 'number' | 'url' | 'file_link';
export const questionTypes: QuestionType[] = ['text', 'long_text', 'choice', 'multi_choice', 'number', 'url', 'file_link'];

export interface BriefQuestion {
  key: string;
  type: QuestionType;
  label: string;
  help?: string;
  required?: boolean;
  options?: string[];
}

export interface BriefTemplate extends Versioned {
  name: string;
  service_type_id: number | null;
  description: string | null;
  questions: BriefQuestion[];
}

export type BriefStatus = 'draft' | 'sent' | 'submitted';
export type AnswerValue = string | number | string[] | null;

export interface Brief extends Versioned {
  deal_id: number;
  template_id: number;
  title: string;
  questions: BriefQuestion[];
  answers: Record<string, AnswerValue> | null;
  status: BriefStatus;
  public_url: string | null;
  sent_at: string | null;
  expires_at: string | null;
  saved_at: string | null;
  submitted_at: string | null;
  revoked_at: string | null;
}
