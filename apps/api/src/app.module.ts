import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from './engine/config/config';
import { DATABASE_SERVER, DatabaseServer } from './engine/database/database-watchdog.service';
import { DatabaseKind } from './engine/database/database-kind';
import { dbSessionOptions } from './engine/database/session-options';
import { EngineModule } from './engine/engine.module';
import { HealthModule } from './modules/health';
import { PlatformModule } from './modules/platform';
import { DemoModule } from './modules/demo';
import { PatronsModule } from './modules/patrons';
import { CatalogModule } from './modules/catalog';
import { InteropModule } from './modules/interop';
import { ReadingModule } from './modules/reading';
import { ReportsModule } from './modules/reports';
import { NewsModule } from './modules/news';
import { NoticesCronModule, NoticesModule } from './modules/notices';
import { AlertsModule } from './modules/alerts';
import { PolicyModule } from './modules/policy';
import { PlacesModule } from './modules/places';
import { OpacPagesModule } from './modules/opac-pages';
import { CirculationJobsModule, CirculationModule } from './modules/circulation';
import { HoldsJobsModule, HoldsModule } from './modules/holds';
import { SelfCheckModule } from './modules/selfcheck';
import { RegionModule } from './modules/region';
import { AgreementsModule } from './modules/agreements';
import { IllModule } from './modules/ill';

@Module({})
export class AppModule {
  /**
   * `server` is the resolved database (embedded server already started, or DATABASE_URL);
   * `kind` says what answers there (a Citus coordinator or plain PostgreSQL: probeCitus).
   */
  static forRoot(config: AppConfig, server: DatabaseServer, kind: DatabaseKind): DynamicModule {
    return {
      module: AppModule,
      imports: [
        {
          module: ConfigHolder,
          global: true,
          providers: [
            { provide: APP_CONFIG, useValue: config },
            { provide: DATABASE_SERVER, useValue: server },
            { provide: DatabaseKind, useValue: kind },
          ],
          exports: [APP_CONFIG, DATABASE_SERVER, DatabaseKind],
        },
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: server.url,
          synchronize: false,
          entities: [],
          extra: {
            max: config.dbPoolSize,
            application_name: 'shiori-api',
            options: dbSessionOptions(kind),
            // a request never waits for ever on an exhausted pool: it fails and says so
            connectionTimeoutMillis: 30_000,
          },
          logging: false,
        }),
        ScheduleModule.forRoot(),
        EngineModule,
        PlatformModule,
        PolicyModule,
        PlacesModule,
        DemoModule,
        NoticesModule,
        AlertsModule,
        PatronsModule,
        CatalogModule,
        InteropModule,
        ReadingModule,
        ReportsModule,
        NewsModule,
        HoldsModule,
        CirculationModule,
        SelfCheckModule,
        RegionModule,
        AgreementsModule,
        IllModule,
        OpacPagesModule,
        HealthModule,
        // scheduled jobs only where this instance runs jobs (JOBS=1)
        ...(config.jobs ? [HoldsJobsModule, CirculationJobsModule, NoticesCronModule] : []),
      ],
    };
  }
}

@Module({})
class ConfigHolder {}
