import type { TenantMigration } from '@shiori/tenancy';
import { Core0001 } from './0001-core';
import { Catalog0002 } from './0002-catalog';
import { Circulation0003 } from './0003-circulation';
import { Notices0004 } from './0004-notices';
import { Reading0005 } from './0005-reading';
import { SearchBuckets0006 } from './0006-search-buckets';
import { TitleLine0007 } from './0007-title-line';
import { CounterHolds0008 } from './0008-counter-holds';
import { PickupPointNotes0009 } from './0009-pickup-point-notes';
import { TitleSections0010 } from './0010-title-sections';
import { BranchGuide0011 } from './0011-branch-guide';
import { RecordChanges0012 } from './0012-record-changes';
import { SelfCheckMachines0013 } from './0013-self-check-machines';
import { SignInFailures0014 } from './0014-sign-in-failures';
import { PasswordConfirmTokens0015 } from './0015-password-confirm-tokens';
import { ReadingHistoryTrigger0016 } from './0016-reading-history-trigger';
import { BookmobileTimetables0025 } from './0025-bookmobile-timetables';
import { BookmobileLoansHolds0026 } from './0026-bookmobile-loans-holds';
import { Visitors0018 } from './0018-visitors';
import { SearchTerms0020 } from './0020-search-terms';
import { CallNumbersCovers0021 } from './0021-call-numbers-covers';
import { HoldLockerShelf0022 } from './0022-hold-locker-shelf';
import { Ill0027 } from './0027-ill';
import { IllAsked0028 } from './0028-ill-asked';
import { InfoVersion0029 } from './0029-info-version';
import { TermsVersion0030 } from './0030-terms-version';

/** Every tenant migration, in order. New migrations are appended, never reordered. */
export const TENANT_MIGRATIONS: TenantMigration[] = [
  new Core0001(),
  new Catalog0002(),
  new Circulation0003(),
  new Notices0004(),
  new Reading0005(),
  new SearchBuckets0006(),
  new TitleLine0007(),
  new CounterHolds0008(),
  new PickupPointNotes0009(),
  new TitleSections0010(),
  new BranchGuide0011(),
  new RecordChanges0012(),
  new SelfCheckMachines0013(),
  new SignInFailures0014(),
  new PasswordConfirmTokens0015(),
  new ReadingHistoryTrigger0016(),
  new BookmobileTimetables0025(),
  new BookmobileLoansHolds0026(),
  new Visitors0018(),
  new SearchTerms0020(),
  new CallNumbersCovers0021(),
  new HoldLockerShelf0022(),
  new Ill0027(),
  new IllAsked0028(),
  new InfoVersion0029(),
  new TermsVersion0030(),
];
