import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { CatalogModule } from '../catalog';
import { OaiController } from './oai/oai.controller';
import { OaiService } from './oai/oai.service';
import { OpenSearchController } from './opensearch/opensearch.controller';
import { RegionModule } from '../region';
import { RecordRenderer } from './records/record-renderer.service';
import { RegionalSruController } from './sru/regional-sru.controller';
import { RegionalSruRoute } from './sru/regional-sru-route';
import { RegionalSruService } from './sru/regional-sru.service';
import { SruController } from './sru/sru.controller';
import { SruRoute } from './sru/sru-route';
import { SruService } from './sru/sru.service';

/**
 * Interfaces for outside systems, per city: SRU with CQL (/api/t/{slug}/sru), OpenSearch
 * (/api/t/{slug}/opensearch.xml and results) and OAI-PMH 2.0 (/api/t/{slug}/oai); SRU over a
 * region (/api/r/{region}/sru) through the region module's RegionMembers fan-out. Searching
 * and records come from the catalogue module (SearchService.searchQuery, RecordsExportService);
 * this module speaks the protocols and writes the record formats.
 */
@Module({
  imports: [CatalogModule, RegionModule],
  controllers: [SruController, RegionalSruController, OpenSearchController, OaiController],
  providers: [SruService, RegionalSruService, OaiService, RecordRenderer],
})
export class InteropModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // a city's and a region's SRU are answered ahead of Nest's pipeline, as the JSON search is
    // (sru/sru-route.ts, sru/regional-sru-route.ts)
    consumer.apply(SruRoute).forRoutes({ path: 't/:slug/sru', method: RequestMethod.GET });
    consumer.apply(RegionalSruRoute).forRoutes({ path: 'r/:region/sru', method: RequestMethod.GET });
  }
}
