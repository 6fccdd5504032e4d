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
];
