import { Module, OnModuleInit } from '@nestjs/common';
import { PlatformModule } from '../platform';
import { tokyoDate } from '../../engine/time';
import { seedDemoBookmobile } from './demo-bookmobile';
import { seedDemoCalendar } from './demo-calendar';
import { DemoService } from './demo.service';

@Module({
  imports: [PlatformModule],
  providers: [DemoService],
  exports: [DemoService],
})
export class DemoModule implements OnModuleInit {
  constructor(private readonly demo: DemoService) {}

  onModuleInit(): void {
    this.demo.registerStep({ name: 'calendar', run: () => seedDemoCalendar() });
    this.demo.registerStep({ name: 'bookmobile', run: () => seedDemoBookmobile(Number(tokyoDate().slice(0, 4))) });
  }
}
