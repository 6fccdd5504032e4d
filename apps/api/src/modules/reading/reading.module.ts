import { Module } from '@nestjs/common';
import { PolicyAdminModule } from '../policy-admin';
import { ReadingController } from './reading.controller';
import { ReadingService } from './reading.service';

/** Bookshelves, reading history and the reading marathon (the patron's own lists). */
@Module({
  imports: [PolicyAdminModule],
  controllers: [ReadingController],
  providers: [ReadingService],
})
export class ReadingModule {}
