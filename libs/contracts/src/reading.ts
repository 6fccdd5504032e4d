import type { Author } from './catalog';

/** お気に入り (always there, not renamed or deleted) or a shelf of the patron's own. */
export type ShelfKind = 'favourites' | 'custom';

/** 読了 / 読みたい本. */
export type ReadMark = 'read' | 'want';

/** What `/me/shelves…`, `/me/history…` and `/me/reading-goal` accept, as the API checks it (beyond: 400 VALIDATION). */
export const READING_LIMITS = {
  shelfName: 60,
  category: 40,
  note: 500,
  nickname: 40,
  goalTarget: { min: 1, max: 10000 },
  goalYear: { min: 2000, max: 2100 },
  history: { maxPage: 10000, maxSize: 200, defaultSize: 50 },
} as const;

/** `GET/POST /me/shelves`, `PATCH /me/shelves/{id}`: a bookshelf (本棚) and how many records it holds. */
export interface Shelf {
  id: string;
  name: string;
  kind: ShelfKind;
  createdAt: string;
  count: number;
}

/** `POST /me/shelves`, `PATCH /me/shelves/{id}`: a shelf's name. */
export interface ShelfInput {
  name: string;
}

/** `PUT /me/shelves/{id}/entries/{recordId}`: a record on a shelf, its mark, category and note as stored. */
export interface ShelfEntryState {
  recordId: string;
  mark: ReadMark | null;
  category: string | null;
  note: string | null;
  addedAt: string;
}

/** `GET /me/shelves/{id}/entries`: a record on a shelf with its title, newest first. */
export interface ShelfEntry extends ShelfEntryState {
  title: string;
  authors: Author[];
  volume: string | null;
  year: number | null;
}

/** `PUT /me/shelves/{id}/entries/{recordId}`: adds the record, or changes what is given (a `mark` of null takes the mark off). */
export interface ShelfEntryInput {
  mark?: ReadMark | null;
  category?: string;
  note?: string;
}

/** `GET /me/shelves/containing?recordId=`: a shelf holding the record, with its mark (the record page's 読了 / 読みたい本). */
export interface ShelfMembership {
  shelfId: string;
  name: string;
  kind: ShelfKind;
  mark: ReadMark | null;
  category: string | null;
}

/** `GET/PUT /me/history/settings`: whether the reading history (読書記録) is kept, and what opting in needs. */
export interface HistorySettings {
  enabled: boolean;
  optedInAt: string | null;
  nickname: string | null;
  needsNickname: boolean;
  needsTerms: boolean;
}

/** `PUT /me/history/settings`: opt in (recording starts now, never backwards) or out. */
export interface HistoryOptIn {
  enabled: boolean;
  nickname?: string;
  termsAccepted?: boolean;
}

/** `GET /me/history`: the query. */
export interface HistoryQuery {
  /** From 1, default 1. */
  page?: number;
  /** 1–200, default 50. */
  size?: number;
}

/** A loan kept in the reading history; `recordId` is null once the record is gone. */
export interface HistoryEntry {
  /** A bigint, as text. */
  id: string;
  recordId: string | null;
  title: string;
  authors: Author[] | null;
  loanedAt: string;
}

/** `GET /me/history`: one page of the reading history, newest first. */
export interface HistoryPage {
  total: number;
  page: number;
  size: number;
  items: HistoryEntry[];
}

/** `DELETE /me/history`: how many entries were deleted. */
export interface HistoryDeleted {
  deleted: number;
}

/** A month of the year (1–12) and the patron's loans in it. */
export interface MonthlyLoans {
  month: number;
  loans: number;
}

/** `GET/PUT /me/reading-goal` (読書マラソン): the year's target, the loans so far, month by month. */
export interface ReadingGoal {
  year: number;
  target: number | null;
  progress: number;
  /** Of the target, at most 100; null without a target. */
  percent: number | null;
  monthly: MonthlyLoans[];
}

/** `GET /me/reading-goal`: the year (this year when left out). */
export interface ReadingGoalQuery {
  year?: number;
}

/** `PUT /me/reading-goal`: the year's target (this year when `year` is left out). */
export interface ReadingGoalInput {
  target: number;
  year?: number;
}
