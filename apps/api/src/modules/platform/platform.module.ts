import { Module } from '@nestjs/common';
import { PolicyModule } from '../policy';
import { ClusterService } from './cluster.service';
import { PlatformAuditService } from './platform-audit.service';
import { PlatformController } from './platform.controller';
import { StaffLoginController } from './staff-login.controller';
import { StaffService } from './staff.service';
import { TenantsService } from './tenants.service';
import './staff.command';

@Module({
  imports: [PolicyModule],
  controllers: [PlatformController, StaffLoginController],
  providers: [TenantsService, StaffService, PlatformAuditService, ClusterService],
  exports: [TenantsService, StaffService, ClusterService, PlatformAuditService],
})
export class PlatformModule {}
