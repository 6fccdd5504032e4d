import { Module } from '@nestjs/common';
import { PlatformModule } from '../platform/platform.module';
import { DemoService } from './demo.service';

@Module({
  imports: [PlatformModule],
  providers: [DemoService],
  exports: [DemoService],
})
export class DemoModule {}
