import { Module, OnModuleInit } from '@nestjs/common';
import { PlatformModule } from '../platform/platform.module';
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
  }
}
