import 'reflect-metadata';
import { GUARDS_METADATA, INTERCEPTORS_METADATA, PIPES_METADATA } from '@nestjs/common/constants';
import { ACCESS_KEY } from '../../../engine/auth/auth.decorators';
import { NO_TENANT_TRANSACTION } from '../../../engine/tenancy/tenant-transaction.interceptor';
import { OpacController } from '../opac.controller';
import { PublicCatalogueRateLimit } from '../../../engine/http/public-catalogue';
import { SearchQueryDto } from '../dto/search.dto';
import { SearchRoute } from './search-route';

/**
 * SearchRoute answers GET search in place of Nest's pipeline, doing what the route's
 * decorators ask for. Should they change, SearchRoute must change with them: this fails first.
 */
describe('SearchRoute stands in for the documented search route', () => {
  it('the route asks for what SearchRoute does (public, no transaction, the catalogue limit) and nothing more', () => {
    const handler = OpacController.prototype.searchCatalogue;
    expect(Reflect.getMetadata(ACCESS_KEY, handler)).toEqual({ who: 'public' });
    expect(Reflect.getMetadata(NO_TENANT_TRANSACTION, handler)).toBe(true);
    expect(Reflect.getMetadata(GUARDS_METADATA, OpacController)).toEqual([PublicCatalogueRateLimit]);
    for (const key of [GUARDS_METADATA, INTERCEPTORS_METADATA, PIPES_METADATA]) {
      expect({ key, onRoute: Reflect.getMetadata(key, handler) }).toEqual({ key, onRoute: undefined });
    }
    expect(Reflect.getMetadata(INTERCEPTORS_METADATA, OpacController)).toBeUndefined();
    expect(Reflect.getMetadata(PIPES_METADATA, OpacController)).toBeUndefined();
    expect(Reflect.getMetadata('design:paramtypes', OpacController.prototype, 'searchCatalogue')).toEqual([SearchQueryDto, Object]);

    // and SearchRoute does the same: the catalogue's limit, the same DTO, no path parameters
    const { route } = new SearchRoute({} as never, {} as never);
    expect({ limited: route.limited, query: route.query, params: route.params, front: route.front }).toEqual({ limited: true, query: SearchQueryDto, params: undefined, front: undefined });
  });
});
