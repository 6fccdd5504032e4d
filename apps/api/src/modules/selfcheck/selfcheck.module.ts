import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog';
import { CirculationModule } from '../circulation';
import { DemoModule } from '../demo';
import { HoldsModule } from '../holds';
import { PatronsModule } from '../patrons';
import { PolicyModule } from '../policy';
import { PlacesModule } from '../places';
import { DemoMachinesSeeder } from './machines/demo-machines';
import { MachinesController } from './machines/machines.controller';
import { MachinesService } from './machines/machines.service';
import './selfcheck.errors';
import { Sip2Server } from './server/sip2-server';
import { CirculationMessagesService } from './sip/circulation-messages.service';
import { MachineLoginService } from './sip/machine-login.service';
import { PatronMessagesService } from './sip/patron-messages.service';
import { SelfCheckService } from './sip/self-check.service';
import { SipTransactions } from './sip/sip-session';
import './sip2.command';

/**
 * Self-check machines (自動貸出機) over SIP2: their accounts, kept by each city's
 * librarians, and the SIP2 server that lets them lend, take back, renew and look up patrons
 * and items through the desk's own services (see README.md).
 */
@Module({
  imports: [PolicyModule, PlacesModule, PatronsModule, CirculationModule, HoldsModule, CatalogModule, DemoModule],
  controllers: [MachinesController],
  providers: [
    MachinesService,
    DemoMachinesSeeder,
    SipTransactions,
    MachineLoginService,
    PatronMessagesService,
    CirculationMessagesService,
    SelfCheckService,
    Sip2Server,
  ],
  exports: [Sip2Server],
})
export class SelfCheckModule {}
