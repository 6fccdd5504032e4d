import { Module } from '@nestjs/common';
import { PolicyModule } from '../policy';
import { ReadingController } from './reading.controller';
import { ReadingService } from './reading.service';

/** Bookshelves, reading history and the reading marathon (the patron's own lists). */
@Module({
  imports: [PolicyModule],
  controllers: [ReadingController],
  providers: [ReadingService],
})
export class ReadingModule {}
