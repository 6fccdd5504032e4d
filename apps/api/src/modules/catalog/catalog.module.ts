import { MiddlewareConsumer, Module, NestModule, OnModuleInit, RequestMethod } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DemoModule, DemoService } from '../demo';
import { PolicyModule } from '../policy';
import './catalog.errors';
import { seedDemoCatalogue } from './demo/demo-catalogue.seed';
import { PublicCatalogueRateLimit } from '../../engine/http/public-catalogue';
import { SearchRoute } from './http/search-route';
import { SuggestRoute } from './http/suggest-route';
import { installAfterCommitHooks } from './imports/after-commit';
import './imports/import.command';
import './search/search-terms.command';
import { ImportsController } from './imports/imports.controller';
import { ImportsService } from './imports/imports.service';
import { ListsAdminController } from './lists/lists-admin.controller';
import { ListsService } from './lists/lists.service';
import { OpacController } from './opac.controller';
import { RecordPageService } from './records/record-page.service';
import { RecordSitemapService } from './records/record-sitemap.service';
import { RecordsAdminController } from './records/records-admin.controller';
import { RecordsService } from './records/records.service';
import { RecordsExportService } from './records/records-export.service';
import { SearchService } from './search/search.service';
import { SearchStats } from './search/search-stats';
import { SuggestService } from './search/suggest.service';

/**
 * The catalogue: bibliographic records and copies, imports (MARC 21, MARCXML, CSV),
 * Japanese-first search, record pages with the hold rule, and the public lists.
 */
@Module({
  imports: [PolicyModule, DemoModule],
  controllers: [RecordsAdminController, ImportsController, ListsAdminController, OpacController],
  providers: [RecordsService, RecordsExportService, RecordPageService, RecordSitemapService, SearchService, SearchStats, SuggestService, ListsService, ImportsService, PublicCatalogueRateLimit],
  exports: [RecordsService, RecordsExportService, RecordPageService, RecordSitemapService, SearchService, PublicCatalogueRateLimit],
})
export class CatalogModule implements OnModuleInit, NestModule {
  constructor(private readonly ds: DataSource, private readonly demo: DemoService) {}

  onModuleInit(): void {
    installAfterCommitHooks(this.ds);
    this.demo.registerStep({ name: 'catalogue', run: (city) => seedDemoCatalogue(city.slug) });
  }

  configure(consumer: MiddlewareConsumer): void {
    // the busiest public reads ahead of Nest's pipeline (engine/http/public-read-route.ts); OpacController documents them
    consumer.apply(SearchRoute).forRoutes({ path: 't/:slug/search', method: RequestMethod.GET });
    consumer.apply(SuggestRoute).forRoutes({ path: 't/:slug/suggest', method: RequestMethod.GET });
  }
}
