// The front door of this module: what other modules (and app.module.ts, startup.ts) may use.
// Everything else here is internal; the lint rule apps/api/lint/module-fences.cjs keeps it so.
export { CatalogModule } from './catalog.module';
export { CatalogErrors } from './catalog.errors';
// the public catalogue's routes, which the interoperability and regional endpoints share
export { SEARCH_MAX_AGE, searchQueryOf } from './http/search-route';
export type { SearchQueryDto } from './dto/search.dto';
export { AVAILABILITY_STATES } from './dto/search.dto';
export { SearchService } from './search/search.service';
export type { RegionalHit, RegionalPart } from './search/search.service';
export type { CatalogQuery, CatalogSort, TextField } from './search/catalog-query';
// Japanese text folding and matching, the same everywhere a title or a query is compared
export { compactFold, normalizeIsbn } from './search/text';
export { likePattern, recheckCondition, textCriterion } from './search/document';
export type { FieldWeight } from './search/document';
// the search's filters as SQL, which saved searches (alerts) apply as the search does
export { filterConditions } from './search/search-query';
export type { SearchFilters } from './search/search-query';
// records: a page, the sitemap, the desk's lookups, the export to outside formats
export { RecordsService } from './records/records.service';
export { RecordPageService } from './records/record-page.service';
export { RecordSitemapService, SITEMAP_PAGE_SIZE } from './records/record-sitemap.service';
export { CHANGES_START, RecordsExportService, exportRecordsJsonSql } from './records/records-export.service';
export type { ChangeRow, ExportItem, ExportRecord } from './records/records-export.service';
