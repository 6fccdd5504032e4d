import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from './engine/config/config';
import { DB_SESSION_OPTIONS } from './engine/database/session-options';
import { EngineModule } from './engine/engine.module';
import { HealthController } from './modules/health/health.controller';
import { PlatformModule } from './modules/platform/platform.module';
import { DemoModule } from './modules/demo/demo.module';
import { PatronsModule } from './modules/patrons/patrons.module';
import { CatalogModule } from './modules/catalog/catalog.module';
import { ReadingModule } from './modules/reading/reading.module';
import { ReportsModule } from './modules/reports/reports.module';
import { NewsModule } from './modules/news/news.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { NoticesCronModule } from './modules/notifications/jobs/notice-cron.module';
import { AlertsModule } from './modules/alerts/alerts.module';
import { PolicyAdminModule } from './modules/policy-admin/policy-admin.module';
import { CirculationModule } from './modules/circulation/circulation.module';
import { CirculationJobsModule } from './modules/circulation/jobs/circulation-jobs.module';
import { HoldsModule } from './modules/holds/holds.module';
import { HoldsJobsModule } from './modules/holds/jobs/holds-jobs.module';

@Module({})
export class AppModule {
  /** `databaseUrl` is the resolved URL (embedded server already started, or DATABASE_URL). */
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        { module: ConfigHolder, global: true, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] },
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: databaseUrl,
          synchronize: false,
          entities: [],
          extra: {
            max: config.dbPoolSize,
            application_name: 'shiori-api',
            options: DB_SESSION_OPTIONS,
            // a request never waits for ever on an exhausted pool: it fails and says so
            connectionTimeoutMillis: 30_000,
          },
          logging: false,
        }),
        ScheduleModule.forRoot(),
        EngineModule,
        PlatformModule,
        PolicyAdminModule,
        DemoModule,
        NotificationsModule,
        AlertsModule,
        PatronsModule,
        CatalogModule,
        ReadingModule,
        ReportsModule,
        NewsModule,
        HoldsModule,
        CirculationModule,
        // scheduled jobs only where this instance runs jobs (JOBS=1)
        ...(config.jobs ? [HoldsJobsModule, CirculationJobsModule, NoticesCronModule] : []),
      ],
      controllers: [HealthController],
    };
  }
}

@Module({})
class ConfigHolder {}
