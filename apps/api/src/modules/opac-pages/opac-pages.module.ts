import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog';
import { NewsModule } from '../news';
import { PlacesModule } from '../places';
import { RegionModule } from '../region';
import { OPAC_PAGE_RENDERER } from '../../engine/http/static-apps';
import { OpacPagesService } from './opac-pages.service';

/** Server-rendered OPAC pages, robots.txt and sitemaps (mounted by engine/bootstrap.ts). */
@Module({
  imports: [CatalogModule, PlacesModule, NewsModule, RegionModule],
  providers: [OpacPagesService, { provide: OPAC_PAGE_RENDERER, useExisting: OpacPagesService }],
  exports: [OPAC_PAGE_RENDERER],
})
export class OpacPagesModule {}
