import { Module } from '@nestjs/common';
import { PolicyController } from './policy.controller';
import { PolicyAdminService } from './policy-admin.service';
import { PolicyStore } from './policy.store';
import { PresetService } from './preset.service';

/** The city's policy: its versions (edit, diff, revert, explain), the presets, the current version for every module. */
@Module({
  controllers: [PolicyController],
  providers: [PresetService, PolicyStore, PolicyAdminService],
  exports: [PresetService, PolicyStore, PolicyAdminService],
})
export class PolicyModule {}
