import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { currentTenant } from '@shiori/tenancy';
import { APP_CONFIG, AppConfig } from '../../../engine/config/config';
import { ApiTags } from '@nestjs/swagger';
import { Staff } from '../../../engine/auth/auth.decorators';
import { DomainError } from '../../../engine/errors/domain-error';
import { SelfCheckErrors } from '../selfcheck.errors';
import { CreateMachineDto, MachinePasswordDto, UpdateMachineDto } from './dto/machine.dto';
import { MachinesService } from './machines.service';

const machineId = () => new ParseUUIDPipe({ exceptionFactory: () => new DomainError(SelfCheckErrors.SELF_CHECK_MACHINE_NOT_FOUND) });

/**
 * The city's self-check machines (自動貸出機) and their SIP2 logins, for its librarians. The
 * password is shown once, in the answer that sets it; it is stored as an argon2id hash.
 */
@ApiTags('self-check machines (SIP2)')
@Controller('t/:slug/admin/self-check-machines')
export class MachinesController {
  constructor(
    private readonly machines: MachinesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Staff() @Get()
  list() {
    return this.machines.list();
  }

  /** What a machine is configured with besides its login: the SIP2 port (null while SIP2 is off), TLS, and the library's ID (CP). */
  @Staff() @Get('connection')
  connection() {
    return { port: this.config.sip2?.port ?? null, tls: !!this.config.sip2?.tls, libraryId: currentTenant().slug };
  }

  /** Registers a machine; answers it with its password (`password`, given or generated), shown only now. */
  @Staff() @Post()
  create(@Body() body: CreateMachineDto) {
    return this.machines.create(body);
  }

  @Staff() @Get(':id')
  get(@Param('id', machineId()) id: string) {
    return this.machines.get(id);
  }

  /** Name, branch, what it may do, character set, in use or not (`enabled: false` ends its open connection). */
  @Staff() @Patch(':id')
  update(@Param('id', machineId()) id: string, @Body() body: UpdateMachineDto) {
    return this.machines.update(id, body);
  }

  /** A new password (given, or generated and shown once); the machine's open connection ends. */
  @Staff() @Post(':id/password') @HttpCode(200)
  password(@Param('id', machineId()) id: string, @Body() body: MachinePasswordDto) {
    return this.machines.setPassword(id, body.password);
  }

  @Staff() @Delete(':id') @HttpCode(204)
  async remove(@Param('id', machineId()) id: string): Promise<void> {
    await this.machines.remove(id);
  }
}
