import { Module } from '@nestjs/common';
import { PolicyAdminModule } from '../policy-admin/policy-admin.module';
import { PlatformAuditService } from './platform-audit.service';
import { PlatformController } from './platform.controller';
import { StaffLoginController } from './staff-login.controller';
import { StaffService } from './staff.service';
import { TenantsService } from './tenants.service';
import './staff.command';

@Module({
  imports: [PolicyAdminModule],
  controllers: [PlatformController, StaffLoginController],
  providers: [TenantsService, StaffService, PlatformAuditService],
  exports: [TenantsService, StaffService],
})
export class PlatformModule {}
