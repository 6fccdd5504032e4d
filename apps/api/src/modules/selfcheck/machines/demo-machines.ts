import { Injectable, OnModuleInit } from '@nestjs/common';
import { DemoService } from '../../demo';
import { PlacesService } from '../../places';
import { MachinesService } from './machines.service';

/** The demo's self-check machine password (every demo city has one machine, `{slug}-sip`). */
export const DEMO_SIP_PASSWORD = 'demo-sip-2468';
export const demoSipLogin = (slug: string) => `${slug}-sip`;

/** Demo seeding: one self-check machine per demo city, at its first library, allowed everything. */
@Injectable()
export class DemoMachinesSeeder implements OnModuleInit {
  constructor(
    private readonly demo: DemoService,
    private readonly machines: MachinesService,
    private readonly places: PlacesService,
  ) {}

  onModuleInit(): void {
    this.demo.registerStep({
      name: 'self-check machines',
      run: async (city) => {
        const login = demoSipLogin(city.slug);
        if ((await this.machines.list()).some((m) => m.login === login)) return;
        const branches: { code: string; name: string; active: boolean; isBookmobile: boolean }[] = await this.places.branches();
        const branch = branches.find((b) => b.active && !b.isBookmobile) ?? branches[0];
        await this.machines.create({
          login,
          name: `${branch.name} 自動貸出機（デモ）`,
          branchCode: branch.code,
          permissions: { checkout: true, checkin: true, renew: true, patronInfo: true },
          password: DEMO_SIP_PASSWORD,
        });
        return `self-check machine ${login}`;
      },
    });
  }
}
